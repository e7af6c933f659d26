// Every kind of Tyk key in the real VS Code, as Tyk means it: Create Key asks what the kind needs (a
// basic-auth user's username and password, a certificate for a certificate-bound key), delivers what was
// made (username and password; an HMAC key's id with its secret), says what to do instead where Tyk uses
// no created key (JWT, OAuth 2.0, keyless); Show Key Details and Rotate Key do the same per kind.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import { SAMPLE, SAMPLE_SHAPES } from '../sandbox/seed';
import { addConnection, apiNodes, chooseAndEnter, labelText, messageText, openEditor, pickLabels, pressEnter, revokeOldKey, showDetailsJson, typeAndEnter, useSandboxSuite, waitFor, waitForStep } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];
type Row = { node: Node; label: string; item: vscode.TreeItem };

async function children(h: TestHooks, node: unknown): Promise<Row[]> {
  const nodes = await h.tree.getChildren(node as Node);
  return nodes.map((n) => {
    const item = h.tree.getTreeItem(n);
    return { node: n, label: labelText(item.label), item };
  });
}

/** The API's node once the catalog (loaded page by page) holds it. */
async function apiNode(h: TestHooks, name: string): Promise<unknown> {
  return waitFor(`${name} in the tree`, async () => (await apiNodes(h)).get(name));
}

async function keyRow(h: TestHooks, apiName: string, label: string): Promise<Row> {
  const api = await apiNode(h, apiName);
  const keysNode = (await children(h, api)).find((c) => c.label === 'Keys');
  assert.ok(keysNode, `${apiName} has a Keys node`);
  return waitFor(`the key “${label}” under ${apiName}`, async () => (await children(h, keysNode.node)).find((c) => c.label === label));
}

/** The sandbox's stand-in for bcrypt (test/sandbox/server.ts hashPassword): the stored password is this hash. */
function sandboxHash(password: string): string {
  return `$2a$10$${createHash('sha256').update(password).digest('base64').slice(0, 53)}`;
}

async function openDetails(h: TestHooks, row: Row): Promise<{ text: string; summary: Record<string, unknown> }> {
  const doc = await showDetailsJson(h, row.node);
  const text = doc.getText();
  return { text, summary: (JSON.parse(text) as { summary: Record<string, unknown> }).summary };
}

/** Runs Create Key from an API node: Enter at every step but those `answers` fill in (by step number). */
async function createThroughFlow(h: TestHooks, apiName: string, answers: Record<number, string> = {}): Promise<CreatedKey | undefined> {
  const node = await apiNode(h, apiName);
  const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
  let current = await waitForStep(h, 1);
  for (let step = 1; ; step++) {
    const answer = answers[step];
    if (answer !== undefined) {
      await typeAndEnter(current, answer);
    } else {
      await pressEnter();
    }
    // No total yet (the APIs step): more steps follow.
    if (current.totalSteps !== undefined && step >= current.totalSteps) {
      break;
    }
    current = await waitForStep(h, step + 1);
  }
  return running;
}

