/**
 * In-memory stand-ins for what the crew-job service reads and writes, so its
 * rules run without a database: the real WorkOrderService (state machine,
 * versioned change, events) over a Map, photos that are never rendered.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Category } from '../../server/categories/category.entity.js';
import { CrewJobService } from '../../server/crew-jobs/crew-job.service.js';
import type { Crew } from '../../server/crews/crew.entity.js';
import type { SessionUser } from '../../server/http/principal.js';
import type { ServiceRequest } from '../../server/intake/service-request.entity.js';
import type { Photo } from '../../server/photos/photo.entity.js';
import type { IngestOptions, PreparedPhoto } from '../../server/photos/photo.service.js';
import { FixedClock } from '../../server/platform/clock.js';
import { EventBus } from '../../server/platform/event-bus.js';
import { defaultCategories } from '../../server/seed/reference-data.js';
import type { WorkOrder, WorkOrderEvent } from '../../server/work-orders/work-order.entity.js';
import { WorkOrderService } from '../../server/work-orders/work-order.service.js';
import type { WorkOrderStatus } from '../../server/work-orders/work-order.state.js';
import { blankWorkOrder } from '../support/work-order-row.js';

/** Nothing reads it: every fake ignores the entity manager it is handed. */
const NO_EM = {} as EntityManager;

export class FakeWorkOrderRepository {
  readonly rows = new Map<string, WorkOrder>();
  readonly events: WorkOrderEvent[] = [];
  /** Runs just before a guarded update: a test's way to let someone else write first. */
  beforeUpdate: ((id: string) => void) | null = null;

  async findById(id: string): Promise<WorkOrder | null> {
    const row = this.rows.get(id);
    return row ? structuredClone(row) : null;
  }
  async insertMany(wos: WorkOrder[]): Promise<void> {
    for (const wo of wos) this.rows.set(wo.id, structuredClone(wo));
  }
  async updateIfVersion(next: WorkOrder, expectedVersion: number): Promise<boolean> {
    this.beforeUpdate?.(next.id);
    if (this.rows.get(next.id)?.version !== expectedVersion) return false;
    this.rows.set(next.id, structuredClone(next));
    return true;
  }
  async insertEvent(row: Omit<WorkOrderEvent, 'id'>): Promise<void> {
    this.events.push({ ...structuredClone(row), id: this.events.length + 1 });
  }
  async insertEvents(rows: Omit<WorkOrderEvent, 'id'>[]): Promise<void> {
    for (const row of rows) await this.insertEvent(row);
  }
  async eventsOf(workOrderId: string): Promise<WorkOrderEvent[]> {
    return this.events.filter((e) => e.workOrderId === workOrderId);
  }
  async findLastMoveInto(workOrderId: string, status: WorkOrderStatus): Promise<WorkOrderEvent | null> {
    return this.events.filter((e) => e.workOrderId === workOrderId && e.toStatus === status).at(-1) ?? null;
  }
}

export class FakePhotos {
  readonly saved: Photo[] = [];
  prepared = 0;

  async prepare(source: Buffer, opts: IngestOptions): Promise<PreparedPhoto> {
    this.prepared += 1;
    const sha256 = createHash('sha256').update(source).digest('hex');
    const existing = this.saved.find((p) => p.ownerKey === opts.ownerKey && p.sha256 === sha256);
    if (existing) return { row: existing, existing: true };
    const row: Photo = {
      id: randomUUID(), ownerKey: opts.ownerKey, workOrderId: opts.workOrderId ?? null, requestId: opts.requestId ?? null, kind: opts.kind, sha256,
      mime: 'image/jpeg', width: 800, height: 600, bytes: source.length, takenAt: null, gpsLat: null, gpsLng: null, flags: [],
      uploadedBy: opts.uploadedBy ?? null, createdAt: new Date(0).toISOString(), pending: false,
    };
    return { row, existing: false };
  }
  async save(_em: EntityManager, prepared: PreparedPhoto): Promise<Photo> {
    if (!prepared.existing) this.saved.push(prepared.row);
    return prepared.row;
  }
  async ofWorkOrder(workOrderId: string): Promise<Photo[]> {
    return this.saved.filter((p) => p.workOrderId === workOrderId);
  }
}

export const CREW_A = '00000000-0000-4000-8000-00000000000a';
export const CREW_B = '00000000-0000-4000-8000-00000000000b';

export function crewLead(crewId = CREW_A): SessionUser {
  return { id: randomUUID(), email: 'lead@example.test', name: 'Lead Lou', role: 'crew_lead', crewId };
}

/** A crew-job service over fakes, a fixed clock and the shipped categories. */
export function crewJobHarness(now = '2026-03-02T10:00:00.000Z') {
  const clock = new FixedClock(new Date(now));
  const repo = new FakeWorkOrderRepository();
  const photos = new FakePhotos();
  const requests: ServiceRequest[] = [];
  const crews: Crew[] = [CREW_A, CREW_B].map((id, i) => ({ id, name: `Crew ${i + 1}` }) as Crew);
  const categories: Category[] = defaultCategories();
  const db = {
    manager: NO_EM,
    transaction: <T>(work: (em: EntityManager) => Promise<T>) => work(NO_EM),
    lock: async () => undefined,
  };
  const workOrders = new WorkOrderService(db, clock, new EventBus(), { atRiskShare: 0.25 }, repo);
  const service = new CrewJobService({
    db,
    clock,
    workOrders,
    workOrderRepository: repo,
    serviceRequestRepository: { findOfWorkOrder: async (id) => requests.filter((r) => r.workOrderId === id) },
    crewRepository: { findCrewById: async (id) => crews.find((c) => c.id === id) ?? null },
    categories: { find: async (code) => categories.find((c) => c.code === code) ?? null },
    photos,
  });

  /** A work order on crew A's list, with the 'assigned' event dispatch writes. */
  const job = async (over: Partial<WorkOrder> = {}): Promise<WorkOrder> => {
    const wo = blankWorkOrder(new Date(Date.parse(now) - 3 * 3600_000).toISOString(), { status: 'assigned', crewId: CREW_A, ...over });
    await repo.insertMany([wo]);
    if (wo.crewId) {
      await repo.insertEvent({
        workOrderId: wo.id, type: 'assigned', fromStatus: null, toStatus: null, actorUserId: null, actorLabel: 'Dispatcher', note: null, isPublic: false,
        data: { crewId: wo.crewId, from: { crewId: null } }, createdAt: wo.openedAt,
      });
    }
    return wo;
  };

  return { clock, repo, photos, requests, service, workOrders, job };
}

export const image = (label: string): Buffer => Buffer.from(`jpeg bytes of ${label}`);
