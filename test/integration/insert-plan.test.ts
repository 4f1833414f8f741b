import { expect } from 'chai';
import type { EntityManager } from 'typeorm';
import { InsertPlan } from '../../db/row-sql.js';
import { openAppDatabase } from '../../server/entities.js';
import { ServiceRequestEntity } from '../../server/intake/service-request.entity.js';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { WorkOrderEntity, WorkOrderEventEntity } from '../../server/work-orders/work-order.entity.js';
import { KENSINGTON, TEST_START } from '../support/fixtures.js';
import { freshDatabaseTarget, TEST_DB_KIND } from '../support/test-env.js';
import { blankWorkOrder } from '../support/work-order-row.js';

/** Counts the statements a transaction sends, at the driver (PostgreSQL: its pool connection; SQLite: TypeORM and better-sqlite3 both). */
function countStatements(em: EntityManager): { count: () => number } {
  let n = 0;
  const runner = em.queryRunner as unknown as { databaseConnection?: { query: (...a: unknown[]) => unknown; prepare?: (...a: unknown[]) => unknown } };
  const client = runner?.databaseConnection;
  if (TEST_DB_KIND === 'postgres' && client) {
    const query = client.query.bind(client);
    client.query = (...a: unknown[]) => {
      n++;
      return query(...a);
    };
  }
  return { count: () => n };
}