describe('Kinds of key', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('basic auth: asks a username and a password, creates the user, inserts username:password; details name the user; rotation sets a new password for the same user', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const node = await apiNode(ctx.h, SAMPLE.reportsBasic.name);
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
    await waitForStep(ctx.h, 1, 'Create a Tyk key');
    await pressEnter();
    const username = await waitForStep(ctx.h, 2);
    assert.equal(username.totalSteps, 6, 'APIs, username, password, limits, expiry, alias');
    assert.match((username.input as vscode.InputBox).prompt ?? '', /Username of the basic-auth user/);
    await typeAndEnter(username, 'bad name');
    await waitFor('the username refused inline', () => /without spaces/.test(messageText((username.input as vscode.InputBox).validationMessage)));
    await typeAndEnter(username, 'alice');
    const password = await waitForStep(ctx.h, 3);
    assert.equal((password.input as vscode.InputBox).password, true, 'the password is typed hidden');
    const generated = password.input.value;
    assert.ok(generated.length >= 24, 'a generated password is filled in');
    await pressEnter();
    for (const step of [4, 5, 6]) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    assert.equal(created?.username, 'alice');
    assert.equal(editor.document.getText(), `alice:${generated}`, 'username:password inserted (insertFormat raw)');
    const post = ctx.sandbox.requests.find((r) => r.method === 'POST' && r.path === '/api/apis/keys/basic/alice');
    assert.ok(post, 'the Dashboard’s basic-auth endpoint');
    const stored = ctx.sandbox.keys().find((k) => (k.session.basic_auth_data as { password?: string } | undefined)?.password === sandboxHash(generated));
    assert.ok(stored, 'the user exists with that password (hashed)');
    await waitFor('the notification', () => ctx.dialogs.infos.find((m) => /Basic-auth user alice created for Reports/.test(m)));
    const log = ctx.h.logLines.join('\n');
    assert.ok(log.includes('basic-auth user alice'), 'the log names the user');
    assert.ok(!log.includes(generated), 'never the password');

    const alias = String(stored.session.alias);
    const row = await keyRow(ctx.h, SAMPLE.reportsBasic.name, alias);
    const details = await openDetails(ctx.h, row);
    assert.equal(details.summary.kind, 'basic-auth user');
    assert.equal(details.summary.username, 'alice');
    assert.ok(!details.text.includes(generated), 'no password in the details');

    const again = await openEditor('');
    const storedPassword = (): unknown => (ctx.sandbox.keys().find((k) => k.key === stored.key)?.session.basic_auth_data as { password?: string } | undefined)?.password;
    const before = storedPassword();
    assert.equal(before, sandboxHash(generated));
    // Enter (the default answer) keeps the current password: nothing changes.
    ctx.dialogs.answers.choose = (_message, answers) => answers[0];
    assert.equal(await vscode.commands.executeCommand('tyk.rotateKey', row.node), undefined, 'not rotated');
    assert.deepEqual(ctx.dialogs.choices.at(-1)?.answers, ['Keep Current Password', 'Set New Password'], 'the destructive answer is not the default');
    assert.equal(storedPassword(), before, 'the password is unchanged');
    ctx.dialogs.answers.choose = (_message, answers) => answers.find((a) => a === 'Set New Password');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean } | undefined>('tyk.rotateKey', row.node);
    assert.deepEqual(result, { revokedOld: false }, 'the same user: nothing to revoke');
    assert.match(ctx.dialogs.choices.at(-1)?.message ?? '', /Set a new password for the basic-auth user alice/);
    const [user, fresh = ''] = again.document.getText().split(':');
    assert.equal(user, 'alice');
    assert.ok(fresh.length >= 24 && fresh !== generated, 'a new password, inserted');
    const after = ctx.sandbox.keys().find((k) => k.key === stored.key);
    assert.equal((after?.session.basic_auth_data as { password?: string }).password, sandboxHash(fresh), 'the same user, its new password stored hashed');
    assert.equal(ctx.sandbox.keys().length, 1, 'no other key made');
  });

  it('basic auth, with the header format: Authorization: Basic base64(username:password)', async () => {
    const config = vscode.workspace.getConfiguration('tyk');
    await config.update('insertFormat', 'header', vscode.ConfigurationTarget.Global);
    try {
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('');
      await createThroughFlow(ctx.h, SAMPLE.reportsBasic.name, { 2: 'bob', 3: 's3cret-pass' });
      assert.equal(editor.document.getText(), `Authorization: Basic ${Buffer.from('bob:s3cret-pass').toString('base64')}`);
    } finally {
      await config.update('insertFormat', 'raw', vscode.ConfigurationTarget.Global);
    }
  });

  it('HMAC: the key id and the secret Tyk issued, inserted together; details mask the secret; rotation delivers the new secret', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const created = await createThroughFlow(ctx.h, SAMPLE.webhooksHmac.name, { 4: 'hmac-test' });
    assert.ok(created?.hmacSecret, 'the result carries the secret');
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.equal(stored?.session.hmac_enabled, true);
    assert.equal(stored?.session.hmac_string, created.hmacSecret, 'the secret is the one Tyk generated');
    assert.equal(editor.document.getText(), `keyId: ${created.key}\nsecret: ${created.hmacSecret}`, 'key id and secret together');
    await waitFor('the notification', () => ctx.dialogs.infos.find((m) => /HMAC key created for Webhooks.*Tyk shows the secret once/.test(m)));
    assert.ok(!ctx.h.logLines.join('\n').includes(created.hmacSecret), 'the log never holds the secret');

    const row = await keyRow(ctx.h, SAMPLE.webhooksHmac.name, 'hmac-test');
    const details = await openDetails(ctx.h, row);
    assert.match(String(details.summary.kind), /HMAC/);
    assert.ok(!details.text.includes(created.hmacSecret), 'the secret is never shown in full');
    assert.equal(details.summary.hmac_secret, `${created.hmacSecret.slice(0, 4)}…${created.hmacSecret.slice(-4)}`);

    const rotated = await openEditor('');
    ctx.dialogs.answers.choose = revokeOldKey;
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean } | undefined>('tyk.rotateKey', row.node);
    assert.deepEqual(result, { revokedOld: true });
    const [idLine = '', secretLine = ''] = rotated.document.getText().split('\n');
    const newKey = idLine.replace('keyId: ', '');
    const newSecret = secretLine.replace('secret: ', '');
    const copy = ctx.sandbox.keys().find((k) => k.key === newKey);
    assert.ok(copy, 'the new key exists');
    assert.equal(copy.session.hmac_string, newSecret, 'the new secret Tyk issued is delivered');
    assert.notEqual(newSecret, created.hmacSecret);
    assert.equal(editor.document.getText(), `keyId: ${newKey}\nsecret: ${newSecret}`, 'the old key id and secret replaced together where they were inserted');
  });

  for (const [api, advice] of [
    [SAMPLE.partnerJwt.name, /JSON Web Tokens issued by your identity provider.*policy/],
    [SAMPLE.mobileOauth.name, /OAuth client/],
    [SAMPLE.weather.name, /open \(keyless\): requests need no key/],
  ] as const) {
    it(`${api}: Create Key says what to do instead, and creates nothing`, async () => {
      await addConnection(ctx.h, ctx.sandbox);
      const result = await vscode.commands.executeCommand('tyk.createKey', await apiNode(ctx.h, api));
      assert.equal(result, undefined);
      await waitFor('the advice', () => ctx.dialogs.infos.find((m) => advice.test(m)));
      assert.ok(!ctx.sandbox.requests.some((r) => r.method === 'POST'), 'nothing sent');
      assert.equal(ctx.h.activeInputs.current, undefined, 'no flow opened');
    });
  }

  it('from the palette, an API that takes no key is refused in place, with its advice; APIs needing different kinds too', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey');
    let step = await waitForStep(ctx.h, 1, 'Create a Tyk key');
    if (pickLabels(step).some((l) => /Choose the APIs/.test(l))) {
      await chooseAndEnter(step, /Choose the APIs/);
      step = await waitForStep(ctx.h, 2);
    }
    await chooseAndEnter(step, [SAMPLE.partnerJwt.name]);
    await waitFor('refused in place', () => /JSON Web Tokens/.test(ctx.h.activeInputs.current?.input.placeholder ?? '') && ctx.h.activeInputs.current?.input.enabled);
    await chooseAndEnter(ctx.h.activeInputs.current!, [SAMPLE.petstore.name, SAMPLE.reportsBasic.name]);
    await waitFor('kinds refused', () => /different kinds of key/.test(ctx.h.activeInputs.current?.input.placeholder ?? ''));
    assert.ok(ctx.dialogs.warnings.some((m) => /different kinds of key.*a basic-auth user: Reports/.test(m)), 'said in full');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.ok(!ctx.sandbox.requests.some((r) => r.method === 'POST'), 'nothing sent');
  });
});

