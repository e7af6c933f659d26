// `npm run mutate`: StrykerJS over the plain-Node layers (src/tyk, src/domain) against their unit tests.
// Not part of `npm test`. docs/testing.md has the scores and how to read them.
//   npm run mutate                                 every file (incremental: only what changed is run again)
//   npm run mutate -- --mutate src/tyk/errors.ts   one file
import './test/tools/strykerSetup.mjs';

const setup = new URL('./test/tools/strykerSetup.mjs', import.meta.url).href;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  mutate: ['src/tyk/**/*.ts', '!src/tyk/index.ts', '!src/tyk/stubs/**', 'src/domain/**/*.ts'],
  testRunner: 'mocha',
  testRunnerNodeArgs: ['--import', setup],
  // The tests run on tsc's output, as `npm run test:unit` does.
  buildCommand: 'npx tsc -p tsconfig.json --outDir out --noEmit false',
  mochaOptions: {
    'no-config': true,
    'no-package': true,
    'no-opts': true,
    // The fast, plain unit tests first: a mutant is stopped at its first failing test.
    spec: ['out/test/unit/domain/**/*.test.js', 'out/test/unit/tyk/**/*.test.js'],
    // The fuzzers run 10,000 random cases per property (a minute in all): too slow per mutant, and a
    // random kill is not a repeatable one. Tests that read source or manifest text (l10n, manifest,
    // README tables) live outside these folders.
    ignore: ['out/test/unit/tyk/fuzz.test.js'],
  },
  coverageAnalysis: 'perTest',
  // Mutants of module-level constants (regexes, tables) are not covered per test: each would run every
  // test (~20 s instrumented), which costs hours at concurrency 1. They are left out of the score; the
  // constants that matter are pinned through the functions that use them.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  clearTextReporter: { logTests: false, reportScoreTable: true },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: ['out', 'dist', 'reports', '.vscode-test', '*.vsix', 'tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
