// Runs inside VS Code (code-server) where the packaged .vsix was installed into a fresh extensions
// folder, and the extension development path is an empty folder: the extension under test is the
// installed copy, reached only as a user's VS Code reaches it (the product has no test hooks). Environment
// from run.ts: TYK_VSIX_REPO (the repository) and a decoy TYK_KEYS_DEV_CONNECTIONS that an installed
// extension must ignore.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tyk-keys.tyk-keys';
const DECOY_NAME = 'Decoy from TYK_KEYS_DEV_CONNECTIONS';

interface Manifest {
  version: string;
  main: string;
  contributes: { commands: Array<{ command: string }> };
}

function repo(): string {
  const dir = process.env.TYK_VSIX_REPO;
  assert.ok(dir, 'run.ts passes TYK_VSIX_REPO');
  return dir;
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the installed .vsix', () => {
  it('is the copy installed in the extensions folder, not the repository', () => {
    const ext = extension();
    const installed = path.resolve(ext.extensionPath);
    const root = path.resolve(repo());
    assert.ok(!installed.startsWith(root + path.sep) && installed !== root, `${installed} is outside ${root}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
    assert.equal(path.basename(installed), `${EXTENSION_ID}-${manifest.version}`);
    // VS Code's record of what it installed in that folder lists this very copy.
    const recordFile = path.join(path.dirname(installed), 'extensions.json');
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as Array<{ identifier: { id: string }; location: { path?: string; fsPath?: string } }>;
    const entry = record.find((e) => e.identifier.id === EXTENSION_ID);
    assert.ok(entry, `${recordFile} lists ${EXTENSION_ID}`);
    assert.equal(path.resolve(entry.location.fsPath ?? entry.location.path ?? ''), installed);
    // Only what the .vsix ships: no sources, no source map, no node_modules.
    for (const absent of ['src', 'node_modules', 'out', 'test', 'dist/extension.js.map', 'tsconfig.json']) {
      assert.ok(!fs.existsSync(path.join(installed, absent)), `${absent} is not in the installed extension`);
    }
  });

  it('runs the production bundles, which need nothing but vscode, Node built-ins and each other', () => {
    const ext = extension();
    const main = path.join(ext.extensionPath, (ext.packageJSON as Manifest).main);
    const builtins = new Set(builtinModules);
    for (const file of [main, path.join(path.dirname(main), 'main.js')]) {
      const bundle = fs.readFileSync(file, 'utf8');
      // The tests' own wiring (test/integration/entry.ts, scriptedUi.ts) never ships.
      for (const testOnly of ['ScriptedUi', 'TYK_KEYS_TEST_HOOKS', 'cancelProgress', 'logLines', 'activeInputs', 'setRequestTimeoutMs']) {
        assert.ok(!bundle.includes(testOnly), `${path.basename(file)} holds no test wiring (${testOnly})`);
      }
      assert.ok(!bundle.includes('sourceMappingURL'), `${path.basename(file)} is the --production build (no source map)`);
      const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? ''));
      const foreign = [...required].filter((m) => m !== 'vscode' && m !== './main.js' && !builtins.has(m.replace(/^node:/, '')));
      assert.deepEqual(foreign, [], `modules ${path.basename(file)} requires that a --no-dependencies .vsix does not ship`);
    }
  });

  it('activates and registers every command its manifest declares', async () => {
    const ext = extension();
    const api = await ext.activate();
    assert.ok(ext.isActive);
    assert.equal(api, undefined, 'the product exports nothing: no test hooks');
    const declared = (ext.packageJSON as Manifest).contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('tyk.') && !c.startsWith('tyk.apis.')).sort();
    assert.deepEqual(registered, declared);
  });

  it('ignores TYK_KEYS_DEV_CONNECTIONS (honoured only in Development mode)', async () => {
    await extension().activate();
    assert.match(process.env.TYK_KEYS_DEV_CONNECTIONS ?? '', /Decoy/, 'run.ts sets the decoy');
    // The extension loads the rest of itself just after activation; a development session would add
    // its connections to tyk.connections then. Run a command so it has surely loaded.
    await vscode.commands.executeCommand('tyk.clearSearch');
    await sleep(500);
    const connections = vscode.workspace.getConfiguration('tyk').get<Array<{ name?: string }>>('connections') ?? [];
    assert.deepEqual(
      connections.filter((c) => c.name === DECOY_NAME),
      [],
    );
  });
});
