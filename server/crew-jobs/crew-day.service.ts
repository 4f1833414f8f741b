/** The crew lead's list for today: the jobs in route order, with what the tablet needs to work without signal. */
import type { Category } from '../categories/category.entity.js';
import type { CategoryService } from '../categories/category.service.js';
import { flyTipFieldsFromAnswers } from '../categories/defra.js';
import type { Config } from '../config.js';
import type { CrewRepository } from '../crews/crew.repository.js';
import type { SessionUser } from '../http/principal.js';
import type { ServiceRequest } from '../intake/service-request.entity.js';
import type { ServiceRequestRepository } from '../intake/service-request.repository.js';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { Clock } from '../platform/clock.js';
import { localParts } from '../sla/local-time.js';
import type { WorkOrder, WorkOrderEvent } from '../work-orders/work-order.entity.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';
import type { WorkOrderStatus } from '../work-orders/work-order.state.js';
import { photoView, type PhotoView } from '../work-orders/work-order.view.js';
import { crewOf, firstAnswers, IN_HAND } from './crew-job.rules.js';

export interface CrewJobJson {
  id: string;
  reference: string;
  status: WorkOrderStatus;
  version: number;
  routeDate: string | null;
  routePosition: number | null;
  plannedStartAt: string | null;
  priority: WorkOrder['priority'];
  dueAt: string;
  deadlineState: WorkOrder['deadlineState'];
  location: { lat: number; lng: number; address: string | null; postcode: string | null; wardCode: string };
  category: { code: string; name: string; icon: string; hazard: boolean; requiresBeforePhoto: boolean; quantities: Category['quantities']; questions: Category['questions'] };
  answers: Record<string, unknown>;
  /** The moderated summary, else what the first resident wrote. */
  description: string | null;
  descriptions: string[];
  notes: { at: string; by: string; text: string }[];
  reportPhotos: PhotoView[];
  /** The crew's own evidence so far (before/after/extra), as in the work-order view. */
  photos: PhotoView[];
  quantities: Record<string, number>;
  wasteData: Record<string, string> | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface CrewDay {
  date: string;
  crew: { id: string; name: string };
  jobs: CrewJobJson[];
}

export interface CrewDayServiceDeps {
  clock: Clock;
  config: Pick<Config, 'timeZone'>;
  workOrderRepository: Pick<WorkOrderRepository, 'findCrewDayWithInHand' | 'findNotesOf'>;
  serviceRequestRepository: Pick<ServiceRequestRepository, 'findOfWorkOrders'>;
  crewRepository: Pick<CrewRepository, 'findCrewById'>;
  categories: Pick<CategoryService, 'list'>;
  photos: Pick<PhotoService, 'ofMany'>;
}

export class CrewDayService {
  constructor(private readonly deps: CrewDayServiceDeps) {}

  /** The crew's day in route order: today's route plus whatever is in their hands from other days. */
  async jobsForToday(user: SessionUser): Promise<CrewDay> {
    const d = this.deps;
    const crewId = crewOf(user);
    const date = localParts(d.clock.now(), d.config.timeZone).date;
    const crew = await d.crewRepository.findCrewById(crewId);
    const orders = await d.workOrderRepository.findCrewDayWithInHand(crewId, date, IN_HAND);
    orders.sort(
      (a, b) =>
        (a.routeDate ?? '').localeCompare(b.routeDate ?? '') ||
        (a.routePosition ?? Number.MAX_SAFE_INTEGER) - (b.routePosition ?? Number.MAX_SAFE_INTEGER) ||
        a.dueAt.localeCompare(b.dueAt) ||
        a.reference.localeCompare(b.reference),
    );
    const categories = new Map((await d.categories.list({ includeInactive: true })).map((c) => [c.code, c]));
    // A handful of queries for the whole day, not a handful per job: the tablet refreshes this often on a poor line.
    const ids = orders.map((o) => o.id);
    const requests = await d.serviceRequestRepository.findOfWorkOrders(ids);
    const photos = await d.photos.ofMany({ workOrderIds: ids, requestIds: requests.map((r) => r.id) });
    const notes = await d.workOrderRepository.findNotesOf(ids);
    const jobs = orders.map((wo) => {
      const own = requests.filter((r) => r.workOrderId === wo.id);
      const requestIds = new Set(own.map((r) => r.id));
      return jobJson(wo, categories.get(wo.categoryCode), {
        requests: own,
        reportPhotos: photos.filter((p) => p.requestId !== null && requestIds.has(p.requestId)),
        crewPhotos: photos.filter((p) => p.workOrderId === wo.id),
        noteEvents: notes.filter((e) => e.workOrderId === wo.id),
      });
    });
    return { date, crew: { id: crewId, name: crew?.name ?? '' }, jobs };
  }
}

function jobJson(
  wo: WorkOrder,
  category: Category | undefined,
  related: { requests: ServiceRequest[]; reportPhotos: Photo[]; crewPhotos: Photo[]; noteEvents: WorkOrderEvent[] },
): CrewJobJson {
  const { requests, reportPhotos, crewPhotos, noteEvents } = related;
  const answers = firstAnswers(requests);
  return {
    id: wo.id,
    reference: wo.reference,
    status: wo.status,
    version: wo.version,
    routeDate: wo.routeDate,
    routePosition: wo.routePosition,
    plannedStartAt: wo.plannedStartAt,
    priority: wo.priority,
    dueAt: wo.dueAt,
    deadlineState: wo.deadlineState,
    location: { lat: wo.lat, lng: wo.lng, address: wo.address, postcode: wo.postcode, wardCode: wo.wardCode },
    category: {
      code: wo.categoryCode,
      name: category?.name ?? wo.categoryCode,
      icon: category?.icon ?? 'bin',
      hazard: category?.hazard ?? false,
      requiresBeforePhoto: category?.requiresBeforePhoto ?? true,
      quantities: category?.quantities ?? [],
      // The options (Defra's fly-tip lists among them) for confirming or correcting answers offline.
      questions: category?.questions ?? [],
    },
    answers,
    description: wo.publicSummary ?? (requests.find((r) => r.description?.trim())?.description ?? null),
    // What residents wrote (never who they are: contact details live in another table and are not read here).
    descriptions: requests.map((r) => r.description).filter((d) => d && d.trim()),
    notes: noteEvents.flatMap((e) => (e.note ? [{ at: e.createdAt, by: e.actorLabel, text: e.note }] : [])),
    reportPhotos: reportPhotos.map(photoView),
    photos: crewPhotos.map(photoView),
    quantities: wo.quantities ?? {},
    wasteData: wo.wasteData ?? flyTipFieldsFromAnswers(category, answers),
    startedAt: wo.startedAt,
    completedAt: wo.completedAt,
  };
}
