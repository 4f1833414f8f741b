/**
 * Monday's weekly reports end to end: the job claims its slot, archives each
 * subscribed ward's PDF and emails it over real SMTP (an in-process
 * smtp-server) exactly once; retries back off; admins see and re-send
 * deliveries; councillors download only their own wards, as stored.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { expect } from 'chai';
import { SMTPServer } from 'smtp-server';
import { reportWeek } from '../../reports/weekly/week.js';
import { loadConfig } from '../../server/config.js';
import { weeklyReportRetriesJob } from '../../server/jobs/weekly-report-retries.job.js';
import { weeklyWardReportsJob } from '../../server/jobs/weekly-ward-reports.job.js';
import { createMailer, type Mailer, type MailMessage } from '../../server/mail/mailer.js';
import { reportsDir } from '../../server/weekly-reports/archive.js';
import { WeeklyReportDeliveryEntity, WeeklyReportEntity } from '../../server/weekly-reports/weekly-report.entity.js';
import { DISTINCTIVE_REPORTERS, labelledJpeg, seedWardWeek, type SeededWeek } from '../support/builders-reports.js';
import { testApp, type TestApp } from '../support/app.js';
import { KENSINGTON, testConfigEnv } from '../support/fixtures.js';
import { tmpRoot } from '../support/test-env.js';

const ANFIELD = 'E05000887';
const MONDAY_7AM = '2026-11-30T07:00:00.000Z';

interface Received {
  to: string[];
  raw: string;
}

/** An SMTP server on a free local port that keeps every message it accepts. */
async function startSmtp(): Promise<{ port: number; messages: Received[]; close(): Promise<void> }> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The PDF attachment of a MIME message as nodemailer writes it (base64 part with Content-Type application/pdf). */
function pdfAttachment(raw: string): Buffer | null {
  const m = /Content-Type: application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  return m ? Buffer.from(m[1].replace(/\s+/g, ''), 'base64') : null;
}

