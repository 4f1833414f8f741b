/**
 * The weekly PDF's cleanliness page: the ward's survey index per tranche (the
 * share of transects below grade B, per element, with its 95 % interval), its
 * trend, and each partnership area's index before and since the partnership.
 * Bars carry patterns and numbers, so a greyscale print still reads.
 */
import type { CleanlinessSection, ElementShare, SurveyElement, TrancheShares } from './cleanliness-types.js';

type Doc = PDFKit.PDFDocument;

export interface PageLayout {
  margin: number;
  width: number;
  bottom: number;
  ink: string;
  mid: string;
  light: string;
  accent: string;
}

const ELEMENTS: { key: SurveyElement; label: string }[] = [
  { key: 'litter', label: 'Litter' },
  { key: 'detritus', label: 'Detritus' },
  { key: 'graffiti', label: 'Graffiti' },
  { key: 'flyPosting', label: 'Fly-posting' },
];

function pct(e: ElementShare | undefined): string {
  if (!e || e.percent === null) return 'not surveyed';
  return `${e.percent.toFixed(1)}% (${e.low!.toFixed(0)}–${e.high!.toFixed(0)}%)`;
}

function trendWords(t: CleanlinessSection['trend'][SurveyElement]): string {
  if (t.direction === 'unknown' || t.change === null) return 'no earlier tranche to compare';
  const pts = `${Math.abs(t.change).toFixed(1)} points`;
  if (t.direction === 'better') return `better by ${pts}`;
  if (t.direction === 'worse') return `worse by ${pts}`;
  return t.change === 0 ? 'unchanged' : `about the same (${t.change > 0 ? '+' : '−'}${pts})`;
}

/** Bars of the share below B for litter and detritus, with interval whiskers, one group per tranche. */
function bars(doc: Doc, L: PageLayout, groups: { label: string; t: TrancheShares | null }[], height: number): void {
  const top = doc.y + 4;
  const axisW = 30;
  const bottom = top + height;
  const plotW = L.width - axisW;
  doc.font('Body').fontSize(7).fillColor(L.mid);
  for (let v = 0; v <= 100; v += 25) {
    const y = bottom - (v / 100) * height;
    doc.moveTo(L.margin + axisW, y).lineTo(L.margin + L.width, y).lineWidth(0.3).strokeColor(L.light).stroke();
    doc.fillColor(L.mid).text(`${v}%`, L.margin, y - 3.5, { width: axisW - 4, align: 'right' });
  }
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(34, (groupW - 20) / 2);
  groups.forEach((g, i) => {
    const gx = L.margin + axisW + i * groupW + (groupW - 2 * barW) / 2;
    (['litter', 'detritus'] as const).forEach((key, j) => {
      const e = g.t?.elements[key];
      const x = gx + j * barW;
      if (!e || e.percent === null) {
        doc.font('Body').fontSize(6).fillColor(L.mid).text('n/a', x, bottom - 10, { width: barW - 2, align: 'center' });
        return;
      }
      const h = (e.percent / 100) * height;
      if (key === 'litter') doc.rect(x, bottom - h, barW - 2, h).fill(L.accent);
      else {
        doc.rect(x, bottom - h, barW - 2, h).lineWidth(0.8).strokeColor(L.accent).stroke();
        doc.save().rect(x, bottom - h, barW - 2, h).clip();
        for (let d = -height; d < barW + height; d += 4) doc.moveTo(x + d, bottom).lineTo(x + d + height, bottom - height).lineWidth(0.5).strokeColor(L.accent).stroke();
        doc.restore();
      }
      // 95 % interval whisker
      const yl = bottom - (e.low! / 100) * height;
      const yh = bottom - (e.high! / 100) * height;
      const cx = x + (barW - 2) / 2;
      doc.moveTo(cx, yl).lineTo(cx, yh).moveTo(cx - 4, yl).lineTo(cx + 4, yl).moveTo(cx - 4, yh).lineTo(cx + 4, yh).lineWidth(0.9).strokeColor(L.ink).stroke();
      doc.font('Bold').fontSize(7).fillColor(L.ink).text(`${e.percent.toFixed(0)}%`, x - 6, Math.min(yh, bottom - h) - 10, { width: barW + 10, align: 'center' });
    });
    doc.font('Body').fontSize(7.5).fillColor(L.ink).text(g.label, L.margin + axisW + i * groupW, bottom + 4, { width: groupW, align: 'center' });
  });
  doc.moveTo(L.margin + axisW, bottom).lineTo(L.margin + L.width, bottom).lineWidth(0.8).strokeColor(L.ink).stroke();
  doc.y = bottom + 28;
  doc.x = L.margin;
}

