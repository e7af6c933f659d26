// The key lifecycle in the real VS Code: Keys nodes, details, update, rotate, revoke, saved keys,
// and servers that hash keys and do not list them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import { maskKey } from '../../src/domain/mask';
import { rotationDate } from '../../src/domain/rotation';
import { SAMPLE, SAMPLE_SHAPES } from '../sandbox/seed';
import { TYK_CONF_EXAMPLE } from '../sandbox/server';
import {
  addConnection,
  apiNodes,
  chooseAndEnter,
  createKeyThroughFlow,
  labelText,
  look,
  openEditor,
  revokeOldKey,
  serverKey as storeKey,
  showDetailsJson,
  startInsertSavedKey,
  typeAndEnter,
  useSandboxSuite,
  createKeyElsewhere,
  waitFor,
  waitForStep,
} from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

async function children(h: TestHooks, node: unknown): Promise<Array<{ node: Node; label: string; item: vscode.TreeItem }>> {
  const nodes = await h.tree.getChildren(node as Node);
  return nodes.map((n) => {
    const item = h.tree.getTreeItem(n);
    return { node: n, label: labelText(item.label), item };
  });
}

async function keysOf(h: TestHooks, apiName: string): Promise<Array<{ node: Node; label: string; item: vscode.TreeItem }>> {
  const api = (await apiNodes(h)).get(apiName);
  const keysNode = (await children(h, api)).find((c) => c.label === 'Keys');
  assert.ok(keysNode, 'a Keys node');
  return children(h, keysNode.node);
}

