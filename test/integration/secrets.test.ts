// Secrets never leak. After every flow that handles a credential or a key, neither the credential nor
// any key is in: the user settings file, the `tyk` configuration (every scope), the extension's global
// and workspace state, its log, the notifications, the tree the workbench shows (ids, labels,
// descriptions, tooltips), the key details documents, or the URLs the server received — a key is in a
// URL only as the path of GET/PUT/DELETE /api/keys/{key} or /tyk/keys/{key} (Tyk's own API design),
// never in a query string. Keys are in SecretStorage only when the user opted in (tyk.rememberCreatedKeys).
// Also: the manifest declares Workspace Trust support, and a workspace cannot redirect a connection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localize, readNls } from '../tools/readmeTables';
import type { TestHooks } from './entry';
import { secretKey } from '../../src/services/connections';
import { maskKey } from '../../src/domain/mask';
import type { CreatedKey } from '../../src/domain/model';
import { startFaultServer } from '../support/faultServer';
import {
  addConnection,
  apiNodes,
  chooseAndEnter,
  createKeyThroughFlow,
  labelText,
  openEditor,
  startInsertSavedKey,
  revokeOldKey,
  showDetailsJson,
  typeAndEnter,
  useSandboxSuite,
  waitFor,
  waitForStep,
  type SuiteContext,
} from './helpers';

type Node = NonNullable<Parameters<TestHooks['tree']['getChildren']>[0]>;

interface Row {
  node: Node;
  label: string;
  item: vscode.TreeItem;
}

const SAVED_KEYS_SECRET = 'tyk.savedKeys';
const PACKAGE_JSON = path.resolve(__dirname, '../../../package.json');

interface PackageJson {
  capabilities?: { untrustedWorkspaces?: unknown };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
}

/** package.json as VS Code reads it: its `%key%`s resolved through package.nls.json. */
function packageJson(): PackageJson {
  return localize(JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as PackageJson, readNls());
}

/** Every setting the extension contributes, e.g. `tyk.connections`. */
function settingsOf(pkg: PackageJson): Record<string, { scope?: string }> {
  const configuration = pkg.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration]).map((c) => c.properties)) as Record<string, { scope?: string }>;
}

