/** Who a user is to the council: what each role may do is in server/http/access-policy.ts. */
/** Inspectors grade survey transects on the crew tablet; they see no reports or reporters. */
export const ROLES = ['admin', 'dispatcher', 'crew_lead', 'councillor', 'inspector'] as const;
export type Role = (typeof ROLES)[number];
/** Council staff may see reporters' contact details; councillors and the public never do. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'dispatcher', 'crew_lead'];
