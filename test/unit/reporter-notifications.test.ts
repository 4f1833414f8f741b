import { expect } from 'chai';
import type { Logger } from 'pino';
import type { RequestContact, ServiceRequest } from '../../server/intake/service-request.entity.js';
import type { MailMessage } from '../../server/mail/mailer.js';
import { ReporterNotifications } from '../../server/notifications/reporter-notifications.js';
import { FixedClock } from '../../server/platform/clock.js';
import { EventBus } from '../../server/platform/event-bus.js';
import type { WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { KENSINGTON, SHEIL_ROAD, TEST_START } from '../support/fixtures.js';
import { blankWorkOrder } from '../support/work-order-row.js';

function request(id: string, workOrderId: string, over: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id,
    reference: `KB-26-${id.padStart(6, '0')}`,
    trackingToken: `token-${id}`,
    categoryCode: 'litter',
    workOrderId,
    source: 'public',
    apiClientId: null,
    externalId: null,
    ...SHEIL_ROAD,
    postcode: null,
    address: null,
    description: 'Litter',
    publicSummary: null,
    answers: {},
    wardCode: KENSINGTON,
    zone: 2,
    createdAt: TEST_START,
    ...over,
  };
}

/** Notifications over in-memory requests, contacts and notices, with a mailer that records (or fails). */
function fakeNotifications(opts: { mailFails?: boolean } = {}) {
  const events = new EventBus();
  const workOrders = new Map<string, WorkOrder>();
  const requests: ServiceRequest[] = [];
  const contacts: RequestContact[] = [];
  const notices = new Map<string, string>();
  const sent: MailMessage[] = [];
  const logged: unknown[] = [];
  const notifications = new ReporterNotifications({
    notices: {
      claim: async (requestId, kind) => {
        if (notices.has(`${requestId}/${kind}`)) throw new Error('duplicate key');
        notices.set(`${requestId}/${kind}`, 'sending');
      },
      setStatus: async (requestId, kind, status) => void notices.set(`${requestId}/${kind}`, status),
    },
    followers: { activeOf: async () => [] },
    requests: {
      findRequestById: async (id) => requests.find((r) => r.id === id) ?? null,
      findAttachedTo: async (workOrderId) => requests.filter((r) => r.workOrderId === workOrderId),
      findContact: async (requestId) => contacts.find((c) => c.requestId === requestId) ?? null,
    },
    workOrderRows: {
      findById: async (id) => workOrders.get(id) ?? null,
      findLastMoveInto: async () => null,
      idsMergedInto: async () => [],
    },
    categories: { find: async () => null },
    wardLocator: { ward: () => undefined },
    mailer: {
      description: 'in memory',
      send: async (m) => {
        if (opts.mailFails) throw new Error('550 mailbox unavailable for resident@example.org');
        sent.push(m);
        return { messageId: String(sent.length) };
      },
    },
    events,
    clock: new FixedClock(new Date(TEST_START)),
    config: { councilName: 'Liverpool City Council', publicBaseUrl: 'https://kerbside.example', timeZone: 'Europe/London' },
    logger: { warn: (o: unknown) => void logged.push(o), error: (o: unknown) => void logged.push(o) } as unknown as Logger,
  });
  notifications.listen();
  const close = (wo: WorkOrder) => {
    workOrders.set(wo.id, wo);
    events.publish({ type: 'work_order.updated', workOrderId: wo.id, data: { status: wo.status } });
  };
  return { notifications, workOrders, requests, contacts, notices, sent, logged, close };
}

describe('ReporterNotifications with in-memory collaborators', () => {
  it('When a work order is completed, then each emailed reporter is told once, and an Open311 sender’s reporter is left to the sender', async () => {
    const f = fakeNotifications();
    const wo = blankWorkOrder(TEST_START, { status: 'completed', completedAt: TEST_START });
    f.requests.push(request('1', wo.id), request('2', wo.id), request('3', wo.id, { source: 'open311' }));
    f.contacts.push(
      { requestId: '1', name: null, email: 'one@example.org', phone: null },
      { requestId: '2', name: 'No email', email: null, phone: '0151 000 0000' },
      { requestId: '3', name: null, email: 'fms@example.org', phone: null },
    );

    f.close(wo);
    f.close(wo);
    await f.notifications.settled();

    expect(f.sent.map((m) => [m.to, m.subject])).to.deep.equal([['one@example.org', 'Cleared: your report KB-26-000001']]);
    expect(f.sent[0].text).to.contain('https://kerbside.example/track/token-1');
    expect([...f.notices.values()]).to.deep.equal(['sent']);
  });

  it('When a work order is closed without being fixed, then the reporter hears the reason in plain words', async () => {
    const f = fakeNotifications();
    const wo = blankWorkOrder(TEST_START, { status: 'not_completed', outcomeReason: 'vehicle_parked' });
    f.requests.push(request('7', wo.id));
    f.contacts.push({ requestId: '7', name: null, email: 'seven@example.org', phone: null });

    f.close(wo);
    await f.notifications.settled();

    expect(f.sent[0].subject).to.equal('Closed without clearing: your report KB-26-000007');
    expect(f.sent[0].text).to.contain('a vehicle was parked over it');
  });

  it('When the mail server refuses, then the notice is marked failed and the log names the reference but not the address', async () => {
    const f = fakeNotifications({ mailFails: true });
    const wo = blankWorkOrder(TEST_START, { status: 'completed' });
    f.requests.push(request('9', wo.id));
    f.contacts.push({ requestId: '9', name: null, email: 'resident@example.org', phone: null });

    f.close(wo);
    await f.notifications.settled();

    expect([...f.notices.values()]).to.deep.equal(['failed']);
    expect(JSON.stringify(f.logged)).to.contain('KB-26-000009').and.not.contain('resident@example.org');
  });
});