function legend(doc: Doc, L: PageLayout): void {
  const y = doc.y;
  doc.rect(L.margin, y, 10, 8).fill(L.accent);
  doc.font('Body').fontSize(8).fillColor(L.ink).text('Litter', L.margin + 14, y, { lineBreak: false });
  doc.rect(L.margin + 60, y, 10, 8).lineWidth(0.8).strokeColor(L.accent).stroke();
  doc.text('Detritus (hatched)', L.margin + 74, y, { lineBreak: false });
  doc.moveTo(L.margin + 170, y + 1).lineTo(L.margin + 170, y + 8).lineWidth(0.9).strokeColor(L.ink).stroke();
  doc.text('95% interval', L.margin + 176, y, { lineBreak: false });
  doc.y = y + 12;
  doc.x = L.margin;
}

function table(doc: Doc, L: PageLayout, head: string[], rows: string[][], widths: number[]): void {
  const pad = 3;
  const draw = (cells: string[], bold: boolean) => {
    const y = doc.y;
    doc.font(bold ? 'Bold' : 'Body').fontSize(8.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad }))) + 2 * pad;
    if (bold) doc.rect(L.margin, y, L.width, h).fill('#eeeeee');
    let x = L.margin;
    cells.forEach((c, i) => {
      doc.fillColor(L.ink).text(c, x + pad, y + pad, { width: widths[i] - 2 * pad });
      x += widths[i];
    });
    doc.moveTo(L.margin, y + h).lineTo(L.margin + L.width, y + h).lineWidth(0.4).strokeColor(L.light).stroke();
    doc.y = y + h;
  };
  draw(head, true);
  for (const r of rows) draw(r, false);
  doc.x = L.margin;
  doc.moveDown(0.8);
}

export function cleanlinessPage(doc: Doc, s: CleanlinessSection, L: PageLayout): void {
  doc.addPage();
  doc.font('Bold').fontSize(15).fillColor(L.accent).text('Street cleanliness surveys', L.margin, L.margin, { width: L.width });
  doc.moveDown(0.2);
  doc.font('Body').fontSize(8.5).fillColor(L.mid).text(
    'Beside the jobs: how clean the streets actually are. Inspectors grade a random sample of transects (about 50 m of street each, stratified by land use) three times a year. ' +
      'Each figure is the share of surveyed transects below an acceptable standard (grade B- or worse, NI195); lower is better. In brackets, the 95% Wilson interval from the sample size.',
    { width: L.width },
  );
  doc.moveDown(0.6);
  const latest = s.tranches[s.tranches.length - 1];
  if (latest) {
    doc.font('Bold').fontSize(11).fillColor(L.ink).text(`Latest tranche: ${latest.name} (${latest.surveyed} transects)`, { width: L.width });
    doc.font('Body').fontSize(9).fillColor(L.ink).text(
      ELEMENTS.map((e) => `${e.label} ${latest.elements[e.key].percent === null ? 'not surveyed' : `${latest.elements[e.key].percent!.toFixed(1)}%`}: ${trendWords(s.trend[e.key])}`).join('.  ') + '.',
      { width: L.width },
    );
    doc.moveDown(0.5);
  }
  legend(doc, L);
  bars(doc, L, s.tranches.map((t) => ({ label: t.name, t })), 130);
  table(
    doc, L,
    ['Tranche', 'Transects', ...ELEMENTS.map((e) => `${e.label} below B`)],
    s.tranches.map((t) => [t.name, String(t.surveyed), ...ELEMENTS.map((e) => pct(t.elements[e.key]))]),
    [L.width * 0.2, L.width * 0.12, L.width * 0.17, L.width * 0.17, L.width * 0.17, L.width * 0.17],
  );
  for (const a of s.areas) {
    if (doc.y + 230 > L.bottom) {
      doc.addPage();
      doc.y = L.margin;
    }
    doc.font('Bold').fontSize(12).fillColor(L.accent).text(`Partnership area: ${a.name}`, { width: L.width });
    doc.font('Body').fontSize(8.5).fillColor(L.mid).text(
      `Since the partnership began on ${a.startedOn}. ${a.transects} transects inside the area. "Before" is the last tranche that began before the partnership; "since" is the latest tranche.`,
      { width: L.width },
    );
    doc.moveDown(0.4);
    bars(doc, L, [
      { label: `Before${a.before ? `: ${a.before.name}` : ' (no survey)'}`, t: a.before },
      { label: `Since${a.after ? `: ${a.after.name}` : ' (no survey yet)'}`, t: a.after },
    ], 90);
    table(
      doc, L,
      ['', 'Transects', ...ELEMENTS.map((e) => `${e.label} below B`)],
      [
        ['Before', String(a.before?.surveyed ?? 0), ...ELEMENTS.map((e) => pct(a.before?.elements[e.key]))],
        ['Since', String(a.after?.surveyed ?? 0), ...ELEMENTS.map((e) => pct(a.after?.elements[e.key]))],
      ],
      [L.width * 0.2, L.width * 0.12, L.width * 0.17, L.width * 0.17, L.width * 0.17, L.width * 0.17],
    );
  }
}
