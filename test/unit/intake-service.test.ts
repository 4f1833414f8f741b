import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import type { Category } from '../../server/categories/category.entity.js';
import { AppError } from '../../server/errors.js';
import { IntakeService, type IntakeActor, type IntakeInput, type IntakeServiceDeps } from '../../server/intake/intake.service.js';
import type { RequestContact, ServiceRequest } from '../../server/intake/service-request.entity.js';
import { FixedClock } from '../../server/platform/clock.js';
import type { WorkOrder, WorkOrderEvent } from '../../server/work-orders/work-order.entity.js';
import type { NewWorkOrder } from '../../server/work-orders/work-order.factory.js';
import { KENSINGTON, SHEIL_ROAD, TEST_START } from '../support/fixtures.js';
import { blankWorkOrder } from '../support/work-order-row.js';

const PUBLIC: IntakeActor = { kind: 'anonymous', label: 'Member of the public' };
const PARTNER: IntakeActor = { kind: 'partner', label: 'FixMyStreet', apiClientId: 'client-1' };
/** The transaction handle the fakes are given; nothing reads it. */
// Group commit's own statements (savepoints, the batch lock) go to `query`; the rest is faked below.
const EM = { query: async () => [] } as unknown as EntityManager;

function category(code: string, over: Partial<Category> = {}): Category {
  return {
    code,
    name: code,
    groupName: 'Street cleaning',
    description: '',
    icon: 'bin',
    slaPolicy: { kind: 'hours', hours: 24 },
    hazard: false,
    autoAccept: false,
    requiredSkill: 'general',
    questions: [],
    quantities: [],
    dedupeRadiusM: 50,
    serviceMinutes: 15,
    requiresBeforePhoto: false,
    active: true,
    sortOrder: 0,
    ...over,
  };
}

const CATEGORIES: Category[] = [
  category('litter'),
  category('graffiti', { questions: [{ code: 'offensive', label: 'Is it offensive?', type: 'boolean', required: false, routesTo: 'offensive-graffiti' }] }),
  category('offensive-graffiti', { autoAccept: true }),
  category('retired', { active: false }),
];

