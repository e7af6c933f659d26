// Policies and search in the real VS Code: the Policies node, Create Key from Policy, Search APIs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import type { TykNode } from '../../src/app/nodes';
import { addConnection, chooseAndEnter, labelText, openEditor, pickLabels, pressEnter, typeAndEnter, useSandboxSuite, waitFor, waitForStep } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

async function rows(h: TestHooks, parent?: unknown): Promise<Array<{ node: Node; label: string; item: vscode.TreeItem }>> {
  const [connection] = h.services.store.list();
  if (parent && connection) {
    await h.services.catalog.all(connection).catch(() => undefined);
  }
  const nodes = await h.tree.getChildren(parent as Node);
  return nodes.map((node) => {
    const item = h.tree.getTreeItem(node);
    return { node, label: labelText(item.label), item };
  });
}

describe('Policies', () => {
  const ctx = useSandboxSuite({ confirm: true });

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: a Policies node lists the policies with their state and APIs`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      const [root] = await rows(ctx.h);
      const children = await rows(ctx.h, root?.node);
      const policiesNode = children.at(-1);
      assert.equal(policiesNode?.label, 'Policies');
      const policies = await rows(ctx.h, policiesNode?.node);
      assert.deepEqual(
        policies.map((p) => [p.label, p.item.description]),
        [
          ['Gold plan', '2 APIs'],
          ['Petstore read-only', '1 API'],
        ],
      );
      assert.equal(policies[0]?.item.contextValue, 'policy');
      assert.match((policies[0]?.item.tooltip as vscode.MarkdownString).value, /takes its rights, limits and expiry from it/);
    });
  }

  it('Create Key from Policy (right-click a policy): only an alias is asked; the key applies the policy', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const [root] = await rows(ctx.h);
    const policiesNode = (await rows(ctx.h, root?.node)).find((r) => r.label === 'Policies');
    const gold = (await rows(ctx.h, policiesNode?.node)).find((r) => r.label === 'Gold plan');
    assert.ok(gold);
    const editor = await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyFromPolicy', gold.node);
    const alias = await waitForStep(ctx.h, 1);
    assert.deepEqual([alias.step, alias.totalSteps], [undefined, undefined], 'one prompt: no step counter');
    assert.match(alias.input.value, /^gold-plan-\d{8}-\d{4}$/);
    await typeAndEnter(alias, 'from-gold');
    const created = await running;
    assert.ok(created);
    assert.equal(editor.document.getText(), created.key);
    const post = ctx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/keys').at(-1);
    const body = JSON.parse(post?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(body.apply_policies, ['9f449b1c99dcdf8dc1adb7c1']);
    assert.equal(body.alias, 'from-gold');
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.ok(stored && Object.keys(stored.session.access_rights as object).length === 2, 'the policy’s APIs are granted');
  });

  it('Create Key from the palette: “from a policy” as the first step', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    await openEditor('');
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey');
    const grant = await waitForStep(ctx.h, 1);
    const picker = grant.input as vscode.QuickPick<vscode.QuickPickItem>;
    const readOnly = picker.items.find((i) => /Petstore read-only/.test(i.label));
    assert.ok(readOnly, `offered: ${pickLabels(grant).join(', ')}`);
    assert.match(String(readOnly.detail), /sets the key’s rights, limits and expiry/);
    picker.activeItems = [readOnly];
    await pressEnter();
    const alias = await waitForStep(ctx.h, 2);
    assert.equal(alias.totalSteps, 2);
    await pressEnter();
    const created = await running;
    const stored = ctx.sandbox.keys().find((k) => k.key === created?.key);
    assert.deepEqual(stored?.session.apply_policies, ['petstore-read-only']);
  });
});

describe('Search APIs', () => {
  const ctx = useSandboxSuite({}, { apis: 300 });

  it('uses the Dashboard’s search and shows the results in the tree, until cleared', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const [root] = await rows(ctx.h);
    const all = await rows(ctx.h, root?.node);
    assert.match(all.find((r) => /^Load more APIs/.test(r.label))?.label ?? '', /Load more APIs… \(200 of \d+ shown\)/, 'a big catalog shows 200 APIs, then Load more');
    const before = ctx.sandbox.requests.length;
    const searching = vscode.commands.executeCommand<number>('tyk.searchApis', root?.node);
    await typeAndEnter(await waitForStep(ctx.h, 1, 'Search APIs'), 'petstore');
    assert.equal(await searching, 1);
    const searches = ctx.sandbox.requests.slice(before).filter((r) => r.path === '/api/apis/search');
    assert.deepEqual(searches.map((r) => r.query.q), ['petstore'], 'the server searched');
    const found = await rows(ctx.h, root?.node);
    assert.match(found[0]?.label ?? '', /^Search “petstore”: 1 API/);
    assert.equal(found[0]?.item.command?.command, 'tyk.clearSearch');
    assert.deepEqual(found.slice(1).map((r) => r.label), ['Petstore', 'Policies']);

    const generated = vscode.commands.executeCommand<number>('tyk.searchApis', root?.node);
    await typeAndEnter(await waitForStep(ctx.h, 1, 'Search APIs'), 'Generated API 0287');
    assert.equal(await generated, 1, 'finds an API beyond the ones shown');

    await vscode.commands.executeCommand('tyk.clearSearch', root?.node);
    const cleared = await rows(ctx.h, root?.node);
    assert.ok(cleared.length > 200, 'the whole catalog again');
  });

  it('state updates itself: Refresh and a new credential drop the search; a changed key list redraws only its Keys node; every node knows its parent', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox);
    const [root] = await rows(ctx.h);
    const search = async (): Promise<void> => {
      const searching = vscode.commands.executeCommand<number>('tyk.searchApis', root?.node);
      await typeAndEnter(await waitForStep(ctx.h, 1, 'Search APIs'), 'petstore');
      await searching;
      assert.match((await rows(ctx.h, root?.node))[0]?.label ?? '', /^Search “petstore”/);
    };
    await search();
    await vscode.commands.executeCommand('tyk.refresh', root?.node);
    assert.doesNotMatch((await rows(ctx.h, root?.node))[0]?.label ?? '', /^Search/, 'Refresh shows the catalog afresh, not the old search');
    await search();
    await ctx.h.services.store.setCredential(connection.id, ctx.sandbox.credential);
    assert.doesNotMatch((await rows(ctx.h, root?.node))[0]?.label ?? '', /^Search/, 'a new credential drops what was loaded with the old one');

    // Parents: API → connection, Keys → API, version → API, Policies → connection, policy → Policies.
    const apis = await rows(ctx.h, root?.node);
    const payments = apis.find((r) => r.label === 'Payments API');
    assert.ok(payments);
    const under = await rows(ctx.h, payments.node);
    const keys = under.find((r) => r.label === 'Keys');
    const version = under.find((r) => r.item.contextValue === 'version');
    assert.ok(keys && version, under.map((r) => r.label).join(', '));
    assert.equal(ctx.h.tree.getParent(payments.node as TykNode), root?.node);
    assert.equal(ctx.h.tree.getParent(keys.node as TykNode), payments.node);
    assert.equal(ctx.h.tree.getParent(version.node as TykNode), payments.node);
    const policiesNode = apis.find((r) => r.label === 'Policies');
    assert.ok(policiesNode);
    const [policy] = await rows(ctx.h, policiesNode.node);
    assert.ok(policy);
    assert.equal(ctx.h.tree.getParent(policy.node as TykNode), policiesNode.node);

    // A key list that changes redraws its Keys node, not the whole tree.
    const redrawn: unknown[] = [];
    const listening = ctx.h.tree.onDidChangeTreeData((n) => redrawn.push(n));
    try {
      await rows(ctx.h, keys.node);
      ctx.h.services.keyLists.invalidate(connection.id, (keys.node as { api: { apiId: string } }).api.apiId);
      await waitFor('the Keys node redrawn', () => redrawn.length > 0);
      assert.deepEqual(redrawn, [keys.node], 'only the Keys node of that API');
    } finally {
      listening.dispose();
    }
  });

  it('Create Key while the catalog loads: the picker asks the server for what is typed, and keeps what it found on Back', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    ctx.sandbox.setLatency(1500);
    try {
      const running = vscode.commands.executeCommand('tyk.createKey');
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Create a Tyk key'), /Choose the APIs/);
      const step = await waitForStep(ctx.h, 2, 'Create a Tyk key');
      const picker = step.input as vscode.QuickPick<vscode.QuickPickItem>;
      const listed = (): string[] => picker.items.map((i) => i.label);
      assert.ok(!listed().includes('Generated API 0287'), 'not among the first page');

      // A search that is overtaken by a shorter text does not leave the spinner on.
      picker.value = 'Gen';
      await waitFor('the search running', () => picker.busy || undefined);
      picker.value = 'G';
      await waitFor('the spinner off: too short to search, the running search no longer awaited', () => !picker.busy || undefined);
      picker.value = 'Generated API 0287';
      await waitFor('the server’s answer in the list', () => listed().includes('Generated API 0287') || undefined);
      await waitFor('the spinner off', () => !picker.busy || undefined);

      await chooseAndEnter(step, ['Generated API 0287']);
      await waitForStep(ctx.h, 3, 'Create a Tyk key');
      await vscode.commands.executeCommand('workbench.action.quickInputBack');
      const again = await waitForStep(ctx.h, 2, 'Create a Tyk key');
      const back = again.input as vscode.QuickPick<vscode.QuickPickItem>;
      assert.deepEqual(
        back.selectedItems.map((i) => i.label),
        ['Generated API 0287'],
        'still listed and checked after Back',
      );
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await running;
    } finally {
      ctx.sandbox.setLatency(0);
    }
  });

  it('Load more shows the next APIs', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const [root] = await rows(ctx.h);
    const first = await rows(ctx.h, root?.node);
    const more = first.find((r) => /^Load more APIs/.test(r.label));
    assert.ok(more?.item.command);
    await vscode.commands.executeCommand(more.item.command.command, ...((more.item.command.arguments ?? []) as unknown[]));
    const next = await rows(ctx.h, root?.node);
    assert.ok(next.filter((r) => r.item.contextValue?.startsWith('api')).length > 200);
    assert.ok(!next.some((r) => /^Load more APIs/.test(r.label)), 'everything is shown now');
  });
});