describe('Kinds of key (Tyk’s own shapes)', () => {
  const ctx = useSandboxSuite({ confirm: false }, { tykShapes: true });

  it('certificate-bound: picks the certificate; rotation asks for another one, never copies the binding', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const node = await apiNode(ctx.h, SAMPLE_SHAPES.certBound.name);
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
    await waitForStep(ctx.h, 1);
    await pressEnter();
    const certs = await waitForStep(ctx.h, 2);
    assert.match(certs.input.placeholder ?? '', /client certificate the key is bound to/);
    const picker = certs.input as vscode.QuickPick<vscode.QuickPickItem & { certificate?: { id: string } }>;
    const first = picker.items[0]?.certificate?.id;
    assert.ok(first, 'the server’s certificates are offered');
    await pressEnter();
    for (const step of [3, 4, 5]) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    assert.ok(created);
    assert.equal(editor.document.getText(), created.key);
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.equal(stored?.session.certificate, first, 'bound to the picked certificate');

    const alias = String(stored?.session.alias);
    const row = await keyRow(ctx.h, SAMPLE_SHAPES.certBound.name, alias);
    const details = await openDetails(ctx.h, row);
    assert.equal(details.summary.kind, 'certificate-bound key');
    await openEditor('');
    ctx.dialogs.answers.confirm = true;
    const rotating = vscode.commands.executeCommand<{ revokedOld: boolean } | undefined>('tyk.rotateKey', row.node);
    const pick = await waitForStep(ctx.h, 1, 'Rotate the key');
    const offered = (pick.input as vscode.QuickPick<vscode.QuickPickItem & { certificate?: { id: string } }>).items.map((i) => i.certificate?.id);
    assert.ok(!offered.includes(first), 'the old key’s certificate is not offered (one key per certificate)');
    if (offered.length === 0) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return;
    }
    await pressEnter();
    assert.deepEqual(await rotating, { revokedOld: false });
    const copy = ctx.sandbox.keys().find((k) => k.key !== created.key && String(k.session.alias).startsWith(`${alias} (rotated `));
    assert.equal(copy?.session.certificate, offered[0], 'the copy is bound to the certificate picked');
  });

  it('a TCP API is shown for what it is, and offers no request file', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const node = await apiNode(ctx.h, SAMPLE_SHAPES.tcpRedis.name);
    assert.ok(node);
    const item = ctx.h.tree.getTreeItem(node as NonNullable<Node>);
    assert.match(String(item.description), /^TCP/);
    assert.match(String(item.contextValue), /\.notRequestable/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /TCP proxy/);
    const result = await vscode.commands.executeCommand('tyk.newRequestFile', node);
    assert.equal(result, undefined);
    await waitFor('why not', () => ctx.dialogs.infos.find((m) => /TCP\/TLS API: it takes no HTTP requests/.test(m)));
  });

  it('New Key with Custom ID…: the key id chosen is the key created', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithCustomId', await apiNode(ctx.h, SAMPLE.petstore.name));
    await waitForStep(ctx.h, 1);
    await pressEnter();
    const id = await waitForStep(ctx.h, 2);
    assert.match((id.input as vscode.InputBox).prompt ?? '', /key id to create/);
    await typeAndEnter(id, 'migrated-key-0001');
    for (const step of [3, 4, 5]) {
      await waitForStep(ctx.h, step);
      await pressEnter();
    }
    const created = await running;
    assert.ok(created?.key.endsWith('migrated-key-0001'), `the custom id (Tyk stores org id + id): ${created?.key ?? ''}`);
    assert.equal(editor.document.getText(), created?.key);
    assert.ok(ctx.sandbox.requests.some((r) => r.method === 'POST' && r.path === '/api/keys/migrated-key-0001'));
  });
});
