// The 'package' stage: the .vsix a user would install, installed offline into a real VS Code.
//   node out/test/vsix/run.js        (needs `npm run compile-tests`; `npm test` runs it last)
// 1. Packages the extension with vsce, exactly as `npm run package` does (its vsce arguments are read
//    from package.json; the lint step is left to `npm test`'s own lint check), into a temp folder.
// 2. Installs that .vsix into a fresh code-server and runs installed.test.js inside its extension host,
//    with an EMPTY extension development path, so the installed copy is the one under test.
// 3. In this process (mocha): the .vsix's exact file list, `node test/tools/start.mjs --check`, and
//    what vsce says (`vsce ls` lists the same files; neither it nor `vsce package` warns).
// Counts go to $TEST_RESULTS_FILE as suite $TEST_SUITE_NAME (default 'package'); without
// TEST_RESULTS_FILE a summary is printed. Exit code 0 only when everything passed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Mocha from 'mocha';
import { repoRoot, runExtensionTests } from '../tools/codeServer';

interface CountLine {
  suite: string;
  passed: number;
  failed: number;
}

function readLines(file: string): CountLine[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CountLine);
}

/** The arguments `npm run package` gives vsce (after "vsce"), e.g. ["package", "--no-dependencies", …]. */
function vsceArgsOf(packageScript: string): string[] {
  const segment = packageScript
    .split('&&')
    .map((s) => s.trim())
    .find((s) => /^vsce\s+package\b/.test(s));
  if (!segment) {
    throw new Error(`scripts.package does not run "vsce package": ${packageScript}`);
  }
  return segment.split(/\s+/).slice(1);
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (c: Buffer): void => {
      output += c.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => resolve({ code: 127, output: `${output}${err.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const root = repoRoot();
  const suite = process.env.TEST_SUITE_NAME ?? 'package';
  process.env.TEST_SUITE_NAME = suite;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-keys-vsix-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const standalone = !process.env.TEST_RESULTS_FILE;
  const resultsFile = process.env.TEST_RESULTS_FILE ?? path.join(tmp, 'results.jsonl');
  process.env.TEST_RESULTS_FILE = resultsFile;
  const firstLine = readLines(resultsFile).length;
  const record = (line: CountLine & Record<string, unknown>): void => {
    fs.appendFileSync(resultsFile, `${JSON.stringify(line)}\n`);
  };
  const timings: string[] = [];
  const t0 = Date.now();

  // 1. Package.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const vsix = path.join(tmp, 'tyk-keys.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packArgs = [...vsceArgsOf(manifest.scripts.package ?? ''), '--out', vsix];
  console.log(`━━ vsce ${packArgs.join(' ')}`);
  let t = Date.now();
  const packed = await run(process.execPath, [vsce, ...packArgs], root);
  // vsce's prepublish left the --production bundle in dist/: put back the development build (with its
  // source map) that `npm run build` makes, for whatever runs next from this checkout.
  const rebuilt = await run(process.execPath, [path.join(root, 'esbuild.mjs')], root);
  timings.push(`package ${seconds(Date.now() - t)}`);
  if (packed.code !== 0 || !fs.existsSync(vsix)) {
    console.log(packed.output);
    console.log(`✘ vsce package failed (exit ${packed.code})`);
    record({ suite, passed: 0, failed: 1, step: 'vsce package' });
  } else {
    console.log(packed.output.split('\n').filter((l) => /DONE|WARNING|ERROR/.test(l)).join('\n'));
    process.env.TYK_VSIX_PATH = vsix;
  }
  // vsce.test.ts reads it: `vsce package` must not warn.
  const packageLog = path.join(tmp, 'vsce-package.log');
  fs.writeFileSync(packageLog, packed.output);
  process.env.TYK_VSIX_PACKAGE_LOG = packageLog;
  if (rebuilt.code !== 0) {
    console.log(`warning: restoring the development build failed:\n${rebuilt.output}`);
  }

  // 2. The installed .vsix, inside VS Code.
  if (process.env.TYK_VSIX_PATH) {
    const emptyDevelopmentPath = path.join(tmp, 'no-extension-here');
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(emptyDevelopmentPath);
    fs.mkdirSync(workspace);
    const before = readLines(resultsFile).length;
    t = Date.now();
    console.log('\n━━ the installed .vsix, inside VS Code (code-server)');
    const result = await runExtensionTests({
      extensionDevelopmentPath: emptyDevelopmentPath,
      extensionTestsPath: path.join(root, 'out', 'test', 'vsix', 'index.js'),
      vsix: [vsix],
      folder: workspace,
      timeoutMs: 120_000,
      extensionEnvironment: {
        TYK_VSIX_REPO: root,
        TEST_SUITE_NAME: suite,
        TEST_RESULTS_FILE: resultsFile,
        TYK_KEYS_DEV_CONNECTIONS: JSON.stringify([
          { name: 'Decoy from TYK_KEYS_DEV_CONNECTIONS', kind: 'dashboard', url: 'http://127.0.0.1:9', credential: 'decoy-credential' },
        ]),
      },
    });
    timings.push(`installed suite ${seconds(Date.now() - t)}${result.timingsMs ? ` (server ${seconds(result.timingsMs.server)}, browser ${seconds(result.timingsMs.browser)}, tests ${seconds(result.timingsMs.tests)})` : ''}`);
    const counted = readLines(resultsFile).slice(before).filter((l) => l.suite === suite);
    if (counted.length === 0 || (result.exitCode !== 0 && counted.every((l) => l.failed === 0))) {
      console.log(`✘ the installed .vsix's suite did not report (exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}${result.screenshot ? `, screenshot ${result.screenshot}` : ''})`);
      record({ suite, passed: 0, failed: 1, step: 'installed suite', crashed: result.exitCode });
    }
  }

  // 3. The .vsix's contents, `npm start --check` and what vsce says, here.
  console.log('\n━━ the .vsix contents, npm start --check, and vsce ls');
  t = Date.now();
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: path.join(root, 'out', 'test', 'tools', 'countingReporter.js') });
  mocha.addFile(path.join(__dirname, 'package.test.js'));
  mocha.addFile(path.join(__dirname, 'vsce.test.js'));
  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  timings.push(`contents + npm start --check + vsce ls ${seconds(Date.now() - t)}`);

  const mine = readLines(resultsFile).slice(firstLine).filter((l) => l.suite === suite);
  const passed = mine.reduce((n, l) => n + l.passed, 0);
  const failed = mine.reduce((n, l) => n + l.failed, 0);
  console.log(`\npackage stage: ${timings.join(', ')}; total ${seconds(Date.now() - t0)}`);
  if (standalone) {
    console.log(`${passed} passed, ${failed} failed`);
  }
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