describe('Keys', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('lists an API’s keys masked, shows details as read-only JSON, and revokes after a confirmation', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'details-test');
    const keys = await keysOf(ctx.h, 'Petstore');
    const row = keys.find((k) => k.item.description === maskKey(created.key) || k.label === maskKey(created.key));
    assert.ok(row, `the new key is listed: ${keys.map((k) => k.label).join(', ')}`);
    const shown = JSON.stringify([row.item.id, row.item.label, row.item.description, row.item.tooltip, row.item.accessibilityInformation]);
    assert.ok(!shown.includes(created.key), 'nothing the workbench shows holds the key in full');
    assert.equal(row.item.contextValue, 'key');
    assert.doesNotMatch(String(row.item.accessibilityInformation?.label), /…/, 'read aloud without the ellipsis gibberish');

    const doc = await showDetailsJson(ctx.h, row.node);
    assert.equal(doc.languageId, 'json');
    const details = JSON.parse(doc.getText()) as { summary: Record<string, unknown>; session: Record<string, unknown> };
    assert.equal(details.summary.alias, 'details-test');
    assert.equal(details.summary.expires, 'never');
    assert.equal(details.summary.rate_limit, '1,000 requests per second');
    assert.equal(details.summary.quota, 'unlimited');
    assert.ok(!doc.getText().includes(created.key), 'the key itself is not in the document');
    assert.ok(!doc.uri.toString().includes(created.key), 'nor in its URI');

    await vscode.commands.executeCommand('tyk.revokeKey', row.node);
    assert.match(ctx.dialogs.confirms.at(-1) ?? '', /Revoke the key “details-test”/);
    assert.ok(!ctx.sandbox.keys().some((k) => k.key === created.key), 'deleted on the server');
    const after = await keysOf(ctx.h, 'Petstore');
    assert.ok(!after.some((k) => k.item.description === maskKey(created.key)), 'gone from the tree');
  });

  it('a key created elsewhere is masked, once the tree lists it, in the log and in what a server echoes', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const foreign = createKeyElsewhere(ctx.sandbox, 'Petstore');
    ctx.h.services.keyLists.invalidate();
    ctx.h.services.log.info(`before listing: ${foreign.key}`);
    assert.ok(ctx.h.logLines.some((l) => l.includes(foreign.key)), 'not known before it is listed (the check can fail)');
    const rows = await keysOf(ctx.h, 'Petstore');
    assert.ok(rows.some((r) => r.label === maskKey(foreign.key) || r.item.description === maskKey(foreign.key)), 'listed');
    ctx.h.services.log.info(`a server quoted ${foreign.key}`);
    assert.ok(ctx.h.logLines.some((l) => l.includes(`a server quoted ${maskKey(foreign.key)}`)), 'masked in the log');
    assert.ok(!ctx.h.logLines.slice(-1)[0]?.includes(foreign.key));
    assert.equal(ctx.h.services.log.redactor.apply(`Key ${foreign.key} is invalid`), `Key ${maskKey(foreign.key)} is invalid`, 'the redactor the clients share');
  });

  it('a Gateway names the keys it lists by the alias they were given, as the Dashboard does', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const named = createKeyElsewhere(ctx.sandbox, 'Petstore', 'from-the-dashboard');
    const unnamed = createKeyElsewhere(ctx.sandbox, 'Petstore');
    const hostile = createKeyElsewhere(ctx.sandbox, 'Petstore', 'ci\n\u202eevil');
    const rows = (await keysOf(ctx.h, 'Petstore')).map((r) => ({ label: r.label, description: r.item.description }));
    const others = rows.filter((r) => r.description !== maskKey(hostile.key));
    assert.deepEqual(
      others.map((r) => [r.label, r.description]).sort(),
      [
        ['from-the-dashboard', maskKey(named.key)],
        [maskKey(unnamed.key), undefined],
      ].sort(),
      'the key with an alias by its alias (masked beside it), the other masked',
    );
    const shown = rows.find((r) => r.description === maskKey(hostile.key))?.label ?? '';
    assert.match(shown, /^ci.*evil$/, 'an alias from the server is shown');
    assert.doesNotMatch(shown, /[\n\u202e]/, 'as text: one line, no bidi control');
  });

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: revoking one of two keys leaves the other listed; revoking the last says no key grants the API`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      const first = createKeyElsewhere(ctx.sandbox, 'Petstore');
      const second = createKeyElsewhere(ctx.sandbox, 'Petstore');
      const masked = async (): Promise<string[]> => (await keysOf(ctx.h, 'Petstore')).map((r) => r.label);
      assert.deepEqual((await masked()).sort(), [maskKey(first.key), maskKey(second.key)].sort());

      const row = (await keysOf(ctx.h, 'Petstore')).find((r) => r.label === maskKey(first.key));
      assert.ok(row);
      await vscode.commands.executeCommand('tyk.revokeKey', row.node);
      assert.deepEqual(await masked(), [maskKey(second.key)], 'the other key is still listed, alone');

      const last = (await keysOf(ctx.h, 'Petstore')).find((r) => r.label === maskKey(second.key));
      assert.ok(last);
      await vscode.commands.executeCommand('tyk.revokeKey', last.node);
      const after = await keysOf(ctx.h, 'Petstore');
      assert.deepEqual(
        after.map((r) => [r.label, r.item.contextValue]),
        [['No keys grant this API.', 'message.info']],
        'no key row, and a message that is true whether or not the API ever had keys',
      );
    });
  }

  it('updates expiry, quota (keeping the live quota) and suspends a key', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'update-test');
    const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'update-test');
    assert.ok(row);

    let running = vscode.commands.executeCommand('tyk.updateKey', row.node);
    const choice = await waitForStep(ctx.h, 1, 'Update the key');
    assert.equal(choice.totalSteps, undefined, 'Suspend is one step, a quota up to three: no total yet');
    await chooseAndEnter(choice, /^Change quota/);
    const quota = await waitForStep(ctx.h, 2);
    assert.equal(quota.totalSteps, undefined, '“unlimited” ends here, a number asks its period: still no total');
    await typeAndEnter(quota, '500');
    const period = await waitForStep(ctx.h, 3);
    assert.equal(period.totalSteps, 3, 'the last step: (3/3)');
    assert.notEqual(period.input, quota.input, 'Back from the period returns to the quota typed');
    await typeAndEnter(period, '1h');
    await running;
    const put = ctx.sandbox.requests.filter((r) => r.method === 'PUT').at(-1);
    assert.equal(put?.query.suppress_reset, '1', 'the live quota is kept');
    let stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.equal(stored?.session.quota_max, 500);
    assert.equal(stored?.session.quota_renewal_rate, 3600);

    running = vscode.commands.executeCommand('tyk.updateKey', row.node);
    await chooseAndEnter(await waitForStep(ctx.h, 1, 'Update the key'), ['Suspend']);
    await running;
    stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.equal(stored?.session.is_inactive, true);
  });

  it('rotates: a new key with the same rights and limits, inserted; the old one revoked after confirming', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const old = await createKeyThroughFlow(ctx.h, 'Payments API', 'rotate-test');
    const row = (await keysOf(ctx.h, 'Payments API')).find((k) => k.label === 'rotate-test');
    assert.ok(row);
    const editor = await openEditor('NEW=');
    ctx.dialogs.answers.choose = revokeOldKey;
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean } | undefined>('tyk.rotateKey', row.node);
    assert.deepEqual(result, { revokedOld: true });
    const fresh = editor.document.getText().slice('NEW='.length);
    assert.ok(fresh.length > 20 && fresh !== old.key, 'the new key is inserted');
    const stored = ctx.sandbox.keys().find((k) => k.key === fresh);
    assert.ok(stored, 'the new key exists');
    assert.equal(stored.session.alias, `rotate-test (rotated ${rotationDate(new Date())})`);
    assert.deepEqual(Object.keys(stored.session.access_rights as object), ['15ee07398c82a44fb7aa577183de3c1b'], 'the same API');
    assert.ok(!ctx.sandbox.keys().some((k) => k.key === old.key), 'the old key is revoked');
    assert.match(ctx.dialogs.choices.at(-1)?.message ?? '', /Revoke the old key/);
  });

  it('saved keys (opt-in): kept in SecretStorage, inserted again, removed on revoke, forgotten on demand', async () => {
    const config = vscode.workspace.getConfiguration('tyk');
    await config.update('rememberCreatedKeys', true, vscode.ConfigurationTarget.Global);
    try {
      await addConnection(ctx.h, ctx.sandbox);
      const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'saved-test');
      const saved = await ctx.h.services.savedKeys.list();
      assert.deepEqual(saved.map((k) => [k.key, k.alias, k.apiNames]), [[created.key, 'saved-test', ['Petstore']]]);
      assert.ok(!JSON.stringify(ctx.h.context.globalState.keys().map((k) => ctx.h.context.globalState.get(k))).includes(created.key), 'not in global state');

      const editor = await openEditor('again: ');
      const { running: inserting } = await startInsertSavedKey();
      assert.equal(await inserting, created.key);
      assert.equal(editor.document.getText(), `again: ${created.key}`);

      const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'saved-test');
      assert.ok(row);
      await vscode.commands.executeCommand('tyk.revokeKey', row.node);
      assert.deepEqual(await ctx.h.services.savedKeys.list(), [], 'revoking removed the saved copy');

      await createKeyThroughFlow(ctx.h, 'Petstore');
      assert.equal((await ctx.h.services.savedKeys.list()).length, 1);
      await vscode.commands.executeCommand('tyk.forgetSavedKeys');
      assert.deepEqual(await ctx.h.services.savedKeys.list(), []);
    } finally {
      await config.update('rememberCreatedKeys', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('every wait on the server can be cancelled from its progress notification: details, search, update, revoke (a write: it may have been done)', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    await createKeyThroughFlow(ctx.h, 'Petstore', 'cancel-test');
    const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'cancel-test');
    assert.ok(row);
    const [root] = await ctx.h.tree.getChildren(undefined);
    const LATENCY_MS = 5000;
    /**
     * Waits for the command's progress notification, presses its Cancel, and checks the command stopped
     * then: silently after a read; after a write the server had received, with one warning that it may
     * have been done.
     */
    const cancelIt = async (what: string, running: Thenable<unknown>, began: () => number, write?: RegExp): Promise<void> => {
      const warnings = ctx.dialogs.warnings.length;
      await waitFor(`the progress notification of ${what}`, () => ctx.h.cancelProgress() > 0);
      await running;
      const waited = Date.now() - began();
      assert.ok(waited < LATENCY_MS - 1000, `${what} stopped at Cancel (after ${waited} ms), not when the server answered`);
      assert.deepEqual(ctx.dialogs.errors, [], `${what}: a cancel is not an error`);
      const said = ctx.dialogs.warnings.slice(warnings);
      if (write) {
        assert.equal(said.length, 1, `${what}: one warning`);
        assert.match(said[0] ?? '', write);
      } else {
        assert.deepEqual(said, [], `${what}: a cancelled read is silent`);
      }
    };
    const confirm = ctx.h.dialogs.confirm.bind(ctx.h.dialogs);
    try {
      ctx.sandbox.setLatency(LATENCY_MS);
      let began = Date.now();
      await cancelIt('Show Key Details', vscode.commands.executeCommand('tyk.showKeyDetails', row.node), () => began);
      assert.equal(ctx.h.services.keyViews.viewOf((row.node as { connection: { id: string } }).connection.id, (row.node as { listedId: string }).listedId), undefined, 'no key view');

      const searching = vscode.commands.executeCommand('tyk.searchApis', root);
      await typeAndEnter(await waitForStep(ctx.h, 1, 'Search APIs'), 'Pet');
      began = Date.now();
      await cancelIt('Search APIs', searching, () => began);

      // Update: the key is read quickly; the PUT is the slow part.
      ctx.sandbox.setLatency(0);
      const updating = vscode.commands.executeCommand('tyk.updateKey', row.node);
      const choice = await waitForStep(ctx.h, 1, 'Update the key');
      ctx.sandbox.setLatency(LATENCY_MS);
      began = Date.now();
      await chooseAndEnter(choice, ['Suspend']);
      await cancelIt('Update Key', updating, () => began, /^Cancelled while the request to update the key \S+ was under way: the Tyk Dashboard at \S+ may have done it anyway\. Refresh to see\.$/);

      // Revoke: the key is read quickly; the DELETE, after the confirmation, is the slow part.
      ctx.sandbox.setLatency(0);
      ctx.h.dialogs.confirm = (...args) => {
        ctx.sandbox.setLatency(LATENCY_MS);
        began = Date.now();
        return confirm(...args);
      };
      began = 0;
      await cancelIt('Revoke Key', vscode.commands.executeCommand('tyk.revokeKey', row.node), () => began, /^Cancelled while the request to revoke the key \S+ was under way/);
      assert.ok(began > 0 && ctx.dialogs.confirms.some((m) => /Revoke the key “cancel-test”/.test(m)), 'cancelled after the confirmation, during the DELETE');
      assert.ok(!ctx.dialogs.infos.some((m) => /^Revoked the key/.test(m)), 'not reported as revoked');
    } finally {
      ctx.h.dialogs.confirm = confirm;
      ctx.sandbox.setLatency(0);
    }
  });

  it('with saving off (the default), nothing of the key is kept', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    await createKeyThroughFlow(ctx.h, 'Petstore');
    assert.deepEqual(await ctx.h.services.savedKeys.list(), []);
  });
});

describe('Rotate Key…: asks first, names the new key apart, never revokes by default, replaces the old key in the open editors', () => {
  const ctx = useSandboxSuite();
  const today = (): string => rotationDate(new Date());

  /** A key created through the flow (inserted into an editor of its own), and its row under Keys. */
  async function keyToRotate(alias: string): Promise<{ old: { key: string }; node: Node }> {
    await addConnection(ctx.h, ctx.sandbox);
    const old = await createKeyThroughFlow(ctx.h, 'Petstore', alias);
    const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === alias);
    assert.ok(row, `${alias} is listed`);
    return { old, node: row.node };
  }

  it('asks before creating anything, saying what happens; Cancel creates nothing', async () => {
    const { node } = await keyToRotate('ask-first');
    const before = ctx.sandbox.keys().length;
    const posts = ctx.sandbox.requests.filter((r) => r.method === 'POST').length;
    ctx.dialogs.answers.confirm = false;
    const result = await vscode.commands.executeCommand('tyk.rotateKey', node);
    assert.equal(result, undefined, 'no rotation');
    assert.deepEqual(ctx.dialogs.confirms, [`Rotate the key “ask-first” (${maskKey(ctx.sandbox.keys()[0]?.key ?? '')})?`], 'one question, naming the key');
    const [detail = ''] = ctx.dialogs.confirmDetails;
    assert.match(detail, new RegExp(`same access rights, limits, policies and expiry is created, named “ask-first \\(rotated ${today()}\\)”`));
    assert.match(detail, /The old key keeps working until you revoke it/);
    assert.equal(ctx.sandbox.keys().length, before, 'no key created');
    assert.equal(ctx.sandbox.requests.filter((r) => r.method === 'POST').length, posts, 'nothing sent');
    assert.deepEqual(ctx.dialogs.choices, [], 'nothing asked about an old key');
    assert.deepEqual(ctx.dialogs.errors, [], 'a cancel is not an error');
  });

  it('the new key is named apart; the question about the old key has Keep first (the default), and Escape keeps it', async () => {
    const { old, node } = await keyToRotate('two-rows');
    ctx.dialogs.answers.confirm = true;
    await openEditor('');
    const result = await vscode.commands.executeCommand('tyk.rotateKey', node);
    assert.deepEqual(result, { revokedOld: false }, 'Escape revokes nothing');
    assert.deepEqual(
      ctx.dialogs.choices.map((c) => [c.message, c.answers]),
      [[`Revoke the old key “two-rows” (${maskKey(old.key)}) now?`, ['Keep Old Key', 'Revoke Old Key']]],
      'the destructive answer is never the first (the default of a modal)',
    );
    assert.ok(ctx.sandbox.keys().some((k) => k.key === old.key), 'the old key still works');
    const aliases = ctx.sandbox.keys().map((k) => k.session.alias).sort();
    assert.deepEqual(aliases, ['two-rows', `two-rows (rotated ${today()})`], 'two keys, told apart by their aliases');
    const labels = (await keysOf(ctx.h, 'Petstore')).map((k) => k.label).sort();
    assert.deepEqual(labels, aliases, 'and so are their rows');
    assert.ok(ctx.dialogs.infos.some((m) => /^The old key “two-rows” .* still works/.test(m)), 'said so');

    // Keep Old Key picked (Enter): the same.
    ctx.dialogs.answers.choose = (_message, answers) => answers[0];
    const again = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'two-rows');
    assert.ok(again);
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', again.node), { revokedOld: false });
    assert.equal(ctx.sandbox.keys().length, 3, 'nothing revoked');
  });

  it('replaces the old key with the new one in the open editors, in one edit, saying how many places in how many files', async () => {
    const { old, node } = await keyToRotate('replace-test');
    const flowEditor = vscode.window.activeTextEditor;
    assert.equal(flowEditor?.document.getText(), old.key);
    const env = await openEditor(`TYK_KEY=${old.key}\nAuthorization: ${old.key}\n`);
    const other = await openEditor(`not the key: x${old.key}x\n`);
    const target = await openEditor('new: ');
    ctx.dialogs.answers.confirm = true;
    ctx.dialogs.answers.choose = revokeOldKey;
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', node), { revokedOld: true });
    const fresh = target.document.getText().slice('new: '.length);
    assert.ok(ctx.sandbox.keys().some((k) => k.key === fresh), 'the new key, inserted at the cursor');

    const asked = ctx.dialogs.confirms.findIndex((m) => m.startsWith('Replace the old key “replace-test”'));
    assert.ok(asked > 0, `asked after the rotation question: ${ctx.dialogs.confirms.join(' | ')}`);
    assert.equal(ctx.dialogs.confirms[asked], `Replace the old key “replace-test” (${maskKey(old.key)}) with the new one in the open editors?`);
    assert.match(ctx.dialogs.confirmDetails[asked] ?? '', /^The old key is in 3 places in 2 files \(Untitled-\d+, Untitled-\d+\)\. The new key replaces it there in one edit; Undo puts it back\.$/);
    assert.equal(flowEditor?.document.getText(), fresh, 'replaced where the flow inserted it');
    assert.equal(env.document.getText(), `TYK_KEY=${fresh}\nAuthorization: ${fresh}\n`, 'and in the other open editor, every place');
    assert.equal(other.document.getText(), `not the key: x${old.key}x\n`, 'never inside a longer word');
    assert.match(ctx.dialogs.choices[0]?.detail ?? '', /The new key replaced it in 3 places in 2 files/);
    assert.ok(ctx.h.logLines.some((l) => /Replaced the old key .* in 3 places in 2 open documents/.test(l)));
  });
});

describe('Rotate Key… on a server that hashes keys (and lists them)', () => {
  const ctx = useSandboxSuite({ confirm: true }, { hashKeys: true, hashKeyFunction: 'murmur64', hashedKeyListing: true });

  it('a key created here is found in the open editors by its fingerprint (Undo takes the replacement back); one created elsewhere cannot be found, and it says so', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const mine = await createKeyThroughFlow(ctx.h, 'Petstore', 'hashed-mine');
    const flowEditor = vscode.window.activeTextEditor;
    const foreign = createKeyElsewhere(ctx.sandbox, 'Petstore');
    const rows = await keysOf(ctx.h, 'Petstore');
    const row = rows.find((k) => k.label === 'hashed-mine');
    assert.ok(row && (row.node as { listedId?: string }).listedId === mine.keyHash, `listed by its hash: ${rows.map((k) => k.label).join(', ')}`);
    await openEditor('');
    assert.deepEqual(await vscode.commands.executeCommand('tyk.rotateKey', row.node), { revokedOld: false });
    const fresh = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(ctx.sandbox.keys().some((k) => k.key === fresh));
    assert.equal(flowEditor?.document.getText(), fresh, 'the old key replaced where it was inserted');
    assert.match(ctx.dialogs.confirmDetails.at(-1) ?? '', /^The old key is in 1 place in Untitled-\d+\./);
    assert.ok(flowEditor);
    await vscode.window.showTextDocument(flowEditor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(flowEditor.document.getText(), mine.key, 'Undo puts the old key back');
    assert.ok(!ctx.h.logLines.join('\n').includes(mine.key), 'the old key is never logged in full');

    const other = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label !== 'hashed-mine' && !k.label.startsWith('hashed-mine') && k.item.contextValue === 'key');
    assert.ok(other, 'the key created elsewhere is listed');
    await openEditor(`elsewhere: ${foreign.key}`);
    const confirms = ctx.dialogs.confirms.length;
    await vscode.commands.executeCommand('tyk.rotateKey', other.node);
    assert.equal(ctx.dialogs.confirms.length, confirms + 1, 'asked first, then no offer to replace');
    assert.match(ctx.dialogs.choices.at(-1)?.detail ?? '', /Where the old key is used cannot be found automatically .*replace it by hand\./);
  });
});

describe('Keys on a server that hashes keys and does not list them', () => {
  const ctx = useSandboxSuite({ confirm: true }, { hashKeys: true, hashKeyFunction: 'murmur64' });

  it('says so in plain words, and still shows (and revokes) the keys created here, by hash', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'hashed-test');
    assert.ok(created.keyHash);
    const keys = await keysOf(ctx.h, 'Petstore');
    assert.match(keys[0]?.label ?? '', /hashes keys and does not list them/);
    const row = keys.find((k) => k.label === 'hashed-test');
    assert.ok(row, 'the key created here is shown by its alias');
    assert.match(String(row.item.description), /by hash/);
    const doc = await showDetailsJson(ctx.h, row.node);
    assert.match(doc.getText(), /"alias": "hashed-test"/);
    await vscode.commands.executeCommand('tyk.revokeKey', row.node);
    assert.equal(ctx.sandbox.keys().length, 0);
    assert.ok(!(await keysOf(ctx.h, 'Petstore')).some((k) => k.label === 'hashed-test'));
  });
});

describe('Keys on Tyk as it ships (tyk.conf.example: hashed keys, no listing; 5.12 bodies; an open-source Gateway; Tyk-shaped objects)', () => {
  const ctx = useSandboxSuite({ confirm: true }, { ...TYK_CONF_EXAMPLE, tykSeries: '5.12', openSourceGateway: true, tykShapes: true });

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: file-style APIs are active, a policy file without \`active\` is usable, and a key is created, read and revoked by hash`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      // The Dashboard lists it on a later page: wait for the catalog.
      const file = (await waitFor(`${SAMPLE_SHAPES.fileApp.name} in the tree`, async () => (await apiNodes(ctx.h)).get(SAMPLE_SHAPES.fileApp.name))) as { api?: { active: boolean } };
      assert.ok(file?.api, `${SAMPLE_SHAPES.fileApp.name} is listed`);
      assert.equal(file.api.active, true, 'a definition without active is served, so shown active');
      const [connection] = ctx.h.services.store.list();
      assert.ok(connection);
      const policies = await ctx.h.services.policies.get(connection);
      assert.equal(policies.find((p) => p.id === SAMPLE_SHAPES.policies.file.id)?.active, true, 'usable: only is_inactive suspends a policy');
      assert.equal(policies.find((p) => p.id === SAMPLE_SHAPES.policies.suspended.id)?.active, false);

      const created = await createKeyThroughFlow(ctx.h, 'Petstore', `shipped-${kind}`);
      assert.ok(created.keyHash, 'Tyk answers with the key hash');
      const keys = await keysOf(ctx.h, 'Petstore');
      assert.match(keys[0]?.label ?? '', /hashes keys and does not list them/);
      const row = keys.find((k) => k.label === `shipped-${kind}`);
      assert.ok(row, 'the key created here is shown, by hash');
      const doc = await showDetailsJson(ctx.h, row.node);
      assert.match(doc.getText(), new RegExp(`"alias": "shipped-${kind}"`));
      await vscode.commands.executeCommand('tyk.revokeKey', row.node);
      assert.ok(!ctx.sandbox.keys().some((k) => k.key === created.key), 'revoked on the server');
    });
  }
});

