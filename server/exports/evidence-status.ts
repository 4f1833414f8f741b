/**
 * A work order's evidence status in words, for the exports. The one place
 * the column is read from: today it is worked out from the crew's photos
 * (whether before and after photos exist and the checks flagged on them);
 * when evidence review records a status of its own, this function returns
 * that instead and every export follows.
 */
export interface EvidenceFacts {
  status: string;
  hasBefore: boolean;
  hasAfter: boolean;
  /** Flags the photo checks raised (no_gps, far_from_job, no_timestamp, taken_long_before). */
  flags: string[];
}

const FLAG_WORDS: Readonly<Record<string, string>> = {
  no_gps: 'no position',
  far_from_job: 'taken away from the job',
  no_timestamp: 'no time',
  taken_long_before: 'taken long before the job',
};

export function evidenceStatus(f: EvidenceFacts): string {
  if (!f.hasBefore && !f.hasAfter) return f.status === 'completed' ? 'No photos' : '';
  const photos = f.hasBefore && f.hasAfter ? 'Before and after photos' : f.hasAfter ? 'After photo only' : 'Before photo only';
  if (!f.flags.length) return `${photos}, checks passed`;
  return `${photos}, flagged: ${f.flags.map((x) => FLAG_WORDS[x] ?? x.replace(/_/g, ' ')).join('; ')}`;
}
