// A hostile server in the real VS Code: every text it sends that a user sees — API names, listen paths,
// policy names, key aliases, messages — reaches the notifications, modals, quick picks and the tree as
// text (issue 14): never a command link, Markdown, an icon, a line break or a bidi control, and bounded.
// The server is the sandbox behind a front that rewrites its answers (test/support/faultServer.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import type { TykNode } from '../../src/app/nodes';
import type { CreatedKey } from '../../src/domain/model';
import { HOSTILE_TEXT } from '../support/faultProxy';
import { forwardTo, startFaultServer, type FaultServer, type Handler } from '../support/faultServer';
import { SAMPLE } from '../sandbox/seed';
import { addConnection, chooseAndEnter, labelText, openEditor, pressEnter, revokeOldKey, sleep, startCreateKey, useSandboxSuite, waitFor, waitForStep } from './helpers';
import { PICK_TITLE } from '../../src/ui/pickKeyFormat';

const HOSTILE_ALIAS = 'hostile-alias';
const HOSTILE_PATH = '/pet\r\n[x](command:workbench.action.quit)\u202e/';

/** Not plain text: a link (notifications render no HTML), an icon, a line break, a control or bidi character. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_PLAIN = /\]\(|\$\(|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertPlain(text: string | undefined, what: string, max = 2001): void {
  assert.ok(text !== undefined, `${what}: shown`);
  assert.doesNotMatch(text, NOT_PLAIN, `${what} is plain text: ${JSON.stringify(text.slice(0, 160))}`);
  assert.ok(text.length <= max, `${what} is bounded: ${text.length} characters`);
}

/** Markdown whose server parts are escaped: outside code spans, no unescaped link, HTML or line from the server. */
function assertSafeMarkdown(md: string, what: string): void {
  const outsideCode = md.replace(/`[^`\n]*`/g, '');
  assert.doesNotMatch(outsideCode, /(?<!\\)\]\s*\\?\(|(?<!\\)<a |(?<!\\)\$\(|command:/, `${what}: ${JSON.stringify(md.slice(0, 200))}`);
  assert.doesNotMatch(md, /[\r\u202a-\u202e\u2066-\u2069]/, `${what}: no CR or bidi control`);
  assert.ok(!md.includes('Injected line\n'), `${what}: no line from the server`);
}

/**
 * Forwards to `target`, rewriting each answer's JSON: the names the user sees become hostile; `more`
 * rewrites it further (it is told the request's method and path).
 */
function rewritingForwarder(target: string, more: (body: string, method: string, path: string) => string = (body) => body): Handler {
  const upstream = new URL(target);
  const replace = (body: string, method: string, path: string): string =>
    more(body, method, path)
      .replaceAll(JSON.stringify(SAMPLE.petstore.name), JSON.stringify(HOSTILE_TEXT))
      .replaceAll(JSON.stringify(SAMPLE.petstore.listenPath), JSON.stringify(HOSTILE_PATH))
      .replaceAll(JSON.stringify(HOSTILE_ALIAS), JSON.stringify(`${HOSTILE_TEXT}-alias`))
      .replaceAll('"Petstore read-only"', JSON.stringify(`${HOSTILE_TEXT}-policy`));
  return (req, res, body) => {
    // What the client sends back (a rotation's session) is the sandbox's own again.
    const sent = body.replaceAll(JSON.stringify(HOSTILE_TEXT), JSON.stringify(SAMPLE.petstore.name)).replaceAll(JSON.stringify(`${HOSTILE_TEXT}-alias`), JSON.stringify(HOSTILE_ALIAS));
    void fetch(new URL(req.url ?? '/', upstream), {
      method: req.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length')),
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: sent }),
    }).then(
      async (answer) => {
        const text = replace(await answer.text(), req.method ?? 'GET', req.url ?? '/');
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  };
}

/** A key for the hostile API, stored on the server directly. */
function keyElsewhere(sandbox: { orgId: string; createKey(session: Record<string, unknown>): unknown }, alias?: string): void {
  sandbox.createKey({
    org_id: sandbox.orgId,
    ...(alias ? { alias } : {}),
    rate: 10,
    per: 1,
    allowance: 10,
    quota_max: -1,
    expires: -1,
    access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
  });
}

interface Row {
  node: TykNode;
  item: vscode.TreeItem;
}

async function rows(h: TestHooks, parent?: TykNode): Promise<Row[]> {
  const nodes = await h.tree.getChildren(parent);
  return nodes.map((node) => ({ node, item: h.tree.getTreeItem(node) }));
}

function assertItem(row: Row, what: string): void {
  const { item } = row;
  assertPlain(labelText(item.label), `${what}'s label`, 301);
  if (item.description !== undefined && typeof item.description === 'string') {
    assertPlain(item.description, `${what}'s description`, 301);
  }
  if (typeof item.tooltip === 'string') {
    assertPlain(item.tooltip, `${what}'s tooltip`);
  } else if (item.tooltip) {
    assertSafeMarkdown(item.tooltip.value, `${what}'s Markdown tooltip`);
  }
  assertPlain(item.accessibilityInformation?.label ?? '', `${what}'s accessible label`);
}

