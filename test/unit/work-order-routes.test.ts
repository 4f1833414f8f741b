/** The dispatcher's work-order actions answer with the work order the action wrote. */
import { expect } from 'chai';
import type { Principal } from '../../server/http/principal.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { workOrderRoutes, type WorkOrderRouteDeps } from '../../server/work-orders/work-order.routes.js';
import type { WorkOrderView } from '../../server/work-orders/work-order.view.js';

const ID = '5d0c2a52-7a43-4f4e-9a57-3f1f3c1b2e10';

describe('work-order action routes', () => {
  it('When an action returns the work order it wrote, then the answer is built from that, not from a second read that may already hold a later change', async () => {
    const written = { id: ID, version: 2 } as WorkOrder;
    const laterChange = { id: ID, version: 3 } as WorkOrder;
    const wrote = async () => written;
    const deps: WorkOrderRouteDeps = {
      workOrders: { get: async () => laterChange },
      workOrderQuery: { list: async () => ({ items: [], total: 0, page: 1, pageSize: 50 }) as never },
      workOrderViews: { detail: async (wo) => ({ id: wo.id, version: wo.version }) as WorkOrderView },
      triage: {
        accept: wrote,
        reject: wrote,
        merge: async () => ({ merged: written, into: { id: 'other', version: 7 } as WorkOrder }),
        split: async () => ({ from: written, created: { id: 'new', reference: 'KB-26-000009', version: 1 } as WorkOrder }),
        recategorise: wrote,
        changePriority: wrote,
        addNote: wrote,
      },
      users: { wardCodes: async () => [] },
      jobActions: { reopen: wrote, cancel: wrote, publicUpdate: wrote },
    };
    const principal: Principal = { kind: 'user', user: { id: 'u1', email: 'dana@council.test', name: 'Dana Dispatcher', role: 'dispatcher', crewId: null } };
    const actions = workOrderRoutes(deps).filter((r) => r.method === 'post');
    expect(actions.map((r) => r.id)).to.include.members(['workOrders.accept', 'workOrders.merge', 'workOrders.split', 'workOrders.cancel', 'workOrders.publicUpdate']);
    for (const route of actions) {
      const answer = (await route.handler({ params: { id: ID }, body: { version: 1 }, query: {}, principal, req: {} as never, res: {} as never })) as { version: number };
      expect(answer.version, route.id).to.equal(2);
    }
  });
});
