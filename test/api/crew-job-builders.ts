/** Small builders for the crew-evidence tests: a job on a crew's day, photo fixtures, multipart sends. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type TestAgent from 'supertest/lib/agent.js';
import { CrewEntity } from '../../server/crews/crew.entity.js';
import type { Services } from '../../server/composition-root.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { KENSINGTON, SHEIL_ROAD } from '../support/fixtures.js';
import { blankWorkOrder } from '../support/work-order-row.js';

export const PHOTO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/photos');
export const photoFile = (name: string): Buffer => readFileSync(path.join(PHOTO_DIR, name));
export const CREW1 = 'Crew 1 – Sharps & hazards';
export const CREW2 = 'Crew 2 – Fly-tip van';

export async function crewId(deps: Services, name: string): Promise<string> {
  return (await deps.db.manager.getRepository(CrewEntity).findOneByOrFail({ name })).id;
}

let seq = 0;
/** A work order on a crew's list for a date, with the 'assigned' event dispatch would have written. */
export async function jobFor(
  deps: Services,
  opts: { crew?: string | null; status?: WorkOrderStatus; category?: string; routeDate?: string | null; position?: number; lat?: number; lng?: number; wardCode?: string } = {},
): Promise<WorkOrder> {
  const now = deps.clock.now().toISOString();
  const crew = opts.crew === null ? null : await crewId(deps, opts.crew ?? CREW1);
  seq += 1;
  const wo = blankWorkOrder(now, {
    status: opts.status ?? 'assigned',
    categoryCode: opts.category ?? 'litter',
    wardCode: opts.wardCode ?? KENSINGTON,
    lat: opts.lat ?? SHEIL_ROAD.lat,
    lng: opts.lng ?? SHEIL_ROAD.lng,
    address: 'Sheil Road',
    postcode: 'L6 3AE',
    openedAt: new Date(Date.parse(now) - 3 * 3600_000).toISOString(),
    crewId: crew,
    routeDate: opts.routeDate === undefined ? now.slice(0, 10) : opts.routeDate,
    routePosition: opts.position ?? seq,
    startedAt: opts.status === 'in_progress' ? now : null,
  });
  await deps.db.manager.getRepository(WorkOrderEntity).insert(wo as never);
  if (crew) {
    await deps.db.transaction((em) =>
      deps.workOrders.addEvent(em, wo.id, { type: 'assigned', actor: { userId: null, label: 'Dispatcher' }, data: { crewId: crew, crewName: opts.crew ?? CREW1, from: { crewId: null } } }),
    );
  }
  return wo;
}

/** A crew step over the wire format: image in `photo`, the rest as JSON in `data`. */
export function send(agent: TestAgent, workOrderId: string, step: string, opts: { data?: unknown; photo?: Buffer; key?: string | null } = {}) {
  let req = agent.post(`/api/crew/jobs/${workOrderId}/${step}`);
  if (opts.key !== null) req = req.set('Idempotency-Key', opts.key ?? randomUUID());
  req = req.field('data', JSON.stringify(opts.data ?? {}));
  if (opts.photo) req = req.attach('photo', opts.photo, { filename: 'photo.jpg', contentType: 'image/jpeg' });
  return req;
}
