/** Public configuration (council name, map tiles) and reference data, fetched once per page load. */
import { api } from './api.ts';
import type { Skill } from './api/types.ts';

export interface PublicConfig {
  councilName: string;
  map: { tileUrl: string; attribution: string };
  timeZone: string;
}

export interface CategoryQuestion {
  code: string;
  label: string;
  type: 'number' | 'boolean' | 'single' | 'multi' | 'text' | 'datetime';
  required: boolean;
  options?: { key: string; label: string }[];
  min?: number;
  max?: number;
  help?: string;
  routesTo?: string;
}

export type SlaPolicy = { kind: 'hours'; hours: number } | { kind: 'working_days'; days: number } | { kind: 'zone' };

export interface Category {
  code: string;
  name: string;
  groupName: string;
  description: string;
  icon: string;
  slaPolicy: SlaPolicy;
  hazard: boolean;
  questions: CategoryQuestion[];
  quantities: { code: string; label: string; unit?: string; min: number; max: number }[];
  active: boolean;
  requiredSkill?: Skill;
  sortOrder?: number;
}

export interface WardFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: GeoJSON.Geometry;
}
export interface WardCollection {
  type: 'FeatureCollection';
  features: WardFeature[];
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => {
    p ??= load().catch((e) => {
      p = null; // try again next time instead of caching a failure
      throw e;
    });
    return p;
  };
}

export const loadConfig = once(() => api.get<PublicConfig>('/api/config'));
export const loadWards = once(() => api.get<WardCollection>('/api/wards'));
/** Categories change when an admin edits them, so they are fetched fresh by each screen. */
export const loadCategories = () => api.get<Category[]>('/api/categories');

export function slaText(p: SlaPolicy): string {
  if (p.kind === 'hours') return p.hours < 24 ? `within ${p.hours} hour${p.hours === 1 ? '' : 's'}` : `within ${Math.round(p.hours / 24)} day${p.hours === 24 ? '' : 's'}`;
  if (p.kind === 'working_days') return `within ${p.days} working day${p.days === 1 ? '' : 's'}`;
  return 'by the street’s published response time';
}