describe('Text from a hostile server is shown as text', () => {
  const ctx = useSandboxSuite({ confirm: true });
  let front: FaultServer;

  beforeEach(async () => {
    front = await startFaultServer();
    front.handle(rewritingForwarder(ctx.sandbox.dashboardUrl));
    await addConnection(ctx.h, { ...ctx.sandbox, dashboardUrl: front.url });
  });
  afterEach(async () => {
    await front.close();
  });

  async function hostileApi(): Promise<Row> {
    const [root] = await rows(ctx.h);
    assert.ok(root);
    const apis = await rows(ctx.h, root.node);
    const api = apis.find((r) => r.node.type === 'api' && r.node.api.apiId === SAMPLE.petstore.apiId);
    assert.ok(api, 'the hostile API in the tree');
    return api;
  }

  it('the tree: API names, listen paths, policy names as text; Markdown tooltips escaped', async () => {
    const [root] = await rows(ctx.h);
    assert.ok(root);
    const apis = await rows(ctx.h, root.node);
    const api = await hostileApi();
    assert.match(labelText(api.item.label), /^\[Update Credential…\] \(command:/, 'the name, as text');
    for (const row of apis) {
      assertItem(row, `the node ${labelText(row.item.label).slice(0, 40)}`);
    }
    for (const row of await rows(ctx.h, api.node)) {
      assertItem(row, 'a child of the hostile API');
    }
    const policies = apis.find((r) => r.node.type === 'policies');
    assert.ok(policies);
    const listed = await rows(ctx.h, policies.node);
    assert.ok(listed.some((r) => labelText(r.item.label).includes('Update Credential')), 'the hostile policy is listed');
    for (const row of listed) {
      assertItem(row, 'a policy');
    }
  });

  it('Create Key: the quick pick and “Key created for {0}” show the API name as text', async () => {
    const api = await hostileApi();
    await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', api.node);
    const labels: string[] = [];
    for (let step = 1; step <= 4; step++) {
      const input = await waitForStep(ctx.h, step);
      if (input.kind === 'pick') {
        for (const item of (input.input as vscode.QuickPick<vscode.QuickPickItem>).items) {
          labels.push(item.label.replace(/^\$\([a-z-]+\) /, ''), item.description ?? '', item.detail ?? '');
        }
      }
      await pressEnter();
    }
    const created = await running;
    assert.ok(created, 'a key was created');
    for (const label of labels) {
      assertPlain(label, 'a quick pick item', 1001);
    }
    const told = await waitFor('the “Key created” message', () => ctx.dialogs.infos.find((m) => m.startsWith('Key created for')));
    assert.match(told, /Update Credential/);
    assertPlain(told, 'the “Key created” message');
  });

  it('Revoke and Rotate: the key’s alias from the server is text in every question and message', async () => {
    keyElsewhere(ctx.sandbox, HOSTILE_ALIAS);
    keyElsewhere(ctx.sandbox, HOSTILE_ALIAS);
    const api = await hostileApi();
    const keysNode = (await rows(ctx.h, api.node)).find((r) => r.node.type === 'keys');
    assert.ok(keysNode);
    const keys = (await rows(ctx.h, keysNode.node)).filter((r) => r.node.type === 'key');
    assert.equal(keys.length, 2);
    const [first, second] = keys;
    assert.ok(first && second);

    await vscode.commands.executeCommand('tyk.revokeKey', first.node);
    await openEditor('');
    ctx.dialogs.answers.choose = revokeOldKey;
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', second.node), { revokedOld: true });

    const seen = [...ctx.dialogs.confirms, ...ctx.dialogs.choices.map((c) => c.message), ...ctx.dialogs.infos, ...ctx.dialogs.warnings, ...ctx.dialogs.errors.map((e) => e.message)];
    assert.ok(ctx.dialogs.confirms.some((m) => /^Revoke the key .*Update Credential/.test(m)), `the revoke question names the alias: ${ctx.dialogs.confirms.join(' | ').slice(0, 300)}`);
    assert.ok(ctx.dialogs.infos.some((m) => /^Revoked the key .*Update Credential/.test(m)), 'so does “Revoked the key”');
    assert.ok(ctx.dialogs.confirms.some((m) => /^Rotate the key .*Update Credential/.test(m)), 'and Rotate’s first question');
    assert.ok(ctx.dialogs.choices.some((c) => /^Revoke the old key .*Update Credential/.test(c.message)), 'and its question about the old key');
    assert.ok(ctx.dialogs.infos.some((m) => /^Rotated: the old key .*Update Credential/.test(m)), 'and Rotate’s message');
    for (const text of seen) {
      assertPlain(text, 'a message');
    }
  });

  it('an error whose server message is hostile: the notification shows it as text', async () => {
    const api = await hostileApi();
    const keysNode = (await rows(ctx.h, api.node)).find((r) => r.node.type === 'keys');
    assert.ok(keysNode);
    keyElsewhere(ctx.sandbox);
    ctx.h.services.keyLists.invalidate();
    const [key] = (await rows(ctx.h, keysNode.node)).filter((r) => r.node.type === 'key');
    assert.ok(key);
    const forward = rewritingForwarder(ctx.sandbox.dashboardUrl);
    front.handle((req, res, body) => {
      if (req.method === 'DELETE') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Status: 'Error', Message: HOSTILE_TEXT, Meta: null }));
        return;
      }
      forward(req, res, body);
    });
    await vscode.commands.executeCommand('tyk.revokeKey', key.node);
    const error = await waitFor('the error', () => ctx.dialogs.errors[0]);
    assert.match(error.message, /Update Credential/);
    assertPlain(error.message, 'the error notification');
  });
});

