import type { WorkOrderStatus } from '../work-orders/work-order.state.js';

/** Words a resident understands, one per status. */
export const PUBLIC_STATUS: Readonly<Record<WorkOrderStatus, string>> = Object.freeze({
  new: 'Received',
  accepted: 'Accepted: a crew will be sent',
  scheduled: 'Scheduled',
  assigned: 'A crew has it on today\u2019s list',
  in_progress: 'A crew is on site',
  completed: 'Cleared',
  not_completed: 'Closed: not cleared',
  partially_completed: 'Closed: partly cleared',
  rejected: 'Closed: no action',
  cancelled: 'Cancelled',
  duplicate: 'Joined with another report of the same problem',
  not_responsible: 'Closed: not the council\u2019s responsibility',
  reopened: 'Reopened',
});

/**
 * How a report's place is named to the public (tracking page, public page, emails): the office-reviewed place, else
 * the stored postcode, else the postcode nearest the point (reports made by pin have none stored), else the ward.
 * Never the resident's landmark text: these pages and links get forwarded.
 */
export async function publicPlaceOf(
  at: { publicPlace: string | null; postcode: string | null; lat: number; lng: number; wardCode: string },
  deps: { postcodes: { nearest(lat: number, lng: number): Promise<string | null> }; wardLocator: { ward(code: string): { name: string } | null | undefined } },
): Promise<string> {
  return at.publicPlace ?? at.postcode ?? (await deps.postcodes.nearest(at.lat, at.lng)) ?? `${deps.wardLocator.ward(at.wardCode)?.name ?? at.wardCode} ward`;
}