/** The plain-text body (quoted-printable) as readable text. */
function textBody(raw: string): string {
  const m = /Content-Type: text\/plain[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([\s\S]*?)\r?\n--/.exec(raw);
  return (m?.[1] ?? '').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
}

async function addCouncillor(t: TestApp, email: string, wardCodes: string[], emailOptOut = false): Promise<string> {
  const user = await t.deps.users.create({ email, name: `Cllr ${email.split('@')[0]}`, role: 'councillor', password: 'councillor-pw-1', wardCodes });
  if (emailOptOut) await t.deps.users.update(user.id, { emailOptOut: true });
  return user.id;
}

async function seedKensington(t: TestApp): Promise<SeededWeek> {
  const ward = t.deps.wardLocator.ward(KENSINGTON)!;
  return seedWardWeek(t.deps.db, t.dataDir, {
    wardCode: KENSINGTON,
    boundary: ward.boundary,
    inside: (lat, lng) => booleanPointInPolygon([lng, lat], ward.boundary),
    week: reportWeek('2026-W48', 'Europe/London'),
    pairs: 2,
    photo: (label) => labelledJpeg(label, { width: 400, height: 300 }),
  });
}

describe('weekly reports: Monday job and email over SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let seeded: SeededWeek;

  before(async function () {
    this.timeout(60_000);
    smtp = await startSmtp();
    // Sessions expire by the real time in the cookie but the store compares with the fixed clock, a day ahead.
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', SESSION_MAX_AGE_HOURS: '240' };
    const mailer = createMailer(loadConfig(testConfigEnv(mkdtempSync(path.join(tmpRoot, 'mail-')), env)));
    t = await testApp({ now: MONDAY_7AM, env, mailer });
    seeded = await seedKensington(t);
    await addCouncillor(t, 'optedout@kerbside.test', [KENSINGTON], true);
    await addCouncillor(t, 'anfield@kerbside.test', [ANFIELD]);
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('When the Monday slot runs, then each subscribed ward is archived and each councillor who wants email gets one with the PDF attached', async function () {
    this.timeout(60_000);
    const outcome = await t.deps.jobRunner.runSlot(weeklyWardReportsJob(t.deps.weeklyReports), MONDAY_7AM, { now: new Date(MONDAY_7AM) });
    expect(outcome.outcome).to.equal('ran');
    expect(outcome.outcome === 'ran' && outcome.summary).to.include({ week: '2026-W48', wards: 2, rendered: 2, deliveriesCreated: 2, sent: 2, failed: 0 });

    expect(smtp.messages.map((m) => m.to[0]).sort()).to.deep.equal(['anfield@kerbside.test', 'councillor.kensington@kerbside.test']);
    const mail = smtp.messages.find((m) => m.to[0] === 'councillor.kensington@kerbside.test')!;
    expect(mail.raw).to.match(/Subject: Kensington and Fairfield: weekly street-cleansing report, 2026-W48/);
    const body = textBody(mail.raw);
    expect(body).to.include(`Requests received: ${seeded.requests}`);
    expect(body).to.include(`Fixed, with before and after photos: ${seeded.fixed}`);
    expect(body).to.include(`Closed without fixing: ${seeded.closedNotFixed}`);
    for (const r of DISTINCTIVE_REPORTERS) expect(mail.raw).not.to.include(r.name);

    const attached = pdfAttachment(mail.raw);
    expect(attached, 'PDF attachment').to.be.instanceOf(Buffer);
    expect(attached!.subarray(0, 5).toString()).to.equal('%PDF-');
    const archived = await t.deps.db.manager.getRepository(WeeklyReportEntity).findOneByOrFail({ wardCode: KENSINGTON, week: '2026-W48' });
    const stored = readFileSync(path.join(reportsDir(t.dataDir), archived.path));
    expect(attached!.equals(stored)).to.equal(true);
    expect(archived.bytes).to.equal(stored.length);
    expect(archived.pages).to.equal(5);
  });

  it('When the same slot runs again, or the job is run by hand for the same week, then nothing more is sent', async () => {
    const before = smtp.messages.length;
    const again = await t.deps.jobRunner.runSlot(weeklyWardReportsJob(t.deps.weeklyReports), MONDAY_7AM, { now: new Date(MONDAY_7AM) });
    expect(again).to.deep.equal({ outcome: 'skipped', reason: 'already-claimed' });
    const manual = await t.deps.weeklyReports.runWeeklyWardReports({ now: new Date('2026-11-30T09:00:00.000Z'), dryRun: false });
    expect(manual).to.include({ rendered: 0, reused: 2, deliveriesCreated: 0, sent: 0 });
    expect(smtp.messages.length).to.equal(before);
    const deliveries = await t.deps.db.manager.getRepository(WeeklyReportDeliveryEntity).find();
    expect(deliveries.map((d) => d.status)).to.deep.equal(['sent', 'sent']);
  });

  it('When a councillor downloads the week, then they get the archived bytes; another ward is refused with NOT_YOUR_WARD', async () => {
    const archived = await t.deps.db.manager.getRepository(WeeklyReportEntity).findOneByOrFail({ wardCode: KENSINGTON, week: '2026-W48' });
    const stored = readFileSync(path.join(reportsDir(t.dataDir), archived.path));
    const cllr = await t.as('councillor');
    const res = await cllr.get(`/api/wards/${KENSINGTON}/reports/weekly?week=2026-W48`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers.etag).to.equal(`"${archived.sha256}"`);
    expect((res.body as Buffer).equals(stored)).to.equal(true);

    const other = await cllr.get(`/api/wards/${ANFIELD}/reports/weekly?week=2026-W48`);
    expect(other.status).to.equal(403);
    expect(other.body.error.code).to.equal('NOT_YOUR_WARD');
    const otherList = await cllr.get(`/api/wards/${ANFIELD}/reports`);
    expect(otherList.body.error.code).to.equal('NOT_YOUR_WARD');

    const list = await cllr.get(`/api/wards/${KENSINGTON}/reports`);
    expect(list.status).to.equal(200);
    expect(list.body).to.have.length(1);
    expect(list.body[0]).to.include({ week: '2026-W48', sha256: archived.sha256, bytes: archived.bytes });
  });

  it('When staff ask for any ward, then they get it; crews are refused; bad and future weeks are explained', async () => {
    const dispatcher = await t.as('dispatcher');
    const anfield = await dispatcher.get(`/api/wards/${ANFIELD}/reports/weekly?week=2026-W48`);
    expect(anfield.status).to.equal(200);
    expect(anfield.headers['content-type']).to.equal('application/pdf');
    const crew = await (await t.as('crew_lead')).get(`/api/wards/${KENSINGTON}/reports/weekly?week=2026-W48`);
    expect(crew.status).to.equal(403);
    expect((await dispatcher.get(`/api/wards/${KENSINGTON}/reports/weekly?week=2026-W60`)).status).to.equal(400);
    const future = await dispatcher.get(`/api/wards/${KENSINGTON}/reports/weekly?week=2026-W50`);
    expect(future.status).to.equal(422);
    expect(future.body.error.code).to.equal('WEEK_NOT_STARTED');
    expect((await dispatcher.get('/api/wards/E05999999/reports/weekly?week=2026-W48')).body.error.code).to.equal('WARD_NOT_FOUND');
  });

  it('When the week is still running, then the download is a provisional copy that is not archived', async () => {
    const dispatcher = await t.as('dispatcher');
    const res = await dispatcher.get(`/api/wards/${KENSINGTON}/reports/weekly?week=2026-W49`);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(await t.deps.db.manager.getRepository(WeeklyReportEntity).countBy({ week: '2026-W49' })).to.equal(0);
  });
});

/** Fails the first `failures` sends, then delivers to memory. */
class FlakyMailer implements Mailer {
  readonly description = 'flaky';
  readonly sent: MailMessage[] = [];
  constructor(private failures: number) {}
  async send(m: MailMessage) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('421 4.3.2 Service not available, closing transmission channel');
    }
    this.sent.push(m);
    return { messageId: `<${randomUUID()}@test>` };
  }
}

