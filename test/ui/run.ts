/**
 * The UI end-to-end suite: mocha over out/test/ui/**\/*.test.js, in this process. Each test file
 * starts its own sandbox Tyk, code-server and Chromium (see workbench.ts) and drives the workbench
 * as a person. Counts go to $TEST_RESULTS_FILE through the counting reporter (suite "ui").
 *
 *   npm run build && npm run compile-tests && node out/test/ui/run.js [--grep <pattern>]
 *
 * Environment: UPDATE_SCREENSHOTS=1 rewrites media/screenshots/*.png; VSCODE_TEST_VERBOSE=1 and
 * KEEP_VSCODE_TMP=1 as for test/tools/codeServer.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from '../tools/codeServer';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...testFiles(p));
    } else if (entry.name.endsWith('.test.js')) {
      out.push(p);
    }
  }
  return out.sort();
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

async function main(): Promise<number> {
  const root = repoRoot();
  const bundle = path.join(root, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) {
    console.error(`UI tests: ${bundle} is missing. Build the extension first: npm run build`);
    return 1;
  }
  if (fs.statSync(bundle).mtimeMs < newestMtime(path.join(root, 'src'))) {
    console.warn(`UI tests: warning: ${bundle} is older than src/; the tests drive the built extension (npm run build).`);
  }
  const files = testFiles(__dirname);
  if (files.length === 0) {
    console.error(`UI tests: no *.test.js under ${__dirname}: run npm run compile-tests`);
    return 1;
  }
  process.env.TEST_SUITE_NAME ??= 'ui';
  const grepAt = process.argv.indexOf('--grep');
  const mocha = new Mocha({
    reporter: path.join(__dirname, '..', 'tools', 'countingReporter.js'),
    timeout: 90_000,
    slow: 20_000,
    ...(grepAt >= 0 && process.argv[grepAt + 1] ? { grep: process.argv[grepAt + 1] } : {}),
  });
  for (const f of files) {
    mocha.addFile(f);
  }
  await mocha.loadFilesAsync();
  const started = Date.now();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  console.log(`UI tests: ${files.length} file(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is stopped by the tests' after hooks; should a handle linger, do not hang.
    setTimeout(() => process.exit(code), 5_000).unref();
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
