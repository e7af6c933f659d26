// The outer half of the 'package' stage, next to package.test.ts (run by run.ts in plain Node): what vsce
// itself says. `vsce ls` lists exactly the files the .vsix ships, and neither `vsce ls` nor the
// `vsce package` run.ts made (its output in TYK_VSIX_PACKAGE_LOG) prints a warning.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../tools/codeServer';
import { shippedFiles } from './shipped';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the repository's own vsce (not a global one) in the repository, without a terminal. */
function vsce(args: string[]): Promise<Run> {
  const root = repoRoot();
  // GITHUB_ACTIONS makes vsce print its warnings as `::warning::`; keep its usual ` WARNING ` form.
  const env = { ...process.env, GITHUB_ACTIONS: '' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
  });
}

const WARNING = /\bWARNING\b|::warning|\bwarn(ing)?:/i;

describe('vsce', () => {
  it('ls (--no-dependencies, as scripts.package) lists exactly the files the .vsix ships, and warns about nothing', async function () {
    this.timeout(60_000);
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // `vsce ls` takes no --allow-missing-repository (it does not check the manifest); --no-dependencies
    // is the flag it shares with `vsce package`, and what it selects must be what the package holds.
    assert.match(manifest.scripts.package ?? '', /\bvsce package\b.*--no-dependencies/, 'scripts.package packages without node_modules');
    const ls = await vsce(['ls', '--no-dependencies']);
    assert.equal(ls.code, 0, `vsce ls exited ${ls.code}:\n${ls.stdout}${ls.stderr}`);
    assert.equal(ls.stderr, '', 'vsce ls prints nothing on stderr (its warnings go there)');
    assert.doesNotMatch(ls.stdout, WARNING);
    const listed = ls.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(listed, shippedFiles(repoRoot()));
  });

  it('package (as scripts.package runs it) printed no warning', function () {
    const log = process.env.TYK_VSIX_PACKAGE_LOG;
    if (!log) {
      this.skip(); // run.ts passes it; without it there is no package run to look at
    }
    const output = fs.readFileSync(log, 'utf8');
    assert.match(output, /DONE\s+Packaged:/, 'vsce package succeeded');
    const warnings = output.split('\n').filter((l) => WARNING.test(l));
    assert.deepEqual(warnings, [], `vsce package warned:\n${output}`);
  });
});
