/**
 * Draws a WeeklyReportData as an A4 PDF with pdfkit: cover with headline
 * figures, vector charts, a vector map of the ward (no tiles, works
 * offline), the detail tables, "closed without fixing" listed honestly and
 * before/after pages. Everything is real text in embedded DejaVu fonts, so
 * the PDF is searchable; charts use patterns and labels as well as tone so a
 * greyscale print still reads. Photos arrive as print-ready JPEGs from the caller.
 */
import PDFDocument from 'pdfkit';
import { NOT_RECORDED, type BeforeAfterPair, type PhotoRef, type WeeklyReportData } from './types.js';
import { cleanlinessPage } from './cleanliness.js';
import { reportFonts } from './fonts.js';
import { formatLocalDate, formatLocalDateTime } from './week.js';

type Doc = PDFKit.PDFDocument;
type Geometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface PdfOptions {
  /** Print-ready JPEG of a photo (the server's print copies); null when the file is missing. */
  printPhoto: (photo: PhotoRef) => Promise<Buffer | null>;
  /** The ward boundary (WGS84 GeoJSON) for the map; null draws no map. */
  boundary: Geometry | null;
  /** Footer lines naming the data sources (boundary and postcode licences). */
  attribution?: string[];
}

export const DEFAULT_ATTRIBUTION = [
  'Ward boundaries: Contains Ordnance Survey data © Crown copyright and database right 2014. Contains National Statistics data © Crown copyright and database right (via UK-GeoJSON by Martin Chorley, CC BY 4.0).',
  'Postcodes: OS Code-Point Open. Contains OS data © Crown copyright and database right 2014. Contains Royal Mail data © Royal Mail copyright and database right 2014. Contains National Statistics data © Crown copyright and database right 2014.',
];


const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 42;
const FOOTER_H = 46;
const CONTENT_W = A4.width - 2 * MARGIN;
const CONTENT_BOTTOM = A4.height - MARGIN - FOOTER_H;
const INK = '#111111';
const MID = '#555555';
const LIGHT = '#d9d9d9';
const ACCENT = '#1d3557';

// ---------------------------------------------------------------- formatting

/** Times to clear, always in hours (one unit everywhere, so figures compare at a glance). */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '–';
  return `${(Math.round(h * 10) / 10).toFixed(1)} h`;
}

export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

function weekTitle(d: WeeklyReportData): string {
  return `Week ${d.week.week}, ${formatLocalDate(d.week.start, d.timeZone)} – ${formatLocalDate(new Date(Date.parse(d.week.end) - 1).toISOString(), d.timeZone)}`;
}

const FLAG_LABELS: Record<string, string> = {
  far_from_job: 'Photo taken far from the job',
  taken_long_before: 'Photo taken long before closing',
  taken_before_start: 'Photo taken before the job started',
  no_gps: 'Photo without a position',
  no_timestamp: 'Photo without a time',
  position_inaccurate: 'Tablet position too vague to tell',
  same_as_before: 'Same picture as another photo',
  unreadable: 'Photo could not be read',
  no_before_photo: 'No before photo',
  position_from_device: 'Position from the tablet (photo had none)',
  time_from_device: 'Time from the tablet (photo had none)',
};

// ---------------------------------------------------------------- drawing helpers

type Pattern = 'solid' | 'hatch' | 'dots' | 'light';
const SERIES: { key: 'received' | 'fixed' | 'closedNotFixed'; label: string; pattern: Pattern }[] = [
  { key: 'received', label: 'Requests received', pattern: 'solid' },
  { key: 'fixed', label: 'Fixed (with evidence)', pattern: 'hatch' },
  { key: 'closedNotFixed', label: 'Closed without fixing', pattern: 'dots' },
];

function patternRect(doc: Doc, x: number, y: number, w: number, h: number, pattern: Pattern): void {
  if (w <= 0 || h <= 0) return;
  doc.save();
  if (pattern === 'solid') doc.rect(x, y, w, h).fill('#3a3a3a');
  else if (pattern === 'light') doc.rect(x, y, w, h).fill('#bdbdbd');
  else {
    doc.rect(x, y, w, h).fill('#ffffff');
    doc.save();
    doc.rect(x, y, w, h).clip();
    if (pattern === 'hatch') {
      doc.lineWidth(0.9).strokeColor(INK);
      for (let i = -h; i < w; i += 3.2) doc.moveTo(x + i, y + h).lineTo(x + i + h, y).stroke();
    } else {
      doc.fillColor(INK);
      for (let yy = y + 1.5; yy < y + h; yy += 3) for (let xx = x + 1.5 + ((yy - y) % 6 ? 1.5 : 0); xx < x + w; xx += 3) doc.circle(xx, yy, 0.65).fill();
    }
    doc.restore();
  }
  doc.rect(x, y, w, h).lineWidth(0.6).strokeColor(INK).stroke();
  doc.restore();
}

const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross', 'invtriangle', 'star', 'hexagon', 'x'] as const;
type Shape = (typeof SHAPES)[number];

