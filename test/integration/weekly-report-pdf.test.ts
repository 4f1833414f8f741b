/**
 * The weekly PDF, checked the way a reader meets it: extracted text
 * (pdftotext), embedded images (pdfimages -list), page count and a rendered
 * first page (pdftoppm). Reporters with distinctive names prove no personal
 * data reaches the document.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { WeeklyReportData } from '../../reports/weekly/types.js';
import { DISTINCTIVE_REPORTERS, UNMODERATED_TEXT } from '../support/builders-reports.js';
import { testApp, type TestApp } from '../support/app.js';
import { seedKensingtonPdfWeek } from '../support/kensington-week.js';
import { KENSINGTON } from '../support/fixtures.js';

const PAIRS = 5;

describe('weekly report PDF', () => {
  let t: TestApp;
  let dir: string;
  let file: string;
  let pdf: Buffer;
  let data: WeeklyReportData;
  let text: string;

  before(async function () {
    this.timeout(60_000);
    t = await testApp({ now: '2026-11-30T07:00:00.000Z' });
    await seedKensingtonPdfWeek(t, PAIRS);
    ({ data, pdf } = await t.deps.weeklyReports.render(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString() }));
    dir = path.join(t.dataDir, 'pdf-test');
    mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'kensington-2026-W48.pdf');
    writeFileSync(file, pdf);
    if (process.env.KB_KEEP_PDF) writeFileSync(process.env.KB_KEEP_PDF, pdf);
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  });
  after(() => t.close());

  it('When the PDF is extracted as text, then the ward, week, headline figures and data attribution are there', () => {
    expect(text).to.include('Kensington and Fairfield');
    expect(text).to.include('2026-W48');
    expect(text).to.include('Weekly street-cleansing report');
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    expect(raw).to.match(new RegExp(`\\b${data.headline.received}\\s+Requests received`));
    expect(raw).to.match(new RegExp(`\\b${data.headline.fixed}\\s+Fixed, with evidence`));
    expect(raw).to.match(new RegExp(`\\b${data.headline.stillOpen}\\s+Still open at week end\\s+${data.headline.overdue} overdue`));
    expect(text).to.include(`${data.removed.sharps} needles and sharps`);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).to.include('Contains Ordnance Survey data © Crown copyright and database right');
    expect(flat).to.include('Contains Royal Mail data © Royal Mail copyright and database right');
    expect(text).to.include('Closed without fixing (3)');
    expect(text).to.include('No access');
    expect(text).to.include('Crew 1 – Sharps & hazards');
  });

  it('When the PDF is searched for reporters’ names, emails, phones or their unmoderated words, then none is found', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const r of DISTINCTIVE_REPORTERS) {
      expect(flat).not.to.include(r.name);
      expect(flat).not.to.include(r.email);
      expect(flat).not.to.include(r.phone);
      expect(flat).not.to.include(r.name.split(' ')[1]);
    }
    expect(flat).not.to.include(UNMODERATED_TEXT);
    expect(flat).not.to.include('flat 4B');
    // Crew members are not named either, only the crew.
    for (const member of ['Priya', 'Lee', 'Mo ', 'Kat']) expect(flat).not.to.include(member);
  });

  it('When the pages are counted, then the cover, charts, map, details and one page per two pairs are there, numbered', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).to.equal(4 + Math.ceil(PAIRS / 2));
    expect(info).to.match(/Title:\s+Kensington and Fairfield: weekly street-cleansing report, 2026-W48/);
    expect(info).to.match(/Author:\s+Liverpool City Council/);
    expect(info).to.match(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(text).to.include(`Page 1 of ${pages}`);
    expect(text).to.include(`Page ${pages} of ${pages}`);
  });

  it('When the fonts are listed, then they are embedded TrueType subsets', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).to.be.greaterThan(0);
    for (const line of fonts) expect(line).to.match(/DejaVuSans.*\byes\s+yes\b/);
  });

  it('When the images are listed, then there is one downscaled JPEG per before and after photo', () => {
    const rows = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(rows).to.have.length(2 * PAIRS);
    for (const row of rows) {
      const [, , type, width, height, , , , enc] = row.trim().split(/\s+/);
      expect(type).to.equal('image');
      expect(enc).to.equal('jpeg');
      expect(Math.max(Number(width), Number(height))).to.be.at.most(1200);
    }
  });

  it('When an admin sets the most pairs a report prints, then the rest are counted as left out', async () => {
    await t.deps.settings.update('weeklyReport', { maxPhotoPairs: 1 });
    const fewer = await t.deps.weeklyReports.render(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString() });
    expect(fewer.data.pairs).to.have.length(1);
    expect(fewer.data.pairsOmitted).to.equal(PAIRS - 1);
    expect(fewer.data.pairs[0].hazard).to.equal(true);
    await t.deps.settings.update('weeklyReport', {});
  });

  it('When page 1 is rendered to PNG, then pdftoppm succeeds and writes an A4-shaped image', () => {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).to.be.a('string');
    const size = execFileSync('file', [path.join(dir, png!)], { encoding: 'utf8' });
    const [, w, h] = /(\d+) x (\d+)/.exec(size)!;
    expect(Number(h) / Number(w)).to.be.closeTo(841.89 / 595.28, 0.02);
  });
});
