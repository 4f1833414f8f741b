/**
 * A resident's report as the web form sends it: multipart fields, so photos
 * can be attached to the returned request with `.attach('photos', …)`.
 */
import type TestAgent from 'supertest/lib/agent.js';
import { SHEIL_ROAD } from './fixtures.js';

export interface ReportFields {
  categoryCode?: string;
  lat?: number;
  lng?: number;
  description?: string;
  /** Further fields as sent, e.g. `'answers[item_count]': '6'`. */
  extra?: Record<string, string>;
}

export function multipartReport(agent: TestAgent, fields: ReportFields = {}) {
  let req = agent
    .post('/api/reports')
    .field('categoryCode', fields.categoryCode ?? 'litter')
    .field('lat', String(fields.lat ?? SHEIL_ROAD.lat))
    .field('lng', String(fields.lng ?? SHEIL_ROAD.lng))
    .field('description', fields.description ?? 'Crisp packets and cans along the wall');
  for (const [k, v] of Object.entries(fields.extra ?? {})) req = req.field(k, v);
  return req;
}