describe('writing rows of several tables as one plan', () => {
  it('When work orders, their events and requests are written as a plan, then every row is stored with its children after their parents, event ids in the order given, in one statement on PostgreSQL', async () => {
    const db = await openAppDatabase(await freshDatabaseTarget());
    try {
      const a = blankWorkOrder(TEST_START, { wardCode: KENSINGTON });
      const b = blankWorkOrder(TEST_START, { wardCode: KENSINGTON });
      const event = (workOrderId: string, type: string) => ({
        workOrderId, type, fromStatus: null, toStatus: null, actorUserId: null, actorLabel: 'test', note: null, isPublic: false, data: { type }, createdAt: TEST_START,
      });
      const request = (id: string, workOrderId: string, reference: string) => ({
        id, reference, trackingToken: `token-${id}-0123456789abcdef`, categoryCode: 'litter', workOrderId, source: 'public' as const, apiClientId: null, externalId: null,
        lat: a.lat, lng: a.lng, postcode: null, address: null, description: 'it', publicSummary: null, answers: {}, wardCode: KENSINGTON, zone: 2, createdAt: TEST_START,
      });
      let statements = -1;
      await db.transaction(async (em) => {
        const counter = countStatements(em);
        await new InsertPlan()
          .add(WorkOrderEntity, [a, b])
          .add(WorkOrderEventEntity, [event(a.id, 'created'), event(b.id, 'created'), event(a.id, 'report_added')])
          .add(ServiceRequestEntity, [request('00000000-0000-7000-8000-00000000000a', a.id, 'KB-T-1'), request('00000000-0000-7000-8000-00000000000b', b.id, 'KB-T-2')])
          .write(em);
        statements = counter.count();
      });
      if (TEST_DB_KIND === 'postgres') expect(statements, 'one statement for three tables').to.equal(1);
      const events = await db.manager.getRepository(WorkOrderEventEntity).find({ order: { id: 'ASC' } });
      expect(events.map((e) => [e.workOrderId, e.type])).to.deep.equal([[a.id, 'created'], [b.id, 'created'], [a.id, 'report_added']]);
      expect(events[0].data).to.deep.equal({ type: 'created' });
      expect((await db.manager.getRepository(ServiceRequestEntity).findOneByOrFail({ reference: 'KB-T-2' })).workOrderId).to.equal(b.id);
      expect(await db.manager.getRepository(WorkOrderEntity).countBy({ wardCode: KENSINGTON })).to.equal(2);
    } finally {
      await db.close();
    }
  });

  it('When plans of the same tables carry different numbers of rows, then on PostgreSQL they are one prepared statement, and awkward values (quotes, backslashes, braces, the word NULL, nulls, JSON, booleans, fractions) are stored as given', async () => {
    const db = await openAppDatabase(await freshDatabaseTarget());
    try {
      const awkward = ['say "hi", {ok}', 'back\\slash \\" and \'', 'NULL', '', 'Ŵêlsh ✓ ,;()'];
      const orders = awkward.map((address, i) =>
        blankWorkOrder(TEST_START, { wardCode: KENSINGTON, address, postcode: i % 2 ? null : 'L6 1AB', lat: 53.4 + i / 1000, quantities: { bags: i, 'sacks "large"': i + 0.5 } }),
      );
      const photo = (workOrderId: string, i: number): Photo => ({
        id: `00000000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`, ownerKey: `wo:${workOrderId}`, workOrderId, requestId: null, kind: 'before', sha256: 'a'.repeat(64),
        mime: 'image/jpeg', width: 10 + i, height: 20, bytes: 100, takenAt: null, gpsLat: i ? 53.41 + i / 3 : null, gpsLng: null, flags: i ? ['far_from_job'] : [],
        positionSource: null, timeSource: null, accuracyM: 2.5, crewReason: awkward[i], uploadedBy: null, createdAt: TEST_START, pending: i % 2 === 0,
      });
      const plans = [orders.slice(0, 2), orders.slice(2)];
      let preparedBefore = 0;
      let preparedAfter = 0;
      await db.transaction(async (em) => {
        const prepared = async () => Number((await em.query('SELECT COUNT(*) AS n FROM pg_prepared_statements'))[0].n);
        if (TEST_DB_KIND === 'postgres') preparedBefore = await prepared();
        for (const wos of plans) {
          await new InsertPlan()
            .add(WorkOrderEntity, wos)
            .add(PhotoEntity, wos.map((wo) => photo(wo.id, orders.indexOf(wo))))
            .write(em);
        }
        if (TEST_DB_KIND === 'postgres') preparedAfter = await prepared();
      });
      if (TEST_DB_KIND === 'postgres') expect(preparedAfter - preparedBefore, 'two and three rows: one statement text').to.equal(1);
      for (const [i, wo] of orders.entries()) {
        const stored = await db.manager.getRepository(WorkOrderEntity).findOneByOrFail({ id: wo.id });
        expect([stored.address, stored.postcode, stored.lat, stored.quantities], `work order ${i}`).to.deep.equal([wo.address, wo.postcode, wo.lat, wo.quantities]);
        const p = await db.manager.getRepository(PhotoEntity).findOneByOrFail({ workOrderId: wo.id });
        const expected = photo(wo.id, i);
        expect([p.crewReason, p.pending, p.gpsLat, p.gpsLng, p.flags, p.width, p.accuracyM], `photo ${i}`).to.deep.equal([
          expected.crewReason, expected.pending, expected.gpsLat, expected.gpsLng, expected.flags, expected.width, expected.accuracyM,
        ]);
      }
    } finally {
      await db.close();
    }
  });

  it('When one row of a plan breaks a constraint, then the whole plan is refused and nothing of it is stored', async () => {
    const db = await openAppDatabase(await freshDatabaseTarget());
    try {
      const a = blankWorkOrder(TEST_START, { wardCode: KENSINGTON });
      const request = (id: string) => ({
        id, reference: 'KB-T-SAME', trackingToken: `token-${id}-0123456789abcdef`, categoryCode: 'litter', workOrderId: a.id, source: 'public' as const, apiClientId: null,
        externalId: null, lat: a.lat, lng: a.lng, postcode: null, address: null, description: 'it', publicSummary: null, answers: {}, wardCode: KENSINGTON, zone: 2, createdAt: TEST_START,
      });
      let refused: unknown = null;
      await db
        .transaction((em) =>
          new InsertPlan()
            .add(WorkOrderEntity, [a])
            // Two requests with one reference: the unique index refuses the second.
            .add(ServiceRequestEntity, [request('00000000-0000-7000-8000-0000000000c1'), request('00000000-0000-7000-8000-0000000000c2')])
            .write(em),
        )
        .catch((e: unknown) => (refused = e));
      expect(refused, 'the unique reference refuses it').to.be.instanceOf(Error);
      expect(await db.manager.getRepository(WorkOrderEntity).countBy({ id: a.id })).to.equal(0);
      expect(await db.manager.getRepository(ServiceRequestEntity).countBy({ reference: 'KB-T-SAME' })).to.equal(0);
    } finally {
      await db.close();
    }
  });
});