/** The user settings file of this VS Code (globalStorage is <user data>/User/globalStorage/<id>). */
function userSettingsText(h: TestHooks): string {
  const file = path.resolve(h.context.globalStorageUri.fsPath, '../../settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

function stateText(state: vscode.Memento): string {
  return JSON.stringify(state.keys().map((k) => [k, state.get<unknown>(k)]));
}

function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string {
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

async function children(h: TestHooks, parent?: Node): Promise<Row[]> {
  const nodes = await h.tree.getChildren(parent);
  return nodes.map((node) => {
    const item = h.tree.getTreeItem(node);
    return { node, label: labelText(item.label), item };
  });
}

/** Everything the workbench gets from every node of the tree (each connection's catalog loaded first). */
async function treeText(h: TestHooks): Promise<{ text: string; nodes: number }> {
  for (const connection of h.services.store.list()) {
    await h.services.catalog.all(connection).catch(() => undefined);
  }
  const out: string[] = [];
  const queue: Array<Node | undefined> = [undefined];
  let nodes = 0;
  while (queue.length > 0 && nodes < 3000) {
    for (const row of await children(h, queue.shift())) {
      nodes++;
      const { item } = row;
      out.push(
        JSON.stringify([
          item.id,
          row.label,
          item.description,
          tooltipText(item.tooltip),
          item.accessibilityInformation?.label,
          item.resourceUri?.toString(),
          item.command?.title,
          item.contextValue,
        ]),
      );
      if (item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) {
        queue.push(row.node);
      }
    }
  }
  return { text: out.join('\n'), nodes };
}

/** The credentials typed or stored in a test, and every key the sandbox held during it. */
class Secrets {
  readonly credentials = new Set<string>();
  readonly keys = new Set<string>();

  constructor(private readonly ctx: SuiteContext) {}

  credential(value: string): string {
    this.credentials.add(value);
    return value;
  }

  /** Records every key the sandbox holds now (created here, rotated, or by anyone else). */
  collect(...created: Array<CreatedKey | undefined>): void {
    for (const k of this.ctx.sandbox.keys()) {
      this.keys.add(k.key);
    }
    for (const c of created) {
      if (c) {
        this.keys.add(c.key);
      }
    }
  }

  /** The secrets shown masked, for failure messages. */
  mask(text: string): string {
    let out = text;
    for (const s of [...this.credentials, ...this.keys]) {
      out = out.split(s).join(`«${maskKey(s)}»`);
    }
    return out;
  }
}

/**
 * Fails with the list of places where a credential or a key was found. `savedKeys`: the user opted in,
 * so these keys may be (and are) in SecretStorage under tyk.savedKeys; otherwise nothing is there.
 */
async function assertNoLeaks(ctx: SuiteContext, secrets: Secrets, after: string, savedKeys: readonly string[] = []): Promise<void> {
  const { h } = ctx;
  assert.ok(secrets.credentials.size > 0, 'the test names its credentials');
  const tree = await treeText(h);
  assert.ok(tree.nodes > 0, 'the tree was walked');
  const places: Array<[string, string]> = [
    ['the user settings file', userSettingsText(h)],
    ['getConfiguration().inspect("tyk")', JSON.stringify(vscode.workspace.getConfiguration().inspect('tyk'))],
    ...Object.keys(settingsOf(packageJson())).map((name): [string, string] => [
      `inspect("${name}")`,
      JSON.stringify(vscode.workspace.getConfiguration('tyk').inspect(name.replace(/^tyk\./, ''))),
    ]),
    ['globalState', stateText(h.context.globalState)],
    ['workspaceState', stateText(h.context.workspaceState)],
    ['the log', h.logLines.join('\n')],
    ['the notifications', JSON.stringify([ctx.dialogs.infos, ctx.dialogs.warnings, ctx.dialogs.errors, ctx.dialogs.confirms, ctx.dialogs.confirmDetails, ctx.dialogs.choices])],
    ['the tree', tree.text],
    ...vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === 'tyk-key')
      .map((d): [string, string] => [`the key details document ${d.uri.path}`, `${d.uri.toString()}\n${d.getText()}`]),
  ];
  const found: string[] = [];
  for (const [place, text] of places) {
    for (const c of secrets.credentials) {
      if (text.includes(c)) {
        found.push(`a credential (${maskKey(c)}) in ${place}`);
      }
    }
    for (const k of secrets.keys) {
      if (text.includes(k)) {
        found.push(`a key (${maskKey(k)}) in ${place}`);
      }
    }
  }

  for (const r of ctx.sandbox.requests) {
    const [pathPart = '', queryPart = ''] = r.url.split(/\?(.*)/s);
    const shown = secrets.mask(`${r.method} ${r.url}`);
    for (const c of secrets.credentials) {
      if (r.url.includes(c) || safeDecode(r.url).includes(c) || r.body.includes(c)) {
        found.push(`a credential in the request ${shown}`);
      }
    }
    for (const k of secrets.keys) {
      if (queryPart.includes(k) || safeDecode(queryPart).includes(k) || queryPart.includes(encodeURIComponent(k))) {
        found.push(`a key in the query string of ${shown}`);
      }
      if (pathPart.includes(k) || safeDecode(pathPart).includes(k) || pathPart.includes(encodeURIComponent(k))) {
        const keyPath = [`/api/keys/${k}`, `/tyk/keys/${k}`].includes(safeDecode(pathPart));
        if (!keyPath || !['GET', 'PUT', 'DELETE'].includes(r.method)) {
          found.push(`a key in ${shown} (keys are only in the path of GET/PUT/DELETE /api/keys/{key} or /tyk/keys/{key})`);
        }
      }
    }
  }

  for (const c of h.services.store.list()) {
    const stored = await h.context.secrets.get(secretKey(c.id));
    if (stored !== undefined && !secrets.credentials.has(stored)) {
      found.push(`the secret of “${c.name}” holds something else than a credential of this test`);
    }
  }
  const savedRaw = (await h.context.secrets.get(SAVED_KEYS_SECRET)) ?? '';
  for (const k of secrets.keys) {
    if (savedRaw.includes(k) && !savedKeys.includes(k)) {
      found.push(`the key ${maskKey(k)} in SecretStorage (${SAVED_KEYS_SECRET}) although saving ${savedKeys.length > 0 ? 'did not save it' : 'is off'}`);
    }
  }
  assert.deepEqual((await h.services.savedKeys.list()).map((k) => maskKey(k.key)).sort(), savedKeys.map(maskKey).sort(), `saved keys after ${after}`);
  assert.deepEqual(found, [], `after ${after}`);
}

async function keysOf(h: TestHooks, apiName: string): Promise<Row[]> {
  const api = (await apiNodes(h)).get(apiName) as Node | undefined;
  assert.ok(api, `${apiName} in the tree`);
  const keysNode = (await children(h, api)).find((c) => c.label === 'Keys');
  assert.ok(keysNode, 'a Keys node');
  return children(h, keysNode.node);
}

/** Walks the Add Connection quick input: kind → URL → credential (a wrong one first) → name. */
async function addConnectionThroughFlow(ctx: SuiteContext, secrets: Secrets, kind: 'Tyk Dashboard' | 'Tyk Gateway', url: string, credential: string, name: string): Promise<void> {
  const running = vscode.commands.executeCommand('tyk.addConnection');
  await chooseAndEnter(await waitForStep(ctx.h, 1, 'Connect to Tyk'), [kind]);
  await typeAndEnter(await waitForStep(ctx.h, 2), url);
  const box = await waitForStep(ctx.h, 3);
  await typeAndEnter(box, secrets.credential(`wrong-${kind.slice(4).toLowerCase()}-credential-4f2a9c81e7`));
  await waitFor('the refusal', () => (box.input.enabled && (box.input as vscode.InputBox).validationMessage ? true : undefined));
  await typeAndEnter(box, secrets.credential(credential));
  await typeAndEnter(await waitForStep(ctx.h, 4), name);
  await running;
}

async function withSetting<T>(name: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('tyk');
  await config.update(name, value, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await config.update(name, undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('Secrets never leak into settings, state, logs, the tree or URLs', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('the leak check finds a planted credential or key (it is not vacuous)', async () => {
    const secrets = new Secrets(ctx);
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
    const planted = 'planted-key-0123456789abcdef';
    secrets.keys.add(planted);
    await assertNoLeaks(ctx, secrets, 'nothing yet');
    const state = ctx.h.context.globalState;
    const log = ctx.h.logLines;
    await state.update('tyk.test.planted', { key: planted });
    log.push(`[info] ${ctx.sandbox.credential}`);
    await fetch(`${ctx.sandbox.dashboardUrl}/api/apis?token=${planted}`, { headers: { authorization: ctx.sandbox.credential } });
    try {
      await assert.rejects(
        assertNoLeaks(ctx, secrets, 'planting'),
        (e: Error) =>
          e.message.includes(`a key (${maskKey(planted)}) in globalState`) &&
          e.message.includes(`a credential (${maskKey(ctx.sandbox.credential)}) in the log`) &&
          e.message.includes(`a key in the query string of GET /api/apis?token=«${maskKey(planted)}»`),
      );
    } finally {
      await state.update('tyk.test.planted', undefined);
      log.splice(log.indexOf(`[info] ${ctx.sandbox.credential}`), 1);
    }
  });

  it('Add Connection (Dashboard and Gateway, through the real quick input) and Update Credential', async () => {
    const secrets = new Secrets(ctx);
    await addConnectionThroughFlow(ctx, secrets, 'Tyk Dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential, 'Leak check dashboard');
    await assertNoLeaks(ctx, secrets, 'adding a Dashboard connection');

    const update = vscode.commands.executeCommand('tyk.setCredential');
    const box = await waitForStep(ctx.h, 1, 'Update Credential');
    await typeAndEnter(box, secrets.credential('still-wrong-credential-93b1d07c'));
    await waitFor('the refusal', () => (box.input.enabled && (box.input as vscode.InputBox).validationMessage ? true : undefined));
    await typeAndEnter(box, ctx.sandbox.credential);
    await update;
    await assertNoLeaks(ctx, secrets, 'updating the credential');

    await addConnectionThroughFlow(ctx, secrets, 'Tyk Gateway', ctx.sandbox.gatewayUrl ?? '', ctx.sandbox.gatewaySecret, 'Leak check gateway');
    assert.equal(ctx.h.services.store.list().length, 2);
    await assertNoLeaks(ctx, secrets, 'adding a Gateway connection');
  });

  it('keys, saving off: create, list, show details, update, rotate, revoke', async () => {
    const secrets = new Secrets(ctx);
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'leak-check-off');
    secrets.collect(created);
    await assertNoLeaks(ctx, secrets, 'creating a key');

    let row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'leak-check-off');
    assert.ok(row, 'the key is listed by its alias');
    await showDetailsJson(ctx.h, row.node);
    await assertNoLeaks(ctx, secrets, 'showing the key details');

    const updating = vscode.commands.executeCommand('tyk.updateKey', row.node);
    await chooseAndEnter(await waitForStep(ctx.h, 1, 'Update the key'), ['Suspend']);
    await updating;
    await assertNoLeaks(ctx, secrets, 'updating the key');

    row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'leak-check-off');
    assert.ok(row);
    const editor = await openEditor('');
    ctx.dialogs.answers.choose = revokeOldKey;
    const rotated = await vscode.commands.executeCommand<{ revokedOld: boolean } | undefined>('tyk.rotateKey', row.node);
    assert.deepEqual(rotated, { revokedOld: true });
    const fresh = editor.document.getText();
    assert.ok(fresh.length > 20 && fresh !== created.key, 'the new key is inserted');
    secrets.collect({ key: fresh });
    await assertNoLeaks(ctx, secrets, 'rotating the key');
    assert.ok(
      ctx.sandbox.requests.some((r) => r.method === 'DELETE' && r.path === `/api/keys/${encodeURIComponent(created.key)}`),
      'the old key was revoked by its path (the one place a key may be in a URL)',
    );

    row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label.startsWith('leak-check-off (rotated '));
    assert.ok(row, 'the new key, named apart from the old one');
    await vscode.commands.executeCommand('tyk.revokeKey', row.node);
    assert.equal(ctx.sandbox.keys().length, 0);
    await assertNoLeaks(ctx, secrets, 'revoking the key');
  });

  it('keys, saving on (tyk.rememberCreatedKeys): in SecretStorage only; removed on revoke and on Forget Saved Keys', async () => {
    const secrets = new Secrets(ctx);
    await withSetting('rememberCreatedKeys', true, async () => {
      await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
      const first = await createKeyThroughFlow(ctx.h, 'Petstore', 'leak-check-on');
      secrets.collect(first);
      assert.ok((await ctx.h.context.secrets.get(SAVED_KEYS_SECRET))?.includes(first.key), 'the key is in SecretStorage');
      await assertNoLeaks(ctx, secrets, 'creating a saved key', [first.key]);

      const editor = await openEditor('');
      const { running: inserting } = await startInsertSavedKey();
      assert.equal(await inserting, first.key);
      assert.equal(editor.document.getText(), first.key);
      await assertNoLeaks(ctx, secrets, 'inserting a saved key', [first.key]);

      const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'leak-check-on');
      assert.ok(row);
      await vscode.commands.executeCommand('tyk.revokeKey', row.node);
      await assertNoLeaks(ctx, secrets, 'revoking a saved key');

      const second = await createKeyThroughFlow(ctx.h, 'Payments API', 'leak-check-on-2');
      secrets.collect(second);
      await assertNoLeaks(ctx, secrets, 'creating another saved key', [second.key]);
      await vscode.commands.executeCommand('tyk.forgetSavedKeys');
      assert.equal(await ctx.h.context.secrets.get(SAVED_KEYS_SECRET), undefined);
      await assertNoLeaks(ctx, secrets, 'Forget Saved Keys');
    });
    await assertNoLeaks(ctx, secrets, 'turning saving off again');
  });

  it('search and policies: Search APIs, the Policies node, Create Key from Policy', async () => {
    const secrets = new Secrets(ctx);
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
    const [root] = await children(ctx.h);
    assert.ok(root);
    const searching = vscode.commands.executeCommand<number>('tyk.searchApis', root.node);
    await typeAndEnter(await waitForStep(ctx.h, 1, 'Search APIs'), 'petstore');
    assert.equal(await searching, 1);
    await assertNoLeaks(ctx, secrets, 'searching');
    await vscode.commands.executeCommand('tyk.clearSearch', root.node);

    const policiesNode = (await children(ctx.h, root.node)).find((r) => r.label === 'Policies');
    const gold = (await children(ctx.h, policiesNode?.node)).find((r) => r.label === 'Gold plan');
    assert.ok(gold, 'the policies are listed');
    await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyFromPolicy', gold.node);
    await typeAndEnter(await waitForStep(ctx.h, 1), 'leak-check-policy');
    const created = await running;
    assert.ok(created);
    secrets.collect(created);
    await assertNoLeaks(ctx, secrets, 'creating a key from a policy');
  });

  it('on a Gateway: create, show details, rotate, revoke', async () => {
    const secrets = new Secrets(ctx);
    await addConnection(ctx.h, ctx.sandbox, 'gateway', secrets.credential(ctx.sandbox.gatewaySecret));
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'leak-check-gateway');
    secrets.collect(created);
    await assertNoLeaks(ctx, secrets, 'creating a key on a Gateway');

    let row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'leak-check-gateway');
    assert.ok(row, 'the key is listed by its alias');
    await showDetailsJson(ctx.h, row.node);
    await openEditor('');
    ctx.dialogs.answers.choose = revokeOldKey;
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', row.node), { revokedOld: true });
    secrets.collect({ key: vscode.window.activeTextEditor?.document.getText() ?? '' });
    await assertNoLeaks(ctx, secrets, 'rotating a key on a Gateway');

    row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label.startsWith('leak-check-gateway (rotated '));
    assert.ok(row);
    await vscode.commands.executeCommand('tyk.revokeKey', row.node);
    assert.equal(ctx.sandbox.keys().length, 0);
    await assertNoLeaks(ctx, secrets, 'revoking a key on a Gateway');
  });

  describe('Workspace Trust', () => {
    it('the manifest declares limited support, and tyk.connections is application-scoped (VS Code ignores workspace values)', () => {
      const pkg = packageJson();
      assert.deepEqual(pkg.capabilities?.untrustedWorkspaces, {
        supported: 'limited',
        description:
          'In an untrusted workspace the extension works as usual: it reads its connections only from your user settings, so a workspace cannot point it at another server.',
        restrictedConfigurations: [],
      });
      assert.equal(settingsOf(pkg)['tyk.connections']?.scope, 'application');
    });

    it('a workspace that redefines a connection (same id, its own server) cannot redirect the credential', async function () {
      this.timeout(30_000);
      const secrets = new Secrets(ctx);
      const connection = await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
      const evil = await startFaultServer();
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder, 'the test workspace is open');
      const dir = path.join(folder, '.vscode');
      const rulers = (): unknown => vscode.workspace.getConfiguration('editor').inspect('rulers')?.workspaceValue;
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          path.join(dir, 'settings.json'),
          JSON.stringify({
            'tyk.connections': [{ ...connection, name: 'Workspace copy', url: evil.url }],
            'tyk.rememberCreatedKeys': true,
            // A setting VS Code does take from a workspace: proves the file was read.
            'editor.rulers': [42],
          }),
        );
        await waitFor('VS Code to read the workspace settings', () => JSON.stringify(rulers()) === '[42]');

        const inspected = vscode.workspace.getConfiguration('tyk').inspect('connections');
        assert.equal(inspected?.workspaceValue, undefined, 'VS Code ignores an application setting in a workspace');
        assert.equal(inspected?.workspaceFolderValue, undefined);
        assert.equal(vscode.workspace.getConfiguration('tyk').inspect('rememberCreatedKeys')?.workspaceValue, undefined);
        assert.deepEqual(
          ctx.h.services.store.list().map((c) => [c.name, c.url]),
          [[connection.name, ctx.sandbox.dashboardUrl]],
        );

        const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'leak-check-workspace');
        secrets.collect(created);
        await assertNoLeaks(ctx, secrets, 'creating a key with a hostile workspace setting');
        assert.deepEqual(evil.requests, [], 'nothing reached the server named by the workspace');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await waitFor('the workspace settings to be gone', () => rulers() === undefined).catch(() => undefined);
        await evil.close();
      }
    });
  });
});

