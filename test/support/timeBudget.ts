// A time budget for tests that measure time (linear, not quadratic; no long block of the event loop).
// Under `npm run mutate` the code is instrumented and runs several times slower (test/tools/strykerSetup.mjs
// says so): the budget is widened 20 times, still far below what a quadratic or blocking change costs.
export function timeBudgetMs(ms: number): number {
  return process.env.TYK_TEST_INSTRUMENTED === '1' ? ms * 20 : ms;
}