const HOSTILE_HEADER = 'X-Api-Key\r\nX-Injected: 1';
/** Every line break an editor (or a shell, or a .env parser) would start a new line at. */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

describe('What the extension writes takes no line from a hostile server', () => {
  const ctx = useSandboxSuite({ confirm: true });
  let front: FaultServer;
  /** Rewrites a create's answer too, when set: the key the server made, as the client reads it. */
  let createdKey: ((key: string) => string) | undefined;

  beforeEach(async () => {
    createdKey = undefined;
    front = await startFaultServer();
    // Petstore: the hostile name and listen path (CR/LF); Geo Lookup: a header name with CR/LF.
    front.handle(
      rewritingForwarder(ctx.sandbox.dashboardUrl, (body, method, path) => {
        const headers = body.replaceAll('"X-Api-Key"', JSON.stringify(HOSTILE_HEADER));
        const rewrite = createdKey;
        return method === 'POST' && path.startsWith('/api/keys') && rewrite
          ? headers.replace(/"key_id":"([^"]+)"/, (_m, key: string) => `"key_id":${JSON.stringify(rewrite(key))}`)
          : headers;
      }),
    );
    await addConnection(ctx.h, { ...ctx.sandbox, dashboardUrl: front.url });
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'raw', vscode.ConfigurationTarget.Global);
    await front.close();
  });

  /** The API's node (an API of a later page appears as the rest of the catalog loads). */
  async function apiNode(apiId: string): Promise<TykNode> {
    const [root] = await rows(ctx.h);
    assert.ok(root);
    const api = await waitFor(`${apiId} in the tree`, async () => (await rows(ctx.h, root.node)).find((r) => r.node.type === 'api' && r.node.api.apiId === apiId));
    return api.node;
  }

  it('the format pick: a curl command for a listen path with CR/LF is listed with the reason and cannot be chosen; the .env line is one line', async () => {
    await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'ask', vscode.ConfigurationTarget.Global);
    const editor = await openEditor('');
    const { running } = await startCreateKey(ctx.h, await apiNode(SAMPLE.petstore.apiId));
    const input = await waitForStep(ctx.h, 1, PICK_TITLE);
    const picker = input.input as vscode.QuickPick<vscode.QuickPickItem>;
    const byLabel = new Map(picker.items.map((i) => [i.label, i]));
    for (const label of ['curl command (bash/zsh)', 'curl command (PowerShell)']) {
      const item = byLabel.get(`$(circle-slash) ${label}`);
      assert.ok(item, `${label} is listed, marked: ${[...byLabel.keys()].join(', ')}`);
      assert.equal(item.description, 'cannot be written here');
      assert.match(item.detail ?? '', /^The listen path “\/pet \[x\] ?\(command:.*” has characters that cannot appear in a URL path as they are\.$/, `the reason, as text: ${item.detail ?? ''}`);
    }
    assert.match(byLabel.get('HTTP header')?.description ?? '', /^Authorization: /, 'Petstore’s header can be written');
    for (const item of picker.items) {
      assertPlain(`${item.label}${item.description ?? ''}${item.detail ?? ''}`.replace(/^\$\(circle-slash\) /, ''), 'a format item', 2001);
    }

    // Enter on a format that cannot be written: nothing happens, the pick stays.
    await chooseAndEnter(input, ['$(circle-slash) curl command (bash/zsh)']);
    await sleep(300);
    assert.equal(ctx.h.activeInputs.current?.input, picker, 'the pick is still open');
    assert.equal(editor.document.getText(), '', 'nothing written');

    await chooseAndEnter(input, ['.env line']);
    const created = await running;
    assert.ok(created);
    const text = editor.document.getText();
    assert.match(text, /^TYK_KEY_[A-Z0-9_]+=\S+$/, 'one .env line, its name from the hostile API name made safe');
    assert.ok(text.endsWith(`=${created.key}`));
    assert.equal(editor.document.lineCount, 1);
  });

  it('a header name with CR/LF: a header or curl format from the setting writes the key alone; the pick says why', async () => {
    const geo = await apiNode(SAMPLE.geoLookup.apiId);
    for (const format of ['header', 'curl', 'curlPowerShell']) {
      await vscode.workspace.getConfiguration('tyk').update('insertFormat', format, vscode.ConfigurationTarget.Global);
      const editor = await openEditor('');
      const created = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', geo);
      assert.ok(created);
      assert.equal(editor.document.getText(), created.key, `${format}: the key alone`);
    }
    assert.ok(
      ctx.h.logLines.some((l) => /The format header is not written here \(The header name “X-Api-Key X-Injected: 1” is not a valid HTTP header name/.test(l)),
      'the log says why',
    );

    await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'ask', vscode.ConfigurationTarget.Global);
    await openEditor('');
    const { running } = await startCreateKey(ctx.h, geo);
    const input = await waitForStep(ctx.h, 1, PICK_TITLE);
    const items = (input.input as vscode.QuickPick<vscode.QuickPickItem>).items;
    assert.deepEqual(
      items.filter((i) => i.label.startsWith('$(circle-slash) ')).map((i) => i.label),
      ['$(circle-slash) HTTP header', '$(circle-slash) curl command (bash/zsh)', '$(circle-slash) curl command (PowerShell)'],
    );
    for (const item of items.filter((i) => i.label.startsWith('$(circle-slash) '))) {
      assert.match(item.detail ?? '', /^The header name “X-Api-Key X-Injected: 1” is not a valid HTTP header name/);
      assert.doesNotMatch(item.detail ?? '', LINE_BREAK);
    }
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(await running, 'Escape: the key alone, as ever');
  });

  it('New .http File on an API whose header name or listen path cannot be written: says which, opens nothing', async () => {
    for (const [apiId, why] of [
      [SAMPLE.geoLookup.apiId, /^No request file can be written for Geo Lookup: The header name “X-Api-Key X-Injected: 1” is not a valid HTTP header name/],
      [SAMPLE.petstore.apiId, /^No request file can be written for \[Update Credential…\].*: The listen path “\/pet \[x\]/],
    ] as const) {
      const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('tyk.newRequestFile', await apiNode(apiId));
      assert.equal(document, undefined);
      const warning = await waitFor('the warning', () => ctx.dialogs.warnings.find((w) => why.test(w)));
      assertPlain(warning, 'the warning');
    }
    assert.equal(vscode.window.activeTextEditor, undefined, 'no file opened');
    assert.deepEqual(ctx.dialogs.errors, [], 'no “failed unexpectedly”');
  });

  it('a key with a line break from the server is never written into a file: the dialog shows it, with Copy and the reason', async () => {
    createdKey = (key) => `${key}\r\nINJECTED=1`;
    const editor = await openEditor('APP_PORT=4000');
    const created = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', await apiNode(SAMPLE.geoLookup.apiId));
    assert.ok(created);
    assert.ok(created.key.endsWith('\r\nINJECTED=1'), 'the client took the key as the server sent it');
    assert.equal(editor.document.getText(), 'APP_PORT=4000', 'the file is untouched');
    assert.deepEqual(ctx.dialogs.shownKeys, [created.key], 'the dialog shows the key (Copy copies it)');
    assert.match(ctx.dialogs.shownKeyMessages[0] ?? '', /^Key created for Geo Lookup\. Copy it now: it cannot be read back later\. What Tyk returned has control characters or line breaks/);
    assert.equal(vscode.window.visibleTextEditors.length, 1, 'no new document either');
  });
});

