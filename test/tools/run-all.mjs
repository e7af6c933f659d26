#!/usr/bin/env node
// `npm test`: every check and every suite, in order, then one line `N passed, N failed`.
// A check that is not a mocha suite (types, lint, build) counts as one test.
//   node test/tools/run-all.mjs [--only unit,integration,ui,package]
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsFile = path.join(root, 'out', 'test-results.jsonl');
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
})();

fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

const checks = [];
function record(name, ok) {
  checks.push({ name, ok });
  fs.appendFileSync(resultsFile, `${JSON.stringify({ suite: name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, check: true })}\n`);
}

/** A check: passes when the command exits 0. */
async function check(name, command, args) {
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  record(name, (await run(command, args)) === 0);
}

/** A mocha suite: its reporter appends its own counts; a crash before any count is one failure. */
async function suite(name, command, args, env = {}) {
  console.log(`\n━━ ${name}`);
  const before = lines().length;
  const code = await run(command, args, { TEST_RESULTS_FILE: resultsFile, TEST_SUITE_NAME: name, ...env });
  const counted = lines().slice(before).filter((l) => l.suite === name);
  if (counted.length === 0 || (code !== 0 && counted.every((l) => l.failed === 0))) {
    fs.appendFileSync(resultsFile, `${JSON.stringify({ suite: name, passed: 0, failed: 1, crashed: code })}\n`);
  }
}

function lines() {
  if (!fs.existsSync(resultsFile)) {
    return [];
  }
  return fs
    .readFileSync(resultsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const npx = (bin, ...args) => ['node', [path.join(root, 'node_modules', '.bin', bin), ...args]];
const wants = (stage) => !only || only.has(stage);

if (wants('static')) {
  await check('check-types', ...npx('tsc', '--noEmit'));
  await check('check-types (webview)', ...npx('tsc', '--noEmit', '-p', 'src/webview'));
  await check('lint', ...npx('eslint', 'src', 'test'));
}
await check('build', 'node', ['esbuild.mjs']);
await check('compile-tests', ...npx('tsc', '-p', 'tsconfig.json', '--outDir', 'out', '--noEmit', 'false'));
if (wants('unit')) {
  await suite('unit', ...npx('mocha'));
}
const integrationRunner = path.join(root, 'out/test/integration/run.js');
if (wants('integration') && fs.existsSync(integrationRunner)) {
  await suite('integration', 'node', [integrationRunner]);
}
const uiRunner = path.join(root, 'out/test/ui/run.js');
if (wants('ui') && fs.existsSync(uiRunner)) {
  await suite('ui', 'node', [uiRunner]);
}
const packageRunner = path.join(root, 'out/test/vsix/run.js');
if (wants('package') && fs.existsSync(packageRunner)) {
  await suite('package', 'node', [packageRunner]);
}

const all = lines();
const passed = all.reduce((n, l) => n + l.passed, 0);
const failed = all.reduce((n, l) => n + l.failed, 0);
console.log('\n━━ summary');
for (const l of all) {
  console.log(`  ${l.failed ? '✘' : '✔'} ${l.suite}: ${l.passed} passed, ${l.failed} failed${l.crashed !== undefined ? ` (exited ${l.crashed} before reporting)` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
