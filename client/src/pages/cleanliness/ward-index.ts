/**
 * Loads a ward's cleanliness index and its partnership areas, for both the
 * public ward page and the councillor's dashboard. A failed areas request
 * leaves the list empty: the index is what matters.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../../api.ts';
import type { ApiResponse } from '../../api/types.ts';
import type { WardIndex } from './index-view.tsx';

export type Areas = ApiResponse<'inspections.areas.list'>;

export function useWardIndex(ward: string): { index: WardIndex | null; areas: Areas; error: string | null } {
  const [index, setIndex] = useState<WardIndex | null>(null);
  const [areas, setAreas] = useState<Areas>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<WardIndex>(`/api/inspections/index/wards/${encodeURIComponent(ward)}`).then(setIndex, (e) => setError(describeError(e)));
    api.get<Areas>(`/api/inspections/areas?ward=${encodeURIComponent(ward)}`).then(setAreas, () => undefined);
  }, [ward]);
  return { index, areas, error };
}
