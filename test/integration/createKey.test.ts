// Create Key in the real VS Code: the real quick input, driven step by step; the key lands in the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { untitledContent } from '../../src/ui/insertKey';
import type { CreatedKey } from '../../src/domain/model';
import {
  addConnection,
  apiNodes,
  chooseAndEnter,
  messageText,
  openEditor,
  pickLabels,
  pressEnter,
  typeAndEnter,
  useSandboxSuite,
  waitFor,
  waitForStep,
} from './helpers';

describe('Create Key', () => {
  const ctx = useSandboxSuite();

  const keyPosts = (): typeof ctx.sandbox.requests => ctx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/keys');

  it('from an API node, Enter at every step creates a key with Tyk’s defaults and inserts it at the cursor', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const petstore = (await apiNodes(ctx.h)).get('Petstore');
    assert.ok(petstore, 'Petstore is in the tree');
    const editor = await openEditor('key = ');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', petstore);

    const apis = await waitForStep(ctx.h, 1, 'Create a Tyk key');
    assert.equal(apis.totalSteps, undefined, 'the sandbox’s APIs take 4 to 6 steps: no total before they are chosen');
    const picker = apis.input as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual(picker.selectedItems.map((i) => i.label), ['Petstore'], 'the node’s API is pre-selected');
    await pressEnter();
    const limits = await waitForStep(ctx.h, 2);
    assert.equal(limits.totalSteps, 4, 'Petstore has one version: no versions step');
    assert.match(pickLabels(limits)[0] ?? '', /1,000 requests per second, unlimited quota/);
    await pressEnter();
    await waitForStep(ctx.h, 3);
    await pressEnter();
    const alias = await waitForStep(ctx.h, 4);
    assert.match(alias.input.value, /^petstore-\d{8}-\d{4}$/, 'a default alias to find the key by');
    await pressEnter();

    const created = await running;
    assert.ok(created, 'the command returns the created key');
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.ok(stored, 'the inserted key is the one the server stored');
    assert.equal(editor.document.getText(), `key = ${created.key}`);
    assert.equal(keyPosts().length, 1, 'one create request');
    const body = JSON.parse(keyPosts()[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.rate, 1000);
    assert.equal(body.allowance, 1000);
    assert.equal(body.per, 1);
    assert.equal(body.quota_max, -1);
    assert.equal(body.expires, -1);
    assert.ok(!('quota_remaining' in body) && !('quota_renews' in body));
    assert.equal(keyPosts()[0]?.headers.authorization, ctx.sandbox.credential);
    await waitFor('the notification', () => ctx.dialogs.infos.find((m) => /Key created for Petstore and inserted at the cursor/.test(m)));
    const log = ctx.h.logLines.join('\n');
    assert.ok(log.includes(`Created key ${created.key.slice(0, 4)}…${created.key.slice(-4)}`), 'the log names the key masked');
    assert.ok(!log.includes(created.key), 'never the key itself');
    assert.ok(!log.includes(ctx.sandbox.credential), 'nor the credential');
  });

  it('replaces the selection', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('Authorization: REPLACE-ME\n');
    const start = new vscode.Position(0, 'Authorization: '.length);
    editor.selection = new vscode.Selection(start, start.translate(0, 'REPLACE-ME'.length));
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
    for (let step = 1; step <= 4; step++) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    assert.equal(editor.document.getText(), `Authorization: ${created?.key}\n`);
  });

  it('from the palette with custom values: versions, limits, expiry date and alias', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey');

    // The sandbox has policies: the first step asks how to grant access; Enter chooses APIs by hand.
    const grant = await waitForStep(ctx.h, 1);
    assert.match(pickLabels(grant)[0] ?? '', /Choose the APIs/);
    assert.ok(pickLabels(grant).some((l) => /Gold plan/.test(l)), 'the policies are offered');
    await pressEnter();
    const apis = await waitForStep(ctx.h, 2);
    assert.ok(pickLabels(apis).includes('Petstore') && pickLabels(apis).includes('Payments API'), 'the catalog is offered');
    await chooseAndEnter(apis, ['Payments API']);
    const versions = await waitForStep(ctx.h, 3, 'Create a Tyk key');
    assert.equal(versions.totalSteps, 6, 'Payments has v1/v2: a versions step');
    const versionPicker = versions.input as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual(versionPicker.selectedItems.map((i) => i.label), ['v1'], 'the default version is pre-selected');
    await chooseAndEnter(versions, ['v1', 'v2']);
    await chooseAndEnter(await waitForStep(ctx.h, 4), /^Custom/);
    const rate = await waitForStep(ctx.h, 4);
    assert.equal(rate.kind, 'input');
    // Bad input is refused inline (Enter does not advance), never by a request.
    await typeAndEnter(rate, 'lots');
    assert.match(messageText(await waitFor('the inline message', () => (rate.input as vscode.InputBox).validationMessage)), /whole number/);
    assert.equal(ctx.h.activeInputs.current?.input, rate.input, 'still on the rate step');
    await typeAndEnter(rate, '50');
    await typeAndEnter(await waitForStep(ctx.h, 4), '1m');
    await typeAndEnter(await waitForStep(ctx.h, 4), '10,000');
    await typeAndEnter(await waitForStep(ctx.h, 4), '1d');
    await chooseAndEnter(await waitForStep(ctx.h, 5), /^On a date/);
    await typeAndEnter(await waitForStep(ctx.h, 5), '2099-12-31');
    await typeAndEnter(await waitForStep(ctx.h, 6), 'integration-test key');

    const created = await running;
    assert.ok(created);
    assert.equal(editor.document.getText(), created.key);
    const body = JSON.parse(keyPosts()[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.rate, 50);
    assert.equal(body.per, 60);
    assert.equal(body.quota_max, 10_000);
    assert.equal(body.quota_renewal_rate, 86_400);
    assert.equal(body.alias, 'integration-test key');
    assert.equal(body.expires, Math.floor(new Date(2099, 11, 31, 23, 59, 59).getTime() / 1000));
    const rights = body.access_rights as Record<string, { versions: string[] }>;
    assert.deepEqual(Object.values(rights).map((r) => r.versions), [['v1', 'v2']]);
    assert.equal(keyPosts().length, 1);
  });

  it('with no editor open, the key opens in a new untitled document', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
    for (let step = 1; step <= 4; step++) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isUntitled, 'an untitled document');
    assert.equal(document.getText(), untitledContent(created?.key ?? '', 'Petstore'));
    assert.ok(ctx.dialogs.infos.some((m) => /opened in a new document/.test(m)));
  });

  it('a read-only active editor: the key goes to a new document instead, and is never lost', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const files = new Map<string, Uint8Array>([['/locked.txt', Buffer.from('read only\n')]]);
    const provider: vscode.FileSystemProvider = {
      onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
      watch: () => new vscode.Disposable(() => undefined),
      stat: (uri) => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size: files.get(uri.path)?.length ?? 0 }),
      readDirectory: () => [],
      createDirectory: () => undefined,
      readFile: (uri) => files.get(uri.path) ?? new Uint8Array(),
      writeFile: () => {
        throw vscode.FileSystemError.NoPermissions('read-only');
      },
      delete: () => undefined,
      rename: () => undefined,
    };
    const registration = vscode.workspace.registerFileSystemProvider('tyk-readonly', provider, { isReadonly: true });
    try {
      const locked = await vscode.workspace.openTextDocument(vscode.Uri.parse('tyk-readonly:/locked.txt'));
      await vscode.window.showTextDocument(locked);
      const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
      for (let step = 1; step <= 4; step++) {
        await waitForStep(ctx.h, step);
        await pressEnter();
      }
      const created = await running;
      assert.ok(created);
      assert.equal(locked.getText(), 'read only\n', 'the read-only document is untouched');
      const active = vscode.window.activeTextEditor?.document;
      assert.ok(active?.isUntitled, `active: ${active?.uri.toString()} infos: ${ctx.dialogs.infos.join(' / ')} keys: ${ctx.dialogs.shownKeys.length}`);
      assert.equal(active.getText(), untitledContent(created.key, 'Petstore'));
    } finally {
      registration.dispose();
    }
  });

  it('Escape cancels silently: no request, no message', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const running = vscode.commands.executeCommand('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
    await waitForStep(ctx.h, 1);
    await pressEnter();
    await waitForStep(ctx.h, 2);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined);
    assert.equal(keyPosts().length, 0);
    assert.deepEqual(ctx.dialogs.errors, []);
  });

  it('a wrong credential ends in one message that says where to get the right one', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', 'not-the-credential-0000');
    await vscode.commands.executeCommand('tyk.createKey');
    assert.equal(ctx.dialogs.errors.length, 1);
    const [error] = ctx.dialogs.errors;
    assert.match(error?.message ?? '', /rejected the credential/);
    assert.match(error?.message ?? '', /Users → your user → Tyk Dashboard API Access Credentials/);
    assert.ok(!(error?.message ?? '').includes('not-the-credential-0000'));
    assert.deepEqual(error?.actions, ['Update Credential…', 'Show Log']);
    assert.equal(keyPosts().length, 0);
  });

  it('on a Gateway too, a key is created and inserted', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const editor = await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', (await apiNodes(ctx.h)).get('Petstore'));
    for (let step = 1; step <= 4; step++) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    assert.equal(editor.document.getText(), created?.key);
    const post = ctx.sandbox.requests.find((r) => r.method === 'POST' && r.path === '/tyk/keys/create');
    assert.equal(post?.headers['x-tyk-authorization'], ctx.sandbox.gatewaySecret);
  });
});