function shapePath(doc: Doc, shape: Shape, cx: number, cy: number, r: number): void {
  const poly = (pts: [number, number][]) => {
    doc.moveTo(cx + pts[0][0], cy + pts[0][1]);
    for (const [x, y] of pts.slice(1)) doc.lineTo(cx + x, cy + y);
    doc.closePath();
  };
  switch (shape) {
    case 'circle': doc.circle(cx, cy, r); break;
    case 'square': doc.rect(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7); break;
    case 'triangle': poly([[0, -r * 1.1], [r, r * 0.75], [-r, r * 0.75]]); break;
    case 'invtriangle': poly([[0, r * 1.1], [r, -r * 0.75], [-r, -r * 0.75]]); break;
    case 'diamond': poly([[0, -r * 1.15], [r * 1.15, 0], [0, r * 1.15], [-r * 1.15, 0]]); break;
    case 'hexagon': poly(Array.from({ length: 6 }, (_, i) => [r * Math.cos((i * Math.PI) / 3), r * Math.sin((i * Math.PI) / 3)] as [number, number])); break;
    case 'star': poly(Array.from({ length: 10 }, (_, i) => {
      const rr = i % 2 ? r * 0.5 : r * 1.2;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      return [rr * Math.cos(a), rr * Math.sin(a)] as [number, number];
    })); break;
    case 'cross': { const t = r * 0.38; poly([[-t, -r], [t, -r], [t, -t], [r, -t], [r, t], [t, t], [t, r], [-t, r], [-t, t], [-r, t], [-r, -t], [-t, -t]]); break; }
    case 'x': { const t = r * 0.3; doc.save(); doc.rotate(45, { origin: [cx, cy] }); poly([[-t, -r], [t, -r], [t, -t], [r, -t], [r, t], [t, t], [t, r], [-t, r], [-t, t], [-r, t], [-r, -t], [-t, -t]]); doc.restore(); break; }
  }
}

type Outcome = 'fixed' | 'not_fixed' | 'open';
function symbol(doc: Doc, shape: Shape, cx: number, cy: number, r: number, outcome: Outcome): void {
  doc.save();
  shapePath(doc, shape, cx, cy, r);
  const fill = outcome === 'fixed' ? INK : outcome === 'not_fixed' ? '#9a9a9a' : '#ffffff';
  doc.lineWidth(0.8).fillAndStroke(fill, INK);
  doc.restore();
}

// ---------------------------------------------------------------- the document

interface Ctx {
  doc: Doc;
  data: WeeklyReportData;
  categoryName: (code: string) => string;
  shapeOf: (code: string) => Shape;
  /** The tagged PDF's structure: the document element everything is added to, in reading order. */
  root: PDFKit.PDFStructureElement;
  /** Inside a tagged element's drawing: nested content belongs to it and is not tagged again. */
  open: boolean;
  /** A date and time, with the year when it is not the report's year. */
  when: (iso: string) => string;
}

/**
 * Draws content as one element of the tagged PDF's structure (heading, paragraph,
 * figure with alt text…), added to the document in reading order. Inside another
 * element's drawing it just draws.
 */
function tag(ctx: Ctx, type: string, draw: () => void, options: { alt?: string } = {}): void {
  if (ctx.open) {
    draw();
    return;
  }
  ctx.open = true;
  try {
    ctx.root.add(ctx.doc.struct(type as never, options, draw));
  } finally {
    ctx.open = false;
  }
}

/** Decoration (backgrounds, rules): marked as an artifact, so screen readers skip it. */
function artifact(ctx: Ctx, draw: () => void): void {
  if (ctx.open) {
    draw();
    return;
  }
  ctx.doc.markContent('Artifact');
  draw();
  ctx.doc.endMarkedContent();
}

function heading(ctx: Ctx, text: string, size = 15): void {
  const { doc } = ctx;
  tag(ctx, size >= 15 ? 'H2' : 'H3', () => doc.font('Bold').fontSize(size).fillColor(ACCENT).text(text, MARGIN, doc.y, { width: CONTENT_W }));
  doc.moveDown(0.3);
  doc.fillColor(INK);
}

/** A paragraph of running text. */
function para(ctx: Ctx, text: string, style: { size?: number; color?: string; bold?: boolean } = {}): void {
  const { doc } = ctx;
  tag(ctx, 'P', () => doc.font(style.bold ? 'Bold' : 'Body').fontSize(style.size ?? 9).fillColor(style.color ?? INK).text(text, MARGIN, doc.y, { width: CONTENT_W }));
}

