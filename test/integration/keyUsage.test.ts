// The key view's "Usage over time" in the real VS Code: read after the panel is shown, from the sandbox
// Dashboard's analytics (the calls its Gateway recorded), drawn by the page (its chart and table: the page
// says so), 7 / 30 days as the page's toggle asks; a key without traffic and a Gateway connection say so.
import * as assert from 'node:assert/strict';
import type { TestHooks } from './entry';
import type { KeyView } from '../../src/app/keyViews';
import { maskKey } from '../../src/domain/mask';
import { addConnection, apiNodes, createKeyThroughFlow, labelText, showKeyView, useSandboxSuite, waitFor } from './helpers';
import type { Sandbox } from '../sandbox/server';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

async function keyNode(h: TestHooks, apiName: string, key: string, connectionName?: string): Promise<Node> {
  let api = (await apiNodes(h)).get(apiName);
  if (connectionName) {
    const root = (await h.tree.getChildren()).find((n) => labelText(h.tree.getTreeItem(n).label) === connectionName);
    assert.ok(root, `${connectionName} in the tree`);
    api = (await h.tree.getChildren(root)).find((n) => labelText(h.tree.getTreeItem(n).label) === apiName);
  }
  const keysNode = (await h.tree.getChildren(api as Node)).find((n) => labelText(h.tree.getTreeItem(n).label) === 'Keys');
  const row = (await h.tree.getChildren(keysNode)).find((n) => {
    const item = h.tree.getTreeItem(n);
    return item.description === maskKey(key) || labelText(item.label) === maskKey(key);
  });
  assert.ok(row, 'the key is listed');
  return row;
}

async function call(sandbox: Sandbox, path: string, key: string): Promise<number> {
  const res = await fetch(`${sandbox.gatewayUrl ?? assert.fail('no Gateway')}${path}`, { headers: { Authorization: key } });
  await res.arrayBuffer();
  return res.status;
}

/** The usage the page has drawn, in the given state. */
function drawn(view: KeyView, state: string): Promise<{ chart: boolean; generation: number }> {
  return new Promise((resolve) => {
    const sub = view.panel.onDidRenderUsage((r) => {
      if (r.state === state) {
        sub.dispose();
        resolve(r);
      }
    });
  });
}

describe('Key view: usage over time', () => {
  const ctx = useSandboxSuite({ confirm: true });

  it('shows the sandbox’s numbers for the key, per day, drawn as a chart; 30 days when asked', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'usage-chart');
    assert.deepEqual([await call(ctx.sandbox, '/petstore/', created.key), await call(ctx.sandbox, '/petstore/pets', created.key), await call(ctx.sandbox, '/petstore/', created.key)], [200, 200, 200]);
    // A call to an API the key has no right to: an error of this key (403).
    assert.equal(await call(ctx.sandbox, '/orders/', created.key), 403);
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.ok(stored);
    const calls = ctx.sandbox.calls({ keyHash: stored.hash });
    assert.equal(calls.length, 4);

    const node = await keyNode(ctx.h, 'Petstore', created.key);
    const view = await showKeyView(ctx.h, node);
    const chart = drawn(view, 'data');
    const usage = await waitFor('the usage read', () => view.panel.usage?.state === 'data' && view.panel.usage, 15_000);
    assert.equal(usage.days, 7);
    assert.equal(usage.rows.length, 7);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(usage.rows.at(-1), { date: today, label: usage.rows.at(-1)?.label, requests: calls.length, errors: calls.filter((c) => c.status >= 400).length });
    assert.ok(usage.rows.slice(0, -1).every((r) => r.requests === 0 && r.errors === 0));
    assert.equal(usage.message, '4 requests in the last 7 days (UTC); errors: 1.');
    assert.equal((await chart).chart, true, 'the page drew the chart');
    // Read once, by the key's hash (what the Dashboard's analytics know), after the panel was shown.
    const reads = ctx.sandbox.requests.filter((r) => r.path.startsWith('/api/activity/keys/'));
    assert.equal(reads.length, 1);
    assert.ok(reads[0]?.path.startsWith(`/api/activity/keys/${encodeURIComponent(stored.hash)}/`));

    // The page's 30 days button.
    const month = drawn(view, 'data');
    view.panel.receive({ type: 'usageRange', days: 30 });
    const thirty = await waitFor('30 days', () => view.panel.usage?.state === 'data' && view.panel.usage.days === 30 && view.panel.usage);
    assert.equal(thirty.rows.length, 30);
    assert.deepEqual(thirty.ranges.map((r) => r.selected), [false, true]);
    assert.equal(thirty.rows.reduce((s, r) => s + r.requests, 0), 4);
    assert.equal((await month).chart, true);
    // Anything but 7 or 30 from the page is ignored: nothing read.
    const readsNow = ctx.sandbox.requests.filter((r) => r.path.startsWith('/api/activity/keys/')).length;
    view.panel.receive({ type: 'usageRange', days: 12 });
    view.panel.receive({ type: 'usageRange', days: '7' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(ctx.sandbox.requests.filter((r) => r.path.startsWith('/api/activity/keys/')).length, readsNow);
    assert.equal(view.panel.usage?.days, 30);
  });

  it('a key that made no call says so plainly; a Gateway connection says it has no analytics', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'usage-none');
    const view = await showKeyView(ctx.h, await keyNode(ctx.h, 'Petstore', created.key));
    const empty = await waitFor('no traffic', () => view.panel.usage?.state === 'empty' && view.panel.usage, 15_000);
    assert.equal(empty.message, 'No requests with this key in the last 7 days (UTC).');
    assert.equal(empty.rows.length, 0);

    const gateway = await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const before = ctx.sandbox.requests.filter((r) => r.path.startsWith('/api/activity/')).length;
    const onGateway = await showKeyView(ctx.h, await keyNode(ctx.h, 'Petstore', created.key, gateway.name));
    const unavailable = await waitFor('the Gateway sentence', () => onGateway.panel.usage?.state === 'unavailable' && onGateway.panel.usage);
    assert.equal(unavailable.message, 'A Tyk Gateway has no analytics API; usage is shown for Dashboard connections.');
    assert.equal(ctx.sandbox.requests.filter((r) => r.path.startsWith('/api/activity/')).length, before, 'nothing asked');
  });
});
