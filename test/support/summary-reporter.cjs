// Mocha's spec output, then one closing line CI understands: "N passed, N failed, N skipped".
// With KB_SUMMARY_FILE set, the counts are also written there as JSON for test/run.mjs to add up.
const Mocha = require('mocha');
const fs = require('node:fs');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      const counts = { passed: s.passes, failed: s.failures, skipped: s.pending };
      if (process.env.KB_SUMMARY_FILE) fs.writeFileSync(process.env.KB_SUMMARY_FILE, JSON.stringify(counts));
      else process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    });
  }
}
module.exports = SummaryReporter;
