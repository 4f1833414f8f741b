/**
 * The councillor PDF with evidence in every state: accepted (fixed, with
 * evidence), under review and rejected (counted and listed apart, in words),
 * photo dates outside the report's year printed with their year, the
 * reviewed public place instead of the resident's own text, and a tagged PDF.
 * Set KB_KEEP_PDF_DIR to keep the PDF and its pages as PNGs to look at.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { In } from 'typeorm';
import type { WeeklyReportData } from '../../reports/weekly/types.js';
import { PhotoEntity } from '../../server/photos/photo.entity.js';
import { WorkOrderEntity, type WorkOrder } from '../../server/work-orders/work-order.entity.js';
import { testApp, type TestApp } from '../support/app.js';
import { seedKensingtonPdfWeek } from '../support/kensington-week.js';
import { KENSINGTON } from '../support/fixtures.js';

describe('weekly report PDF: only accepted evidence counts as fixed', () => {
  let t: TestApp;
  let pdf: Buffer;
  let data: WeeklyReportData;
  let text: string;
  /** In reading order, without the layout's columns. */
  let raw: string;
  let info: string;
  let fixedBefore: number;
  const underReviewRefs: string[] = [];
  let rejectedRef = '';
  let laterJob: WorkOrder;
  const OFFICE = { userId: null, label: 'Dana Dispatcher' };

  before(async function () {
    this.timeout(90_000);
    t = await testApp({ now: '2026-11-30T07:00:00.000Z' });
    await seedKensingtonPdfWeek(t, 4);
    fixedBefore = (await t.deps.weeklyReports.render(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString() })).data.headline.fixed;

    const rows = t.deps.db.manager.getRepository(WorkOrderEntity);
    const photos = t.deps.db.manager.getRepository(PhotoEntity);
    const completed = await rows.find({ where: { wardCode: KENSINGTON, status: 'completed' }, order: { completedAt: 'ASC' } });
    const withPhotos = new Set((await photos.find({ where: { workOrderId: In(completed.map((w) => w.id)), kind: 'after' } })).map((p) => p.workOrderId));
    const paired = completed.filter((w) => withPhotos.has(w.id));
    // Two jobs closed on flagged photos, still being checked; one whose photos were rejected and sent back.
    for (const wo of paired.slice(0, 2)) {
      await rows.update({ id: wo.id }, { evidenceStatus: 'needs_review', evidenceFlags: ['far_from_job', 'taken_long_before'] });
      underReviewRefs.push(wo.reference);
    }
    // Rejected by the office on Saturday, through the review itself, and touched again after the week (a note on Monday).
    const sentBack = paired[2]!;
    await rows.update({ id: sentBack.id }, { evidenceStatus: 'needs_review', evidenceFlags: ['far_from_job'] });
    t.clock.set('2026-11-28T12:00:00.000Z');
    await t.deps.evidence.review(sentBack.id, { decision: 'reject', note: 'The after photo shows another street', version: sentBack.version }, OFFICE);
    t.clock.set('2026-11-30T07:00:00.000Z');
    await rows.update({ id: sentBack.id }, { updatedAt: '2026-11-30T06:00:00.000Z' });
    rejectedRef = sentBack.reference;
    // Completed in the week too (the last to be); its photos are rejected after it, in the last test.
    laterJob = completed.filter((w) => !paired.slice(0, 3).includes(w)).at(-1)!;
    // An accepted job whose before photo was taken in an earlier year, at a reviewed public place.
    const accepted = paired[3]!;
    await photos.update({ workOrderId: accepted.id, kind: 'before' }, { takenAt: '2024-10-03T09:15:00.000Z' });
    await rows.update({ id: accepted.id }, { publicPlace: 'Alley behind Sheil Road shops', address: 'Outside No. 12 where the Joneses live' });

    ({ data, pdf } = await t.deps.weeklyReports.render(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString() }));
    const dir = path.join(t.dataDir, 'pdf-evidence');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'kensington-2026-W48.pdf');
    writeFileSync(file, pdf);
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const keep = process.env.KB_KEEP_PDF_DIR;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(file, path.join(keep, 'evidence.pdf'));
      execFileSync('pdftoppm', ['-r', '70', '-png', file, path.join(keep, 'evidence')]);
    }
  });
  after(() => t.close());

  it('When two jobs are under review and one was rejected, then "Fixed, with evidence" drops by three and they are counted and listed apart in words', () => {
    expect(data.headline.fixed).to.equal(fixedBefore - 3);
    expect(data.evidence!.underReview.map((i) => i.reference)).to.have.members(underReviewRefs);
    expect(data.evidence!.rejected.map((i) => i.reference)).to.deep.equal([rejectedRef]);
    expect(text).to.include('Cleared, photos not yet accepted (3)');
    expect(raw).to.include('2 more being checked, 1 sent back (photos not yet accepted)');
    expect(raw).to.include('Being checked: taken far from the job; taken long before the job was started');
    expect(raw).to.include('Photos rejected Sat 28 Nov 12:00; sent back to a crew to do again');
    for (const ref of [...underReviewRefs, rejectedRef]) expect(data.pairs.map((p) => p.reference)).to.not.include(ref);
  });

  it('When photos are rejected after the week, then a later copy of that week\'s report does not list the job as sent back; the next week\'s does', async function () {
    this.timeout(60_000);
    const rows = t.deps.db.manager.getRepository(WorkOrderEntity);
    await rows.update({ id: laterJob.id }, { evidenceStatus: 'needs_review', evidenceFlags: ['far_from_job'] });
    t.clock.set('2026-12-01T09:00:00.000Z');
    await t.deps.evidence.review(laterJob.id, { decision: 'reject', note: 'Blurred', version: laterJob.version }, OFFICE);
    const again = await t.deps.weeklyReports.render(KENSINGTON, '2026-W48', { generatedAt: t.clock.now().toISOString() });
    expect(again.data.evidence!.rejected.map((i) => i.reference)).to.deep.equal([rejectedRef]);
    const next = await t.deps.weeklyReports.render(KENSINGTON, '2026-W49', { generatedAt: t.clock.now().toISOString() });
    // Sent back in W49, and the one sent back in W48 is still not done again.
    expect(next.data.evidence!.rejected.map((i) => i.reference)).to.deep.equal([rejectedRef, laterJob.reference]);
  });

  it('When a photo was taken in an earlier year, then its date shows the year; dates in the report’s year do not need one', () => {
    expect(text).to.match(/photo taken Thu 3 Oct 2024 10:15/);
    expect(text).to.match(/photo taken \w{3} \d{1,2} Nov \d{2}:\d{2}/);
  });

  it('When a place has a reviewed public description, then the PDF uses it and never the resident’s own text', () => {
    expect(text).to.include('Alley behind Sheil Road shops');
    expect(text).to.not.include('Joneses');
  });

  it('When the PDF is inspected, then it is tagged with its language and title, and every picture has alt text', () => {
    expect(info).to.match(/Tagged:\s+yes/);
    expect(info).to.match(/Title:\s+Kensington and Fairfield: weekly street-cleansing report, 2026-W48/);
    const bytes = pdf.toString('latin1');
    expect(bytes).to.match(/\/Lang \(en-GB\)/);
    expect(bytes).to.include('/StructTreeRoot');
    const figures = bytes.match(/\/S \/Figure/g) ?? [];
    const alts = bytes.match(/\/Alt \(/g) ?? [];
    expect(figures.length).to.be.greaterThan(2 * data.pairs.length);
    expect(alts.length).to.equal(figures.length);
    for (const type of ['/S /Table', '/S /TH', '/S /TD', '/S /H1', '/S /H2']) expect(bytes, type).to.include(type);
  });

  it('When times to clear are printed, then they are all in hours', () => {
    expect(text).to.not.match(/\d+(\.\d)? days\b/);
    expect(text).to.not.match(/\d+ min\b/);
    expect(text).to.match(/Median time to clear/);
  });
});
