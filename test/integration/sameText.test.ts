// One key's limits and dates read the same on every screen (issue 15): Create Key's choice, Update Key's
// choices and its message, the tree's policy hover and the key details — one formatter (src/domain/format.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import { addConnection, apiNodes, chooseAndEnter, labelText, openEditor, pressEnter, showDetailsJson, typeAndEnter, useSandboxSuite, waitForStep, type SuiteContext } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];
type Row = { node: Node; label: string; item: vscode.TreeItem };

async function children(h: TestHooks, node?: unknown): Promise<Row[]> {
  const nodes = await h.tree.getChildren(node as Node);
  return nodes.map((n) => {
    const item = h.tree.getTreeItem(n);
    return { node: n, label: labelText(item.label), item };
  });
}

/** The key of `apiName` listed under its Keys node by `alias`. */
async function keyRow(h: TestHooks, apiName: string, alias: string): Promise<Row> {
  const keys = (await children(h, (await apiNodes(h)).get(apiName))).find((c) => c.label === 'Keys');
  assert.ok(keys, `a Keys node under ${apiName}`);
  const row = (await children(h, keys.node)).find((k) => k.label === alias);
  assert.ok(row, `the key ${alias} is listed`);
  return row;
}

/** Update Key…'s first step: the description of each change, by its label; `close` leaves it (Escape). */
async function updateChoices(h: TestHooks, key: Row): Promise<{ descriptions: Map<string, string>; running: Thenable<unknown>; close: () => Promise<void> }> {
  const running = vscode.commands.executeCommand('tyk.updateKey', key.node);
  const first = await waitForStep(h, 1, 'Update the key');
  const input = first.input as vscode.QuickPick<vscode.QuickPickItem>;
  const close = async (): Promise<void> => {
    input.hide();
    // Escape ends the flow quietly: nothing was changed.
    await running.then(
      () => undefined,
      () => undefined,
    );
  };
  return { descriptions: new Map(input.items.map((i) => [i.label, i.description ?? ''])), running, close };
}

/** The summary of the key's details document. */
async function detailsSummary(h: TestHooks, key: Row): Promise<Record<string, unknown>> {
  const doc = await showDetailsJson(h, key.node);
  return (JSON.parse(doc.getText()) as { summary: Record<string, unknown> }).summary;
}

/** Sets a new expiry through Update Key… (7 days from now); returns what the message said it is. */
async function newExpiry(ctx: SuiteContext, key: Row): Promise<string> {
  const { running } = await updateChoices(ctx.h, key);
  await chooseAndEnter(await waitForStep(ctx.h, 1, 'Update the key'), /^Change expiry/);
  await chooseAndEnter(await waitForStep(ctx.h, 2, 'Update the key'), ['7 days']);
  await running;
  const told = ctx.dialogs.infos.at(-1) ?? '';
  const expires = /: expires (.+)\.$/.exec(told)?.[1];
  assert.ok(expires, `the message says when it expires: ${told}`);
  return expires;
}

describe('Limits and dates read the same on every screen', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('a key made with a preset: Create’s choice, Update’s choices and message, and the details say the same', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const node = (await apiNodes(ctx.h)).get('Petstore');
    await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
    let chosen = '';
    let current = await waitForStep(ctx.h, 1);
    for (;;) {
      const step = current.step ?? 1;
      const preset = current.kind === 'pick' ? (current.input as vscode.QuickPick<vscode.QuickPickItem>).items.find((i) => /per minute/.test(i.label)) : undefined;
      if (preset) {
        chosen = preset.label;
        await chooseAndEnter(current, [preset.label]);
      } else if (step === current.totalSteps) {
        await typeAndEnter(current, 'same-text-preset');
        break;
      } else {
        await pressEnter();
      }
      current = await waitForStep(ctx.h, step + 1);
    }
    assert.ok(await running, 'a key was created');
    assert.equal(chosen, '100 requests per minute, 10,000 requests a day', 'Create’s choice, in words');

    const key = await keyRow(ctx.h, 'Petstore', 'same-text-preset');
    const update = await updateChoices(ctx.h, key);
    assert.equal(update.descriptions.get('Change rate limit…'), '100 requests per minute');
    assert.equal(update.descriptions.get('Change quota…'), '10,000 requests a day');
    assert.equal(update.descriptions.get('Change expiry…'), 'never');
    assert.equal(`${update.descriptions.get('Change rate limit…')}, ${update.descriptions.get('Change quota…')}`, chosen, 'Update says what Create said');
    await update.close();

    const summary = await detailsSummary(ctx.h, key);
    assert.equal(summary.rate_limit, update.descriptions.get('Change rate limit…'), 'the details say what Update said');
    assert.equal(summary.quota, update.descriptions.get('Change quota…'));
    assert.equal(summary.expires, 'never');
    assert.equal(summary.quota_remaining, '10,000', 'a count, grouped');

    // A new expiry: the message, Update's next look and the details write the same date and time.
    const expires = await newExpiry(ctx, key);
    assert.doesNotMatch(expires, /T\d\d:\d\d:\d\d|Z$/, 'not an ISO timestamp');
    const stored = ctx.sandbox.keys().find((k) => k.session.alias === 'same-text-preset')?.session.expires;
    assert.equal(typeof stored, 'number');
    const local = new Date(Number(stored) * 1000);
    assert.match(expires, new RegExp(`\\b${local.getFullYear()}\\b`), 'the year');
    assert.match(expires, new RegExp(`\\b${local.getDate()}\\b`), 'the day of the month, in the user’s time zone');
    assert.equal((await detailsSummary(ctx.h, key)).expires, expires, 'the details say what the message said');
    const again = await updateChoices(ctx.h, key);
    assert.equal(again.descriptions.get('Change expiry…'), expires, 'and so does Update');
    await again.close();
  });

  it('a key from a policy: the policy’s hover, Create’s policy step, Update’s choices and the details say the same', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const [root] = await children(ctx.h);
    const policies = (await children(ctx.h, root?.node)).find((r) => r.label === 'Policies');
    const gold = (await children(ctx.h, policies?.node)).find((r) => r.label === 'Gold plan');
    assert.ok(gold);
    const limits = '100 requests per minute, 10,000 requests an hour';
    const hover = (gold.item.tooltip as vscode.MarkdownString).value;
    assert.ok(hover.includes(`Limits: ${limits}`), `the tree's hover: ${hover}`);

    await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey');
    const grant = await waitForStep(ctx.h, 1);
    const item = (grant.input as vscode.QuickPick<vscode.QuickPickItem>).items.find((i) => /Gold plan/.test(i.label));
    assert.ok(item?.detail?.includes(`(${limits})`), `Create's policy step: ${item?.detail}`);
    await chooseAndEnter(grant, /Gold plan/);
    await typeAndEnter(await waitForStep(ctx.h, 2), 'same-text-policy');
    assert.ok(await running, 'a key was created');

    const key = await keyRow(ctx.h, 'Petstore', 'same-text-policy');
    const update = await updateChoices(ctx.h, key);
    assert.equal(`${update.descriptions.get('Change rate limit…')}, ${update.descriptions.get('Change quota…')}`, limits, 'Update says what the policy said');
    await update.close();
    const summary = await detailsSummary(ctx.h, key);
    assert.equal(`${String(summary.rate_limit)}, ${String(summary.quota)}`, limits, 'and so do the details');
  });
});
