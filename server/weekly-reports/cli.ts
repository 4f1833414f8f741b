/**
 * `npm run report -- --ward E05000899 --week 2026-W48 --out ward.pdf`
 * Renders one ward's weekly PDF from the configured database (DATABASE_URL or
 * the SQLite file under DATA_DIR). Without --week: the last complete week.
 * With --archive the PDF is stored as the week's copy of record (as the
 * Monday job would), otherwise nothing in the database changes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isWeekLabel, previousWeek } from '../../reports/weekly/week.js';
import { buildServices } from '../composition-root.js';
import { ConfigError, loadConfig } from '../config.js';

const USAGE = `Usage: npm run report -- --ward <ONS code> [--week 2026-W48] [--out file.pdf] [--max-pairs N] [--archive]
  --ward       ward code, e.g. E05000899 (Kensington and Fairfield)
  --week       ISO week; default: the last complete week (UK time)
  --out        where to write the PDF; default: <ward>-<week>.pdf
  --max-pairs  most before/after pairs to print (default 60)
  --archive    store it as the week's archived copy (same as the Monday job)`;

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ward: { type: 'string' }, week: { type: 'string' }, out: { type: 'string' }, 'max-pairs': { type: 'string' },
      archive: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.ward) throw new UsageError('--ward is required');
  if (values.week && !isWeekLabel(values.week)) throw new UsageError(`--week must be an ISO week like 2026-W48, not "${values.week}"`);
  const maxPairs = values['max-pairs'] === undefined ? undefined : Number(values['max-pairs']);
  if (maxPairs !== undefined && !(Number.isInteger(maxPairs) && maxPairs >= 0)) throw new UsageError('--max-pairs must be a whole number');

  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const deps = await buildServices(config);
  try {
    const ward = deps.wardLocator.ward(values.ward);
    if (!ward) throw new UsageError(`Unknown ward ${values.ward} (run \`npm run cli -- seed\` to load the wards)`);
    const week = values.week ?? previousWeek(deps.clock.now(), config.timeZone).label;
    const out = values.out ?? `${values.ward}-${week}.pdf`;
    const started = performance.now();
    let pdf: Buffer;
    if (values.archive) {
      const archived = await deps.weeklyReports.ensureArchived(values.ward, week, { maxPairs });
      pdf = archived.pdf;
      console.log(archived.created ? `Archived as ${archived.report.path}` : `Already archived (${archived.report.path}); wrote the stored copy`);
    } else {
      ({ pdf } = await deps.weeklyReports.render(values.ward, week, { generatedAt: deps.clock.now().toISOString(), maxPairs }));
    }
    writeFileSync(out, pdf);
    console.log(`${ward.name} ${week}: ${out} (${(pdf.length / 1024).toFixed(0)} KiB, ${Math.round(performance.now() - started)} ms)`);
    return 0;
  } finally {
    // The live-event connection (PostgreSQL) would keep the process alive.
    await deps.events.close();
    await deps.db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
    else if (e instanceof ConfigError) console.error(e.message);
    else console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exit(e instanceof UsageError ? 64 : 1);
  },
);
