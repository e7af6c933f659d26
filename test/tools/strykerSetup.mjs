// Loaded by stryker.config.mjs and, through `testRunnerNodeArgs`, by every Stryker test runner (`npm run mutate` only).
import Module from 'node:module';

// StrykerJS 9's mocha runner (the last for Node 20) requires mocha's `lib/cli/options`, `run-helpers` and
// `collect-files` without an extension; mocha 12 renamed them `.cjs`. Let extensionless requires find `.cjs`
// files, compiled as CommonJS the way `.js` files are.
if (!Module._extensions['.cjs']) {
  Module._extensions['.cjs'] = Module._extensions['.js'];
}

// Instrumented code runs several times slower: tests that measure time widen their budgets
// (test/support/timeBudget.ts) rather than fail for the instrumentation.
process.env.TYK_TEST_INSTRUMENTED = '1';
