// The Tyk view's tree: connections, their APIs (lazily), versions, OAS versions, errors in place.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addConnection, labelText, sleep, useSandboxSuite } from './helpers';
import { startFaultProxy } from '../support/faultProxy';

/** A tree item's tooltip as text (a string, or a Markdown tooltip's source). */
function tooltipText(item: vscode.TreeItem | undefined): string {
  const tooltip = item?.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

describe('Tyk view', () => {
  const ctx = useSandboxSuite();

  /** Children of a node, once the catalog finished loading (the first render may come after page 1). */
  const items = async (parent?: unknown): Promise<Array<{ node: unknown; item: vscode.TreeItem }>> => {
    const [connection] = ctx.h.services.store.list();
    if (parent && connection) {
      await ctx.h.services.catalog.all(connection).catch(() => undefined);
    }
    const nodes = await ctx.h.tree.getChildren(parent as Parameters<typeof ctx.h.tree.getChildren>[0]);
    return nodes.map((node) => ({ node, item: ctx.h.tree.getTreeItem(node) }));
  };

  it('shows nothing fetched until a connection is expanded, then its APIs with path and auth kind', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const roots = await items();
    await sleep(100);
    assert.equal(ctx.sandbox.requests.length, 0, 'no request before the connection is expanded');
    const first = await ctx.h.tree.getChildren(roots[0]?.node as Parameters<typeof ctx.h.tree.getChildren>[0]);
    assert.ok(first.length >= 1, 'the first render comes with the first page');
    assert.equal(roots.length, 1);
    const root = roots[0];
    assert.ok(root);
    assert.equal(root.item.label, 'Sandbox dashboard');
    assert.equal(root.item.contextValue, 'connection.dashboard');
    assert.equal(root.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

    const apis = await items(root.node);
    const byLabel = new Map(apis.map((a) => [labelText(a.item.label), a]));
    assert.equal(apis.filter((a) => a.item.contextValue?.startsWith('api')).length, ctx.sandbox.apis().length - 2, 'OAS version APIs sit under their base API');
    assert.equal(labelText(apis.at(-1)?.item.label), 'Policies', 'and the policies come last');
    const petstore = byLabel.get('Petstore');
    assert.ok(petstore);
    assert.match(String(petstore.item.description), /^\/petstore\/ · auth token$/);
    assert.equal(petstore.item.contextValue, 'api');
    assert.match((petstore.item.tooltip as vscode.MarkdownString).value, /API ID: `b0ecd12b02af70293cd452b4bf5e4e37`/);

    const payments = byLabel.get('Payments API');
    assert.ok(payments);
    assert.equal(payments.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'several versions: expandable');
    const versions = await items(payments.node);
    assert.deepEqual(versions.map((v) => [v.item.label, v.item.description]), [
      ['v1', 'default'],
      ['v2', undefined],
      ['Keys', undefined],
    ]);

    const orders = byLabel.get('Orders API');
    assert.ok(orders);
    assert.equal(orders.item.contextValue, 'api.oas');
    const oasVersions = await items(orders.node);
    assert.deepEqual(oasVersions.map((v) => v.item.label), ['Orders API v2', 'Orders API v3', 'Keys']);
    const keyless = apis.find((a) => String(a.item.description).includes('keyless'));
    assert.ok(keyless, 'a keyless API');
    assert.equal(keyless.item.collapsibleState, vscode.TreeItemCollapsibleState.None, 'a keyless API has no Keys node');

    const inactive = apis.find((a) => String(a.item.description).includes('inactive'));
    assert.ok(inactive, 'an inactive API is marked');
    assert.match(String(inactive.item.contextValue), /\.inactive/);
    assert.notDeepEqual(inactive.item.iconPath, petstore.item.iconPath, 'and looks different');
    const internal = apis.find((a) => String(a.item.description).includes('internal'));
    assert.ok(internal && /\.internal/.test(String(internal.item.contextValue)));
  });

  it('renders from the cache; Refresh fetches again', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const [root] = await items();
    await items(root?.node);
    const afterFirst = ctx.sandbox.requests.length;
    assert.ok(afterFirst >= 2, 'the catalog was loaded (two pages of 10)');
    await items(root?.node);
    assert.equal(ctx.sandbox.requests.length, afterFirst, 'the second render makes no request');
    await vscode.commands.executeCommand('tyk.refresh', root?.node);
    await items(root?.node);
    assert.ok(ctx.sandbox.requests.length > afterFirst, 'refresh fetched again');
  });

  it('shows a load failure in place, with the way out', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', 'wrong-credential-999');
    const [root] = await items();
    const children = await items(root?.node);
    assert.equal(children.length, 1);
    const [error] = children;
    const label = labelText(error?.item.label);
    assert.match(label, /^The Tyk Dashboard rejected the credential[^.]*\.$/, 'the error’s first sentence: what went wrong');
    assert.equal(error?.item.description, 'click to update the credential');
    assert.match(tooltipText(error?.item), /^The Tyk Dashboard rejected the credential.* Click to update the credential\.$/);
    assert.ok(tooltipText(error?.item).startsWith(label), 'the tooltip has it in full');
    assert.equal(error?.item.command?.command, 'tyk.setCredential');
  });

  it('a failure reads as one sentence, with “click to retry” beside it and the error in full in its tooltip; the click retries', async () => {
    const proxy = await startFaultProxy({ target: ctx.sandbox.dashboardUrl });
    try {
      await ctx.h.services.store.add({ id: `refused-${Date.now().toString(36)}`, name: 'Behind a proxy', kind: 'dashboard', url: proxy.url }, ctx.sandbox.credential);
      await proxy.arm('listApis', 'refused');
      const [root] = await items();
      const [error, ...more] = await items(root?.node);
      assert.equal(more.length, 0);
      const label = labelText(error?.item.label);
      const tooltip = tooltipText(error?.item);
      assert.match(label, /^Could not list the APIs on the Tyk Dashboard at \S+: the connection was refused: is the server running on that port\?$/, 'one sentence, whole');
      assert.equal(error?.item.description, 'click to retry', 'and what a click does');
      assert.equal(tooltip, `${label} Click to retry.`, 'the error in full');
      assert.doesNotMatch(label, /Could not .*Could not/, 'not said twice');
      assert.deepEqual([error?.item.command?.command, error?.item.command?.title], ['tyk.refresh', 'Retry']);

      await proxy.disarm();
      const command = error?.item.command;
      assert.ok(command);
      await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
      const after = await items(root?.node);
      assert.ok(after.some((a) => labelText(a.item.label) === 'Petstore'), `the click loaded the APIs: ${after.map((a) => labelText(a.item.label)).join(', ')}`);
    } finally {
      await proxy.close();
    }
  });

  it('lists the APIs of a Gateway connection', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const [root] = await items();
    assert.equal(root?.item.contextValue, 'connection.gateway');
    const apis = await items(root?.node);
    assert.ok(apis.some((a) => a.item.label === 'Petstore'));
    assert.equal(ctx.sandbox.requests[0]?.headers['x-tyk-authorization'], ctx.sandbox.gatewaySecret);
  });

  it('a load shown as running always ends in its result: the tree redraws the connection when it settles', async () => {
    // Latency: the Dashboard's second page comes later than its first, so the first render shows Loading.
    ctx.sandbox.setLatency(300);
    for (const kind of ['gateway', 'dashboard'] as const) {
      await addConnection(ctx.h, ctx.sandbox, kind);
      const [root] = (await ctx.h.tree.getChildren()).filter((n) => n.type === 'connection' && n.connection.kind === kind);
      assert.ok(root);
      const redrawn: unknown[] = [];
      const listening = ctx.h.tree.onDidChangeTreeData((n) => redrawn.push(n));
      try {
        const first = (await ctx.h.tree.getChildren(root)).map((n) => labelText(ctx.h.tree.getTreeItem(n).label));
        if (kind === 'dashboard') {
          assert.ok(first.some((l) => l.startsWith('Loading')), `the first render shows the load running: ${first.join(', ')}`);
        }
        // Whatever the first render showed, once the load has settled the connection is drawn again…
        await ctx.h.services.catalog.all(root.connection);
        const deadline = Date.now() + 5000;
        while (first.some((l) => l.startsWith('Loading')) && !redrawn.includes(root) && Date.now() < deadline) {
          await sleep(25);
        }
        if (first.some((l) => l.startsWith('Loading'))) {
          assert.ok(redrawn.includes(root), `${kind}: the connection was redrawn after its load`);
        }
        // …and shows no Loading row.
        const after = (await ctx.h.tree.getChildren(root)).map((n) => labelText(ctx.h.tree.getTreeItem(n).label));
        assert.ok(!after.some((l) => l.startsWith('Loading')), `${kind}: ${after.join(', ')}`);
      } finally {
        listening.dispose();
      }
      await ctx.h.services.store.remove(root.connection.id);
    }
    ctx.sandbox.setLatency(0);
  });
});