function ensureSpace(ctx: Ctx, needed: number): void {
  if (ctx.doc.y + needed > CONTENT_BOTTOM) {
    ctx.doc.addPage();
    ctx.doc.y = MARGIN;
  }
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table, or a line saying there is nothing to list when `rows` is empty. */
function tableOrNone(ctx: Ctx, none: string, columns: Column[], rows: string[][], opts: { fontSize?: number; title?: string } = {}): void {
  if (rows.length) return table(ctx, columns, rows, opts);
  para(ctx, none);
  ctx.doc.moveDown();
}

/**
 * A table, tagged as one (header cells TH, body cells TD, row by row). A row
 * never starts a page on its own: when the last row would go over, the row
 * before it goes with it, and a table starts on a new page unless its header
 * and two rows (or all of it) fit.
 */
function table(ctx: Ctx, columns: Column[], rows: string[][], opts: { fontSize?: number; title?: string } = {}): void {
  const { doc } = ctx;
  const size = opts.fontSize ?? 9;
  const pad = 3;
  const tagged = !ctx.open;
  const tableStruct = tagged ? doc.struct('Table') : null;
  if (tableStruct) ctx.root.add(tableStruct);
  const cell = (row: PDFKit.PDFStructureElement | null, type: 'TH' | 'TD', draw: () => void) => {
    if (row) row.add(doc.struct(type, (type === 'TH' ? { scope: 'Column' } : {}) as never, draw) as never);
    else draw();
  };
  const headerH = () => {
    doc.font('Bold').fontSize(size);
    return Math.max(...columns.map((c) => doc.heightOfString(c.title, { width: c.width - 2 * pad }))) + 2 * pad;
  };
  const drawHeader = () => {
    const y = doc.y;
    const h = headerH();
    artifact(ctx, () => doc.rect(MARGIN, y, CONTENT_W, h).fill('#eeeeee'));
    doc.fillColor(INK);
    const tr = tableStruct ? doc.struct('TR') : null;
    if (tr) tableStruct!.add(tr);
    let x = MARGIN;
    for (const c of columns) {
      const cx = x;
      cell(tr, 'TH', () => doc.font('Bold').fontSize(size).fillColor(INK).text(c.title, cx + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left' }));
      x += c.width;
    }
    tr?.end();
    doc.y = y + h;
  };
  doc.font('Body').fontSize(size);
  const heights = rows.map((row) => Math.max(...row.map((text, i) => doc.heightOfString(text, { width: columns[i].width - 2 * pad }))) + 2 * pad);
  const firstRows = heights.slice(0, 2).reduce((a, b) => a + b, 0);
  ensureSpace(ctx, headerH() + firstRows + 4);
  drawHeader();
  doc.font('Body').fontSize(size);
  rows.forEach((row, r) => {
    const h = heights[r];
    const lastFollows = r === rows.length - 2 && doc.y + h + heights[r + 1] > CONTENT_BOTTOM;
    if (doc.y + h > CONTENT_BOTTOM || (lastFollows && r > 0)) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeader();
      doc.font('Body').fontSize(size);
    }
    const y = doc.y;
    let x = MARGIN;
    doc.fillColor(INK);
    const tr = tableStruct ? doc.struct('TR') : null;
    if (tr) tableStruct!.add(tr);
    row.forEach((text, i) => {
      const cx = x;
      cell(tr, 'TD', () => doc.font('Body').fontSize(size).fillColor(INK).text(text, cx + pad, y + pad, { width: columns[i].width - 2 * pad, align: columns[i].align ?? 'left' }));
      x += columns[i].width;
    });
    tr?.end();
    artifact(ctx, () => doc.moveTo(MARGIN, y + h).lineTo(MARGIN + CONTENT_W, y + h).lineWidth(0.4).strokeColor(LIGHT).stroke());
    doc.y = y + h;
  });
  tableStruct?.end();
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

function cover(ctx: Ctx): void {
  const { doc, data } = ctx;
  artifact(ctx, () => doc.rect(0, 0, A4.width, 118).fill(ACCENT));
  tag(ctx, 'P', () => doc.fillColor('#ffffff').font('Body').fontSize(11).text(data.councilName, MARGIN, 34, { width: CONTENT_W }));
  tag(ctx, 'H1', () => doc.fillColor('#ffffff').font('Bold').fontSize(21).text('Weekly street-cleansing report', MARGIN, 54, { width: CONTENT_W }));
  tag(ctx, 'P', () => doc.fillColor('#ffffff').font('Body').fontSize(10).text('For ward councillors: what residents reported, what was cleared, what is still outstanding.', MARGIN, 84, { width: CONTENT_W }));

  tag(ctx, 'H2', () => doc.fillColor(INK).font('Bold').fontSize(26).text(data.ward.name, MARGIN, 140, { width: CONTENT_W }));
  tag(ctx, 'P', () => doc.font('Body').fontSize(13).fillColor(INK).text(`${weekTitle(data)} (${data.week.label})`, { width: CONTENT_W }));
  tag(ctx, 'P', () => doc.fontSize(9).fillColor(MID).text(`Ward ${data.ward.code}. Generated ${formatLocalDateTime(data.generatedAt, data.timeZone, true)} (UK time).`, { width: CONTENT_W }));
  if (data.provisional) {
    doc.moveDown(0.3);
    tag(ctx, 'P', () => doc.font('Bold').fillColor(INK).text('Provisional: this week had not finished when the report was made, so the figures can still change.', { width: CONTENT_W }));
  }

  const h = data.headline;
  const underReview = data.evidence?.underReview.length ?? 0;
  const rejected = data.evidence?.rejected.length ?? 0;
  const apart = [underReview ? `${underReview} more being checked` : '', rejected ? `${rejected} sent back` : ''].filter(Boolean).join(', ');
  const apartNote = apart ? `${apart} (photos not yet accepted)` : '';
  const tiles: [string, string, string][] = [
    [String(h.received), 'Requests received', `${Object.entries(data.received.bySource).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'none this week'}`],
    [String(h.fixed), 'Fixed, with evidence', apartNote || `${data.fixed.clearedLate} of them after the deadline`],
    [String(h.closedNotFixed), 'Closed without fixing', 'listed with reasons in this report'],
    [String(h.stillOpen), 'Still open at week end', `${h.overdue} overdue`],
    [formatShare(h.withinDeadlineShare), 'Fixed within deadline', data.withinDeadline.fixed ? `${data.withinDeadline.onTime} of ${data.withinDeadline.fixed} fixed jobs` : 'no jobs fixed this week'],
    [formatHours(h.medianHoursToClear), 'Median time to clear', data.timeToClear.overall ? `90% within ${formatHours(data.timeToClear.overall.p90Hours)}` : 'no jobs fixed this week'],
  ];
  const tileW = (CONTENT_W - 2 * 10) / 3;
  const tileH = 74;
  const top = doc.y + 16;
  tiles.forEach(([value, label, sub], i) => {
    const x = MARGIN + (i % 3) * (tileW + 10);
    const y = top + Math.floor(i / 3) * (tileH + 10);
    artifact(ctx, () => doc.rect(x, y, tileW, tileH).lineWidth(0.8).strokeColor(INK).stroke());
    // Read as "12 Fixed, with evidence (3 more cleared…)".
    tag(ctx, 'P', () => {
      doc.font('Bold').fontSize(24).fillColor(INK).text(value, x + 8, y + 7, { width: tileW - 16 });
      doc.font('Bold').fontSize(9.5).fillColor(INK).text(label, x + 8, y + 38, { width: tileW - 16 });
      doc.font('Body').fontSize(8).fillColor(MID).text(sub, x + 8, y + 51, { width: tileW - 16, height: 20, ellipsis: true });
    });
  });
  doc.y = top + 2 * (tileH + 10) + 6;
  doc.x = MARGIN;

  heading(ctx, 'Removed from the streets', 12);
  para(ctx, `${data.removed.sharps} needles and sharps   ·   ${data.removed.condoms} used condoms   ·   ${data.removed.bags} bags of waste`, { size: 11 });
  doc.moveDown(0.9);

  heading(ctx, `This ward against all of ${data.councilName}`, 12);
  const c = data.council;
  const share = (ward: number, all: number) => (all ? `${Math.round((ward / all) * 100)}%` : '–');
  table(
    ctx,
    [
      { title: '', width: 200 },
      { title: 'This ward', width: 90, align: 'right' },
      { title: `All ${c.wards} wards`, width: 110, align: 'right' },
      { title: 'Ward’s share', width: CONTENT_W - 400, align: 'right' },
    ],
    [
      ['Requests received', String(h.received), String(c.received), share(h.received, c.received)],
      ['Fixed, with evidence', String(h.fixed), String(c.fixed), share(h.fixed, c.fixed)],
      ['Closed without fixing', String(h.closedNotFixed), String(c.closedNotFixed), share(h.closedNotFixed, c.closedNotFixed)],
      ['Still open at week end', String(h.stillOpen), String(c.stillOpen), share(h.stillOpen, c.stillOpen)],
      ['Overdue at week end', String(h.overdue), String(c.overdue), share(h.overdue, c.overdue)],
      ['Fixed within deadline', formatShare(h.withinDeadlineShare), formatShare(c.withinDeadlineShare), ''],
      ['Median time to clear', formatHours(h.medianHoursToClear), formatHours(c.medianHoursToClear), ''],
    ],
  );

  heading(ctx, 'How we count', 10);
  para(
    ctx,
    [
      'A week runs from Monday 00:00 to Sunday midnight, UK time. “Requests” are reports from residents, partners and other systems; several can lead to one job.',
      '“Fixed, with evidence” counts only jobs closed as completed whose before and after photos were accepted (at once when nothing about them was doubtful, else after a check by the council); jobs whose photos are still being checked or were rejected are listed apart, and jobs closed for any other reason are counted as “closed without fixing”, never as fixed.',
      'Time to clear runs from the first report to completion, in hours. “Still open” and “overdue” are as at the end of the week. This report never contains reporters’ names or contact details.',
    ].join(' '),
    { size: 7.5, color: MID },
  );
  doc.fillColor(INK);
}

/** Categories with something to show this week (the data also names those seen only in the 12-week window). */
function activeCategoryCodes(data: WeeklyReportData): string[] {
  const closed = new Set(data.closedNotFixed.items.map((i) => i.categoryCode));
  return data.categories
    .map((c) => c.code)
    .filter((code) => (data.received.byCategory[code] ?? 0) + (data.fixed.byCategory[code] ?? 0) + (data.stillOpen.byCategory[code] ?? 0) > 0 || closed.has(code));
}

function categoryChart(ctx: Ctx): void {
  const { doc, data } = ctx;
  heading(ctx, 'Requests and clearances by category');
  const rows = activeCategoryCodes(data).map((code) => ({
    name: ctx.categoryName(code),
    received: data.received.byCategory[code] ?? 0,
    fixed: data.fixed.byCategory[code] ?? 0,
    closedNotFixed: data.closedNotFixed.items.filter((i) => i.categoryCode === code).length,
  }));
  if (!rows.length) {
    para(ctx, 'No requests or closed jobs in this ward this week.', { size: 10 });
    doc.moveDown();
    return;
  }
  const alt = `Bar chart of this week by category, received, fixed with evidence, closed without fixing: ${rows.map((r) => `${r.name} ${r.received}, ${r.fixed}, ${r.closedNotFixed}`).join('; ')}.`;
  tag(ctx, 'Figure', () => drawCategoryBars(ctx, rows), { alt });
}

function drawCategoryBars(ctx: Ctx, rows: { name: string; received: number; fixed: number; closedNotFixed: number }[]): void {
  const { doc } = ctx;
  legend(ctx, SERIES);
  const labelW = 150;
  const barH = 9;
  const groupH = barH * 3 + 9;
  const max = Math.max(1, ...rows.flatMap((r) => [r.received, r.fixed, r.closedNotFixed]));
  const plotW = CONTENT_W - labelW - 30;
  const chartTop = doc.y + 4;
  let y = chartTop;
  for (const r of rows) {
    doc.font('Body').fontSize(8.5).fillColor(INK).text(r.name, MARGIN, y + barH - 3, { width: labelW - 6, height: groupH, ellipsis: true });
    SERIES.forEach((s, i) => {
      const v = r[s.key];
      const w = (v / max) * plotW;
      const by = y + i * barH;
      patternRect(doc, MARGIN + labelW, by, Math.max(w, 0), barH - 1, s.pattern);
      doc.font('Body').fontSize(7).fillColor(INK).text(String(v), MARGIN + labelW + w + 3, by + 0.5, { lineBreak: false });
    });
    y += groupH;
  }
  doc.moveTo(MARGIN + labelW, chartTop - 2).lineTo(MARGIN + labelW, y - 6).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y = y + 8;
  doc.x = MARGIN;
}

function legend(ctx: Ctx, series: { label: string; pattern: Pattern }[]): void {
  const { doc } = ctx;
  let x = MARGIN;
  const y = doc.y + 2;
  doc.font('Body').fontSize(8.5).fillColor(INK);
  for (const s of series) {
    patternRect(doc, x, y, 16, 9, s.pattern);
    doc.fillColor(INK).text(s.label, x + 20, y, { lineBreak: false });
    x += 20 + doc.widthOfString(s.label) + 18;
  }
  doc.y = y + 16;
  doc.x = MARGIN;
}

function trendChart(ctx: Ctx): void {
  const { doc, data } = ctx;
  heading(ctx, 'The last 12 weeks in this ward');
  const alt = `Bar chart of the last 12 weeks in this ward, received, fixed with evidence, closed without fixing: ${data.trend.map((w) => `week of ${formatLocalDate(`${w.firstDay}T12:00:00.000Z`, data.timeZone)} ${w.received}, ${w.fixed}, ${w.closedNotFixed}`).join('; ')}.`;
  tag(ctx, 'Figure', () => drawTrendBars(ctx), { alt });
  para(ctx, 'Weeks start on the Monday shown. The bold week is the one this report covers.', { size: 7.5, color: MID });
  doc.moveDown();
}

function drawTrendBars(ctx: Ctx): void {
  const { doc, data } = ctx;
  legend(ctx, SERIES);
  const chartH = 170;
  const axisW = 28;
  const top = doc.y + 6;
  const bottom = top + chartH;
  const max = Math.max(1, ...data.trend.flatMap((w) => [w.received, w.fixed, w.closedNotFixed]));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const plotW = CONTENT_W - axisW;
  doc.font('Body').fontSize(7).fillColor(MID);
  for (let v = 0; v <= yMax; v += step) {
    const y = bottom - (v / yMax) * chartH;
    doc.moveTo(MARGIN + axisW, y).lineTo(MARGIN + CONTENT_W, y).lineWidth(0.3).strokeColor(LIGHT).stroke();
    doc.fillColor(MID).text(String(v), MARGIN, y - 3.5, { width: axisW - 4, align: 'right' });
  }
  const groupW = plotW / data.trend.length;
  const barW = Math.min(11, (groupW - 8) / 3);
  data.trend.forEach((w, i) => {
    const gx = MARGIN + axisW + i * groupW + (groupW - barW * 3) / 2;
    SERIES.forEach((s, j) => {
      const v = w[s.key];
      const h = (v / yMax) * chartH;
      patternRect(doc, gx + j * barW, bottom - h, barW - 1, h, s.pattern);
      if (v > 0) doc.font('Body').fontSize(6).fillColor(INK).text(String(v), gx + j * barW - 4, bottom - h - 8, { width: barW + 7, align: 'center' });
    });
    const current = i === data.trend.length - 1;
    doc.font(current ? 'Bold' : 'Body').fontSize(7).fillColor(INK)
      .text(`W${w.week.slice(-2)}`, MARGIN + axisW + i * groupW, bottom + 4, { width: groupW, align: 'center' })
      .font('Body').fontSize(6.5).fillColor(MID)
      .text(formatLocalDate(`${w.firstDay}T12:00:00.000Z`, data.timeZone).replace(/ \d{4}$/, ''), MARGIN + axisW + i * groupW, bottom + 13, { width: groupW, align: 'center' });
  });
  doc.moveTo(MARGIN + axisW, bottom).lineTo(MARGIN + CONTENT_W, bottom).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y = bottom + 30;
  doc.x = MARGIN;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(1, m * pow);
  return Math.max(1, 10 * pow);
}

function mapPage(ctx: Ctx, boundary: Geometry | null): void {
  const { doc, data } = ctx;
  doc.addPage();
  heading(ctx, `Map of ${data.ward.name}`);
  para(ctx, 'Every job fixed or closed this week, and every job still open at the end of it. Shape shows the category, fill shows the outcome.', { size: 8.5, color: MID });
  doc.moveDown(0.4);
  const count = (o: Outcome) => data.mapPoints.filter((p) => p.outcome === o).length;
  const alt = `Map of ${data.ward.name} with its boundary, marking ${count('fixed')} jobs fixed, ${count('not_fixed')} closed without fixing and ${count('open')} still open; the same jobs are listed in the tables of this report.`;
  tag(ctx, 'Figure', () => drawMap(ctx, boundary), { alt });

  heading(ctx, 'Repeat locations (hotspots)', 12);
  tableOrNone(
    ctx,
    'No place had more than one request in the last 12 weeks.',
    [
      { title: 'Place (nearest postcode)', width: 190 },
      { title: 'Mostly', width: 150 },
      { title: 'This week', width: 80, align: 'right' },
      { title: 'Last 12 weeks', width: CONTENT_W - 420, align: 'right' },
    ],
    data.hotspots.map((h) => [h.location, ctx.categoryName(h.topCategoryCode), String(h.requestsThisWeek), String(h.requestsTrendWindow)]),
  );
}

function drawMap(ctx: Ctx, boundary: Geometry | null): void {
  const { doc, data } = ctx;
  const box = { x: MARGIN, y: doc.y, w: CONTENT_W, h: 400 };
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.6).strokeColor(MID).stroke();
  if (!boundary) {
    doc.font('Body').fontSize(10).fillColor(INK).text('No ward boundary is loaded, so no map can be drawn.', box.x + 10, box.y + 10);
  } else {
    const polys = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const poly of polys) for (const ring of poly) for (const [lng, lat] of ring) {
      minX = Math.min(minX, lng); maxX = Math.max(maxX, lng); minY = Math.min(minY, lat); maxY = Math.max(maxY, lat);
    }
    // Equirectangular at the ward's latitude: at ward scale indistinguishable from the National Grid.
    const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    const pad = 18;
    const scale = Math.min((box.w - 2 * pad) / ((maxX - minX) * k), (box.h - 2 * pad) / (maxY - minY));
    const ox = box.x + (box.w - (maxX - minX) * k * scale) / 2;
    const oy = box.y + (box.h - (maxY - minY) * scale) / 2;
    const project = (lng: number, lat: number): [number, number] => [ox + (lng - minX) * k * scale, oy + (maxY - lat) * scale];
    doc.save();
    for (const poly of polys) {
      for (const ring of poly) {
        ring.forEach(([lng, lat], i) => {
          const [x, y] = project(lng, lat);
          if (i === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        });
        doc.closePath();
      }
    }
    doc.fillOpacity(1).lineWidth(1.4).fillAndStroke('#f2f2f2', INK);
    doc.restore();
    doc.save();
    doc.rect(box.x, box.y, box.w, box.h).clip();
    // Open jobs on top: they are what a councillor asks about.
    const order: Record<Outcome, number> = { fixed: 0, not_fixed: 1, open: 2 };
    for (const p of [...data.mapPoints].sort((a, b) => order[a.outcome] - order[b.outcome])) {
      const [x, y] = project(p.lng, p.lat);
      symbol(doc, ctx.shapeOf(p.categoryCode), x, y, 4.2, p.outcome);
    }
    doc.restore();
    // Scale bar: 500 m.
    const metresPerDegree = 111_320;
    const barPts = (500 / (metresPerDegree * k)) * k * scale;
    const sx = box.x + 12;
    const sy = box.y + box.h - 14;
    doc.rect(sx, sy, barPts, 4).lineWidth(0.6).fillAndStroke(INK, INK);
    doc.font('Body').fontSize(7).fillColor(INK).text('500 m', sx + barPts + 4, sy - 2, { lineBreak: false });
    // North arrow.
    const nx = box.x + box.w - 20;
    const ny = box.y + 14;
    doc.moveTo(nx, ny).lineTo(nx + 5, ny + 14).lineTo(nx, ny + 10).lineTo(nx - 5, ny + 14).closePath().fill(INK);
    doc.font('Bold').fontSize(8).text('N', nx - 3, ny + 15, { lineBreak: false });
  }
  doc.y = box.y + box.h + 8;
  doc.x = MARGIN;

  // Legend: categories by shape, outcomes by fill.
  const onMap = new Set(data.mapPoints.map((p) => p.categoryCode));
  const codes = data.categories.map((c) => c.code).filter((code) => onMap.has(code));
  const legendItems = codes.map((code) => ({ code, name: ctx.categoryName(code) }));
  let x = MARGIN;
  let y = doc.y;
  doc.font('Body').fontSize(8);
  for (const item of legendItems) {
    const w = 16 + doc.widthOfString(item.name) + 14;
    if (x + w > MARGIN + CONTENT_W) { x = MARGIN; y += 13; }
    symbol(doc, ctx.shapeOf(item.code), x + 5, y + 4, 4, 'open');
    doc.fillColor(INK).text(item.name, x + 13, y, { lineBreak: false });
    x += w;
  }
  y += 15;
  x = MARGIN;
  for (const [outcome, label] of [['fixed', 'Fixed (filled)'], ['not_fixed', 'Closed without fixing (grey)'], ['open', 'Still open (white)']] as [Outcome, string][]) {
    symbol(doc, 'circle', x + 5, y + 4, 4, outcome);
    doc.fillColor(INK).text(label, x + 13, y, { lineBreak: false });
    x += 16 + doc.widthOfString(label) + 14;
  }
  doc.y = y + 20;
  doc.x = MARGIN;
}

function detailPages(ctx: Ctx): void {
  const { doc, data } = ctx;
  doc.addPage();
  heading(ctx, 'By category');
  const codes = activeCategoryCodes(data);
  table(
    ctx,
    [
      { title: 'Category', width: 150 },
      { title: 'Received', width: 55, align: 'right' },
      { title: 'Fixed', width: 45, align: 'right' },
      { title: 'Still open', width: 55, align: 'right' },
      { title: 'Median time to clear (hours)', width: 75, align: 'right' },
      { title: '90% cleared within (hours)', width: 70, align: 'right' },
      { title: 'Fixed on time', width: CONTENT_W - 450, align: 'right' },
    ],
    codes.length
      ? codes.map((code) => {
          const t = data.timeToClear.byCategory[code];
          return [
            ctx.categoryName(code),
            String(data.received.byCategory[code] ?? 0),
            String(data.fixed.byCategory[code] ?? 0),
            String(data.stillOpen.byCategory[code] ?? 0),
            formatHours(t?.medianHours),
            formatHours(t?.p90Hours),
            t ? `${t.onTime} of ${t.count}` : '–',
          ];
        })
      : [['No activity this week', '0', '0', '0', '–', '–', '–']],
  );
  heading(ctx, 'Where requests came from', 12);
  const sourceLabels: Record<string, string> = { public: 'Residents (website)', partner: 'Partners (police, housing…)', open311: 'Other systems (FixMyStreet / Open311)', staff: 'Council staff', sweep: 'Scheduled sweeps' };
  table(
    ctx,
    [{ title: 'Source', width: 300 }, { title: 'Requests', width: CONTENT_W - 300, align: 'right' }],
    Object.entries(data.received.bySource).map(([s, n]) => [sourceLabels[s] ?? s, String(n)]),
  );

  heading(ctx, 'Fly-tips cleared, by Defra size band', 12);
  table(
    ctx,
    [{ title: 'Size (WasteDataFlow)', width: 300 }, { title: 'Fly-tips', width: CONTENT_W - 300, align: 'right' }],
    data.flyTipsBySize.filter((s) => s.key !== NOT_RECORDED || s.count > 0).map((s) => [s.label, String(s.count)]),
  );

  heading(ctx, 'Evidence checks', 12);
  const flags = Object.entries(data.evidenceFlags);
  para(ctx, 'Photos are checked for time and position. A job with a flagged photo counts as fixed only once the council has checked the photos and accepted them.', { size: 8.5, color: MID });
  doc.moveDown(0.3);
  table(
    ctx,
    [{ title: 'Flag', width: 300 }, { title: 'Jobs closed this week', width: CONTENT_W - 300, align: 'right' }],
    flags.length ? flags.map(([f, n]) => [FLAG_LABELS[f] ?? f, String(n)]) : [['No evidence flags this week', '0']],
  );

  evidenceApart(ctx);

  ensureSpace(ctx, 120);
  heading(ctx, `Closed without fixing (${data.closedNotFixed.total})`);
  para(ctx, 'These jobs were closed this week but not cleared. They are not counted as fixed anywhere in this report.', { size: 8.5, color: MID });
  doc.moveDown(0.3);
  tableOrNone(
    ctx,
    'None this week.',
    [
      { title: 'Job', width: 92 },
      { title: 'Category', width: 110 },
      { title: 'Place', width: 130 },
      { title: 'Closed', width: 80 },
      { title: 'Reason', width: CONTENT_W - 412 },
    ],
    data.closedNotFixed.items.map((i) => [i.reference, ctx.categoryName(i.categoryCode), i.location, ctx.when(i.closedAt), i.reasonLabel]),
    { fontSize: 8 },
  );
}

/** Cleared by the crew but not "fixed, with evidence": photos being checked, or rejected and sent back. Counted and listed apart. */
function evidenceApart(ctx: Ctx): void {
  const { doc, data } = ctx;
  const underReview = data.evidence?.underReview ?? [];
  const rejected = data.evidence?.rejected ?? [];
  ensureSpace(ctx, 60);
  heading(ctx, `Cleared, photos not yet accepted (${underReview.length + rejected.length})`, 12);
  if (!underReview.length && !rejected.length) {
    para(ctx, 'None this week: every job a crew cleared had its photos accepted.');
    doc.moveDown();
    return;
  }
  para(
    ctx,
    `${underReview.length === 1 ? '1 job was' : `${underReview.length} jobs were`} cleared by a crew this week with photos the council is still checking, and ${rejected.length === 1 ? '1 job was' : `${rejected.length} jobs were`} sent back to a crew because the photos did not show the work. None of them is counted as fixed in this report.`,
    { size: 8.5, color: MID },
  );
  doc.moveDown(0.3);
  const rows = [
    ...underReview.map((i) => [i.reference, ctx.categoryName(i.categoryCode), i.location, i.clearedAt ? ctx.when(i.clearedAt) : '–', `Being checked: ${i.problems.join('; ') || 'photos flagged'}`]),
    ...rejected.map((i) => [i.reference, ctx.categoryName(i.categoryCode), i.location, '–', `Photos rejected${i.sentBackAt ? ` ${ctx.when(i.sentBackAt)}` : ''}; sent back to a crew to do again`]),
  ];
  table(
    ctx,
    [
      { title: 'Job', width: 92 },
      { title: 'Category', width: 100 },
      { title: 'Place', width: 120 },
      { title: 'Cleared by the crew', width: 80 },
      { title: 'Evidence', width: CONTENT_W - 392 },
    ],
    rows,
    { fontSize: 8 },
  );
}

/** A few at a time: sharp works in its own threads, and this bounds memory for 120 photos. */
async function printPhotos(pairs: BeforeAfterPair[], printPhoto: PdfOptions['printPhoto']): Promise<Map<string, Buffer | null>> {
  const queue = pairs.flatMap((p) => [p.before, p.after]);
  const out = new Map<string, Buffer | null>();
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) out.set(ref.id, await printPhoto(ref).catch(() => null));
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

function pairPages(ctx: Ctx, photos: Map<string, Buffer | null>): void {
  const { doc, data } = ctx;
  if (!data.pairs.length) return;
  const blockH = (CONTENT_BOTTOM - MARGIN - 30) / 2;
  data.pairs.forEach((pair, i) => {
    if (i % 2 === 0) {
      doc.addPage();
      doc.y = MARGIN;
      heading(ctx, `Before and after (${i / 2 + 1} of ${Math.ceil(data.pairs.length / 2)})`);
    }
    const top = MARGIN + 30 + (i % 2) * blockH;
    drawPair(ctx, pair, photos, top, blockH - 12);
  });
  if (data.pairsOmitted > 0) {
    doc.y = CONTENT_BOTTOM - 12;
    para(ctx, `${data.pairsOmitted} more fixed jobs had before and after photos; they are not printed here to keep the report short.`, { size: 8.5, color: MID });
  }
}

function drawPair(ctx: Ctx, pair: BeforeAfterPair, photos: Map<string, Buffer | null>, top: number, height: number): void {
  const { doc } = ctx;
  tag(ctx, 'H3', () => {
    doc.font('Bold').fontSize(11).fillColor(INK).text(`${pair.categoryName}${pair.hazard ? ' (hazard)' : ''}`, MARGIN, top, { width: CONTENT_W - 110, lineBreak: false });
    doc.font('Body').fontSize(8.5).fillColor(MID).text(pair.reference, MARGIN + CONTENT_W - 110, top + 2, { width: 110, align: 'right', lineBreak: false });
  });
  // The description is either a staff-moderated summary or "category, place"; the latter would repeat the heading.
  const summary = pair.description === `${pair.categoryName}, ${pair.location}` ? pair.location : pair.description;
  tag(ctx, 'P', () => doc.font('Body').fontSize(9).fillColor(INK).text(summary, MARGIN, top + 16, { width: CONTENT_W, height: 12, ellipsis: true }));
  const imgTop = top + 32;
  const imgW = (CONTENT_W - 10) / 2;
  const imgH = Math.min(imgW * 0.75, height - 32 - 62);
  for (const [j, ref, label] of [[0, pair.before, 'Before'], [1, pair.after, 'After']] as const) {
    const x = MARGIN + j * (imgW + 10);
    artifact(ctx, () => doc.rect(x, imgTop, imgW, imgH).fill('#f4f4f4'));
    const img = photos.get(ref.id);
    const taken = ref.takenAt ? `photo taken ${ctx.when(ref.takenAt)}` : 'time of photo not recorded';
    const alt = `${label} photo of ${pair.categoryName.toLowerCase()} at ${pair.location}, ${taken}.`;
    if (img) tag(ctx, 'Figure', () => doc.image(img, x, imgTop, { fit: [imgW, imgH], align: 'center', valign: 'center' }), { alt });
    else tag(ctx, 'P', () => doc.font('Body').fontSize(9).fillColor(MID).text(`${label}: photo file missing`, x, imgTop + imgH / 2 - 5, { width: imgW, align: 'center' }));
    const caption = `${label}${ref.takenAt ? ` · ${taken}` : ''}`;
    doc.font('Bold').fontSize(8.5);
    const captionW = doc.widthOfString(caption) + 8;
    artifact(ctx, () => doc.rect(x, imgTop + imgH - 16, captionW, 16).fill('#ffffff'));
    tag(ctx, 'Caption', () => doc.font('Bold').fontSize(8.5).fillColor(INK).text(caption, x + 4, imgTop + imgH - 12.5, { lineBreak: false }));
  }
  const infoTop = imgTop + imgH + 6;
  const lines: [string, string][] = [
    ['Place', pair.location],
    ['Reported', formatLocalDateTime(pair.reportedAt, ctx.data.timeZone, true)],
    ['Cleared', formatLocalDateTime(pair.clearedAt, ctx.data.timeZone, true)],
    ['Time to clear', `${formatHours(pair.hoursToClear)} (${pair.withinDeadline ? 'within the deadline' : 'after the deadline'})`],
    ['Crew', pair.crewName ?? 'not recorded'],
  ];
  const colW = CONTENT_W / 2;
  lines.forEach(([k, v], n) => {
    const x = MARGIN + (n < 3 ? 0 : colW);
    const y = infoTop + (n < 3 ? n : n - 3) * 12;
    tag(ctx, 'P', () => doc.font('Bold').fontSize(8.5).fillColor(INK).text(`${k}: `, x, y, { continued: true, lineBreak: false }).font('Body').text(v, { lineBreak: false, width: colW - 10, ellipsis: true }));
  });
}

function footers(doc: Doc, data: WeeklyReportData, attribution: string[]): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN - FOOTER_H + 10;
    // Page furniture: an artifact, not part of the reading order.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.moveTo(MARGIN, y - 4).lineTo(MARGIN + CONTENT_W, y - 4).lineWidth(0.4).strokeColor(MID).stroke();
    doc.font('Body').fontSize(7.5).fillColor(INK)
      .text(`${data.ward.name} · ${data.week.label}`, MARGIN, y, { width: CONTENT_W / 2, lineBreak: false })
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + CONTENT_W / 2, y, { width: CONTENT_W / 2, align: 'right', lineBreak: false });
    doc.font('Body').fontSize(5.6).fillColor(MID).text(attribution.join(' '), MARGIN, y + 11, { width: CONTENT_W, lineGap: 0.2 });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottomMargin;
  }
}