describe('Hostile sizes and counts from a server', () => {
  const ctx = useSandboxSuite();
  let front: FaultServer;
  /** How each list answer is rewritten: the page asked for, the body of the sandbox's first page. */
  let rewrite: (page: string, body: string) => string = (_page, body) => body;

  beforeEach(async () => {
    front = await startFaultServer();
    const forward = forwardTo(ctx.sandbox.dashboardUrl);
    front.handle((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://front');
      if (req.method !== 'GET' || (url.pathname !== '/api/apis' && url.pathname !== '/api/portal/policies')) {
        forward(req, res, body);
        return;
      }
      const page = url.searchParams.get('p') ?? '1';
      url.searchParams.set('p', '1');
      void fetch(new URL(`${url.pathname}${url.search}`, ctx.sandbox.dashboardUrl), { headers: { authorization: ctx.sandbox.credential } })
        .then((answer) => answer.text())
        .then((text) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(rewrite(page, text));
        });
    });
    await addConnection(ctx.h, { ...ctx.sandbox, dashboardUrl: front.url });
  });
  afterEach(async () => {
    rewrite = (_page, body) => body;
    await front.close();
  });

  /** Every page says there are 1e9 pages, and holds new items (their ids made unique per page). */
  const endless = (page: string, body: string): string =>
    body.replace(/"(api_id|id|_id)":"([^"]+)"/g, `"$1":"$2-p${page}"`).replace(/"(pages|Pages)":\d+/, '"$1":1000000000');

  it('pages: 1e9 — the catalog and the policies stop at their bound, and the tree says so', async function () {
    this.timeout(120_000);
    rewrite = endless;
    const [root] = await rows(ctx.h);
    assert.ok(root);
    await ctx.h.services.catalog.all(root.node.connection);
    const listRequests = front.requests.filter((r) => r.url.startsWith('/api/apis?')).length;
    assert.ok(listRequests <= 1000, `at most 1,000 requests for one load: ${listRequests}`);
    const children = await rows(ctx.h, root.node);
    const notice = children.find((r) => /^Showing the first \d+ APIs of the Tyk Dashboard at .*: it reports 1,000,000,000 pages/.test(labelText(r.item.label)));
    assert.ok(notice, `the tree says the catalog is not whole: ${children.map((r) => labelText(r.item.label)).filter((l) => !/^API|^Petstore/.test(l)).slice(-4).join(' | ')}`);
    assert.equal(notice.item.command?.command, 'tyk.searchApis', 'and offers Search APIs…');

    const policiesNode = children.find((r) => r.node.type === 'policies');
    assert.ok(policiesNode);
    const policies = await rows(ctx.h, policiesNode.node);
    const policyRequests = front.requests.filter((r) => r.url.startsWith('/api/portal/policies')).length;
    assert.ok(policyRequests <= 1000, `at most 1,000 requests for the policies: ${policyRequests}`);
    assert.ok(
      policies.some((r) => /^Showing the first \d+ policies of the Tyk Dashboard at .*: it reports 1,000,000,000 pages/.test(labelText(r.item.label))),
      'the Policies node says its list is not whole',
    );
  });

  it('duplicate policy ids: the Policies node lists each id once (its items’ ids stay unique)', async () => {
    rewrite = (_page, body) => body.replace(/"(id|_id)":"[0-9a-f]{24}"/g, '"$1":"5f0000000000000000000001"').replace(/"id":"petstore-read-only"/g, '"id":"5f0000000000000000000001"');
    const [root] = await rows(ctx.h);
    assert.ok(root);
    const policiesNode = (await rows(ctx.h, root.node)).find((r) => r.node.type === 'policies');
    assert.ok(policiesNode);
    const policies = (await rows(ctx.h, policiesNode.node)).filter((r) => r.node.type === 'policy');
    assert.ok(policies.length >= 1, 'the policies are listed');
    const ids = policies.map((r) => r.item.id);
    assert.equal(new Set(ids).size, ids.length, `unique tree ids: ${ids.join(', ')}`);
  });
});