describe('Secrets on a server that hashes keys', () => {
  const ctx = useSandboxSuite({ confirm: true }, { hashKeys: true, hashKeyFunction: 'murmur64' });

  it('a key is never in a URL at all: read, rotated and revoked by its hash', async () => {
    const secrets = new Secrets(ctx);
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', secrets.credential(ctx.sandbox.credential));
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'leak-check-hashed');
    secrets.collect(created);
    let row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'leak-check-hashed');
    assert.ok(row);
    await vscode.commands.executeCommand('tyk.showKeyDetails', row.node);
    await openEditor('');
    ctx.dialogs.answers.choose = revokeOldKey;
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', row.node), { revokedOld: true });
    secrets.collect({ key: vscode.window.activeTextEditor?.document.getText() ?? '' });
    row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label.startsWith('leak-check-hashed (rotated '));
    assert.ok(row);
    await vscode.commands.executeCommand('tyk.revokeKey', row.node);
    await assertNoLeaks(ctx, secrets, 'a key lifecycle by hash');
    const withKey = ctx.sandbox.requests.filter((r) => [...secrets.keys].some((k) => r.url.includes(k) || r.url.includes(encodeURIComponent(k))));
    assert.deepEqual(withKey.map((r) => secrets.mask(`${r.method} ${r.url}`)), [], 'hashed keys are addressed by their hash');
  });
});
