// Issue 15.11 in the real VS Code: policies expand to the APIs they grant; a connection can be renamed and
// moved to another address (its credential follows only when the user says so); Open in Dashboard opens
// the Dashboard's own page for the node, nothing for a Gateway.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import { addConnection, chooseAndEnter, labelText, messageText, typeAndEnter, useSandboxSuite, waitFor, waitForStep } from './helpers';
import type { Connection } from '../../src/domain/connectionSettings';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

async function rows(h: TestHooks, parent?: Node): Promise<Array<{ node: Node; label: string; item: vscode.TreeItem }>> {
  const nodes = await h.tree.getChildren(parent);
  return nodes.map((node) => {
    const item = h.tree.getTreeItem(node);
    return { node, label: labelText(item.label), item };
  });
}

async function policyRow(h: TestHooks, name: string): Promise<{ node: Node; item: vscode.TreeItem }> {
  const [root] = await rows(h);
  const [connection] = h.services.store.list();
  assert.ok(connection && root);
  await h.services.catalog.all(connection);
  const policies = (await rows(h, root.node)).find((r) => r.label === 'Policies');
  const policy = (await rows(h, policies?.node)).find((r) => r.label === name);
  assert.ok(policy, `policy ${name}`);
  return policy;
}

describe('Connections and nodes: policies expand, Edit Connection…, Open in Dashboard', () => {
  const ctx = useSandboxSuite();

  for (const kind of ['dashboard', 'gateway'] as const) {
    it(`${kind}: a policy expands to the APIs it grants, each an API row of its own (leaf, unique id)`, async () => {
      await addConnection(ctx.h, ctx.sandbox, kind);
      const gold = await policyRow(ctx.h, 'Gold plan');
      assert.equal(gold.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const apis = await rows(ctx.h, gold.node);
      assert.deepEqual(apis.map((a) => a.label).sort(), ['Payments API', 'Petstore']);
      const [root] = await rows(ctx.h);
      const underConnection = new Set((await rows(ctx.h, root?.node)).map((r) => r.item.id));
      for (const api of apis) {
        assert.match(api.item.contextValue ?? '', /^api\b/, 'the API commands apply (Create Key…, Copy API ID)');
        assert.equal(api.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
        assert.ok(api.item.id && !underConnection.has(api.item.id), `unique id ${api.item.id}`);
        assert.equal(ctx.h.tree.getParent(api.node as NonNullable<Node>), gold.node);
      }
    });
  }

  it('a policy granting an API the server does not list names it and says so', async () => {
    const petstore = ctx.sandbox.apis().find((a) => a.name === 'Petstore');
    ctx.sandbox.addPolicy({
      id: 'orphan-policy',
      name: 'Orphan',
      access_rights: { 'gone-api': { api_id: 'gone-api', api_name: 'Retired API', versions: ['Default'] }, [String(petstore?.api_id)]: { api_id: String(petstore?.api_id), api_name: 'Petstore', versions: ['Default'] } },
    });
    await addConnection(ctx.h, ctx.sandbox);
    const orphan = await policyRow(ctx.h, 'Orphan');
    const apis = await rows(ctx.h, orphan.node);
    assert.deepEqual(apis.map((a) => a.label).sort(), ['Petstore', 'Retired API (not on this server)']);
    const retired = apis.find((a) => a.label.startsWith('Retired'));
    assert.match(typeof retired?.item.tooltip === 'string' ? retired.item.tooltip : '', /gone-api/);
  });

  it('Rename…: the new name in the tree and the setting; a name another connection has is refused in place', async () => {
    const first = await addConnection(ctx.h, ctx.sandbox);
    const second = await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const [node] = (await rows(ctx.h)).filter((r) => r.label === first.name);
    const running = vscode.commands.executeCommand<Connection>('tyk.editConnection', node?.node);
    const what = await waitForStep(ctx.h, 1, 'Edit Connection');
    await chooseAndEnter(what, ['Rename…']);
    const name = await waitForStep(ctx.h, 2, 'Rename');
    assert.equal(name.input.value, first.name);
    await typeAndEnter(name, second.name);
    await waitFor('the duplicate refused', () => /Another connection is called/.test(messageText((name.input as vscode.InputBox).validationMessage)));
    await typeAndEnter(name, 'Staging Dashboard');
    const renamed = await running;
    assert.equal(renamed.name, 'Staging Dashboard');
    assert.deepEqual(
      ctx.h.services.store.list().map((c) => c.name),
      ['Staging Dashboard', second.name],
    );
    assert.ok((await rows(ctx.h)).some((r) => r.label === 'Staging Dashboard'));
  });

  for (const keep of [true, false]) {
    it(`Change Address…: the APIs come from the new address; the credential ${keep ? 'follows when the user says it is the same server' : 'is asked for again otherwise'}`, async () => {
      const connection = await addConnection(ctx.h, ctx.sandbox);
      const moved = connection.url.replace('127.0.0.1', 'localhost');
      assert.notEqual(moved, connection.url);
      ctx.dialogs.answers.confirm = keep;
      const running = vscode.commands.executeCommand<Connection>('tyk.editConnection', (await rows(ctx.h))[0]?.node);
      await chooseAndEnter(await waitForStep(ctx.h, 1, 'Edit Connection'), ['Change Address…']);
      const address = await waitForStep(ctx.h, 2, 'Change Address');
      await typeAndEnter(address, 'ftp://nowhere');
      await waitFor('a wrong address refused in place', () => /http:\/\/ or https:\/\//.test(messageText((address.input as vscode.InputBox).validationMessage)));
      await typeAndEnter(address, moved);
      const edited = await running;
      assert.equal(edited.url, moved);
      assert.equal(ctx.h.services.store.get(connection.id)?.url, moved);
      assert.deepEqual(ctx.dialogs.confirms, [`Use the stored credential at ${moved}?`]);
      const stored = await ctx.h.services.store.storedCredential(connection.id);
      assert.equal(stored.moved, !keep);
      const [root] = await rows(ctx.h);
      const children = await rows(ctx.h, root?.node);
      if (keep) {
        assert.ok(children.some((r) => r.label === 'Petstore'), children.map((r) => r.label).join(', '));
        assert.ok(ctx.sandbox.requests.some((r) => String(r.headers.host).startsWith('localhost')), 'loaded from the new address');
      } else {
        assert.equal(children.length, 1);
        assert.match(children[0]?.label ?? '', /credential/i);
        assert.equal(children[0]?.item.command?.command, 'tyk.setCredential');
      }
    });
  }

  it('Open in Dashboard: the section of the node on the Dashboard; a Gateway has none', async () => {
    const dashboard = await addConnection(ctx.h, ctx.sandbox);
    const gold = await policyRow(ctx.h, 'Gold plan');
    const [root] = await rows(ctx.h);
    const petstore = (await rows(ctx.h, root?.node)).find((r) => r.label === 'Petstore');
    const keys = (await rows(ctx.h, petstore?.node)).find((r) => r.label === 'Keys');
    const opened = ctx.h.dialogs.opened;
    opened.length = 0;
    for (const node of [root?.node, petstore?.node, keys?.node, gold.node]) {
      await vscode.commands.executeCommand('tyk.openInDashboard', node);
    }
    assert.deepEqual(opened, [`${dashboard.url}/`, `${dashboard.url}/apis`, `${dashboard.url}/keys`, `${dashboard.url}/policies`]);
    await ctx.h.services.store.remove(dashboard.id);
    const gateway = await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const [gatewayRoot] = await rows(ctx.h);
    await vscode.commands.executeCommand('tyk.openInDashboard', gatewayRoot?.node);
    assert.equal(opened.length, 4, 'nothing opened for a Gateway');
    assert.deepEqual(ctx.dialogs.infos, [`${gateway.name} is an open-source Tyk Gateway: it has no Dashboard to open.`]);
  });
});
