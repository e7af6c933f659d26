// Connections: Add Connection through the real quick input, the credential in SecretStorage only,
// Update Credential, Remove Connection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/testHooks';
import { secretKey, type Connection } from '../../src/services/connections';
import type { Sandbox } from '../sandbox/server';
import { addConnection, captureDialogs, chooseAndEnter, clearConnections, hooks, pressEnter, typeAndEnter, waitFor, waitForStep, withSandbox, type DialogLog , messageText } from './helpers';

/** The user settings file of this VS Code (globalStorage is <user data>/User/globalStorage/<id>). */
function userSettingsText(h: TestHooks): string {
  const file = path.resolve(h.context.globalStorageUri.fsPath, '../../settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('Connections', () => {
  let h: TestHooks;
  let sandbox: Sandbox;
  let dialogs: DialogLog;

  before(async () => {
    h = await hooks();
    sandbox = await withSandbox();
  });
  after(async () => {
    await clearConnections(h);
    await sandbox.close();
  });
  beforeEach(async () => {
    await clearConnections(h);
    sandbox.reset();
    dialogs = captureDialogs(h, { confirm: true });
  });
  afterEach(async () => {
    dialogs.restore();
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('Add Connection: kind → URL → credential (checked, a wrong one refused inline) → name; the secret only in SecretStorage', async () => {
    const running = vscode.commands.executeCommand<Connection | undefined>('tyk.addConnection');
    const kind = await waitForStep(h, 1, 'Connect to Tyk');
    await chooseAndEnter(kind, ['Tyk Dashboard']);
    const url = await waitForStep(h, 2);
    await typeAndEnter(url, 'ftp://nope');
    assert.match(messageText((url.input as vscode.InputBox).validationMessage), /http:\/\/ or https:\/\//);
    await typeAndEnter(url, `${sandbox.dashboardUrl}/`);

    const credential = await waitForStep(h, 3);
    assert.equal((credential.input as vscode.InputBox).password, true, 'a password box');
    await typeAndEnter(credential, 'wrong-credential-123456');
    const refusal = await waitFor('the refusal', () => {
      const box = credential.input as vscode.InputBox;
      return box.enabled && box.validationMessage ? messageText(box.validationMessage) : undefined;
    });
    assert.match(refusal, /rejected the credential/);
    assert.ok(!refusal.includes('wrong-credential-123456'));
    assert.equal(h.activeInputs.current?.step, 3, 'the user retries on the same step');
    await typeAndEnter(credential, sandbox.credential);

    const name = await waitForStep(h, 4);
    assert.equal(name.input.value, new URL(sandbox.dashboardUrl).host, 'the default name is the host');
    await typeAndEnter(name, 'Local sandbox');
    await running;

    const [connection] = h.services.store.list();
    assert.ok(connection);
    assert.deepEqual({ name: connection.name, kind: connection.kind, url: connection.url }, { name: 'Local sandbox', kind: 'dashboard', url: sandbox.dashboardUrl });
    assert.equal(await h.context.secrets.get(secretKey(connection.id)), sandbox.credential);
    const inspected = JSON.stringify(vscode.workspace.getConfiguration('tyk').inspect('connections'));
    assert.ok(inspected.includes(sandbox.dashboardUrl), 'the connection is in the settings');
    assert.ok(!inspected.includes(sandbox.credential), 'the credential is not in the settings');
    const settings = userSettingsText(h);
    assert.ok(settings.includes('Local sandbox'), 'written to the user settings file');
    assert.ok(!settings.includes(sandbox.credential), 'the credential is not in settings.json');
    const checks = sandbox.requests.filter((r) => r.path === '/api/apis');
    assert.deepEqual(
      checks.map((r) => r.headers.authorization),
      ['wrong-credential-123456', sandbox.credential],
      'each credential was checked against the server before saving',
    );
  });

  it('Update Credential checks the new credential, then replaces the secret', async () => {
    const connection = await addConnection(h, sandbox, 'dashboard', 'old-credential-000000');
    const running = vscode.commands.executeCommand('tyk.setCredential');
    const box = await waitForStep(h, 1, 'Update Credential');
    await typeAndEnter(box, 'still-wrong-0000000');
    await waitFor('the refusal', () => (box.input.enabled && (box.input as vscode.InputBox).validationMessage ? true : undefined));
    assert.equal(await h.context.secrets.get(secretKey(connection.id)), 'old-credential-000000', 'nothing saved yet');
    await typeAndEnter(box, sandbox.credential);
    await running;
    assert.equal(await h.context.secrets.get(secretKey(connection.id)), sandbox.credential);
    assert.ok(dialogs.infos.some((m) => /works and is saved/.test(m)));
  });

  it('Remove Connection asks, then deletes the connection and its secret', async () => {
    const connection = await addConnection(h, sandbox);
    await vscode.commands.executeCommand('tyk.removeConnection');
    assert.equal(dialogs.confirms.length, 1);
    assert.match(dialogs.confirms[0] ?? '', /Remove the connection “Sandbox dashboard”/);
    assert.deepEqual(h.services.store.list(), []);
    assert.equal(await h.context.secrets.get(secretKey(connection.id)), undefined);
  });

  it('follows SecretStorage changes: a credential changed elsewhere is used at once', async () => {
    const connection = await addConnection(h, sandbox, 'dashboard', 'stale-credential-0000');
    await assert.rejects(h.services.catalog.all(connection), /rejected the credential/);
    await h.context.secrets.store(secretKey(connection.id), sandbox.credential);
    await waitFor('the new credential', async () => (await h.services.catalog.all(connection).catch(() => undefined))?.length);
  });

  it('a connection in workspace settings is ignored (a workspace cannot redirect the credential)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder, 'the test workspace is open');
    const file = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration(() => {
        sub.dispose();
        resolve();
      });
      setTimeout(resolve, 3000);
    });
    fs.writeFileSync(file, JSON.stringify({ 'tyk.connections': [{ id: 'evil', name: 'Workspace', kind: 'dashboard', url: 'http://127.0.0.1:9' }] }));
    try {
      await changed;
      assert.deepEqual(h.services.store.list(), []);
      assert.equal((await h.services.tree.getChildren()).length, 0, 'the tree shows no connection');
    } finally {
      fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    }
  });

  it('with no connection, Create Key offers to add one', async () => {
    await vscode.commands.executeCommand('tyk.createKey');
    await pressEnter();
    assert.ok(dialogs.infos.some((m) => /No Tyk connection yet/.test(m)));
  });
});