describe('A key’s state in the tree: suspended and expired keys look so, and stay true after Refresh and Update Key', () => {
  const ctx = useSandboxSuite({ confirm: true });

  /** A key stored on the server directly (another tool, the Dashboard's UI), granting `apis`, with these session fields. */
  const serverKey = (alias: string, fields: Record<string, unknown>, apis: ReadonlyArray<{ apiId: string; name: string }> = [SAMPLE.petstore]): string =>
    storeKey(ctx.sandbox, alias, fields, apis);

  /** A change made elsewhere: the session read and written back through the Dashboard API. */
  const changeElsewhere = async (key: string, fields: Record<string, unknown>): Promise<void> => {
    const url = `${ctx.sandbox.dashboardUrl}/api/keys/${encodeURIComponent(key)}`;
    const headers = { authorization: ctx.sandbox.credential, 'content-type': 'application/json' };
    const read = (await (await fetch(url, { headers })).json()) as { data: Record<string, unknown> };
    const written = await fetch(`${url}?suppress_reset=1`, { method: 'PUT', headers, body: JSON.stringify({ ...read.data, ...fields }) });
    assert.equal(written.status, 200, await written.text());
  };

  const rowsOf = async (apiName: string): Promise<Map<string, ReturnType<typeof look>>> => new Map((await keysOf(ctx.h, apiName)).map((r) => [r.label, look(r.item)]));

  const ACTIVE_NEVER = 'State: active, never expires';
  const SUSPENDED = 'State: suspended. Tyk refuses calls made with it until it is reactivated (Update Key…).';

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: each key shows its state (icon, colour, word, hover); a change made elsewhere shows after Refresh`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      // Tyk takes no expiry in the past (gateway/api.go handleAddOrUpdate): a key expires by time passing.
      const expires = Math.floor(Date.now() / 1000) + 2;
      const active = serverKey('state-active', {});
      const suspended = serverKey('state-suspended', { is_inactive: true });
      const expiring = serverKey('state-expiring', { expires });
      const expiry = new Date(expires * 1000).toISOString();

      let rows = await rowsOf('Petstore');
      assert.deepEqual(rows.get('state-active'), {
        icon: 'key',
        color: undefined,
        description: maskKey(active),
        tooltip: `**state\\-active**\n\nKey: \`${maskKey(active)}\` (masked)\n\nGrants Petstore\n\n${ACTIVE_NEVER}`,
        spoken: 'Key state-active',
      });
      assert.deepEqual(rows.get('state-suspended'), {
        icon: 'debug-pause',
        color: 'list.warningForeground',
        description: `${maskKey(suspended)} · suspended`,
        tooltip: `**state\\-suspended**\n\nKey: \`${maskKey(suspended)}\` (masked)\n\nGrants Petstore\n\n${SUSPENDED}`,
        spoken: 'Key state-suspended, suspended',
      });
      const before = rows.get('state-expiring');
      assert.deepEqual([before?.icon, before?.description], ['key', maskKey(expiring)], 'not expired yet');
      assert.ok(before?.tooltip.endsWith(`State: active, expires on ${expiry}`), before?.tooltip);

      // Elsewhere, the active key is suspended; meanwhile the other key's expiry passes.
      await changeElsewhere(active, { is_inactive: true });
      await waitFor('the expiry to pass', () => Date.now() > expires * 1000, 5000);
      const [root] = await ctx.h.tree.getChildren();
      await vscode.commands.executeCommand('tyk.refresh', root);
      rows = await rowsOf('Petstore');
      assert.deepEqual(rows.get('state-expiring'), {
        icon: 'watch',
        color: 'list.errorForeground',
        description: `${maskKey(expiring)} · expired`,
        tooltip: `**state\\-expiring**\n\nKey: \`${maskKey(expiring)}\` (masked)\n\nGrants Petstore\n\nState: expired on ${expiry}. Tyk refuses calls made with it.`,
        spoken: 'Key state-expiring, expired',
      });
      assert.deepEqual([rows.get('state-active')?.icon, rows.get('state-active')?.description], ['debug-pause', `${maskKey(active)} · suspended`], 'Refresh reads the change');
    });
  }

  it('a key that expires while it is shown is drawn again, expired, with no Refresh', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const expires = Math.floor(Date.now() / 1000) + 2;
    serverKey('state-soon', { expires });
    serverKey('state-later', { expires: expires + 3600 });
    assert.equal((await rowsOf('Petstore')).get('state-soon')?.icon, 'key', 'active while shown');
    const redrawn: unknown[] = [];
    const listening = ctx.h.tree.onDidChangeTreeData((n) => redrawn.push(n));
    try {
      const keysNode = await waitFor('the Keys node drawn again after the expiry', () => redrawn.find((n) => (n as { type?: string } | undefined)?.type === 'keys'), 6000);
      assert.ok(Date.now() > expires * 1000, 'not before it');
      const rows = await children(ctx.h, keysNode);
      assert.deepEqual(
        rows.map((r) => [r.label, look(r.item).icon]),
        [
          ['state-soon', 'watch'],
          ['state-later', 'key'],
        ],
      );
      assert.equal(ctx.sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/keys')).length, 1, 'drawn from the list read before: nothing fetched');
    } finally {
      listening.dispose();
    }
  });

  it('Update Key… (suspend, reactivate): the key’s rows under every API it grants say so at once', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    serverKey('state-two-apis', {}, [SAMPLE.petstore, SAMPLE.payments]);
    assert.equal((await rowsOf('Payments API')).get('state-two-apis')?.icon, 'key', 'listed (and cached) under Payments API');
    for (const [choice, icon, spokenState] of [
      ['Suspend', 'debug-pause', ', suspended'],
      ['Reactivate', 'key', ''],
    ] as const) {
      const row = (await keysOf(ctx.h, 'Petstore')).find((k) => k.label === 'state-two-apis');
      assert.ok(row);
      const running = vscode.commands.executeCommand('tyk.updateKey', row.node);
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Update the key'), [choice]);
      await running;
      for (const api of ['Petstore', 'Payments API']) {
        assert.deepEqual([(await rowsOf(api)).get('state-two-apis')?.icon, (await rowsOf(api)).get('state-two-apis')?.spoken], [icon, `Key state-two-apis${spokenState}`], `${choice}: under ${api}`);
      }
    }
  });
});

