// Several environments (a default connection: Switch Connection, the status bar, the tree's mark) and
// per-connection TLS (Add Connection's fix for an untrusted certificate, Configure TLS), against two
// sandboxes and a self-signed HTTPS front of one of them.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Connection } from '../../src/services/connections';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import type { ActiveInput } from './scriptedUi';
import type { Sandbox } from '../sandbox/server';
import { forwardTo, startFaultServer, type FaultServer } from '../support/faultServer';
import {
  chooseAndEnter,
  labelText,
  openEditor,
  pickLabels,
  pressEnter,
  sleep,
  typeAndEnter,
  useSandboxSuite,
  waitFor,
  waitForStep,
  withSandbox,
} from './helpers';

const TLS_DIR = path.resolve(__dirname, '../../../test/fixtures/tls');
const CERT_FILE = path.join(TLS_DIR, 'self-signed.crt');

type TreeNode = Parameters<TestHooks['tree']['getChildren']>[0];

/** Adds a connection directly (settings + secret), with the name and URL given. */
async function connect(h: TestHooks, name: string, kind: Connection['kind'], url: string, credential: string, extra: Partial<Connection> = {}): Promise<Connection> {
  const connection: Connection = { id: `env-${Math.random().toString(36).slice(2, 10)}`, name, kind, url, ...extra };
  await h.services.store.add(connection, credential);
  return connection;
}

/** The tree's node of a connection (commands only recognise nodes the extension made). */
async function nodeOf(h: TestHooks, id: string): Promise<TreeNode> {
  const roots = await h.tree.getChildren();
  const node = roots.find((n) => n.type === 'connection' && n.connection.id === id);
  assert.ok(node, `the connection ${id} is in the tree`);
  return node;
}

/** The tree's connection items, by name. */
async function connectionItems(h: TestHooks): Promise<Map<string, vscode.TreeItem>> {
  const roots = await h.tree.getChildren();
  return new Map(roots.map((n) => [n.connection.name, h.tree.getTreeItem(n)]));
}

/** Presses Enter once on each step a flow shows (checking the first item of a multi-select), until the command finishes. */
async function enterEveryStep<T>(h: TestHooks, running: Thenable<T>): Promise<T> {
  let outcome: { value: T } | { error: unknown } | undefined;
  running.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  const answered = new Set<ActiveInput>();
  const end = Date.now() + 15_000;
  while (!outcome && Date.now() < end) {
    const current = h.activeInputs.current;
    if (current && current.input.enabled && !current.input.busy && !answered.has(current)) {
      answered.add(current);
      const picker = current.input as vscode.QuickPick<vscode.QuickPickItem>;
      if (current.kind === 'pick' && picker.canSelectMany && picker.selectedItems.length === 0) {
        picker.selectedItems = picker.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).slice(0, 1);
      }
      await sleep(50);
      await pressEnter();
    }
    await sleep(25);
  }
  if (!outcome) {
    const current = h.activeInputs.current;
    throw new Error(`the flow did not finish; on screen: ${current ? `${current.title}, step ${current.step} (${current.kind})` : 'nothing'}`);
  }
  if ('error' in outcome) {
    throw outcome.error;
  }
  return outcome.value;
}

/** The input on screen once it is an enabled input of `kind` at `step`, other than `not`. */
function waitForInput(h: TestHooks, kind: ActiveInput['kind'], step: number, title: string, not?: ActiveInput): Promise<ActiveInput> {
  return waitFor(`the ${kind} at step ${step} (${title})`, () => {
    const current = h.activeInputs.current;
    return current && current !== not && current.kind === kind && (current.step ?? 1) === step && current.title.includes(title) && current.input.enabled && !current.input.busy
      ? current
      : undefined;
  });
}

type TlsProxy = FaultServer;

/** An HTTPS front with the self-signed test certificate, forwarding every request to `target` (http). */
async function startTlsProxy(target: string): Promise<TlsProxy> {
  const proxy = await startFaultServer({ tls: true });
  proxy.handle(forwardTo(target));
  return proxy;
}

