/**
 * Writers that stream an export to the response a page at a time, waiting
 * for the socket to drain before asking for the next page (backpressure), and
 * stopping when the client goes away. CSV per RFC 4180 as Excel opens it
 * (UTF-8 with a byte-order mark, CRLF, quotes where needed, and text cells
 * that would start a formula prefixed with an apostrophe); GeoJSON per RFC 7946
 * (a FeatureCollection of Points, [longitude, latitude] in WGS 84).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { Column } from './export-columns.js';
import type { ExportRecord } from './export-columns.js';

/** A text cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return before one) gets a leading apostrophe. */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvText(rows: (string | number | null)[][], opts: { header?: string[]; bom?: boolean } = {}): string {
  return stringify(rows, {
    bom: opts.bom ?? false,
    header: !!opts.header,
    columns: opts.header,
    record_delimiter: 'windows',
    cast: { string: (v) => guardFormula(v) },
  });
}

/** Writes a chunk; resolves false when the client has gone (stop producing). */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}

/** Compression holds small writes back; the first page should reach the client at once. */
function flush(res: Response): void {
  (res as Response & { flush?: () => void }).flush?.();
}

async function stream(res: Response, chunks: AsyncGenerator<string>): Promise<void> {
  let first = true;
  try {
    for await (const chunk of chunks) {
      if (!(await send(res, chunk))) return;
      if (first) flush(res);
      first = false;
      // On SQLite every page is read synchronously: give other requests (and this socket) a turn between pages.
      await nextTurn();
    }
    res.end();
  } finally {
    await chunks.return(undefined);
  }
}

export async function writeCsv(res: Response, filename: string, columns: Column[], pages: AsyncGenerator<ExportRecord[]>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  await stream(res, (async function* () {
    // The header row goes out before the first query, so the first bytes arrive at once.
    yield csvText([], { header: columns.map((c) => c.header), bom: true });
    for await (const records of pages) yield csvText(records.map((r) => columns.map((c) => c.value(r))));
  })());
}

export async function writeGeoJson(res: Response, filename: string, columns: Column[], pages: AsyncGenerator<ExportRecord[]>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'application/geo+json; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  const props = columns.filter((c) => c.key !== 'lat' && c.key !== 'lng');
  const lat = columns.find((c) => c.key === 'lat')!;
  const lng = columns.find((c) => c.key === 'lng')!;
  await stream(res, (async function* () {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const records of pages) {
      const features = records.map((r) => {
        const properties: Record<string, unknown> = {};
        for (const c of props) properties[c.key] = c.value(r);
        // Instants as ISO 8601 with their offset, for GIS tools; the CSV keeps UK wall-clock time for spreadsheets.
        properties.reported = r.reportedAt;
        properties.due = r.dueAt;
        properties.closed = r.closedAt;
        return JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng.value(r), lat.value(r)] }, properties });
      });
      yield (first ? '' : ',') + features.join(',');
      first = false;
    }
    yield ']}';
  })());
}