describe('A key’s state on a Dashboard that hashes keys and lists them (by hash)', () => {
  const ctx = useSandboxSuite({}, { hashKeys: true, hashedKeyListing: true });

  it('reads each listed hash’s state: the first as a key then as a hash, the others as hashes at once', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const rights = { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } };
    const base = { org_id: ctx.sandbox.orgId, rate: 10, per: 1, quota_max: -1, expires: -1, access_rights: rights };
    const hashes = [
      ctx.sandbox.createKey({ ...base, alias: 'hashed-active' }).hash,
      ctx.sandbox.createKey({ ...base, alias: 'hashed-suspended', is_inactive: true }).hash,
      ctx.sandbox.createKey({ ...base, alias: 'hashed-also-suspended', is_inactive: true }).hash,
    ];
    const rows = await keysOf(ctx.h, 'Petstore');
    assert.deepEqual(
      rows.map((r) => [r.label, r.item.description]).sort(),
      [
        ['hashed-active', maskKey(hashes[0] ?? '')],
        ['hashed-also-suspended', `${maskKey(hashes[2] ?? '')} · suspended`],
        ['hashed-suspended', `${maskKey(hashes[1] ?? '')} · suspended`],
      ],
    );
    const reads = ctx.sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/keys/'));
    assert.equal(reads.length, hashes.length + 1, `one read per hash, and the first tried as a key: ${reads.map((r) => r.url).join(', ')}`);
    assert.equal(reads.filter((r) => r.query.hashed === '1').length, hashes.length);
  });
});