export async function renderWeeklyReportPdf(data: WeeklyReportData, opts: PdfOptions): Promise<Buffer> {
  const photos = await printPhotos(data.pairs, opts.printPhoto);
  const title = `${data.ward.name}: weekly street-cleansing report, ${data.week.label}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_H },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    displayTitle: true,
    lang: 'en-GB',
    // Tagged for screen readers: language, title, structure in reading order, alt text on pictures.
    tagged: true,
    info: {
      Title: title,
      Author: data.councilName,
      Subject: `What residents reported, what was cleared and what is outstanding in ${data.ward.name}, ${weekTitle(data)}`,
      Keywords: `street cleansing, ${data.ward.name}, ${data.ward.code}, ${data.week.label}`,
      Creator: 'Kerbside',
      CreationDate: new Date(data.generatedAt),
    },
  });
  const fonts = reportFonts();
  doc.registerFont('Body', fonts.body as never);
  doc.registerFont('Bold', fonts.bold as never);
  doc.font('Body');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const names = new Map(data.categories.map((c) => [c.code, c.name]));
  const shapeIndex = new Map<string, number>();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const reportYear = formatLocalDate(new Date(Date.parse(data.week.end) - 1).toISOString(), data.timeZone).slice(-4);
  const ctx: Ctx = {
    doc,
    data,
    root,
    open: false,
    when: (iso) => formatLocalDateTime(iso, data.timeZone, formatLocalDate(iso, data.timeZone).slice(-4) !== reportYear),
    categoryName: (code) => names.get(code) ?? code,
    shapeOf: (code) => {
      if (!shapeIndex.has(code)) shapeIndex.set(code, shapeIndex.size);
      return SHAPES[shapeIndex.get(code)! % SHAPES.length];
    },
  };
  for (const c of data.categories) ctx.shapeOf(c.code);

  cover(ctx);
  doc.addPage();
  categoryChart(ctx);
  trendChart(ctx);
  if (data.cleanliness) cleanlinessPage(doc, data.cleanliness, { margin: MARGIN, width: CONTENT_W, bottom: CONTENT_BOTTOM, ink: INK, mid: MID, light: LIGHT, accent: ACCENT });
  mapPage(ctx, opts.boundary);
  detailPages(ctx);
  pairPages(ctx, photos);
  root.end();
  footers(doc, data, opts.attribution ?? DEFAULT_ATTRIBUTION);
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
