// Connections: Add Connection through the real quick input, the credential in SecretStorage only,
// Update Credential, Remove Connection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import { secretKey, type Connection } from '../../src/services/connections';
import { closedPort, forwardTo, json, startFaultServer, text } from '../support/faultServer';
import { addConnection, captureDialogs, chooseAndEnter, labelText, messageText, pressEnter, typeAndEnter, useSandboxSuite, waitFor, waitForStep } from './helpers';

/** The user settings file of this VS Code (globalStorage is <user data>/User/globalStorage/<id>). */
function userSettingsText(h: TestHooks): string {
  const file = path.resolve(h.context.globalStorageUri.fsPath, '../../settings.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('Connections', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('Add Connection: kind → URL → credential (checked, a wrong one refused inline) → name; the secret only in SecretStorage', async () => {
    const running = vscode.commands.executeCommand<Connection | undefined>('tyk.addConnection');
    const kind = await waitForStep(ctx.h, 1, 'Connect to Tyk');
    await chooseAndEnter(kind, ['Tyk Dashboard']);
    const url = await waitForStep(ctx.h, 2);
    await typeAndEnter(url, 'ftp://nope');
    assert.match(messageText((url.input as vscode.InputBox).validationMessage), /http:\/\/ or https:\/\//);
    await typeAndEnter(url, `${ctx.sandbox.dashboardUrl}/`);

    const credential = await waitForStep(ctx.h, 3);
    assert.equal((credential.input as vscode.InputBox).password, true, 'a password box');
    await typeAndEnter(credential, 'wrong-credential-123456');
    const refusal = await waitFor('the refusal', () => {
      const box = credential.input as vscode.InputBox;
      return box.enabled && box.validationMessage ? messageText(box.validationMessage) : undefined;
    });
    assert.match(refusal, /rejected the credential/);
    assert.ok(!refusal.includes('wrong-credential-123456'));
    assert.equal(ctx.h.activeInputs.current?.step, 3, 'the user retries on the same step');
    await typeAndEnter(credential, ctx.sandbox.credential);

    const name = await waitForStep(ctx.h, 4);
    assert.equal(name.input.value, new URL(ctx.sandbox.dashboardUrl).host, 'the default name is the host');
    await typeAndEnter(name, 'Local sandbox');
    await running;

    const [connection] = ctx.h.services.store.list();
    assert.ok(connection);
    assert.deepEqual({ name: connection.name, kind: connection.kind, url: connection.url }, { name: 'Local sandbox', kind: 'dashboard', url: ctx.sandbox.dashboardUrl });
    assert.equal(await ctx.h.context.secrets.get(secretKey(connection.id)), ctx.sandbox.credential);
    const inspected = JSON.stringify(vscode.workspace.getConfiguration('tyk').inspect('connections'));
    assert.ok(inspected.includes(ctx.sandbox.dashboardUrl), 'the connection is in the settings');
    assert.ok(!inspected.includes(ctx.sandbox.credential), 'the credential is not in the settings');
    const settings = userSettingsText(ctx.h);
    assert.ok(settings.includes('Local sandbox'), 'written to the user settings file');
    assert.ok(!settings.includes(ctx.sandbox.credential), 'the credential is not in settings.json');
    const checks = ctx.sandbox.requests.filter((r) => r.path === '/api/apis');
    assert.deepEqual(
      checks.map((r) => r.headers.authorization),
      [undefined, 'wrong-credential-123456', ctx.sandbox.credential],
      'the address was checked without a credential, then each credential against the server before saving',
    );
  });

  it('an address that does not answer, or not as a Tyk, is said on the address step, the text kept; the credential is never asked', async () => {
    const steps: number[] = [];
    const watching = ctx.h.activeInputs.changed.event((shown) => shown && steps.push(shown.step ?? 1));
    const hanging = await startFaultServer();
    hanging.handle(() => undefined);
    const blog = await startFaultServer();
    blog.handle((_req, res) => text(res, 200, '<!doctype html><html><body>My blog</body></html>'));
    ctx.h.setRequestTimeoutMs(1000);
    try {
      const running = vscode.commands.executeCommand('tyk.addConnection');
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Connect to Tyk'), ['Tyk Dashboard']);
      const url = await waitForStep(ctx.h, 2);
      const box = url.input as vscode.InputBox;
      let last: string | undefined;
      /** Types `address`, Enter, and waits for the check's (new) message under it, the box enabled again. */
      const refusal = async (address: string): Promise<string> => {
        await typeAndEnter(url, address);
        last = await waitFor(`the message for ${address}`, () =>
          box.enabled && typeof box.validationMessage === 'string' && box.validationMessage !== last ? box.validationMessage : undefined,
        );
        return last;
      };

      const port = await closedPort();
      assert.equal(
        await refusal(`127.0.0.1:${port}`),
        `Could not check the address on the Tyk Dashboard at http://127.0.0.1:${port}: the connection was refused: is the server running on that port?`,
      );
      assert.equal(box.value, `127.0.0.1:${port}`, 'the typed text kept, to fix');
      assert.match(await refusal('no-such-host.invalid:3000'), /^Could not check the address on the Tyk Dashboard at https:\/\/no-such-host\.invalid:3000: the host name was not found/);
      assert.match(await refusal(hanging.url), /did not answer in time \(1 second\)/);
      assert.match(await refusal(`https://127.0.0.1:${blog.port}`), /is it really an https:\/\/ address/);
      assert.equal(
        await refusal(blog.url),
        `${blog.url} answers, but not as a Tyk Dashboard does (GET /api/apis: 200, an HTML page). Is this the Tyk Dashboard’s address? Press Enter again to use this address anyway.`,
      );
      assert.equal(ctx.h.activeInputs.current?.input, box, 'still the address box');
      assert.deepEqual(steps, [1, 2], 'the credential was never asked for');

      // Enter again on a server that is not a Tyk: the user's call, on to the credential.
      await pressEnter();
      await waitForStep(ctx.h, 3);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
    } finally {
      watching.dispose();
      ctx.h.setRequestTimeoutMs(undefined);
      await hanging.close();
      await blog.close();
    }
    assert.ok(
      [...hanging.requests, ...blog.requests].every((r) => r.headers.authorization === undefined && r.headers['x-tyk-authorization'] === undefined),
      'no credential was sent',
    );
  });

  it('localhost:<port> typed without a scheme becomes http://localhost:<port> (Tyk’s local default), said as it is typed', async () => {
    const port = new URL(ctx.sandbox.dashboardUrl).port;
    const running = vscode.commands.executeCommand<Connection | undefined>('tyk.addConnection');
    await chooseAndEnter(await waitForStep(ctx.h, 1, 'Connect to Tyk'), ['Tyk Dashboard']);
    const url = await waitForStep(ctx.h, 2);
    const box = url.input as vscode.InputBox;
    assert.match(box.prompt ?? '', /Typed without http:\/\/ or https:\/\/, an address on this machine \(localhost, 127\.x, ::1\) gets http:\/\/, any other https:\/\//);
    // Whatever answers on :3000 here (most likely nothing), the check says where it went: http://localhost:3000.
    await typeAndEnter(url, 'localhost:3000');
    const said = await waitFor('the check of localhost:3000', () => (box.enabled && typeof box.validationMessage === 'string' ? box.validationMessage : undefined));
    assert.match(said, /(at |^)http:\/\/localhost:3000[: ]/);
    assert.equal(box.value, 'localhost:3000', 'the typed text kept');

    await typeAndEnter(url, `localhost:${port}`);
    await typeAndEnter(await waitForStep(ctx.h, 3), ctx.sandbox.credential);
    await typeAndEnter(await waitForStep(ctx.h, 4), 'Local');
    const connection = await running;
    assert.equal(connection?.url, `http://localhost:${port}`);
    assert.equal(ctx.dialogs.choices.length, 0, 'plain http to this machine asks nothing');
    assert.equal(ctx.h.services.store.get(connection?.id ?? '')?.allowInsecureHttp, undefined);
  });

  it('plain http to a host other than this machine needs an explicit confirmation, never the default button', async () => {
    ctx.dialogs.restore();
    const said: string[] = [];
    const answer: Array<string | undefined> = [undefined, 'Use https:// Instead', 'Use http anyway'];
    const dialogs = captureDialogs(ctx.h, { choose: (message) => (said.push(message), answer.shift()) });
    // 0.0.0.0 reaches the sandbox on this machine, but is not a loopback name: the plain-http rule applies.
    const other = `http://0.0.0.0:${new URL(ctx.sandbox.dashboardUrl).port}`;
    try {
      const running = vscode.commands.executeCommand<Connection | undefined>('tyk.addConnection');
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Connect to Tyk'), ['Tyk Dashboard']);
      const url = await waitForStep(ctx.h, 2);
      await typeAndEnter(url, other);
      await waitFor('the refusal', () => (url.input.enabled && (url.input as vscode.InputBox).validationMessage ? true : undefined));
      assert.deepEqual(dialogs.choices[0], {
        message: `Send the credential to ${other} over plain http?`,
        detail: 'It would cross the network unencrypted, readable by anyone on the way. Use https:// unless this network is trusted.',
        answers: ['Use https:// Instead', 'Use http anyway'],
      }, 'the safe answer first: the default button');
      assert.match(messageText((url.input as vscode.InputBox).validationMessage), /https:\/\/ address, or confirm plain http/);
      assert.equal(ctx.h.activeInputs.current?.step, 2, 'still on the URL step: no credential asked');

      // Use https:// Instead: the box shows the https:// address, to check.
      await pressEnter();
      const https = await waitFor('the https:// address', () => {
        const current = ctx.h.activeInputs.current;
        return current && current.input !== url.input && current.step === 2 && current.input.enabled ? current : undefined;
      });
      assert.equal(https.input.value, `https://0.0.0.0:${new URL(ctx.sandbox.dashboardUrl).port}`);

      // Use http anyway, explicitly: on to the credential.
      await typeAndEnter(https, other);
      await typeAndEnter(await waitForStep(ctx.h, 3), ctx.sandbox.credential);
      await typeAndEnter(await waitForStep(ctx.h, 4), 'Plain http');
      const connection = await running;
      assert.equal(said.length, 3);
      assert.equal(connection?.url, other);
      assert.equal(ctx.h.services.store.get(connection?.id ?? '')?.allowInsecureHttp, true, 'confirmed for this connection');
    } finally {
      dialogs.restore();
    }
    const beforeCredential = ctx.sandbox.requests.filter((r) => r.headers.authorization === undefined);
    assert.ok(beforeCredential.length >= 3, 'the address was checked each time');
    assert.ok(
      ctx.sandbox.requests.every((r) => r.headers.authorization === undefined || r.headers.authorization === ctx.sandbox.credential),
      'only the confirmed connection got the credential',
    );
  });

  it('Update Credential checks the new credential, then replaces the secret', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox, 'dashboard', 'old-credential-000000');
    const running = vscode.commands.executeCommand('tyk.setCredential');
    const box = await waitForStep(ctx.h, 1, 'Update Credential');
    await typeAndEnter(box, 'still-wrong-0000000');
    await waitFor('the refusal', () => (box.input.enabled && (box.input as vscode.InputBox).validationMessage ? true : undefined));
    assert.equal(await ctx.h.context.secrets.get(secretKey(connection.id)), 'old-credential-000000', 'nothing saved yet');
    await typeAndEnter(box, ctx.sandbox.credential);
    await running;
    assert.equal(await ctx.h.context.secrets.get(secretKey(connection.id)), ctx.sandbox.credential);
    assert.ok(ctx.dialogs.infos.some((m) => /works and is saved/.test(m)));
  });

  it('a 401 on a connection that is not the default: its Update Credential… action updates that connection', async () => {
    const other = await addConnection(ctx.h, ctx.sandbox);
    await ctx.h.services.active.set(other.id);
    const stale: Connection = { id: 'stale-one', name: 'Stale', kind: 'dashboard', url: ctx.sandbox.dashboardUrl };
    await ctx.h.services.store.add(stale, 'stale-credential-0000');
    const node = (await ctx.h.tree.getChildren()).find((n) => n.type === 'connection' && n.connection.id === stale.id);
    assert.ok(node);
    const failed = new Promise<string[]>((resolve) => {
      ctx.h.dialogs.error = (message: string, ...actions: string[]) => {
        ctx.dialogs.errors.push({ message, actions });
        resolve(actions);
        return Promise.resolve(actions.includes('Update Credential…') ? 'Update Credential…' : undefined);
      };
    });
    await vscode.commands.executeCommand('tyk.createKey', node);
    assert.deepEqual(await failed, ['Update Credential…', 'Show Log']);
    // The action asks for the credential of “Stale”, not of the default connection.
    await typeAndEnter(await waitForStep(ctx.h, 1, 'Update Credential · Stale'), ctx.sandbox.credential);
    await waitFor('the new credential saved', async () => (await ctx.h.context.secrets.get(secretKey(stale.id))) === ctx.sandbox.credential || undefined);
    assert.equal(await ctx.h.context.secrets.get(secretKey(other.id)), ctx.sandbox.credential, 'the default connection untouched');
    assert.ok((await ctx.h.services.catalog.all(stale)).length > 0, 'Stale works now');
  });

  it('Create Key after a failed load asks the server again (the failure is not kept for it)', async () => {
    const front = await startFaultServer();
    let failures = 2; // a GET is tried twice
    const pass = forwardTo(ctx.sandbox.dashboardUrl);
    front.handle((req, res, body) => (req.url?.startsWith('/api/apis') && failures-- > 0 ? json(res, 503, { Status: 'Error', Message: 'busy' }) : pass(req, res, body)));
    try {
      await addConnection(ctx.h, { ...ctx.sandbox, dashboardUrl: front.url });
      await vscode.commands.executeCommand('tyk.createKey');
      assert.equal(ctx.dialogs.errors.length, 1, 'the failure said once');
      const running = vscode.commands.executeCommand('tyk.createKey');
      await waitForStep(ctx.h, 1, 'Create a Tyk key');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
      assert.equal(ctx.dialogs.errors.length, 1, 'the second attempt worked');
    } finally {
      await front.close();
    }
  });

  it('Remove Connection asks, then deletes the connection and its secret', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox);
    await vscode.commands.executeCommand('tyk.removeConnection');
    assert.equal(ctx.dialogs.confirms.length, 1);
    assert.match(ctx.dialogs.confirms[0] ?? '', /Remove the connection “Sandbox dashboard”/);
    assert.deepEqual(ctx.h.services.store.list(), []);
    assert.equal(await ctx.h.context.secrets.get(secretKey(connection.id)), undefined);
  });

  it('follows SecretStorage changes: a credential changed elsewhere is used at once', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox, 'dashboard', 'stale-credential-0000');
    await assert.rejects(ctx.h.services.catalog.all(connection), /rejected the credential/);
    await ctx.h.context.secrets.store(secretKey(connection.id), ctx.sandbox.credential);
    await waitFor('the new credential', async () => (await ctx.h.services.catalog.all(connection).catch(() => undefined))?.length);
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
      assert.deepEqual(ctx.h.services.store.list(), []);
      assert.equal((await ctx.h.tree.getChildren()).length, 0, 'the tree shows no connection');
    } finally {
      fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    }
  });

  it('without a working secret storage, says so plainly and saves nothing (no plain-text fallback)', async () => {
    const secrets = ctx.h.context.secrets as { store: vscode.SecretStorage['store'] };
    const original = secrets.store;
    secrets.store = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
    try {
      const running = vscode.commands.executeCommand('tyk.addConnection');
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Connect to Tyk'), ['Tyk Dashboard']);
      await typeAndEnter(await waitForStep(ctx.h, 2), ctx.sandbox.dashboardUrl);
      await typeAndEnter(await waitForStep(ctx.h, 3), ctx.sandbox.credential);
      await typeAndEnter(await waitForStep(ctx.h, 4), 'No keyring');
      await running;
    } finally {
      secrets.store = original;
    }
    assert.equal(ctx.dialogs.errors.length, 1);
    assert.match(ctx.dialogs.errors[0]?.message ?? '', /secret storage is not available.*keyring.*Nothing was written anywhere else/s);
    assert.deepEqual(ctx.h.services.store.list(), [], 'no connection saved without its credential');
    assert.ok(!userSettingsText(ctx.h).includes(ctx.sandbox.credential), 'and never the credential in plain text');
  });

  it('with no connection, Create Key offers to add one', async () => {
    await vscode.commands.executeCommand('tyk.createKey');
    await pressEnter();
    assert.ok(ctx.dialogs.infos.some((m) => /No Tyk connection yet/.test(m)));
  });

  it('tyk.connections is checked by type: "allowSelfSigned": "false" (a string) leaves its entry out, reported once (log, warning with Open Settings)', async () => {
    const good = await addConnection(ctx.h, ctx.sandbox);
    const tag = Math.random().toString(36).slice(2, 8);
    const warned: Array<{ message: string; actions: string[] }> = [];
    ctx.h.dialogs.warn = (message: string, ...actions: string[]) => {
      warned.push({ message, actions });
      return Promise.resolve(undefined);
    };
    const config = vscode.workspace.getConfiguration('tyk');
    const current = config.inspect<unknown[]>('connections')?.globalValue ?? [];
    const stringly = { id: `stringly-${tag}`, name: `Stringly ${tag}`, kind: 'dashboard', url: 'https://self-signed.example', allowSelfSigned: 'false' };
    await config.update('connections', [...current, stringly], vscode.ConfigurationTarget.Global);
    assert.deepEqual(
      ctx.h.services.store.list().map((c) => c.id),
      [good.id],
      'the entry whose allowSelfSigned is a string is not used (it would have turned certificate checks off)',
    );
    ctx.h.services.store.list();
    await waitFor('the warning', () => warned.length > 0);
    const mine = warned.filter((w) => w.message.includes(`Stringly ${tag}`));
    assert.equal(mine.length, 1, `reported once: ${JSON.stringify(warned)}`);
    assert.match(mine[0]?.message ?? '', /is ignored: its field “allowSelfSigned” is not valid/);
    assert.deepEqual(mine[0]?.actions, ['Open Settings']);
    assert.ok(ctx.h.logLines.some((l) => l.includes(`Stringly ${tag}`) && l.includes('allowSelfSigned')), 'and in the log');
  });

  it('the credential is bound to the address it was given for: a URL changed in settings gets no credential until it is entered again', async () => {
    const front = await startFaultServer();
    front.handle(forwardTo(ctx.sandbox.dashboardUrl));
    try {
      const connection = await addConnection(ctx.h, ctx.sandbox);
      // Edited by hand (or synced, or another extension): the same connection, another address.
      await vscode.workspace.getConfiguration('tyk').update('connections', [{ ...connection, url: front.url }], vscode.ConfigurationTarget.Global);
      await waitFor('the new address', () => ctx.h.services.store.get(connection.id)?.url === front.url);
      const [root] = await ctx.h.tree.getChildren();
      assert.ok(root);
      const [told] = await ctx.h.tree.getChildren(root);
      assert.ok(told);
      const item = ctx.h.tree.getTreeItem(told);
      assert.match(labelText(item.label), /address of “Sandbox dashboard” changed since its credential was entered/);
      assert.equal(item.command?.command, 'tyk.setCredential', 'activating it asks for the credential again');
      assert.equal(front.requests.length, 0, 'nothing was sent to the new address');

      // Entered again (Update Credential…): checked against the new address, then bound to it.
      const running = vscode.commands.executeCommand('tyk.setCredential', root);
      await typeAndEnter(await waitForStep(ctx.h, 1, 'Update Credential'), ctx.sandbox.credential);
      await running;
      const apis = await ctx.h.tree.getChildren(root);
      assert.ok(apis.some((n) => n.type === 'api'), 'the APIs are listed from the new address');
      assert.ok(front.requests.some((r) => r.headers.authorization === ctx.sandbox.credential));
    } finally {
      await front.close();
    }
  });
});
