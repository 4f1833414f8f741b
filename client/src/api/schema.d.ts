/**
 * Generated from the server's OpenAPI document by `npm run gen:api-types`. Do not edit.
 */


/** OneOf type helpers */
type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
type XOR<T, U> = (T | U) extends object ? (Without<T, U> & U) | (Without<U, T> & T) : T | U;
type OneOf<T extends any[]> = T extends [infer Only] ? Only : T extends [infer A, infer B, ...infer Rest] ? OneOf<[XOR<A, B>, ...Rest]> : never;

export interface paths {
  "/healthz": {
    /**
     * Liveness: 200 when the database answers, 503 otherwise
     * @description Allowed: public
     */
    get: operations["health.check"];
  };
  "/readyz": {
    /**
     * Readiness: 200 when this instance should get traffic (database answers, migrations done, not draining), 503 otherwise
     * @description Allowed: public
     */
    get: operations["health.ready"];
  };
  "/api/postcodes/{postcode}": {
    /**
     * Where a postcode is, and its ward
     * @description Allowed: public
     */
    get: operations["postcodes.lookup"];
  };
  "/api/wards": {
    /**
     * Wards with boundaries (GeoJSON FeatureCollection)
     * @description Allowed: public
     */
    get: operations["wards.list"];
  };
  "/api/categories": {
    /**
     * Active categories with their questions and service levels (all=true: inactive ones too, admins only)
     * @description Allowed: public
     */
    get: operations["categories.list"];
    /**
     * Add a category (on the public form at once)
     * @description Allowed: admin
     */
    post: operations["categories.create"];
  };
  "/api/config": {
    /**
     * What the client needs to know: council name, map tiles
     * @description Allowed: public
     */
    get: operations["config.public"];
  };
  "/api/categories/{code}": {
    /**
     * Change a category; active:false hides it from reporters, work orders keep it
     * @description Allowed: admin
     */
    patch: operations["categories.update"];
  };
  "/api/auth/login": {
    /**
     * Log in with email and password; sets the session cookie
     * @description Allowed: public
     */
    post: operations["auth.login"];
  };
  "/api/auth/logout": {
    /**
     * End the session
     * @description Allowed: public
     */
    post: operations["auth.logout"];
  };
  "/api/auth/me": {
    /**
     * The logged-in user
     * @description Allowed: admin, dispatcher, crew_lead, councillor
     */
    get: operations["auth.me"];
  };
  "/api/auth/csrf": {
    /**
     * A CSRF token to send as x-csrf-token on cookie-authenticated writes
     * @description Allowed: public
     */
    get: operations["auth.csrf"];
  };
  "/api/users": {
    /**
     * All users with roles and ward subscriptions
     * @description Allowed: admin
     */
    get: operations["users.list"];
    /**
     * Create a user
     * @description Allowed: admin
     */
    post: operations["users.create"];
  };
  "/api/users/{id}": {
    /**
     * Change a user (role, crew, wards, active, password)
     * @description Allowed: admin
     */
    patch: operations["users.update"];
  };
  "/api/api-clients": {
    /**
     * Partner API keys (never the keys themselves)
     * @description Allowed: admin
     */
    get: operations["apiClients.list"];
    /**
     * Create a partner API key; the key is shown only in this answer
     * @description Allowed: admin
     */
    post: operations["apiClients.create"];
  };
  "/api/api-clients/{id}/revoke": {
    /**
     * Revoke a partner API key
     * @description Allowed: admin
     */
    post: operations["apiClients.revoke"];
  };
  "/api/reports": {
    /**
     * Report a problem (JSON, or multipart with up to 3 photos in `photos`); residents, partners and staff
     * @description Allowed: public
     */
    post: operations["reports.create"];
  };
  "/api/track/{trackingToken}": {
    /**
     * A reporter's view of their report: status and public timeline (no staff notes, no other reporters)
     * @description Allowed: public
     */
    get: operations["reports.track"];
  };
  "/api/work-orders": {
    /**
     * Work orders, most urgent deadline first; filters status (comma list), ward, category, crew, dueBefore, atRisk, overdue, source; paged
     * @description Allowed: admin, dispatcher, crew_lead, councillor
     */
    get: operations["workOrders.list"];
  };
  "/api/work-orders/{id}": {
    /**
     * One work order with its reports, history and photos (reporter contact for staff roles only)
     * @description Allowed: admin, dispatcher, crew_lead, councillor
     */
    get: operations["workOrders.get"];
  };
  "/api/work-orders/{id}/accept": {
    /**
     * Accept a new work order into planning
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.accept"];
  };
  "/api/work-orders/{id}/reject": {
    /**
     * Reject with a reason; `message` is shown and emailed to the reporters
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.reject"];
  };
  "/api/work-orders/{id}/merge": {
    /**
     * Mark as a duplicate of another open work order; its reports move there
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.merge"];
  };
  "/api/work-orders/{id}/split": {
    /**
     * Move one report out into a new work order of its own
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.split"];
  };
  "/api/work-orders/{id}/recategorise": {
    /**
     * Change the category; the deadline is recomputed from the first report
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.recategorise"];
  };
  "/api/work-orders/{id}/priority": {
    /**
     * Change the priority
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.priority"];
  };
  "/api/work-orders/{id}/notes": {
    /**
     * Add an internal note (staff only; never shown to reporters or councillors)
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.note"];
  };
  "/api/crews": {
    /**
     * Active crews with skills, depot, capacity and shift
     * @description Allowed: admin, dispatcher, crew_lead
     */
    get: operations["crews.list"];
    /**
     * Create a crew
     * @description Allowed: admin, dispatcher
     */
    post: operations["crews.create"];
  };
  "/api/crews/{id}": {
    /**
     * One crew
     * @description Allowed: admin, dispatcher, crew_lead
     */
    get: operations["crews.get"];
    /**
     * Retire a crew (kept for history; refused while it has open work)
     * @description Allowed: admin, dispatcher
     */
    delete: operations["crews.retire"];
    /**
     * Change a crew (optimistic: send its version)
     * @description Allowed: admin, dispatcher
     */
    patch: operations["crews.update"];
  };
  "/api/crews/{id}/day": {
    /**
     * A crew's day: shift and work orders in route order (crew leads: their own crew only)
     * @description Allowed: admin, dispatcher, crew_lead
     */
    get: operations["crews.day"];
  };
  "/api/work-orders/{id}/assign": {
    /**
     * Assign to a crew's day at a position, move to another crew, or reorder within the day
     * @description Allowed: admin, dispatcher
     */
    post: operations["dispatch.assign"];
  };
  "/api/work-orders/{id}/unassign": {
    /**
     * Take a work order off its crew's day
     * @description Allowed: admin, dispatcher
     */
    post: operations["dispatch.unassign"];
  };
  "/api/plans": {
    /**
     * Plans made for a date, newest first
     * @description Allowed: admin, dispatcher
     */
    get: operations["plans.list"];
    /**
     * Plan every crew's day for a date (a draft to publish)
     * @description Allowed: admin, dispatcher
     */
    post: operations["plans.create"];
  };
  "/api/plans/{id}": {
    /**
     * One plan with its assignments
     * @description Allowed: admin, dispatcher
     */
    get: operations["plans.get"];
  };
  "/api/plans/{id}/publish": {
    /**
     * Publish a draft plan onto the crews' days
     * @description Allowed: admin, dispatcher
     */
    post: operations["plans.publish"];
  };
  "/api/sweeps": {
    /**
     * Recurring sweeps
     * @description Allowed: admin, dispatcher
     */
    get: operations["sweeps.list"];
    /**
     * Define a recurring sweep (recurrence: 5-field cron, Europe/London)
     * @description Allowed: admin
     */
    post: operations["sweeps.create"];
  };
  "/api/sweeps/{id}": {
    /**
     * Change or pause a sweep (send its version)
     * @description Allowed: admin
     */
    patch: operations["sweeps.update"];
  };
  "/api/hotspots": {
    /**
     * Hotspot suggestions (default: the ones waiting for a decision)
     * @description Allowed: admin, dispatcher
     */
    get: operations["hotspots.list"];
  };
  "/api/hotspots/{id}/accept": {
    /**
     * Accept a suggestion: it becomes a recurring sweep
     * @description Allowed: admin, dispatcher
     */
    post: operations["hotspots.accept"];
  };
  "/api/hotspots/{id}/dismiss": {
    /**
     * Dismiss a suggestion
     * @description Allowed: admin, dispatcher
     */
    post: operations["hotspots.dismiss"];
  };
  "/api/photos/{id}": {
    /**
     * A stored photo (EXIF stripped): staff any; councillors their wards; others only before/after photos of fixed jobs (ETag; 304 on If-None-Match)
     * @description Allowed: public
     */
    get: operations["photos.get"];
  };
  "/api/crew/today": {
    /**
     * The crew's jobs for today in route order, with what the tablet needs offline (ETag; 304 on If-None-Match)
     * @description Allowed: crew_lead
     */
    get: operations["crewJobs.today"];
  };
  "/api/crew/jobs/{id}/start": {
    /**
     * Start a job (before photo required unless the category says otherwise). Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: crew_lead
     */
    post: operations["crewJobs.start"];
  };
  "/api/crew/jobs/{id}/complete": {
    /**
     * Close a job as fixed: after photo, quantities, fly-tip Defra fields, note. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: crew_lead
     */
    post: operations["crewJobs.complete"];
  };
  "/api/crew/jobs/{id}/not-completed": {
    /**
     * Could not do the job: reason code (+ note); it goes back to the dispatcher. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: crew_lead
     */
    post: operations["crewJobs.notCompleted"];
  };
  "/api/crew/jobs/{id}/partial": {
    /**
     * Partly done: quantities so far, note, optional photo. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: crew_lead
     */
    post: operations["crewJobs.partial"];
  };
  "/api/crew/jobs/{id}/photos": {
    /**
     * Add an extra photo to a job. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: crew_lead
     */
    post: operations["crewJobs.photos"];
  };
  "/api/wards/{code}/reports/weekly": {
    /**
     * The weekly PDF report for a ward (default: last complete week). Finished weeks are archived and always served as first stored.
     * @description Allowed: admin, dispatcher, councillor
     */
    get: operations["weeklyReports.pdf"];
  };
  "/api/wards/{code}/reports": {
    /**
     * Archived weekly reports of a ward, newest first
     * @description Allowed: admin, dispatcher, councillor
     */
    get: operations["weeklyReports.list"];
  };
  "/api/weekly-reports/deliveries": {
    /**
     * Weekly-report emails to councillors with their status, attempts and last error
     * @description Allowed: admin
     */
    get: operations["weeklyReports.deliveries"];
  };
  "/api/weekly-reports/deliveries/{id}/resend": {
    /**
     * Send a weekly-report email again now
     * @description Allowed: admin
     */
    post: operations["weeklyReports.resend"];
  };
  "/api/zones": {
    /**
     * Code of Practice zones (1–4) with their boundaries; outside every zone the default zone applies
     * @description Allowed: admin, dispatcher
     */
    get: operations["zones.list"];
    /**
     * Draw a zone; new reports inside it get its response time (work orders already filed keep theirs)
     * @description Allowed: admin
     */
    post: operations["zones.create"];
  };
  "/api/zones/{id}": {
    /**
     * Delete a zone; new reports there fall to another zone or the default
     * @description Allowed: admin
     */
    delete: operations["zones.delete"];
    /**
     * Change a zone’s name, number, note or boundary; applies to new reports only
     * @description Allowed: admin
     */
    patch: operations["zones.update"];
  };
  "/api/settings": {
    /**
     * Every administrator-editable setting, defaults filled in
     * @description Allowed: admin
     */
    get: operations["settings.list"];
  };
  "/api/settings/{key}": {
    /**
     * Replace one setting group; fields left out take their defaults
     * @description Allowed: admin
     */
    put: operations["settings.update"];
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
  };
  responses: never;
  parameters: {
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export interface operations {

  /**
   * Liveness: 200 when the database answers, 503 otherwise
   * @description Allowed: public
   */
  "health.check": {
    responses: {
      /** @description Healthy */
      200: {
        content: {
          "application/json": {
            /** @enum {string} */
            status: "ok";
          };
        };
      };
      /** @description Database unreachable */
      503: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Readiness: 200 when this instance should get traffic (database answers, migrations done, not draining), 503 otherwise
   * @description Allowed: public
   */
  "health.ready": {
    responses: {
      /** @description Ready */
      200: {
        content: {
          "application/json": {
            /** @enum {string} */
            status: "ready";
          };
        };
      };
      /** @description Not ready: starting, draining or database unreachable */
      503: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Where a postcode is, and its ward
   * @description Allowed: public
   */
  "postcodes.lookup": {
    parameters: {
      path: {
        postcode: string;
      };
    };
    responses: {
      /** @description Found */
      200: {
        content: {
          "application/json": {
            postcode: string;
            lat: number;
            lng: number;
            ward: {
              code: string;
              name: string;
            } | null;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Wards with boundaries (GeoJSON FeatureCollection)
   * @description Allowed: public
   */
  "wards.list": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Active categories with their questions and service levels (all=true: inactive ones too, admins only)
   * @description Allowed: public
   */
  "categories.list": {
    parameters: {
      query?: {
        all?: "true" | "false";
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Add a category (on the public form at once)
   * @description Allowed: admin
   */
  "categories.create": {
    requestBody?: {
      content: {
        "application/json": {
          code: string;
          name: string;
          groupName: string;
          description?: string;
          icon?: string;
          slaPolicy: OneOf<[{
            /** @enum {string} */
            kind: "hours";
            hours: number;
          }, {
            /** @enum {string} */
            kind: "working_days";
            days: number;
          }, {
            /** @enum {string} */
            kind: "zone";
          }]>;
          hazard?: boolean;
          autoAccept?: boolean;
          /** @enum {string} */
          requiredSkill?: "sharps" | "fly-tip-van" | "graffiti-removal" | "general";
          questions?: ({
              code: string;
              label: string;
              /** @enum {string} */
              type: "number" | "boolean" | "single" | "multi" | "text" | "datetime";
              /** @default false */
              required?: boolean;
              options?: {
                  key: string;
                  label: string;
                }[];
              min?: number;
              max?: number;
              help?: string;
              routesTo?: string;
            })[];
          quantities?: {
              code: string;
              label: string;
              unit?: string;
              min: number;
              max: number;
            }[];
          dedupeRadiusM?: number;
          serviceMinutes?: number;
          requiresBeforePhoto?: boolean;
          active?: boolean;
          sortOrder?: number;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * What the client needs to know: council name, map tiles
   * @description Allowed: public
   */
  "config.public": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change a category; active:false hides it from reporters, work orders keep it
   * @description Allowed: admin
   */
  "categories.update": {
    parameters: {
      path: {
        code: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          code?: string;
          name?: string;
          groupName?: string;
          description?: string;
          icon?: string;
          slaPolicy?: OneOf<[{
            /** @enum {string} */
            kind: "hours";
            hours: number;
          }, {
            /** @enum {string} */
            kind: "working_days";
            days: number;
          }, {
            /** @enum {string} */
            kind: "zone";
          }]>;
          hazard?: boolean;
          autoAccept?: boolean;
          /** @enum {string} */
          requiredSkill?: "sharps" | "fly-tip-van" | "graffiti-removal" | "general";
          questions?: ({
              code: string;
              label: string;
              /** @enum {string} */
              type: "number" | "boolean" | "single" | "multi" | "text" | "datetime";
              /** @default false */
              required?: boolean;
              options?: {
                  key: string;
                  label: string;
                }[];
              min?: number;
              max?: number;
              help?: string;
              routesTo?: string;
            })[];
          quantities?: {
              code: string;
              label: string;
              unit?: string;
              min: number;
              max: number;
            }[];
          dedupeRadiusM?: number;
          serviceMinutes?: number;
          requiresBeforePhoto?: boolean;
          active?: boolean;
          sortOrder?: number;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Log in with email and password; sets the session cookie
   * @description Allowed: public
   */
  "auth.login": {
    requestBody?: {
      content: {
        "application/json": {
          /** Format: email */
          email: string;
          password: string;
        };
      };
    };
    responses: {
      /** @description Logged in */
      200: {
        content: {
          "application/json": {
            user: {
              id: string;
              email: string;
              name: string;
              /** @enum {string} */
              role: "admin" | "dispatcher" | "crew_lead" | "councillor";
              crewId: string | null;
            };
            csrfToken: string;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * End the session
   * @description Allowed: public
   */
  "auth.logout": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * The logged-in user
   * @description Allowed: admin, dispatcher, crew_lead, councillor
   */
  "auth.me": {
    responses: {
      /** @description Current user */
      200: {
        content: {
          "application/json": {
            user: {
              id: string;
              email: string;
              name: string;
              /** @enum {string} */
              role: "admin" | "dispatcher" | "crew_lead" | "councillor";
              crewId: string | null;
            };
            wardCodes: string[];
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * A CSRF token to send as x-csrf-token on cookie-authenticated writes
   * @description Allowed: public
   */
  "auth.csrf": {
    responses: {
      /** @description Token */
      200: {
        content: {
          "application/json": {
            token: string;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * All users with roles and ward subscriptions
   * @description Allowed: admin
   */
  "users.list": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Create a user
   * @description Allowed: admin
   */
  "users.create": {
    requestBody?: {
      content: {
        "application/json": {
          /** Format: email */
          email: string;
          name: string;
          /** @enum {string} */
          role: "admin" | "dispatcher" | "crew_lead" | "councillor";
          password: string;
          /** Format: uuid */
          crewId?: string | null;
          wardCodes?: string[];
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change a user (role, crew, wards, active, password)
   * @description Allowed: admin
   */
  "users.update": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          name?: string;
          /** @enum {string} */
          role?: "admin" | "dispatcher" | "crew_lead" | "councillor";
          active?: boolean;
          /** Format: uuid */
          crewId?: string | null;
          emailOptOut?: boolean;
          password?: string;
          wardCodes?: string[];
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Partner API keys (never the keys themselves)
   * @description Allowed: admin
   */
  "apiClients.list": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Create a partner API key; the key is shown only in this answer
   * @description Allowed: admin
   */
  "apiClients.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Revoke a partner API key
   * @description Allowed: admin
   */
  "apiClients.revoke": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Report a problem (JSON, or multipart with up to 3 photos in `photos`); residents, partners and staff
   * @description Allowed: public
   */
  "reports.create": {
    requestBody?: {
      content: {
        "application/json": {
          categoryCode: string;
          lat?: number | null;
          lng?: number | null;
          postcode?: string | null;
          address?: string | null;
          /** @default */
          description?: string;
          /** @default {} */
          answers?: {
            [key: string]: unknown;
          };
          name?: string | null;
          email?: string | null;
          phone?: string | null;
          externalId?: string | null;
        };
      };
    };
    responses: {
      /** @description Received */
      201: {
        content: {
          "application/json": {
            reference: string;
            trackingToken: string;
            workOrderId: string;
            ward: {
              code: string;
              name: string;
            };
            dueAt: string;
            status: string;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * A reporter's view of their report: status and public timeline (no staff notes, no other reporters)
   * @description Allowed: public
   */
  "reports.track": {
    parameters: {
      path: {
        trackingToken: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Work orders, most urgent deadline first; filters status (comma list), ward, category, crew, dueBefore, atRisk, overdue, source; paged
   * @description Allowed: admin, dispatcher, crew_lead, councillor
   */
  "workOrders.list": {
    parameters: {
      query?: {
        status?: string;
        ward?: string;
        category?: string;
        crew?: string;
        dueBefore?: string;
        atRisk?: "true" | "false";
        overdue?: "true" | "false";
        source?: "public" | "partner" | "open311" | "staff" | "sweep";
        page?: number;
        pageSize?: number;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * One work order with its reports, history and photos (reporter contact for staff roles only)
   * @description Allowed: admin, dispatcher, crew_lead, councillor
   */
  "workOrders.get": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Accept a new work order into planning
   * @description Allowed: admin, dispatcher
   */
  "workOrders.accept": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Reject with a reason; `message` is shown and emailed to the reporters
   * @description Allowed: admin, dispatcher
   */
  "workOrders.reject": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          /**
           * @default other
           * @enum {string}
           */
          reason?: "not_council_land" | "not_found" | "already_cleared" | "not_street_cleansing" | "insufficient_detail" | "other";
          message: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Mark as a duplicate of another open work order; its reports move there
   * @description Allowed: admin, dispatcher
   */
  "workOrders.merge": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          /** Format: uuid */
          intoId: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Move one report out into a new work order of its own
   * @description Allowed: admin, dispatcher
   */
  "workOrders.split": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          /** Format: uuid */
          requestId: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change the category; the deadline is recomputed from the first report
   * @description Allowed: admin, dispatcher
   */
  "workOrders.recategorise": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          categoryCode: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change the priority
   * @description Allowed: admin, dispatcher
   */
  "workOrders.priority": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          /** @enum {string} */
          priority: "urgent" | "high" | "normal" | "low";
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Add an internal note (staff only; never shown to reporters or councillors)
   * @description Allowed: admin, dispatcher
   */
  "workOrders.note": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          note: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Active crews with skills, depot, capacity and shift
   * @description Allowed: admin, dispatcher, crew_lead
   */
  "crews.list": {
    parameters: {
      query?: {
        includeInactive?: "true" | "false";
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Create a crew
   * @description Allowed: admin, dispatcher
   */
  "crews.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
          depotLat: number;
          depotLng: number;
          /** Format: uuid */
          leadUserId?: string | null;
          members?: string[];
          skills: ("sharps" | "fly-tip-van" | "graffiti-removal" | "general")[];
          capacity?: number;
          shift: {
            days: number[];
            start: string;
            end: string;
          };
          exceptions?: {
              date: string;
              available: boolean;
              start?: string;
              end?: string;
              reason: string;
            }[];
          active?: boolean;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * One crew
   * @description Allowed: admin, dispatcher, crew_lead
   */
  "crews.get": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Retire a crew (kept for history; refused while it has open work)
   * @description Allowed: admin, dispatcher
   */
  "crews.retire": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change a crew (optimistic: send its version)
   * @description Allowed: admin, dispatcher
   */
  "crews.update": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          name?: string;
          depotLat?: number;
          depotLng?: number;
          /** Format: uuid */
          leadUserId?: string | null;
          members?: string[];
          skills?: ("sharps" | "fly-tip-van" | "graffiti-removal" | "general")[];
          capacity?: number;
          shift?: {
            days: number[];
            start: string;
            end: string;
          };
          exceptions?: {
              date: string;
              available: boolean;
              start?: string;
              end?: string;
              reason: string;
            }[];
          active?: boolean;
          version: number;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * A crew's day: shift and work orders in route order (crew leads: their own crew only)
   * @description Allowed: admin, dispatcher, crew_lead
   */
  "crews.day": {
    parameters: {
      query?: {
        date?: string;
      };
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Assign to a crew's day at a position, move to another crew, or reorder within the day
   * @description Allowed: admin, dispatcher
   */
  "dispatch.assign": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          /** Format: uuid */
          crewId: string;
          version: number;
          position?: number;
          date?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Take a work order off its crew's day
   * @description Allowed: admin, dispatcher
   */
  "dispatch.unassign": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Plans made for a date, newest first
   * @description Allowed: admin, dispatcher
   */
  "plans.list": {
    parameters: {
      query?: {
        date?: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Plan every crew's day for a date (a draft to publish)
   * @description Allowed: admin, dispatcher
   */
  "plans.create": {
    requestBody?: {
      content: {
        "application/json": {
          date?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * One plan with its assignments
   * @description Allowed: admin, dispatcher
   */
  "plans.get": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Publish a draft plan onto the crews' days
   * @description Allowed: admin, dispatcher
   */
  "plans.publish": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Recurring sweeps
   * @description Allowed: admin, dispatcher
   */
  "sweeps.list": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Define a recurring sweep (recurrence: 5-field cron, Europe/London)
   * @description Allowed: admin
   */
  "sweeps.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
          categoryCode: string;
          points: ({
              lat: number;
              lng: number;
              address?: string | null;
            })[];
          recurrence: string;
          active?: boolean;
        };
      };
    };
    responses: {
      /** @description OK */
      201: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change or pause a sweep (send its version)
   * @description Allowed: admin
   */
  "sweeps.update": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          name?: string;
          categoryCode?: string;
          points?: ({
              lat: number;
              lng: number;
              address?: string | null;
            })[];
          recurrence?: string;
          active?: boolean;
          version: number;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Hotspot suggestions (default: the ones waiting for a decision)
   * @description Allowed: admin, dispatcher
   */
  "hotspots.list": {
    parameters: {
      query?: {
        status?: "suggested" | "accepted" | "dismissed";
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Accept a suggestion: it becomes a recurring sweep
   * @description Allowed: admin, dispatcher
   */
  "hotspots.accept": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          recurrence: string;
          name?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Dismiss a suggestion
   * @description Allowed: admin, dispatcher
   */
  "hotspots.dismiss": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * A stored photo (EXIF stripped): staff any; councillors their wards; others only before/after photos of fixed jobs (ETag; 304 on If-None-Match)
   * @description Allowed: public
   */
  "photos.get": {
    parameters: {
      query?: {
        size?: "thumb" | "full";
      };
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The image */
      200: {
        content: never;
      };
      /** @description Not modified (If-None-Match matched) */
      304: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * The crew's jobs for today in route order, with what the tablet needs offline (ETag; 304 on If-None-Match)
   * @description Allowed: crew_lead
   */
  "crewJobs.today": {
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Start a job (before photo required unless the category says otherwise). Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: crew_lead
   */
  "crewJobs.start": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description Every field except the photo, as one JSON object (a string in multipart) */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Close a job as fixed: after photo, quantities, fly-tip Defra fields, note. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: crew_lead
   */
  "crewJobs.complete": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description Every field except the photo, as one JSON object (a string in multipart) */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Could not do the job: reason code (+ note); it goes back to the dispatcher. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: crew_lead
   */
  "crewJobs.notCompleted": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description Every field except the photo, as one JSON object (a string in multipart) */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Partly done: quantities so far, note, optional photo. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: crew_lead
   */
  "crewJobs.partial": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description Every field except the photo, as one JSON object (a string in multipart) */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Add an extra photo to a job. Multipart: image in "photo", other fields as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: crew_lead
   */
  "crewJobs.photos": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description Every field except the photo, as one JSON object (a string in multipart) */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * The weekly PDF report for a ward (default: last complete week). Finished weeks are archived and always served as first stored.
   * @description Allowed: admin, dispatcher, councillor
   */
  "weeklyReports.pdf": {
    parameters: {
      query?: {
        week?: string;
      };
      path: {
        code: string;
      };
    };
    responses: {
      /** @description The report */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Archived weekly reports of a ward, newest first
   * @description Allowed: admin, dispatcher, councillor
   */
  "weeklyReports.list": {
    parameters: {
      path: {
        code: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Weekly-report emails to councillors with their status, attempts and last error
   * @description Allowed: admin
   */
  "weeklyReports.deliveries": {
    parameters: {
      query?: {
        status?: "pending" | "sending" | "sent" | "failed" | "gave_up" | "unknown" | "skipped";
        week?: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Send a weekly-report email again now
   * @description Allowed: admin
   */
  "weeklyReports.resend": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
      200: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Code of Practice zones (1–4) with their boundaries; outside every zone the default zone applies
   * @description Allowed: admin, dispatcher
   */
  "zones.list": {
    responses: {
      /** @description Zones, strictest first */
      200: {
        content: {
          "application/json": {
            defaultZone: number;
            zones: ({
                /** Format: uuid */
                id: string;
                name: string;
                zone: number;
                boundary: {
                  /** @enum {string} */
                  type: "Polygon" | "MultiPolygon";
                  coordinates: unknown[];
                };
                note: string | null;
              })[];
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Draw a zone; new reports inside it get its response time (work orders already filed keep theirs)
   * @description Allowed: admin
   */
  "zones.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
          zone: 1 | 2 | 3 | 4;
          boundary: OneOf<[{
            /** @enum {string} */
            type: "Polygon";
            coordinates: number[][][];
          }, {
            /** @enum {string} */
            type: "MultiPolygon";
            coordinates: number[][][][];
          }]>;
          note?: string | null;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            name: string;
            zone: number;
            boundary: {
              /** @enum {string} */
              type: "Polygon" | "MultiPolygon";
              coordinates: unknown[];
            };
            note: string | null;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Delete a zone; new reports there fall to another zone or the default
   * @description Allowed: admin
   */
  "zones.delete": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description Deleted */
      204: {
        content: never;
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Change a zone’s name, number, note or boundary; applies to new reports only
   * @description Allowed: admin
   */
  "zones.update": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          name?: string;
          zone?: 1 | 2 | 3 | 4;
          boundary?: OneOf<[{
            /** @enum {string} */
            type: "Polygon";
            coordinates: number[][][];
          }, {
            /** @enum {string} */
            type: "MultiPolygon";
            coordinates: number[][][][];
          }]>;
          note?: string | null;
        };
      };
    };
    responses: {
      /** @description Changed */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            name: string;
            zone: number;
            boundary: {
              /** @enum {string} */
              type: "Polygon" | "MultiPolygon";
              coordinates: unknown[];
            };
            note: string | null;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Every administrator-editable setting, defaults filled in
   * @description Allowed: admin
   */
  "settings.list": {
    responses: {
      /** @description Settings by key */
      200: {
        content: {
          "application/json": {
            planner: {
              /** @default false */
              autoPublish?: boolean;
              /** @default 1500 */
              timeLimitMs?: number;
              /** @default 1.3 */
              streetFactor?: number;
              /** @default 16 */
              speedKmh?: number;
              /** @default 3000 */
              crewCostM?: number;
              /** @default 1 */
              seed?: number;
              /** @default {} */
              serviceMinutes?: {
                [key: string]: number;
              };
            };
            hotspots: {
              /** @default 5 */
              minReports?: number;
              /** @default 100 */
              radiusM?: number;
              /** @default 14 */
              days?: number;
            };
            workingCalendar: {
              /**
               * @default [
               *   1,
               *   2,
               *   3,
               *   4,
               *   5
               * ]
               */
              dutyDays?: number[];
              /** @default 07:00 */
              dayStart?: string;
              /** @default 18:00 */
              dayEnd?: string;
              /**
               * @default [
               *   "2024-01-01",
               *   "2024-03-29",
               *   "2024-04-01",
               *   "2024-05-06",
               *   "2024-05-27",
               *   "2024-08-26",
               *   "2024-12-25",
               *   "2024-12-26",
               *   "2025-01-01",
               *   "2025-04-18",
               *   "2025-04-21",
               *   "2025-05-05",
               *   "2025-05-26",
               *   "2025-08-25",
               *   "2025-12-25",
               *   "2025-12-26",
               *   "2026-01-01",
               *   "2026-04-03",
               *   "2026-04-06",
               *   "2026-05-04",
               *   "2026-05-25",
               *   "2026-08-31",
               *   "2026-12-25",
               *   "2026-12-28",
               *   "2027-01-01",
               *   "2027-03-26",
               *   "2027-03-29",
               *   "2027-05-03",
               *   "2027-05-31",
               *   "2027-08-30",
               *   "2027-12-27",
               *   "2027-12-28",
               *   "2028-01-03",
               *   "2028-04-14",
               *   "2028-04-17",
               *   "2028-05-01",
               *   "2028-05-29",
               *   "2028-08-28",
               *   "2028-12-25",
               *   "2028-12-26"
               * ]
               */
              holidays?: string[];
            };
            weeklyReport: {
              /** @default 60 */
              maxPhotoPairs?: number;
            };
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
  /**
   * Replace one setting group; fields left out take their defaults
   * @description Allowed: admin
   */
  "settings.update": {
    parameters: {
      path: {
        key: "planner" | "hotspots" | "workingCalendar" | "weeklyReport";
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          /** @default false */
          autoPublish?: boolean;
          /** @default 1500 */
          timeLimitMs?: number;
          /** @default 1.3 */
          streetFactor?: number;
          /** @default 16 */
          speedKmh?: number;
          /** @default 3000 */
          crewCostM?: number;
          /** @default 1 */
          seed?: number;
          /** @default {} */
          serviceMinutes?: {
            [key: string]: number;
          };
        } | {
          /** @default 5 */
          minReports?: number;
          /** @default 100 */
          radiusM?: number;
          /** @default 14 */
          days?: number;
        } | {
          /**
           * @default [
           *   1,
           *   2,
           *   3,
           *   4,
           *   5
           * ]
           */
          dutyDays?: number[];
          /** @default 07:00 */
          dayStart?: string;
          /** @default 18:00 */
          dayEnd?: string;
          /**
           * @default [
           *   "2024-01-01",
           *   "2024-03-29",
           *   "2024-04-01",
           *   "2024-05-06",
           *   "2024-05-27",
           *   "2024-08-26",
           *   "2024-12-25",
           *   "2024-12-26",
           *   "2025-01-01",
           *   "2025-04-18",
           *   "2025-04-21",
           *   "2025-05-05",
           *   "2025-05-26",
           *   "2025-08-25",
           *   "2025-12-25",
           *   "2025-12-26",
           *   "2026-01-01",
           *   "2026-04-03",
           *   "2026-04-06",
           *   "2026-05-04",
           *   "2026-05-25",
           *   "2026-08-31",
           *   "2026-12-25",
           *   "2026-12-28",
           *   "2027-01-01",
           *   "2027-03-26",
           *   "2027-03-29",
           *   "2027-05-03",
           *   "2027-05-31",
           *   "2027-08-30",
           *   "2027-12-27",
           *   "2027-12-28",
           *   "2028-01-03",
           *   "2028-04-14",
           *   "2028-04-17",
           *   "2028-05-01",
           *   "2028-05-29",
           *   "2028-08-28",
           *   "2028-12-25",
           *   "2028-12-26"
           * ]
           */
          holidays?: string[];
        } | {
          /** @default 60 */
          maxPhotoPairs?: number;
        };
      };
    };
    responses: {
      /** @description The setting as stored */
      200: {
        content: {
          "application/json": {
            /** @default false */
            autoPublish?: boolean;
            /** @default 1500 */
            timeLimitMs?: number;
            /** @default 1.3 */
            streetFactor?: number;
            /** @default 16 */
            speedKmh?: number;
            /** @default 3000 */
            crewCostM?: number;
            /** @default 1 */
            seed?: number;
            /** @default {} */
            serviceMinutes?: {
              [key: string]: number;
            };
          } | {
            /** @default 5 */
            minReports?: number;
            /** @default 100 */
            radiusM?: number;
            /** @default 14 */
            days?: number;
          } | {
            /**
             * @default [
             *   1,
             *   2,
             *   3,
             *   4,
             *   5
             * ]
             */
            dutyDays?: number[];
            /** @default 07:00 */
            dayStart?: string;
            /** @default 18:00 */
            dayEnd?: string;
            /**
             * @default [
             *   "2024-01-01",
             *   "2024-03-29",
             *   "2024-04-01",
             *   "2024-05-06",
             *   "2024-05-27",
             *   "2024-08-26",
             *   "2024-12-25",
             *   "2024-12-26",
             *   "2025-01-01",
             *   "2025-04-18",
             *   "2025-04-21",
             *   "2025-05-05",
             *   "2025-05-26",
             *   "2025-08-25",
             *   "2025-12-25",
             *   "2025-12-26",
             *   "2026-01-01",
             *   "2026-04-03",
             *   "2026-04-06",
             *   "2026-05-04",
             *   "2026-05-25",
             *   "2026-08-31",
             *   "2026-12-25",
             *   "2026-12-28",
             *   "2027-01-01",
             *   "2027-03-26",
             *   "2027-03-29",
             *   "2027-05-03",
             *   "2027-05-31",
             *   "2027-08-30",
             *   "2027-12-27",
             *   "2027-12-28",
             *   "2028-01-03",
             *   "2028-04-14",
             *   "2028-04-17",
             *   "2028-05-01",
             *   "2028-05-29",
             *   "2028-08-28",
             *   "2028-12-25",
             *   "2028-12-26"
             * ]
             */
            holidays?: string[];
          } | {
            /** @default 60 */
            maxPhotoPairs?: number;
          };
        };
      };
      /** @description Error */
      default: {
        content: {
          "application/json": {
            error: {
              /** @example STALE_VERSION */
              code: string;
              message: string;
              details?: unknown;
              requestId: string;
            };
          };
        };
      };
    };
  };
}