describe('Several environments', () => {
  const ctx = useSandboxSuite({ confirm: true });
  /** A second Tyk: another environment. */
  let staging: Sandbox;

  before(async () => {
    staging = await withSandbox();
  });
  after(async () => {
    await ctx.h.services.active.set(undefined);
    await staging.close();
  });
  beforeEach(async () => {
    await ctx.h.services.active.set(undefined);
    staging.reset();
  });

  it('Switch Connection picks the Gateway: palette commands use it without asking; the status bar and the tree show it', async () => {
    const h = ctx.h;
    await connect(h, 'Dev', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    const gateway = await connect(h, 'Staging', 'gateway', staging.gatewayUrl ?? '', staging.gatewaySecret);
    await waitFor('the status bar without a default', () => h.statusBar.visible && h.statusBar.item.text === '$(key) Tyk: choose…');
    assert.equal(h.statusBar.item.command, 'tyk.switchConnection');

    const switching = vscode.commands.executeCommand<Connection | undefined>('tyk.switchConnection');
    const pick = await waitForStep(h, 1, 'Switch Connection');
    assert.deepEqual(pickLabels(pick), ['Dev', 'Staging']);
    await chooseAndEnter(pick, ['Staging']);
    assert.equal((await switching)?.id, gateway.id);

    assert.equal(h.context.globalState.get('tyk.activeConnection'), gateway.id, 'kept in globalState');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('tyk').inspect('connections')).includes('active'), 'not in the settings');
    await waitFor('the status bar', () => h.statusBar.item.text === '$(key) Tyk: Staging');
    assert.equal(h.statusBar.item.tooltip, `Tyk Gateway at ${staging.gatewayUrl ?? ''}\nClick to switch`);
    assert.equal(h.statusBar.item.accessibilityInformation?.label, 'Tyk connection Staging, switch connection');
    const items = await connectionItems(h);
    assert.match(String(items.get('Staging')?.description), /^● default · Gateway · /);
    assert.match(String(items.get('Dev')?.description), /^Dashboard · /, 'the other one is not marked');
    assert.match(items.get('Staging')?.accessibilityInformation?.label ?? '', /Staging, the default/);

    // Create Key from the palette goes straight to the Gateway: no connection pick.
    const editor = await openEditor('');
    const titles: string[] = [];
    const watching = h.activeInputs.changed.event((i) => (i ? titles.push(i.title) : undefined));
    let created: CreatedKey | undefined;
    try {
      created = await enterEveryStep(h, vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey'));
    } finally {
      watching.dispose();
    }
    assert.ok(created, 'a key was created');
    assert.ok(!titles.includes('Create a Tyk key on…'), `no connection was asked for (${titles.join(', ')})`);
    assert.ok(staging.keys().some((k) => k.key === created.key || k.hash === created.key), 'the key is in the staging Gateway');
    assert.deepEqual(ctx.sandbox.keys(), [], 'and not in the dev Tyk');
    assert.ok(!ctx.sandbox.requests.some((r) => r.method === 'POST'), 'nothing was sent to the dev Tyk');
    assert.equal(editor.document.getText(), created.key);
  });

  it('removing the default connection falls back: commands ask among several, then use the only one left', async () => {
    const h = ctx.h;
    const dev = await connect(h, 'Dev', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    const stagingGw = await connect(h, 'Staging', 'gateway', staging.gatewayUrl ?? '', staging.gatewaySecret);
    const local = await connect(h, 'Local gateway', 'gateway', ctx.sandbox.gatewayUrl ?? '', ctx.sandbox.gatewaySecret);
    await vscode.commands.executeCommand('tyk.switchConnection', await nodeOf(h, stagingGw.id));
    assert.equal(h.services.active.current()?.id, stagingGw.id, 'a connection node switches without asking');

    await vscode.commands.executeCommand('tyk.removeConnection', await nodeOf(h, stagingGw.id));
    assert.equal(h.context.globalState.get('tyk.activeConnection'), undefined, 'the default is forgotten with its connection');
    assert.equal(h.services.active.current(), undefined, 'no default among the two left');
    await waitFor('the status bar without a default', () => h.statusBar.item.text === '$(key) Tyk: choose…');
    assert.match(typeof h.statusBar.item.tooltip === 'string' ? h.statusBar.item.tooltip : '', /2 connections and no default/);
    assert.ok(![...(await connectionItems(h)).values()].some((i) => String(i.description).includes('default')), 'no connection marked');

    // Several left and none chosen: Create Key asks (it does not pick another environment by itself).
    const asking = vscode.commands.executeCommand('tyk.createKey');
    const which = await waitForStep(h, 1, 'Create a Tyk key on…');
    assert.deepEqual(pickLabels(which), ['Dev', 'Local gateway']);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await asking, undefined, 'Escape cancels quietly');

    await vscode.commands.executeCommand('tyk.removeConnection', await nodeOf(h, dev.id));
    assert.equal(h.services.active.current()?.id, local.id, 'the only connection left is used');
    await waitFor('the status bar', () => h.statusBar.item.text === '$(key) Tyk: Local gateway');
    assert.match(String((await connectionItems(h)).get('Local gateway')?.description), /^Gateway · /, 'one connection: nothing to mark');
    const titles: string[] = [];
    const watching = h.activeInputs.changed.event((i) => (i ? titles.push(i.title) : undefined));
    const creating = vscode.commands.executeCommand('tyk.createKey');
    try {
      await waitFor('the first step of Create Key', () => titles.length > 0);
      assert.notEqual(titles[0], 'Create a Tyk key on…', 'no connection pick');
    } finally {
      watching.dispose();
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await creating;
    }

    await vscode.commands.executeCommand('tyk.removeConnection', await nodeOf(h, local.id));
    await waitFor('the status bar hidden', () => !h.statusBar.visible);
  });

  it('Remove Connection from the palette still asks which one, the default marked', async () => {
    const h = ctx.h;
    const dev = await connect(h, 'Dev', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    const prod = await connect(h, 'Prod', 'gateway', staging.gatewayUrl ?? '', staging.gatewaySecret);
    await h.services.active.set(prod.id);
    const removing = vscode.commands.executeCommand('tyk.removeConnection');
    const which = await waitForStep(h, 1, 'Remove the connection…');
    const items = (which.input as vscode.QuickPick<vscode.QuickPickItem>).items;
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['Dev', `Dashboard · ${ctx.sandbox.dashboardUrl}`],
        ['Prod', `● default · Gateway · ${staging.gatewayUrl ?? ''}`],
      ],
    );
    assert.deepEqual((which.input as vscode.QuickPick<vscode.QuickPickItem>).activeItems.map((i) => i.label), ['Prod'], 'the default is highlighted');
    await chooseAndEnter(which, ['Dev']);
    await removing;
    assert.deepEqual(h.services.store.list().map((c) => c.id), [prod.id]);
    assert.equal(h.services.active.current()?.id, prod.id, 'the default stays');
    assert.ok(!h.services.store.list().some((c) => c.id === dev.id));
  });

  it('with one connection and no default, the status bar shows it; with none, it is hidden', async () => {
    const h = ctx.h;
    await waitFor('no status bar item', () => !h.statusBar.visible);
    await connect(h, 'Only one', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    await waitFor('the status bar', () => h.statusBar.visible && h.statusBar.item.text === '$(key) Tyk: Only one');
    assert.equal(h.statusBar.item.tooltip, `Tyk Dashboard at ${ctx.sandbox.dashboardUrl}\nClick to switch`);
  });

  it('Set as Default on a connection’s node; removing the default says what commands do next', async () => {
    const h = ctx.h;
    const dev = await connect(h, 'Dev', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    const stagingGw = await connect(h, 'Staging', 'gateway', staging.gatewayUrl ?? '', staging.gatewaySecret);
    await vscode.commands.executeCommand('tyk.setDefaultConnection', await nodeOf(h, stagingGw.id));
    assert.equal(h.services.active.current()?.id, stagingGw.id);
    await waitFor('the status bar naming it', () => h.statusBar.item.text === '$(key) Tyk: Staging');
    await vscode.commands.executeCommand('tyk.removeConnection', await nodeOf(h, stagingGw.id));
    assert.match(ctx.dialogs.infos.at(-1) ?? '', /^Removed Staging, the default connection: commands now use Dev, the only one left\.$/);
    assert.equal(h.services.active.current()?.id, dev.id);

    const local = await connect(h, 'Local gateway', 'gateway', ctx.sandbox.gatewayUrl ?? '', ctx.sandbox.gatewaySecret);
    const other = await connect(h, 'Other', 'gateway', staging.gatewayUrl ?? '', staging.gatewaySecret);
    await vscode.commands.executeCommand('tyk.setDefaultConnection', await nodeOf(h, local.id));
    await vscode.commands.executeCommand('tyk.removeConnection', await nodeOf(h, local.id));
    assert.match(ctx.dialogs.infos.at(-1) ?? '', /^Removed Local gateway, the default connection: commands will ask which connection/);
    assert.equal(h.services.active.current(), undefined, `two left (${dev.name}, ${other.name}), none chosen`);
  });
});

describe('Per-connection TLS', () => {
  const ctx = useSandboxSuite({ confirm: true });
  /** The sandbox Dashboard behind HTTPS with the self-signed test certificate. */
  let proxy: TlsProxy;

  before(async () => {
    proxy = await startTlsProxy(ctx.sandbox.dashboardUrl);
  });
  after(async () => {
    await proxy.close();
  });

  /** Add Connection up to the certificate choice (on the address step), for a Dashboard behind the proxy. */
  async function addUntilCertificateChoice(h: TestHooks): Promise<{ running: Thenable<Connection | undefined>; fix: ActiveInput }> {
    const running = vscode.commands.executeCommand<Connection | undefined>('tyk.addConnection');
    await chooseAndEnter(await waitForStep(h, 1, 'Connect to Tyk'), ['Tyk Dashboard']);
    await typeAndEnter(await waitForInput(h, 'input', 2, 'Connect to Tyk'), proxy.url);
    const fix = await waitForInput(h, 'pick', 2, 'Connect to Tyk');
    return { running, fix };
  }

  it('Add Connection: the TLS failure offers the fix; accepting the self-signed certificate works for that connection only', async () => {
    const h = ctx.h;
    const { running, fix } = await addUntilCertificateChoice(h);
    const picker = fix.input as vscode.QuickPick<vscode.QuickPickItem>;
    assert.deepEqual([fix.title, fix.step, fix.totalSteps], ['Connect to Tyk', 2, 4], 'the address step’s own title and counter: what is wrong is said below');
    assert.match(picker.placeholder ?? '', /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \(self-signed or from a private CA\)\.$/);
    assert.deepEqual(pickLabels(fix), ['Use a CA certificate file…', 'Accept this self-signed certificate for this connection', 'Back']);

    assert.equal(ctx.sandbox.requests.length, 0, 'nothing got through the refused handshake');
    // Back: the address is still there; Enter checks it again and offers the fix again.
    await chooseAndEnter(fix, ['Back']);
    const box = await waitForInput(h, 'input', 2, 'Connect to Tyk');
    assert.equal(box.input.value, proxy.url, 'nothing to type again');
    await pressEnter();
    const again = await waitForInput(h, 'pick', 2, 'Connect to Tyk', fix);
    await chooseAndEnter(again, /^Accept this self-signed/);

    // The address checked again through TLS, without a credential; then the credential is asked for.
    await typeAndEnter(await waitForInput(h, 'input', 3, 'Connect to Tyk'), ctx.sandbox.credential);
    await typeAndEnter(await waitForStep(h, 4), 'Self-signed staging');
    const connection = await running;
    assert.ok(connection);
    assert.match(ctx.dialogs.confirms.join('\n'), /Accept a self-signed certificate from https:\/\/127\.0\.0\.1:\d+\?/, 'a modal warning first');
    const stored = h.services.store.get(connection.id);
    assert.equal(stored?.allowSelfSigned, true, 'stored on the connection');
    assert.equal(stored?.caFile, undefined);
    assert.ok(
      ctx.sandbox.requests.some((r) => r.path === '/api/apis' && r.headers.authorization === ctx.sandbox.credential),
      'the credential was checked through the HTTPS front',
    );
    assert.equal(ctx.sandbox.requests[0]?.headers.authorization, undefined, 'after the address, checked without a credential');
    assert.ok(stored && (await h.services.catalog.all(stored)).length > 0, 'the connection works');

    // Another connection to the same host, without the exception, still refuses the certificate.
    const other = await connect(h, 'Same host, no exception', 'dashboard', proxy.url, ctx.sandbox.credential);
    await assert.rejects(h.services.catalog.all(other), /is not trusted/);
    assert.equal(h.services.store.get(other.id)?.allowSelfSigned, undefined);
    const [failure] = await h.tree.getChildren(await nodeOf(h, other.id));
    assert.ok(failure, 'the tree says why');
    const item = h.tree.getTreeItem(failure);
    assert.match(labelText(item.label), /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/);
    assert.match(typeof item.tooltip === 'string' ? item.tooltip : '', /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted.* Click to configure TLS\.$/);
    assert.equal(item.description, 'click to configure TLS');
    assert.equal(item.command?.command, 'tyk.configureTls', 'with the way out');
    assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
  });

  it('a command that meets an untrusted certificate says so once, with Configure TLS… as the way out', async () => {
    const h = ctx.h;
    const untrusted = await connect(h, 'Untrusted', 'dashboard', proxy.url, ctx.sandbox.credential);
    await h.services.active.set(untrusted.id);
    await vscode.commands.executeCommand('tyk.createKey');
    assert.equal(ctx.dialogs.errors.length, 1);
    const [error] = ctx.dialogs.errors;
    assert.match(error?.message ?? '', /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/);
    assert.deepEqual(error?.actions, ['Configure TLS…', 'Show Log']);
    assert.ok(!ctx.sandbox.requests.some((r) => r.method === 'POST'), 'nothing was created');
  });

  it('Add Connection: a CA certificate file fixes it (an unreadable one is said, and the choice offered again)', async () => {
    const h = ctx.h;
    const files = [vscode.Uri.file(path.join(TLS_DIR, 'missing.pem')), vscode.Uri.file(CERT_FILE)];
    const asked: string[] = [];
    h.dialogs.pickFile = (options) => {
      asked.push(`${options.title} [${Object.values(options.filters).flat().join(',')}]`);
      return Promise.resolve(files.shift());
    };
    const { running, fix } = await addUntilCertificateChoice(h);
    await chooseAndEnter(fix, /^Use a CA certificate file/);
    const unreadable = await waitForInput(h, 'pick', 2, 'Connect to Tyk', fix);
    assert.match((unreadable.input as vscode.QuickPick<vscode.QuickPickItem>).placeholder ?? '', /missing\.pem cannot be read \(ENOENT\)/);
    await chooseAndEnter(unreadable, /^Use a CA certificate file/);
    await typeAndEnter(await waitForInput(h, 'input', 3, 'Connect to Tyk'), ctx.sandbox.credential);
    await typeAndEnter(await waitForStep(h, 4), 'Private CA');
    const connection = await running;
    assert.ok(connection);
    assert.equal(asked.length, 2);
    assert.match(asked[0] ?? '', /\[pem,crt,cer\]$/, 'the dialog offers certificate files');
    const stored = h.services.store.get(connection.id);
    assert.equal(stored?.caFile, CERT_FILE);
    assert.equal(stored?.allowSelfSigned, undefined);
    assert.equal(ctx.dialogs.confirms.length, 0, 'no warning for a CA file');
    assert.ok(stored && (await h.services.catalog.all(stored)).length > 0, 'the connection works');
  });

  it('Configure TLS on a connection: a CA file, the system’s certificates, self-signed — each saved on it only and checked', async () => {
    const h = ctx.h;
    h.dialogs.pickFile = () => Promise.resolve(vscode.Uri.file(CERT_FILE));
    const proxied = await connect(h, 'Proxied', 'dashboard', proxy.url, ctx.sandbox.credential);
    const bystander = await connect(h, 'Plain', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);

    const configure = async (choice: RegExp): Promise<{ problem?: { kind: string; message: string } }> => {
      const running = vscode.commands.executeCommand<{ problem?: { kind: string; message: string } }>('tyk.configureTls', await nodeOf(h, proxied.id));
      await chooseAndEnter(await waitForStep(h, 1, 'Configure TLS · Proxied'), choice);
      const outcome = await running;
      assert.ok(outcome, 'the command returns its outcome');
      return outcome;
    };

    const labels = (async () => {
      const running = vscode.commands.executeCommand('tyk.configureTls', await nodeOf(h, proxied.id));
      const pick = await waitForStep(h, 1, 'Configure TLS · Proxied');
      const items = (pick.input as vscode.QuickPick<vscode.QuickPickItem>).items.map((i) => [i.label, i.description]);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
      return items;
    })();
    assert.deepEqual(await labels, [
      ['Trust the system’s certificates (default)', '● current'],
      ['Use a CA certificate file…', undefined],
      ['Accept a self-signed certificate for this connection only', undefined],
    ]);

    assert.equal((await configure(/^Use a CA certificate file/)).problem, undefined);
    assert.equal(h.services.store.get(proxied.id)?.caFile, CERT_FILE);
    assert.match(ctx.dialogs.infos.at(-1) ?? '', /^Proxied trusts the CA in self-signed\.crt\. The connection works\.$/);

    const system = await configure(/^Trust the system/);
    assert.equal(system.problem?.kind, 'tls');
    assert.deepEqual(h.services.store.get(proxied.id), { id: proxied.id, name: 'Proxied', kind: 'dashboard', url: proxy.url });
    assert.match(ctx.dialogs.warnings.at(-1) ?? '', /^Proxied trusts the system’s certificates, but the connection still fails: The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted/);

    assert.equal((await configure(/^Accept a self-signed/)).problem, undefined);
    assert.equal(ctx.dialogs.confirms.length, 1, 'after a modal warning');
    assert.equal(h.services.store.get(proxied.id)?.allowSelfSigned, true);
    assert.equal(h.services.store.get(proxied.id)?.caFile, undefined, 'one choice at a time');
    assert.ok((await h.services.catalog.all(h.services.store.get(proxied.id) ?? proxied)).length > 0, 'the tree’s catalog loads through it');
    assert.deepEqual(h.services.store.get(bystander.id), bystander, 'the other connection is untouched');
  });

  it('Configure TLS from the palette asks which connection, even with a default', async () => {
    const h = ctx.h;
    const proxied = await connect(h, 'Proxied', 'dashboard', proxy.url, ctx.sandbox.credential);
    const other = await connect(h, 'Plain', 'dashboard', ctx.sandbox.dashboardUrl, ctx.sandbox.credential);
    await h.services.active.set(other.id);
    try {
      const running = vscode.commands.executeCommand('tyk.configureTls');
      await chooseAndEnter(await waitForStep(h, 1, 'Configure the TLS of…'), ['Proxied']);
      await chooseAndEnter(await waitForStep(h, 1, 'Configure TLS · Proxied'), /^Accept a self-signed/);
      await running;
      assert.equal(h.services.store.get(proxied.id)?.allowSelfSigned, true);
      assert.equal(h.services.store.get(other.id)?.allowSelfSigned, undefined);
    } finally {
      await h.services.active.set(undefined);
    }
  });

  it('changes no process-wide TLS setting: Node’s own requests still refuse the self-signed certificate', async () => {
    assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
    assert.notEqual(https.globalAgent.options.rejectUnauthorized, false);
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        const req = https.get(`${proxy.url}/api/apis`, { agent: new https.Agent() }, (res) => {
          res.resume();
          resolve();
        });
        req.on('error', reject);
      }),
      (e: NodeJS.ErrnoException) => /SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(`${e.code ?? ''} ${e.message}`),
    );
  });
});
