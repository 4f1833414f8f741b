/**
 * A long id list in slices for `WHERE id IN (...)`: one statement per slice,
 * so a batch lookup stays under both dialects' parameter limits (SQLite
 * 32,766, PostgreSQL 65,535) whatever the caller passes. An export page is
 * one slice; only a caller asking for everything at once gets more.
 */
export const IN_LIST_MAX = 1000;

export function idSlices<T>(ids: readonly T[], size = IN_LIST_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
