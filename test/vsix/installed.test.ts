// Runs inside VS Code (code-server) where the packaged .vsix was installed into a fresh extensions
// folder, and the extension development path is an empty folder: the extension under test is the
// installed copy. Environment from run.ts: TYK_VSIX_REPO (the repository), TYK_KEYS_TEST_HOOKS=1, and a
// decoy TYK_KEYS_DEV_CONNECTIONS that an installed extension must ignore.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TykKeysApi } from '../../src/extension';
import type { ActiveInput } from '../../src/ui/multiStepInput';
import type { TykNode } from '../../src/views/nodes';
import { startSandbox, type Sandbox } from '../sandbox/server';

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

function extension(): vscode.Extension<TykKeysApi> {
  const ext = vscode.extensions.getExtension<TykKeysApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

async function hooks(): Promise<NonNullable<TykKeysApi['testing']>> {
  const api = await extension().activate();
  assert.ok(api.testing, 'the test hooks are on (TYK_KEYS_TEST_HOOKS=1)');
  return api.testing;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(100);
  }
}

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
    for (const file of [main, path.join(path.dirname(main), 'main.js'), path.join(path.dirname(main), 'tyk.js')]) {
      const bundle = fs.readFileSync(file, 'utf8');
      assert.ok(!bundle.includes('sourceMappingURL'), `${path.basename(file)} is the --production build (no source map)`);
      const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? ''));
      const foreign = [...required].filter((m) => m !== 'vscode' && m !== './main.js' && m !== './tyk.js' && !builtins.has(m.replace(/^node:/, '')));
      assert.deepEqual(foreign, [], `modules ${path.basename(file)} requires that a --no-dependencies .vsix does not ship`);
    }
  });

  it('activates and registers every command its manifest declares', async () => {
    const ext = extension();
    const testing = await hooks();
    assert.ok(ext.isActive);
    assert.ok(testing.activationMs >= 0);
    const declared = (ext.packageJSON as Manifest).contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('tyk.') && !c.startsWith('tyk.apis.')).sort();
    assert.deepEqual(registered, declared);
  });

  it('ignores TYK_KEYS_DEV_CONNECTIONS (honoured only in Development mode)', async () => {
    const testing = await hooks();
    assert.match(process.env.TYK_KEYS_DEV_CONNECTIONS ?? '', /Decoy/, 'run.ts sets the decoy');
    await sleep(500); // addDevConnections runs in the background after activate()
    assert.deepEqual(
      testing.services.store.list().filter((c) => c.name === DECOY_NAME),
      [],
    );
  });

  describe('against a sandbox Tyk', () => {
    let sandbox: Sandbox | undefined;
    const connectionId = 'vsix-sandbox';

    before(async () => {
      sandbox = await startSandbox({ port: 0, gatewayPort: null });
    });

    after(async () => {
      const testing = await hooks();
      await testing.services.store.remove(connectionId).catch(() => undefined);
      // The untitled document holding the key: close it without a save prompt.
      while (vscode.window.activeTextEditor) {
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await sandbox?.close();
    });

    it('creates a key through the Create Key flow and inserts it at the cursor', async () => {
      const sb = sandbox;
      assert.ok(sb);
      const testing = await hooks();
      await testing.services.store.add({ id: connectionId, name: 'Sandbox', kind: 'dashboard', url: sb.dashboardUrl }, sb.credential);

      // The Petstore node, as the Tyk view shows it (the installed bundle's own node classes).
      const petstore = await until('the Petstore node', async () => {
        const roots = await testing.services.tree.getChildren();
        const connection = roots.find((n): n is Extract<TykNode, { type: 'connection' }> => n.type === 'connection' && n.connection.id === connectionId);
        if (!connection) {
          return undefined;
        }
        const children = await testing.services.tree.getChildren(connection);
        return children.find((n): n is Extract<TykNode, { type: 'api' }> => n.type === 'api' && n.api.name === 'Petstore');
      });

      const prefix = 'Tyk key: ';
      const document = await vscode.workspace.openTextDocument({ content: prefix, language: 'plaintext' });
      const editor = await vscode.window.showTextDocument(document);
      const end = document.positionAt(prefix.length);
      editor.selection = new vscode.Selection(end, end);

      // Accept every step as shown (Enter keeps the defaults), as a person pressing Enter would.
      const steps: string[] = [];
      let firstSelection: string[] | undefined;
      const accept = async (input: ActiveInput): Promise<void> => {
        steps.push(`${input.step}/${input.totalSteps} ${input.kind}`);
        if (input.kind === 'pick' && firstSelection === undefined) {
          firstSelection = (input.input as vscode.QuickPick<vscode.QuickPickItem>).selectedItems.map((i) => i.label);
        }
        await sleep(150);
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      };
      const failures: unknown[] = [];
      const listener = testing.activeInputs.changed.event((input) => {
        if (input) {
          accept(input).catch((e: unknown) => failures.push(e));
        }
      });
      let created: unknown;
      try {
        created = await Promise.race([
          vscode.commands.executeCommand('tyk.createKey', petstore),
          sleep(25_000).then(() => {
            throw new Error(`the Create Key flow did not finish; steps seen: ${steps.join(', ')}`);
          }),
        ]);
      } finally {
        listener.dispose();
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(firstSelection, ['Petstore'], 'the API right-clicked is checked');
      assert.ok(steps.length >= 4, `steps seen: ${steps.join(', ')}`);

      const keys = sb.keys();
      assert.equal(keys.length, 1, 'the sandbox stored one key');
      const stored = keys[0];
      assert.ok(stored);
      assert.equal((created as { key?: unknown } | undefined)?.key, stored.key, 'the command resolves with the key it created');
      assert.equal(document.getText(), `${prefix}${stored.key}`);
      const rights = stored.session.access_rights as Record<string, unknown>;
      assert.deepEqual(Object.keys(rights), [petstore.api.apiId]);
    });
  });
});
