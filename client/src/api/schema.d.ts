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
  "/api/postcodes/nearest": {
    /**
     * The nearest known postcode to a point (null outside the shipped data), and its ward
     * @description Allowed: public
     */
    get: operations["postcodes.nearest"];
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
     * @description Allowed: admin, dispatcher, crew_lead, councillor, inspector
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
  "/api/track/{trackingToken}/photos/{photoId}": {
    /**
     * One of the reporter's own photos, through their tracking link only
     * @description Allowed: public
     */
    get: operations["reports.trackPhoto"];
  };
  "/api/track/{trackingToken}/still-there": {
    /**
     * The reporter says a closed problem is still (or again) there: reopens the same work order (409 STILL_OPEN while it is open, CLOSED_TOO_LONG_AGO after 28 days); JSON or multipart with one `photo`
     * @description Allowed: public
     */
    post: operations["reports.stillThere"];
  };
  "/api/nearby": {
    /**
     * Open reports within 250 m of a point, nearest first (public fields only), and the point’s nearest postcode and ward
     * @description Allowed: public
     */
    get: operations["public.nearby"];
  };
  "/api/public/reports/{reference}": {
    /**
     * A report’s public page: category, place, status history in words, the accepted after photo (no personal data)
     * @description Allowed: public
     */
    get: operations["public.report"];
  };
  "/api/public/reports/{reference}/follow": {
    /**
     * Follow an open report by email instead of reporting it again (409 REPORT_CLOSED when closed); every email has an unsubscribe link
     * @description Allowed: public
     */
    post: operations["public.follow"];
  };
  "/api/unsubscribe/{token}": {
    /**
     * Stop following a report (the token from the email)
     * @description Allowed: public
     */
    post: operations["public.unsubscribe"];
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
  "/api/work-orders/{id}/reopen": {
    /**
     * Reopen a closed job with a reason; it goes back to planning, off any crew
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.reopen"];
  };
  "/api/work-orders/{id}/cancel": {
    /**
     * Cancel an open job; `reason` is shown and emailed to the reporters
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.cancel"];
  };
  "/api/work-orders/{id}/public-updates": {
    /**
     * A public update to the reporters: on the tracking page, emailed, and in Open311 updates
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.publicUpdate"];
  };
  "/api/evidence/queue": {
    /**
     * Jobs closed as fixed whose before/after photos wait for the office, oldest first, with the proof and its flags in words
     * @description Allowed: admin, dispatcher
     */
    get: operations["evidence.queue"];
  };
  "/api/work-orders/{id}/evidence-review": {
    /**
     * Accept or reject a job’s before/after evidence (409 STALE_VERSION, 409 EVIDENCE_NOT_UNDER_REVIEW). Rejecting reopens the job and puts it back on the crew’s list for today as a revisit, with the note as the reason
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.evidenceReview"];
  };
  "/api/work-orders/{id}/public-place": {
    /**
     * Set how the place is described on public pages, Open311 and the councillor PDF (null: the nearest postcode). The resident’s own text is never shown unreviewed
     * @description Allowed: admin, dispatcher
     */
    post: operations["workOrders.publicPlace"];
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
  "/api/crews/availability": {
    /**
     * Each active crew: on shift now, and its current or next shift
     * @description Allowed: admin, dispatcher
     */
    get: operations["crews.availability"];
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
  "/api/work-orders/{id}/enforcement-actions": {
    /**
     * Enforcement actions recorded on a fly-tip, in the order they were taken
     * @description Allowed: admin, dispatcher
     */
    get: operations["flyTips.actions"];
    /**
     * Record an enforcement action (Defra’s list) taken on a date; counted in that month’s WasteDataFlow return
     * @description Allowed: admin, dispatcher
     */
    post: operations["flyTips.recordAction"];
  };
  "/api/work-orders/{id}/enforcement-actions/{actionId}": {
    /**
     * Remove an enforcement action recorded by mistake
     * @description Allowed: admin, dispatcher
     */
    delete: operations["flyTips.removeAction"];
  };
  "/api/work-orders/{id}/fly-tip-details": {
    /**
     * Correct the Defra fields of a fly-tip (size, waste type, land type), e.g. one the WasteDataFlow return lists as incomplete
     * @description Allowed: admin, dispatcher
     */
    put: operations["flyTips.correctFields"];
  };
  "/api/exports/work-orders/preview": {
    /**
     * What an export with these filters will hold: how many work orders and which columns (your role decides both)
     * @description Allowed: admin, dispatcher, councillor, partner
     */
    get: operations["exports.preview"];
  };
  "/api/exports/work-orders.csv": {
    /**
     * Work orders as CSV (RFC 4180, UTF-8 with BOM, CRLF), one row each, streamed; filters from, to (UK dates, inclusive), ward, category, status
     * @description Allowed: admin, dispatcher, councillor, partner
     */
    get: operations["exports.workOrdersCsv"];
  };
  "/api/exports/work-orders.geojson": {
    /**
     * Work orders as a GeoJSON FeatureCollection (RFC 7946, [longitude, latitude]), streamed; same filters and columns as the CSV
     * @description Allowed: admin, dispatcher, councillor, partner
     */
    get: operations["exports.workOrdersGeoJson"];
  };
  "/api/exports/wastedataflow": {
    /**
     * The monthly WasteDataFlow fly-tipping return (month YYYY-MM, Europe/London) from fly-tips cleared that month: CSV laid out as WasteDataFlow asks, or JSON for the Exports page
     * @description Allowed: admin, dispatcher
     */
    get: operations["exports.wasteDataFlow"];
  };
  "/api/open-data/work-orders.csv": {
    /**
     * Open data: every work order as anonymised CSV (no personal data, no free text, positions to about 100 m), when an administrator has published it
     * @description Allowed: public
     */
    get: operations["openData.workOrdersCsv"];
  };
  "/api/inspections/transects": {
    /**
     * Survey transects (short stretches of street or small areas) with their land use and ward
     * @description Allowed: admin, dispatcher, inspector, crew_lead
     */
    get: operations["inspections.transects.list"];
    /**
     * Draw a transect (a line up to 500 m or a small area); its ward is where its middle falls
     * @description Allowed: admin
     */
    post: operations["inspections.transects.create"];
  };
  "/api/inspections/transects/{id}": {
    /**
     * Rename, reclassify, redraw or retire a transect (past surveys keep it)
     * @description Allowed: admin
     */
    patch: operations["inspections.transects.update"];
  };
  "/api/inspections/transects/import": {
    /**
     * Import a GeoJSON FeatureCollection of transects (properties name and landUse); all or nothing
     * @description Allowed: admin
     */
    post: operations["inspections.transects.import"];
  };
  "/api/inspections/tranches": {
    /**
     * Survey plans: tranches, their sample size per ward and how many visits were drawn
     * @description Allowed: admin, dispatcher
     */
    get: operations["inspections.tranches.list"];
    /**
     * Plan a tranche (the daily job draws it on its first day)
     * @description Allowed: admin
     */
    post: operations["inspections.tranches.create"];
  };
  "/api/inspections/tranches/{id}/draw": {
    /**
     * Draw a planned tranche now: a random sample per ward stratified by land use, handed to the inspectors
     * @description Allowed: admin
     */
    post: operations["inspections.tranches.draw"];
  };
  "/api/inspections/my-visits": {
    /**
     * The transects to grade today (and overdue ones), with the last day's graded ones
     * @description Allowed: inspector, crew_lead
     */
    get: operations["inspections.visits.mine"];
  };
  "/api/inspections/visits/{id}/survey": {
    /**
     * Grade a transect: litter, detritus, graffiti, fly-posting (A to D), optional photo, position and time. A C or D for litter or detritus opens a work order. Multipart: image in "photo", the rest as JSON in "data"; header Idempotency-Key (UUID) required
     * @description Allowed: inspector, crew_lead, admin
     */
    post: operations["inspections.visits.survey"];
  };
  "/api/inspections/work-orders/{id}": {
    /**
     * The survey that raised a work order and its re-inspection after clearance
     * @description Allowed: admin, dispatcher, councillor
     */
    get: operations["inspections.workOrderTrail"];
  };
  "/api/inspections/index": {
    /**
     * Cleanliness index of every surveyed ward: latest tranche, litter and detritus below grade B with 95 % Wilson intervals, and which wards are slipping
     * @description Allowed: public
     */
    get: operations["inspections.index.wards"];
  };
  "/api/inspections/index/wards/{code}": {
    /**
     * One ward's cleanliness index per tranche and element, by land use, with its trend
     * @description Allowed: public
     */
    get: operations["inspections.index.ward"];
  };
  "/api/inspections/areas": {
    /**
     * Partnership areas with their index before the partnership began and since
     * @description Allowed: public
     */
    get: operations["inspections.areas.list"];
    /**
     * Draw a partnership area (a polygon) and the day its partnership began
     * @description Allowed: admin
     */
    post: operations["inspections.areas.create"];
  };
  "/api/inspections/surveys.csv": {
    /**
     * Every survey visit as CSV (grades, time, device position; no names)
     * @description Allowed: admin, dispatcher
     */
    get: operations["inspections.surveys.csv"];
  };
  "/api/on-call": {
    /**
     * The on-call rota for the 24/7 categories, and who is on call now
     * @description Allowed: admin, dispatcher
     */
    get: operations["onCall.list"];
    /**
     * Add a slot to the rota (an end not after the start runs past midnight)
     * @description Allowed: admin
     */
    post: operations["onCall.create"];
  };
  "/api/on-call/{id}": {
    /**
     * Remove a slot
     * @description Allowed: admin
     */
    delete: operations["onCall.remove"];
    /**
     * Change a slot (send its version)
     * @description Allowed: admin
     */
    patch: operations["onCall.update"];
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
   * The nearest known postcode to a point (null outside the shipped data), and its ward
   * @description Allowed: public
   */
  "postcodes.nearest": {
    parameters: {
      query?: {
        lat?: number | null;
        lng?: number | null;
      };
    };
    responses: {
      /** @description The nearest postcode */
      200: {
        content: {
          "application/json": {
            postcode: string | null;
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
              role: "admin" | "dispatcher" | "crew_lead" | "councillor" | "inspector";
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
   * @description Allowed: admin, dispatcher, crew_lead, councillor, inspector
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
              role: "admin" | "dispatcher" | "crew_lead" | "councillor" | "inspector";
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
          role: "admin" | "dispatcher" | "crew_lead" | "councillor" | "inspector";
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
          role?: "admin" | "dispatcher" | "crew_lead" | "councillor" | "inspector";
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
      /** @description The reporter’s view */
      200: {
        content: {
          "application/json": {
            reference: string;
            categoryCode: string;
            categoryName: string;
            description: string;
            ward: {
              code: string;
              name: string;
            };
            reportedAt: string;
            status: string;
            statusText: string;
            fixed: boolean;
            dueAt: string | null;
            closedAt: string | null;
            publicSummary: string | null;
            timeline: ({
                at: string;
                status: string | null;
                text: string;
                note: string | null;
              })[];
            photos: {
                id: string;
                kind: string;
                url: string;
                thumbUrl: string;
              }[];
            location: {
              lat: number;
              lng: number;
              place: string;
            };
            ownPhotos: {
                id: string;
                url: string;
                thumbUrl: string;
              }[];
            nextStep: {
              text: string;
              by: string | null;
              nextDutyAt: string | null;
              onDutyNow: boolean;
            };
            updates: {
                at: string;
                text: string;
              }[];
            publicPath: string;
            stillThere: {
              allowed: boolean;
              code: string | null;
              message: string | null;
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
   * One of the reporter's own photos, through their tracking link only
   * @description Allowed: public
   */
  "reports.trackPhoto": {
    parameters: {
      query?: {
        size?: "thumb" | "full";
      };
      path: {
        trackingToken: string;
        photoId: string;
      };
    };
    responses: {
      /** @description The image */
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
   * The reporter says a closed problem is still (or again) there: reopens the same work order (409 STILL_OPEN while it is open, CLOSED_TOO_LONG_AGO after 28 days); JSON or multipart with one `photo`
   * @description Allowed: public
   */
  "reports.stillThere": {
    parameters: {
      path: {
        trackingToken: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          /** @default */
          note?: string;
        };
      };
    };
    responses: {
      /** @description Reopened */
      200: {
        content: {
          "application/json": {
            reference: string;
            /** @enum {string} */
            decision: "reopened";
            status: string;
            statusText: string;
            dueAt: string;
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
   * Open reports within 250 m of a point, nearest first (public fields only), and the point’s nearest postcode and ward
   * @description Allowed: public
   */
  "public.nearby": {
    parameters: {
      query?: {
        lat?: number | null;
        lng?: number | null;
      };
    };
    responses: {
      /** @description Nearby */
      200: {
        content: {
          "application/json": {
            point: {
              postcode: string | null;
              ward: {
                code: string;
                name: string;
              } | null;
            };
            reports: {
                reference: string;
                categoryCode: string;
                categoryName: string;
                status: string;
                statusText: string;
                place: string;
                reportedAt: string;
                lat: number;
                lng: number;
                distanceM: number;
              }[];
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
   * A report’s public page: category, place, status history in words, the accepted after photo (no personal data)
   * @description Allowed: public
   */
  "public.report": {
    parameters: {
      path: {
        reference: string;
      };
    };
    responses: {
      /** @description The report */
      200: {
        content: {
          "application/json": {
            reference: string;
            categoryCode: string;
            categoryName: string;
            place: string;
            ward: {
              code: string;
              name: string;
            };
            lat: number;
            lng: number;
            reportedAt: string;
            status: string;
            statusText: string;
            open: boolean;
            fixed: boolean;
            closedAt: string | null;
            publicSummary: string | null;
            history: {
                at: string;
                text: string;
              }[];
            afterPhoto: {
              url: string;
              thumbUrl: string;
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
   * Follow an open report by email instead of reporting it again (409 REPORT_CLOSED when closed); every email has an unsubscribe link
   * @description Allowed: public
   */
  "public.follow": {
    parameters: {
      path: {
        reference: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          email: string;
        };
      };
    };
    responses: {
      /** @description Following */
      200: {
        content: {
          "application/json": {
            reference: string;
            /** @enum {boolean} */
            following: true;
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
   * Stop following a report (the token from the email)
   * @description Allowed: public
   */
  "public.unsubscribe": {
    parameters: {
      path: {
        token: string;
      };
    };
    responses: {
      /** @description Unsubscribed */
      200: {
        content: {
          "application/json": {
            reference: string;
            /** @enum {boolean} */
            unsubscribed: true;
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
   * Reopen a closed job with a reason; it goes back to planning, off any crew
   * @description Allowed: admin, dispatcher
   */
  "workOrders.reopen": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          reason: string;
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
   * Cancel an open job; `reason` is shown and emailed to the reporters
   * @description Allowed: admin, dispatcher
   */
  "workOrders.cancel": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          reason: string;
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
   * A public update to the reporters: on the tracking page, emailed, and in Open311 updates
   * @description Allowed: admin, dispatcher
   */
  "workOrders.publicUpdate": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
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
   * Jobs closed as fixed whose before/after photos wait for the office, oldest first, with the proof and its flags in words
   * @description Allowed: admin, dispatcher
   */
  "evidence.queue": {
    responses: {
      /** @description The queue */
      200: {
        content: {
          "application/json": {
            items: ({
                id: string;
                reference: string;
                categoryCode: string;
                ward: {
                  code: string;
                  name: string;
                };
                lat: number;
                lng: number;
                place: string | null;
                crewId: string | null;
                completedAt: string | null;
                version: number;
                evidence: {
                  /** @enum {string} */
                  status: "accepted" | "needs_review" | "rejected" | "none";
                  flags: string[];
                  flagWords: string[];
                  before: ({
                    id: string;
                    kind: string;
                    takenAt: string | null;
                    gpsLat: number | null;
                    gpsLng: number | null;
                    /** @enum {string|null} */
                    positionSource: "exif" | "device" | null;
                    /** @enum {string|null} */
                    timeSource: "exif" | "device" | null;
                    accuracyM: number | null;
                    crewReason: string | null;
                    flags: string[];
                    width: number;
                    height: number;
                    createdAt: string;
                    url: string;
                    thumbUrl: string;
                  }) | null;
                  after: ({
                    id: string;
                    kind: string;
                    takenAt: string | null;
                    gpsLat: number | null;
                    gpsLng: number | null;
                    /** @enum {string|null} */
                    positionSource: "exif" | "device" | null;
                    /** @enum {string|null} */
                    timeSource: "exif" | "device" | null;
                    accuracyM: number | null;
                    crewReason: string | null;
                    flags: string[];
                    width: number;
                    height: number;
                    createdAt: string;
                    url: string;
                    thumbUrl: string;
                  }) | null;
                  review: ({
                    /** @enum {string} */
                    decision: "accept" | "reject";
                    note: string | null;
                    by: string;
                    at: string;
                  }) | null;
                };
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
   * Accept or reject a job’s before/after evidence (409 STALE_VERSION, 409 EVIDENCE_NOT_UNDER_REVIEW). Rejecting reopens the job and puts it back on the crew’s list for today as a revisit, with the note as the reason
   * @description Allowed: admin, dispatcher
   */
  "workOrders.evidenceReview": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          /** @enum {string} */
          decision: "accept" | "reject";
          note?: string | null;
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
   * Set how the place is described on public pages, Open311 and the councillor PDF (null: the nearest postcode). The resident’s own text is never shown unreviewed
   * @description Allowed: admin, dispatcher
   */
  "workOrders.publicPlace": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          version: number;
          publicPlace: string | null;
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
   * Each active crew: on shift now, and its current or next shift
   * @description Allowed: admin, dispatcher
   */
  "crews.availability": {
    responses: {
      /** @description Crews */
      200: {
        content: {
          "application/json": ({
              crewId: string;
              name: string;
              skills: string[];
              onShift: boolean;
              shift: {
                start: string;
                end: string;
              } | null;
            })[];
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
            wasteDataFlow: {
              /** @default {} */
              clearanceCostPerSize?: {
                single_black_bag?: number;
                single_item?: number;
                car_boot_or_less?: number;
                small_van_load?: number;
                transit_van_load?: number;
                tipper_lorry_load?: number;
                significant_multi_loads?: number;
              };
            };
            openData: {
              /** @default false */
              publishWorkOrders?: boolean;
            };
            inspections: {
              /** @default 10 */
              samplePerWard?: number;
              /** @default 8 */
              visitsPerDay?: number;
              /** @default 10 */
              slippingPoints?: number;
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
        key: "planner" | "hotspots" | "workingCalendar" | "weeklyReport" | "wasteDataFlow" | "openData" | "inspections";
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
        } | {
          /** @default {} */
          clearanceCostPerSize?: {
            single_black_bag?: number;
            single_item?: number;
            car_boot_or_less?: number;
            small_van_load?: number;
            transit_van_load?: number;
            tipper_lorry_load?: number;
            significant_multi_loads?: number;
          };
        } | {
          /** @default false */
          publishWorkOrders?: boolean;
        } | {
          /** @default 10 */
          samplePerWard?: number;
          /** @default 8 */
          visitsPerDay?: number;
          /** @default 10 */
          slippingPoints?: number;
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
          } | {
            /** @default {} */
            clearanceCostPerSize?: {
              single_black_bag?: number;
              single_item?: number;
              car_boot_or_less?: number;
              small_van_load?: number;
              transit_van_load?: number;
              tipper_lorry_load?: number;
              significant_multi_loads?: number;
            };
          } | {
            /** @default false */
            publishWorkOrders?: boolean;
          } | {
            /** @default 10 */
            samplePerWard?: number;
            /** @default 8 */
            visitsPerDay?: number;
            /** @default 10 */
            slippingPoints?: number;
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
   * Enforcement actions recorded on a fly-tip, in the order they were taken
   * @description Allowed: admin, dispatcher
   */
  "flyTips.actions": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The actions */
      200: {
        content: {
          "application/json": {
              id: string;
              action: string;
              actionLabel: string;
              takenOn: string;
              recordedBy: string;
              createdAt: string;
            }[];
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
   * Record an enforcement action (Defra’s list) taken on a date; counted in that month’s WasteDataFlow return
   * @description Allowed: admin, dispatcher
   */
  "flyTips.recordAction": {
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
          action: "investigation" | "warning_letter" | "fixed_penalty_notice" | "prosecution" | "statutory_notice" | "duty_of_care_inspection";
          takenOn: string;
        };
      };
    };
    responses: {
      /** @description The work order’s new version and its actions */
      201: {
        content: {
          "application/json": {
            version: number;
            actions: {
                id: string;
                action: string;
                actionLabel: string;
                takenOn: string;
                recordedBy: string;
                createdAt: string;
              }[];
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
   * Remove an enforcement action recorded by mistake
   * @description Allowed: admin, dispatcher
   */
  "flyTips.removeAction": {
    parameters: {
      path: {
        id: string;
        actionId: string;
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
      /** @description The work order’s new version and its actions */
      200: {
        content: {
          "application/json": {
            version: number;
            actions: {
                id: string;
                action: string;
                actionLabel: string;
                takenOn: string;
                recordedBy: string;
                createdAt: string;
              }[];
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
   * Correct the Defra fields of a fly-tip (size, waste type, land type), e.g. one the WasteDataFlow return lists as incomplete
   * @description Allowed: admin, dispatcher
   */
  "flyTips.correctFields": {
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
          size?: "single_black_bag" | "single_item" | "car_boot_or_less" | "small_van_load" | "transit_van_load" | "tipper_lorry_load" | "significant_multi_loads";
          /** @enum {string} */
          wasteType?: "animal_carcass" | "green" | "vehicle_parts" | "white_goods" | "other_electrical" | "tyres" | "asbestos" | "clinical" | "constr_demol_excav" | "black_bags_commercial" | "black_bags_household" | "chemical_drums_oil_fuel" | "other_household" | "other_commercial" | "other_unidentified";
          /** @enum {string} */
          landType?: "highway" | "footpath_bridleway" | "back_alleyway" | "railway" | "council_land" | "agricultural" | "private_residential" | "commercial_industrial" | "watercourse_bank" | "other_unidentified";
        };
      };
    };
    responses: {
      /** @description The work order’s new version and its Defra fields */
      200: {
        content: {
          "application/json": {
            version: number;
            wasteData: {
              [key: string]: string;
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
   * What an export with these filters will hold: how many work orders and which columns (your role decides both)
   * @description Allowed: admin, dispatcher, councillor, partner
   */
  "exports.preview": {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        ward?: string;
        category?: string;
        status?: string;
      };
    };
    responses: {
      /** @description The count and the columns */
      200: {
        content: {
          "application/json": {
            count: number;
            columns: string[];
            /** @enum {string} */
            scope: "office" | "councillor" | "partner" | "open_data";
            wards: string[] | null;
            openDataPublished: boolean;
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
   * Work orders as CSV (RFC 4180, UTF-8 with BOM, CRLF), one row each, streamed; filters from, to (UK dates, inclusive), ward, category, status
   * @description Allowed: admin, dispatcher, councillor, partner
   */
  "exports.workOrdersCsv": {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        ward?: string;
        category?: string;
        status?: string;
      };
    };
    responses: {
      /** @description The CSV */
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
   * Work orders as a GeoJSON FeatureCollection (RFC 7946, [longitude, latitude]), streamed; same filters and columns as the CSV
   * @description Allowed: admin, dispatcher, councillor, partner
   */
  "exports.workOrdersGeoJson": {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        ward?: string;
        category?: string;
        status?: string;
      };
    };
    responses: {
      /** @description The GeoJSON */
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
   * The monthly WasteDataFlow fly-tipping return (month YYYY-MM, Europe/London) from fly-tips cleared that month: CSV laid out as WasteDataFlow asks, or JSON for the Exports page
   * @description Allowed: admin, dispatcher
   */
  "exports.wasteDataFlow": {
    parameters: {
      query: {
        month: string;
        format?: "csv" | "json";
      };
    };
    responses: {
      /** @description The return */
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
   * Open data: every work order as anonymised CSV (no personal data, no free text, positions to about 100 m), when an administrator has published it
   * @description Allowed: public
   */
  "openData.workOrdersCsv": {
    parameters: {
      query?: {
        from?: string;
        to?: string;
        ward?: string;
        category?: string;
      };
    };
    responses: {
      /** @description The CSV */
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
   * Survey transects (short stretches of street or small areas) with their land use and ward
   * @description Allowed: admin, dispatcher, inspector, crew_lead
   */
  "inspections.transects.list": {
    parameters: {
      query?: {
        ward?: string;
      };
    };
    responses: {
      /** @description Transects by ward and name */
      200: {
        content: {
          "application/json": ({
              /** Format: uuid */
              id: string;
              name: string;
              wardCode: string;
              /** @enum {string} */
              landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
              geometry: {
                /** @enum {string} */
                type: "LineString" | "Polygon";
                coordinates: unknown[];
              };
              lat: number;
              lng: number;
              active: boolean;
              createdAt: string;
            })[];
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
   * Draw a transect (a line up to 500 m or a small area); its ward is where its middle falls
   * @description Allowed: admin
   */
  "inspections.transects.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
          /** @enum {string} */
          landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
          geometry: OneOf<[{
            /** @enum {string} */
            type: "LineString";
            coordinates: [number, number][];
          }, {
            /** @enum {string} */
            type: "Polygon";
            coordinates: [number, number][][];
          }]>;
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
            wardCode: string;
            /** @enum {string} */
            landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
            geometry: {
              /** @enum {string} */
              type: "LineString" | "Polygon";
              coordinates: unknown[];
            };
            lat: number;
            lng: number;
            active: boolean;
            createdAt: string;
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
   * Rename, reclassify, redraw or retire a transect (past surveys keep it)
   * @description Allowed: admin
   */
  "inspections.transects.update": {
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
          landUse?: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
          geometry?: OneOf<[{
            /** @enum {string} */
            type: "LineString";
            coordinates: [number, number][];
          }, {
            /** @enum {string} */
            type: "Polygon";
            coordinates: [number, number][][];
          }]>;
          active?: boolean;
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
            wardCode: string;
            /** @enum {string} */
            landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
            geometry: {
              /** @enum {string} */
              type: "LineString" | "Polygon";
              coordinates: unknown[];
            };
            lat: number;
            lng: number;
            active: boolean;
            createdAt: string;
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
   * Import a GeoJSON FeatureCollection of transects (properties name and landUse); all or nothing
   * @description Allowed: admin
   */
  "inspections.transects.import": {
    requestBody?: {
      content: {
        "application/json": {
          /** @enum {string} */
          type: "FeatureCollection";
          features: ({
              /** @enum {string} */
              type: "Feature";
              geometry: OneOf<[{
                /** @enum {string} */
                type: "LineString";
                coordinates: [number, number][];
              }, {
                /** @enum {string} */
                type: "Polygon";
                coordinates: [number, number][][];
              }]>;
              properties: {
                name: string;
                /** @enum {string} */
                landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
              };
            })[];
        };
      };
    };
    responses: {
      /** @description Imported */
      201: {
        content: {
          "application/json": {
            created: number;
            wards: {
              [key: string]: number;
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
   * Survey plans: tranches, their sample size per ward and how many visits were drawn
   * @description Allowed: admin, dispatcher
   */
  "inspections.tranches.list": {
    responses: {
      /** @description Oldest first */
      200: {
        content: {
          "application/json": ({
              /** Format: uuid */
              id: string;
              name: string;
              startsOn: string;
              endsOn: string;
              samplePerWard: number;
              seed: string;
              /** @enum {string} */
              status: "planned" | "drawing" | "drawn";
              drawnAt: string | null;
              createdAt: string;
              visits: number;
            })[];
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
   * Plan a tranche (the daily job draws it on its first day)
   * @description Allowed: admin
   */
  "inspections.tranches.create": {
    requestBody?: {
      content: {
        "application/json": {
          name?: string;
          startsOn: string;
          endsOn: string;
          samplePerWard?: number;
          seed?: string;
        };
      };
    };
    responses: {
      /** @description Planned */
      201: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            name: string;
            startsOn: string;
            endsOn: string;
            samplePerWard: number;
            seed: string;
            /** @enum {string} */
            status: "planned" | "drawing" | "drawn";
            drawnAt: string | null;
            createdAt: string;
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
   * Draw a planned tranche now: a random sample per ward stratified by land use, handed to the inspectors
   * @description Allowed: admin
   */
  "inspections.tranches.draw": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description Drawn */
      200: {
        content: {
          "application/json": {
            tranche: {
              /** Format: uuid */
              id: string;
              name: string;
              startsOn: string;
              endsOn: string;
              samplePerWard: number;
              seed: string;
              /** @enum {string} */
              status: "planned" | "drawing" | "drawn";
              drawnAt: string | null;
              createdAt: string;
            };
            drawn: number;
            byWard: {
              [key: string]: number;
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
   * The transects to grade today (and overdue ones), with the last day's graded ones
   * @description Allowed: inspector, crew_lead
   */
  "inspections.visits.mine": {
    responses: {
      /** @description The inspector's day */
      200: {
        content: {
          "application/json": {
            day: string;
            visits: ({
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                kind: "sample" | "reinspection";
                /** @enum {string} */
                status: "assigned" | "done";
                dueOn: string;
                trancheName: string;
                wardCode: string;
                wardName: string;
                transect: {
                  id: string;
                  name: string;
                  /** @enum {string} */
                  landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                  geometry: {
                    /** @enum {string} */
                    type: "LineString" | "Polygon";
                    coordinates: unknown[];
                  };
                  lat: number;
                  lng: number;
                };
                grades: ({
                  /** @enum {string|null} */
                  litter: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                  /** @enum {string|null} */
                  detritus: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                  /** @enum {string|null} */
                  graffiti: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                  /** @enum {string|null} */
                  flyPosting: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                }) | null;
                surveyedAt: string | null;
                workOrderId: string | null;
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
   * Grade a transect: litter, detritus, graffiti, fly-posting (A to D), optional photo, position and time. A C or D for litter or detritus opens a work order. Multipart: image in "photo", the rest as JSON in "data"; header Idempotency-Key (UUID) required
   * @description Allowed: inspector, crew_lead, admin
   */
  "inspections.visits.survey": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "multipart/form-data": {
          /** @description grades {litter, detritus, graffiti, flyPosting}, note, capturedAt, position {lat, lng}: as one JSON string in multipart */
          data?: string | {
            [key: string]: unknown;
          };
        };
      };
    };
    responses: {
      /** @description The graded visit */
      200: {
        content: {
          "application/json": {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "sample" | "reinspection";
            /** @enum {string} */
            status: "assigned" | "done";
            dueOn: string;
            trancheName: string;
            wardCode: string;
            wardName: string;
            transect: {
              id: string;
              name: string;
              /** @enum {string} */
              landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
              geometry: {
                /** @enum {string} */
                type: "LineString" | "Polygon";
                coordinates: unknown[];
              };
              lat: number;
              lng: number;
            };
            grades: ({
              /** @enum {string|null} */
              litter: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
              /** @enum {string|null} */
              detritus: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
              /** @enum {string|null} */
              graffiti: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
              /** @enum {string|null} */
              flyPosting: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
            }) | null;
            surveyedAt: string | null;
            workOrderId: string | null;
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
   * The survey that raised a work order and its re-inspection after clearance
   * @description Allowed: admin, dispatcher, councillor
   */
  "inspections.workOrderTrail": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description Survey and re-inspection (null when none) */
      200: {
        content: {
          "application/json": {
            survey: ({
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              kind: "sample" | "reinspection";
              /** @enum {string} */
              status: "assigned" | "done";
              dueOn: string;
              trancheName: string;
              wardCode: string;
              wardName: string;
              transect: {
                id: string;
                name: string;
                /** @enum {string} */
                landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                geometry: {
                  /** @enum {string} */
                  type: "LineString" | "Polygon";
                  coordinates: unknown[];
                };
                lat: number;
                lng: number;
              };
              grades: ({
                /** @enum {string|null} */
                litter: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                detritus: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                graffiti: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                flyPosting: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
              }) | null;
              surveyedAt: string | null;
              workOrderId: string | null;
            }) | null;
            reinspection: ({
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              kind: "sample" | "reinspection";
              /** @enum {string} */
              status: "assigned" | "done";
              dueOn: string;
              trancheName: string;
              wardCode: string;
              wardName: string;
              transect: {
                id: string;
                name: string;
                /** @enum {string} */
                landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                geometry: {
                  /** @enum {string} */
                  type: "LineString" | "Polygon";
                  coordinates: unknown[];
                };
                lat: number;
                lng: number;
              };
              grades: ({
                /** @enum {string|null} */
                litter: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                detritus: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                graffiti: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
                /** @enum {string|null} */
                flyPosting: "A" | "B+" | "B" | "B-" | "C+" | "C" | "C-" | "D" | null;
              }) | null;
              surveyedAt: string | null;
              workOrderId: string | null;
            }) | null;
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
   * Cleanliness index of every surveyed ward: latest tranche, litter and detritus below grade B with 95 % Wilson intervals, and which wards are slipping
   * @description Allowed: public
   */
  "inspections.index.wards": {
    responses: {
      /** @description Slipping wards first */
      200: {
        content: {
          "application/json": ({
              ward: {
                code: string;
                name: string;
              };
              tranche: {
                id: string;
                name: string;
              } | null;
              surveyed: number;
              litter: ({
                surveyed: number;
                below: number;
                percent: number | null;
                low: number | null;
                high: number | null;
              }) | null;
              detritus: ({
                surveyed: number;
                below: number;
                percent: number | null;
                low: number | null;
                high: number | null;
              }) | null;
              litterTrend: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
              detritusTrend: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
              slipping: boolean;
            })[];
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
   * One ward's cleanliness index per tranche and element, by land use, with its trend
   * @description Allowed: public
   */
  "inspections.index.ward": {
    parameters: {
      path: {
        code: string;
      };
    };
    responses: {
      /** @description Oldest tranche first */
      200: {
        content: {
          "application/json": {
            ward: {
              code: string;
              name: string;
            };
            tranches: ({
                trancheId: string;
                trancheName: string;
                startsOn: string;
                index: {
                  surveyed: number;
                  elements: {
                    litter: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    detritus: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    graffiti: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    flyPosting: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                  };
                  strata: ({
                      /** @enum {string} */
                      landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                      surveyed: number;
                      elements: {
                        litter: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        detritus: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        graffiti: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        flyPosting: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                      };
                    })[];
                };
              })[];
            trend: {
              litter: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
              detritus: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
              graffiti: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
              flyPosting: {
                /** @enum {string} */
                direction: "better" | "worse" | "same" | "unknown";
                change: number | null;
              };
            };
            slipping: boolean;
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
   * Partnership areas with their index before the partnership began and since
   * @description Allowed: public
   */
  "inspections.areas.list": {
    parameters: {
      query?: {
        ward?: string;
      };
    };
    responses: {
      /** @description Areas by name */
      200: {
        content: {
          "application/json": ({
              area: {
                id: string;
                name: string;
                startedOn: string;
                boundary: {
                  /** @enum {string} */
                  type: "Polygon";
                  coordinates: unknown[];
                };
              };
              transects: number;
              before: ({
                trancheId: string;
                trancheName: string;
                startsOn: string;
                index: {
                  surveyed: number;
                  elements: {
                    litter: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    detritus: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    graffiti: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    flyPosting: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                  };
                  strata: ({
                      /** @enum {string} */
                      landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                      surveyed: number;
                      elements: {
                        litter: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        detritus: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        graffiti: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        flyPosting: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                      };
                    })[];
                };
              }) | null;
              after: ({
                trancheId: string;
                trancheName: string;
                startsOn: string;
                index: {
                  surveyed: number;
                  elements: {
                    litter: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    detritus: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    graffiti: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                    flyPosting: {
                      surveyed: number;
                      below: number;
                      percent: number | null;
                      low: number | null;
                      high: number | null;
                    };
                  };
                  strata: ({
                      /** @enum {string} */
                      landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                      surveyed: number;
                      elements: {
                        litter: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        detritus: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        graffiti: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                        flyPosting: {
                          surveyed: number;
                          below: number;
                          percent: number | null;
                          low: number | null;
                          high: number | null;
                        };
                      };
                    })[];
                };
              }) | null;
              tranches: ({
                  trancheId: string;
                  trancheName: string;
                  startsOn: string;
                  index: {
                    surveyed: number;
                    elements: {
                      litter: {
                        surveyed: number;
                        below: number;
                        percent: number | null;
                        low: number | null;
                        high: number | null;
                      };
                      detritus: {
                        surveyed: number;
                        below: number;
                        percent: number | null;
                        low: number | null;
                        high: number | null;
                      };
                      graffiti: {
                        surveyed: number;
                        below: number;
                        percent: number | null;
                        low: number | null;
                        high: number | null;
                      };
                      flyPosting: {
                        surveyed: number;
                        below: number;
                        percent: number | null;
                        low: number | null;
                        high: number | null;
                      };
                    };
                    strata: ({
                        /** @enum {string} */
                        landUse: "main_retail" | "other_retail" | "high_density_housing" | "medium_density_housing" | "low_density_housing" | "industry" | "main_roads" | "rural_roads" | "other_highways" | "recreation";
                        surveyed: number;
                        elements: {
                          litter: {
                            surveyed: number;
                            below: number;
                            percent: number | null;
                            low: number | null;
                            high: number | null;
                          };
                          detritus: {
                            surveyed: number;
                            below: number;
                            percent: number | null;
                            low: number | null;
                            high: number | null;
                          };
                          graffiti: {
                            surveyed: number;
                            below: number;
                            percent: number | null;
                            low: number | null;
                            high: number | null;
                          };
                          flyPosting: {
                            surveyed: number;
                            below: number;
                            percent: number | null;
                            low: number | null;
                            high: number | null;
                          };
                        };
                      })[];
                  };
                })[];
            })[];
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
   * Draw a partnership area (a polygon) and the day its partnership began
   * @description Allowed: admin
   */
  "inspections.areas.create": {
    requestBody?: {
      content: {
        "application/json": {
          name: string;
          boundary: {
            /** @enum {string} */
            type: "Polygon";
            coordinates: [number, number][][];
          };
          startedOn: string;
        };
      };
    };
    responses: {
      /** @description Created */
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
   * Every survey visit as CSV (grades, time, device position; no names)
   * @description Allowed: admin, dispatcher
   */
  "inspections.surveys.csv": {
    parameters: {
      query?: {
        tranche?: string;
        ward?: string;
      };
    };
    responses: {
      /** @description CSV */
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
   * The on-call rota for the 24/7 categories, and who is on call now
   * @description Allowed: admin, dispatcher
   */
  "onCall.list": {
    responses: {
      /** @description Rota */
      200: {
        content: {
          "application/json": {
            slots: ({
                id: string;
                contactName: string;
                /** Format: email */
                email: string;
                phone: string | null;
                days: number[];
                start: string;
                end: string;
                createdAt: string;
                version: number;
              })[];
            nowOnCall: ({
              id: string;
              contactName: string;
              /** Format: email */
              email: string;
              phone: string | null;
              days: number[];
              start: string;
              end: string;
              createdAt: string;
              version: number;
            }) | null;
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
   * Add a slot to the rota (an end not after the start runs past midnight)
   * @description Allowed: admin
   */
  "onCall.create": {
    requestBody?: {
      content: {
        "application/json": {
          contactName: string;
          /** Format: email */
          email: string;
          phone?: string | null;
          days: number[];
          start: string;
          end: string;
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
   * Remove a slot
   * @description Allowed: admin
   */
  "onCall.remove": {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description OK */
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
   * Change a slot (send its version)
   * @description Allowed: admin
   */
  "onCall.update": {
    parameters: {
      path: {
        id: string;
      };
    };
    requestBody?: {
      content: {
        "application/json": {
          contactName?: string;
          /** Format: email */
          email?: string;
          phone?: string | null;
          days?: number[];
          start?: string;
          end?: string;
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
}
