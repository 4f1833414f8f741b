/**
 * The weekly PDF's cleanliness page, from the survey demo: the ward's index
 * per tranche, its trend and the partnership area's before/after, read back
 * with pdftotext and rendered with pdftoppm (the PNG is kept under the test's
 * data dir for a person to look at).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { inspectionSeedDeps } from '../../server/composition-root.js';
import { seedInspections } from '../../server/seed/inspections.js';
import { testApp, type TestApp } from '../support/app.js';
import { weekContaining } from '../../reports/weekly/week.js';
import { KENSINGTON } from '../support/fixtures.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('weekly PDF: the ward’s cleanliness index beside the jobs', () => {
  let t: TestApp;
  let text: string;
  let file: string;

  before(async function () {
    this.timeout(60_000);
    t = await testApp();
    const seeded = await seedInspections(inspectionSeedDeps(t.deps));
    expect(seeded?.surveys).to.be.greaterThan(100);
    const { pdf } = await t.deps.weeklyReports.render(KENSINGTON, '2026-W47', { generatedAt: '2026-11-24T07:00:00.000Z' });
    file = path.join(t.dataDir, 'kensington-W47.pdf');
    writeFileSync(file, pdf);
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  });
  after(() => t.close());

  it('When the report is built, then its data carry the ward’s index exactly as the inspections module computes it', async () => {
    const data = await t.deps.weeklyReports.buildData(KENSINGTON, '2026-W47', { generatedAt: '2026-11-24T07:00:00.000Z' });
    const index = await t.deps.inspections.wardIndex(KENSINGTON);
    // The current tranche (begun 2026-08-01) has no graded surveys yet: the three past tranches show.
    expect(data.cleanliness!.tranches.map((x) => x.name)).to.deep.equal(index.tranches.map((x) => x.trancheName));
    expect(data.cleanliness!.tranches).to.have.length(3);
    expect(data.cleanliness!.tranches[2].elements.litter).to.deep.equal(index.tranches[2].index.elements.litter);
    expect(data.cleanliness!.areas.map((a) => a.name)).to.deep.equal(['Kensington alleyways']);
    const area = data.cleanliness!.areas[0];
    expect(area.before!.name).to.equal(index.tranches[0].trancheName);
    expect(area.after!.name).to.equal(index.tranches[2].trancheName);
    // the demo's alleyways improve once the partnership works there
    expect(area.after!.elements.litter.percent!).to.be.lessThan(area.before!.elements.litter.percent!);
  });

  it('When a past week’s report is built, then its tranches, trend and partnership figures stand as they did that week, with no later tranche', async () => {
    const now = await t.deps.inspections.wardIndex(KENSINGTON);
    // The week a fortnight after the second tranche began: the third had not begun.
    const week = weekContaining(`${addDays(now.tranches[1].startsOn, 14)}T12:00:00.000Z`, 'Europe/London');
    expect(now.tranches[2].startsOn > week.lastDay).to.equal(true);
    const data = await t.deps.weeklyReports.buildData(KENSINGTON, week.label, { generatedAt: week.end });
    const section = data.cleanliness!;
    expect(section.tranches.map((x) => x.name)).to.deep.equal(now.tranches.slice(0, 2).map((x) => x.trancheName));
    // The trend compares the second tranche with the first, not the third with the second.
    for (const e of ['litter', 'detritus'] as const) {
      const percent = (i: number) => now.tranches[i].index.elements[e].percent!;
      expect(section.trend[e].change, e).to.be.closeTo(percent(1) - percent(0), 0.051);
    }
    expect(section.areas[0].after!.name).to.equal(now.tranches[1].trancheName);
  });

  it('When the PDF is read back, then the survey page shows each tranche with its percentages and intervals, the trend and the partnership before/after', async () => {
    const index = await t.deps.inspections.wardIndex(KENSINGTON);
    expect(text).to.include('Street cleanliness surveys');
    for (const tr of index.tranches) {
      expect(text).to.include(tr.trancheName);
      const l = tr.index.elements.litter;
      expect(text).to.include(`${l.percent!.toFixed(1)}% (${l.low!.toFixed(0)}–${l.high!.toFixed(0)}%)`);
    }
    expect(text).to.match(/Litter \d+\.\d%: (better|worse) by \d+\.\d points|Litter \d+\.\d%: (unchanged|about the same)/);
    expect(text).to.include('Partnership area: Kensington alleyways');
    expect(text).to.match(/Before\s+\d+/);
    expect(text).to.match(/Since\s+\d+/);
    expect(text).not.to.match(/Iris|inspector@/);
  });

  it('When the survey page is rendered to PNG, then pdftoppm draws it', () => {
    const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1];
    const pageOf = text.split('\f').findIndex((p) => p.includes('Street cleanliness surveys')) + 1;
    expect(pageOf).to.be.within(2, Number(pages));
    const out = path.join(t.dataDir, 'cleanliness');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(pageOf), '-l', String(pageOf), file, out]);
    const png = [`${out}-${pageOf}.png`, `${out}-${String(pageOf).padStart(2, '0')}.png`].find((p) => existsSync(p));
    expect(png, 'rendered page').to.be.a('string');
    if (process.env.KEEP_PDF_PNG) execFileSync('cp', [png!, file, process.env.KEEP_PDF_PNG]);
  });
});