/** Intake with in-memory fakes of every collaborator, recording what it was asked to write. */
function fakeIntake() {
  const clock = new FixedClock(new Date(TEST_START));
  const workOrders = new Map<string, WorkOrder>();
  const requests: ServiceRequest[] = [];
  const contacts: RequestContact[] = [];
  const opened: NewWorkOrder[] = [];
  const events: { workOrderId: string; event: Partial<WorkOrderEvent> & { type: string } }[] = [];
  const announced: { id: string; type: string }[] = [];
  const acknowledged: string[] = [];
  let references = 0;

  const deps: IntakeServiceDeps = {
    db: {
      transactionSyncedOffLoop: async (work) => ({ value: await work(EM), durable: Promise.resolve() }),
      statementSyncedOffLoop: () => Promise.reject(new Error('intake writes its batches in a transaction')),
    },
    requests: {
      findByExternalId: async (apiClientId, externalId) => requests.find((r) => r.apiClientId === apiClientId && r.externalId === externalId) ?? null,
      findByExternalIds: async (pairs) =>
        new Map(
          pairs.flatMap((p) => requests.filter((r) => r.apiClientId === p.apiClientId && r.externalId === p.externalId).map((r) => [`${p.apiClientId}\n${p.externalId}`, r] as const)),
        ),
      lockReferenceCounters: async () => ({
        take: (series, count) =>
          series === 'KB'
            ? Array.from({ length: count }, () => `KB-26-${String(++references).padStart(6, '0')}`)
            : Array.from({ length: count }, (_, i) => `WO-26-${String(workOrders.size + i + 1).padStart(6, '0')}`),
        writeInto: () => undefined,
      }),
      insertManyForIntake: async (rows) => void requests.push(...rows),
      insertContactsForIntake: async (rows) => void contacts.push(...rows),
    },
    workOrderRows: {
      openInBoxesForIntake: async (boxes) =>
        boxes.map(({ box, categoryCode }) =>
          [...workOrders.values()]
            .filter((w) => w.categoryCode === categoryCode && ['new', 'accepted'].includes(w.status))
            .filter((w) => w.lat >= box.minLat && w.lat <= box.maxLat && w.lng >= box.minLng && w.lng <= box.maxLng),
        ),
    },
    workOrders: {
      get: async (id) => workOrders.get(id)!,
      addEvents: async (_em, added) => void events.push(...added),
      announceWith: (_plan, changed) => changed.map(({ wo, type }) => () => void announced.push({ id: wo.id, type })),
    },
    openWorkOrders: async (_em, specs, opts) => {
      const rows = specs.map((spec, i) => {
        opened.push(spec);
        const wo = blankWorkOrder(spec.openedAt, {
          id: spec.id,
          reference: opts.references[i],
          categoryCode: spec.category.code,
          status: spec.category.autoAccept ? 'accepted' : 'new',
          lat: spec.lat,
          lng: spec.lng,
          wardCode: spec.wardCode,
          zone: spec.zone,
        });
        workOrders.set(wo.id, wo);
        return wo;
      });
      events.push(...opts.thenEvents);
      return rows;
    },
    categories: { findCached: async (code) => CATEGORIES.find((c) => c.code === code) ?? null },
    postcodes: { lookup: async () => Promise.reject(new Error('no postcodes in these tests')) },
    wardLocator: {
      // Kensington is everything north of 53.3; south of it is another council's.
      wardAt: (lat) => (lat > 53.3 ? { code: KENSINGTON, name: 'Kensington and Fairfield' } : null),
      zoneAt: () => 2,
      ward: (code) => (code === KENSINGTON ? { code, name: 'Kensington and Fairfield', boundary: { type: 'Polygon', coordinates: [] } } : undefined),
    },
    photos: {
      prepareDeferred: () => Promise.reject(new Error('no photos in these tests')),
      saveForNewReports: async (_em, rows) => {
        if (rows.length) throw new Error('no photos in these tests');
      },
      renderSoon: () => undefined,
    },
    notifications: { reportReceived: (id) => void acknowledged.push(id) },
    clock,
    config: { timeZone: 'Europe/London', councilName: 'Liverpool City Council' },
  };
  return { intake: new IntakeService(deps), workOrders, requests, contacts, opened, events, announced, acknowledged };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const litter = (over: Partial<IntakeInput> = {}): IntakeInput => ({ categoryCode: 'litter', ...SHEIL_ROAD, description: 'Crisp packets everywhere', source: 'public', ...over });

describe('IntakeService with in-memory collaborators', () => {
  it('When a resident reports litter with an email, then one work order is opened, the request and contact are written and the reporter is acknowledged', async () => {
    const f = fakeIntake();
    const r = await f.intake.submit(litter({ contact: { name: ' Sam ', email: 'Sam@Example.org ' }, address: ' 12 Sheil Road ' }), PUBLIC);

    expect(f.opened).to.have.length(1);
    expect(f.opened[0]).to.include({ lat: SHEIL_ROAD.lat, lng: SHEIL_ROAD.lng, wardCode: KENSINGTON, zone: 2, address: '12 Sheil Road', openedAt: TEST_START, source: 'public' });
    expect(f.opened[0].category.code).to.equal('litter');
    expect(f.requests).to.have.length(1);
    expect(f.requests[0]).to.include({ reference: 'KB-26-000001', workOrderId: r.workOrderId, categoryCode: 'litter', description: 'Crisp packets everywhere', wardCode: KENSINGTON, createdAt: TEST_START });
    expect(f.contacts).to.deep.equal([{ requestId: r.serviceRequestId, name: 'Sam', email: 'sam@example.org', phone: null }]);
    expect(f.events, 'a new work order gets no report_added event').to.deep.equal([]);
    expect(f.announced).to.deep.equal([{ id: r.workOrderId, type: 'work_order.created' }]);
    expect(f.acknowledged).to.deep.equal([r.serviceRequestId]);
    expect(r).to.include({ reference: 'KB-26-000001', status: 'new', categoryCode: 'litter', joinedExisting: false, replayed: false });
    expect(r.ward).to.deep.equal({ code: KENSINGTON, name: 'Kensington and Fairfield' });
    expect(r.trackingToken).to.have.length.greaterThan(30);
  });

  it('When a second report arrives within the radius of an open work order, then it is attached to it with a report_added event and no new work order', async () => {
    const f = fakeIntake();
    const first = await f.intake.submit(litter(), PUBLIC);
    // About 22 m north: inside litter's 50 m.
    const second = await f.intake.submit(litter({ lat: SHEIL_ROAD.lat + 0.0002, description: 'Still there' }), PUBLIC);

    expect(second.workOrderId).to.equal(first.workOrderId);
    expect(second.joinedExisting).to.equal(true);
    expect(f.opened).to.have.length(1);
    expect(f.requests.map((r) => r.workOrderId)).to.deep.equal([first.workOrderId, first.workOrderId]);
    expect(f.events).to.have.length(1);
    expect(f.events[0].workOrderId).to.equal(first.workOrderId);
    expect(f.events[0].event).to.deep.include({ type: 'report_added', data: { requestId: second.serviceRequestId, requestReference: second.reference, source: 'public' } });
    expect(f.announced.map((a) => a.type)).to.deep.equal(['work_order.created', 'work_order.updated']);
    expect(f.acknowledged, 'no email given, no acknowledgement').to.deep.equal([]);
  });

  it('When a report arrives beyond the radius, or of another category, then it gets a work order of its own', async () => {
    const f = fakeIntake();
    const first = await f.intake.submit(litter(), PUBLIC);
    // About 110 m north: beyond litter's 50 m.
    const far = await f.intake.submit(litter({ lat: SHEIL_ROAD.lat + 0.001 }), PUBLIC);
    // About 44 m south and 40 m west: inside the candidates' box, but 59 m away.
    const corner = await f.intake.submit(litter({ lat: SHEIL_ROAD.lat - 0.0004, lng: SHEIL_ROAD.lng - 0.0006 }), PUBLIC);
    const other = await f.intake.submit({ ...litter(), categoryCode: 'graffiti' }, PUBLIC);
    expect(new Set([first.workOrderId, far.workOrderId, corner.workOrderId, other.workOrderId]).size).to.equal(4);
    expect(f.events).to.deep.equal([]);
  });

  it('When a yes to a routing question is given, then the report is filed under the category it routes to', async () => {
    const f = fakeIntake();
    const r = await f.intake.submit({ ...litter(), categoryCode: 'graffiti', answers: { offensive: 'yes' } }, PUBLIC);
    expect(r.categoryCode).to.equal('offensive-graffiti');
    expect(r.status).to.equal('accepted');
    expect(f.opened[0].answers).to.deep.equal({ offensive: true });
  });

  it('When the description is empty and the email malformed, then 400 VALIDATION_FAILED lists both and nothing is written', async () => {
    const f = fakeIntake();
    const e = await refusal(f.intake.submit(litter({ description: '  ', contact: { email: 'not-an-address' } }), PUBLIC));
    expect(e.status).to.equal(400);
    expect(e.code).to.equal('VALIDATION_FAILED');
    expect((e.details as { fields: { field: string }[] }).fields.map((p) => p.field)).to.deep.equal(['description', 'contact.email']);
    expect(f.requests).to.deep.equal([]);
    expect(f.opened).to.deep.equal([]);
  });

  it('When the category is unknown or retired, then 422 UNKNOWN_CATEGORY', async () => {
    const f = fakeIntake();
    expect((await refusal(f.intake.submit({ ...litter(), categoryCode: 'potholes' }, PUBLIC))).code).to.equal('UNKNOWN_CATEGORY');
    expect((await refusal(f.intake.submit({ ...litter(), categoryCode: 'retired' }, PUBLIC))).code).to.equal('UNKNOWN_CATEGORY');
  });

  it('When the place is outside the council area or only half given, then OUTSIDE_AREA or LOCATION_INCOMPLETE and nothing is written', async () => {
    const f = fakeIntake();
    const outside = await refusal(f.intake.submit(litter({ lat: 51.5, lng: -0.12 }), PUBLIC));
    expect(outside.code).to.equal('OUTSIDE_AREA');
    expect(outside.message).to.contain('Liverpool City Council');
    expect((await refusal(f.intake.submit(litter({ lng: null }), PUBLIC))).code).to.equal('LOCATION_INCOMPLETE');
    expect(f.requests).to.deep.equal([]);
  });

  it('When a partner resends a report with the same externalId, then the first answer comes back marked replayed and nothing new is written', async () => {
    const f = fakeIntake();
    const first = await f.intake.submit(litter({ source: 'partner', externalId: 'fms-42' }), PARTNER);
    const again = await f.intake.submit(litter({ source: 'partner', externalId: 'fms-42' }), PARTNER);
    expect(again).to.include({ serviceRequestId: first.serviceRequestId, reference: first.reference, workOrderId: first.workOrderId, replayed: true });
    expect(f.requests).to.have.length(1);
    expect(f.opened).to.have.length(1);
  });
});