describe('weekly reports: failed sends, retries, re-sends and racing instances', () => {
  let t: TestApp;
  let mailer: FlakyMailer;

  before(async function () {
    this.timeout(60_000);
    mailer = new FlakyMailer(2);
    t = await testApp({ now: MONDAY_7AM, mailer, env: { SESSION_MAX_AGE_HOURS: '240' } });
    await seedKensington(t);
  });
  after(() => t.close());

  it('When sending fails, then the delivery waits 5 and then 15 minutes before the next tries, and admins see why', async function () {
    this.timeout(60_000);
    const first = await t.deps.weeklyReports.runWeeklyWardReports({ now: new Date(MONDAY_7AM), dryRun: false });
    expect(first).to.include({ sent: 0, failed: 1 });
    const admin = await t.as('admin');
    let [row] = (await admin.get('/api/weekly-reports/deliveries')).body;
    expect(row).to.include({ status: 'failed', attempts: 1, nextAttemptAt: '2026-11-30T07:05:00.000Z', userEmail: 'councillor.kensington@kerbside.test' });
    expect(row.lastError).to.include('Service not available');

    const retry = (at: string) => weeklyReportRetriesJob(t.deps.weeklyReports).run({ now: new Date(at), slot: at, dryRun: false });
    expect(await retry('2026-11-30T07:04:00.000Z')).to.include({ sent: 0, failed: 0 });
    expect(await retry('2026-11-30T07:05:00.000Z')).to.include({ sent: 0, failed: 1 });
    [row] = (await admin.get('/api/weekly-reports/deliveries?status=failed')).body;
    expect(row).to.include({ attempts: 2, nextAttemptAt: '2026-11-30T07:20:00.000Z' });
    expect(await retry('2026-11-30T07:20:00.000Z')).to.include({ sent: 1, failed: 0 });
    expect(mailer.sent).to.have.length(1);
    expect(mailer.sent[0].attachments?.[0]).to.include({ contentType: 'application/pdf' });
    [row] = (await admin.get('/api/weekly-reports/deliveries')).body;
    expect(row).to.include({ status: 'sent', attempts: 3, lastError: null });
    expect(await retry('2026-11-30T08:00:00.000Z')).to.include({ sent: 0 });
  });

  it('When an admin re-sends a delivery, then one more email goes and the row records it', async () => {
    const admin = await t.as('admin');
    const [row] = (await admin.get('/api/weekly-reports/deliveries')).body;
    const res = await admin.post(`/api/weekly-reports/deliveries/${row.id}/resend`).send({});
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ status: 'sent', attempts: 1 });
    expect(mailer.sent).to.have.length(2);
    expect((await admin.post(`/api/weekly-reports/deliveries/${randomUUID()}/resend`).send({})).body.error.code).to.equal('DELIVERY_NOT_FOUND');
    expect((await (await t.as('councillor')).get('/api/weekly-reports/deliveries')).status).to.equal(403);
  });

  it('When a send was interrupted mid-way, then it is marked unknown for an admin instead of being sent twice', async () => {
    const repo = t.deps.db.manager.getRepository(WeeklyReportDeliveryEntity);
    const [row] = await repo.find();
    await repo.update({ id: row.id }, { status: 'sending', claimedAt: '2026-11-30T08:00:00.000Z' });
    const result = await weeklyReportRetriesJob(t.deps.weeklyReports).run({ now: new Date('2026-11-30T08:30:00.000Z'), slot: 'x', dryRun: false });
    expect(result).to.include({ markedUnknown: 1, sent: 0 });
    expect((await repo.findOneByOrFail({ id: row.id })).status).to.equal('unknown');
    expect(mailer.sent).to.have.length(2);
  });

  it('When two instances run the week at the same moment, then each councillor still gets exactly one email', async function () {
    this.timeout(60_000);
    const week = '2026-W47';
    const now = new Date('2026-11-23T07:00:00.000Z');
    const before = mailer.sent.length;
    const [a, b] = await Promise.all([
      t.deps.weeklyReports.runWeeklyWardReports({ now, dryRun: false }),
      t.deps.weeklyReports.runWeeklyWardReports({ now, dryRun: false }),
    ]);
    expect(a.week).to.equal(week);
    expect(Number('sent' in a ? a.sent : 0) + Number('sent' in b ? b.sent : 0)).to.equal(1);
    expect(mailer.sent.length - before).to.equal(1);
    expect(await t.deps.db.manager.getRepository(WeeklyReportEntity).countBy({ week })).to.equal(1);
    expect(await t.deps.db.manager.getRepository(WeeklyReportDeliveryEntity).countBy({ week })).to.equal(1);
  });
});
