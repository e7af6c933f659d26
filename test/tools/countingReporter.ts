// mocha's spec output, plus one JSON line of counts appended to $TEST_RESULTS_FILE per run, so that
// `npm test` (test/tools/run-all.mjs) can add up every suite: unit, integration in VS Code, UI.
import * as fs from 'node:fs';
import * as Mocha from 'mocha';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.TEST_RESULTS_FILE;
      const stats = runner.stats;
      if (file && stats) {
        const line = { suite: process.env.TEST_SUITE_NAME ?? 'mocha', passed: stats.passes, failed: stats.failures, pending: stats.pending };
        fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
      }
    });
  }
}

export = CountingReporter;
