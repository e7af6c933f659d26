// Every item of the Tyk view can be read aloud: each has an accessibility label in plain words — no
// "…", no Markdown (backticks, **), and never a key (nor its masked "abcd…9f2e" form) or a credential.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Connection } from '../../src/services/connections';
import type { TestHooks } from './entry';
import { maskKey } from '../../src/domain/mask';
import { messageItem, spoken } from '../../src/views/nodes';
import { MessageNode } from '../../src/app/nodes';
import { addConnection, createKeyElsewhere, createKeyThroughFlow, labelText, useSandboxSuite } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

interface Row {
  node: Node;
  item: vscode.TreeItem;
  /** Where it is, for messages: "Sandbox dashboard / Petstore / Keys". */
  where: string;
}

/** Every item of the tree, breadth first, expanding everything (a connection once its catalog loaded). */
async function walk(h: TestHooks, expand: (row: Row) => boolean = () => true): Promise<Row[]> {
  const tree = h.tree;
  const rows: Row[] = [];
  const queue: Array<{ node: Node | undefined; where: string }> = [{ node: undefined, where: '' }];
  while (queue.length > 0 && rows.length < 2000) {
    const { node, where } = queue.shift() ?? { node: undefined, where: '' };
    if (node?.type === 'connection') {
      await h.services.catalog.all(node.connection).catch(() => undefined);
    }
    for (const child of await tree.getChildren(node)) {
      const item = tree.getTreeItem(child);
      const row = { node: child, item, where: `${where}${where ? ' / ' : ''}${labelText(item.label)}` };
      rows.push(row);
      if (item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None && expand(row)) {
        queue.push({ node: child, where: row.where });
      }
    }
  }
  return rows;
}

/** Throws unless `row` has an accessibility label that reads well and holds none of `secrets`. */
function assertReadable(row: Row, secrets: readonly string[]): string {
  const label = row.item.accessibilityInformation?.label ?? '';
  const what = `${row.where} (${row.item.contextValue ?? '?'})`;
  assert.ok(label.trim(), `${what} has an accessibility label`);
  assert.ok(!label.includes('…'), `${what}: no ellipsis in “${label}”`);
  assert.ok(!label.includes('`'), `${what}: no backtick in “${label}”`);
  assert.ok(!label.includes('**'), `${what}: no Markdown bold in “${label}”`);
  for (const secret of secrets) {
    assert.ok(!label.includes(secret), `${what}: “${label}” holds a secret`);
    assert.ok(!label.includes(maskKey(secret)), `${what}: “${label}” holds a masked key`);
    // Not even a piece of it: any 6 characters in a row.
    for (let i = 0; i + 6 <= secret.length; i++) {
      assert.ok(!label.includes(secret.slice(i, i + 6)), `${what}: “${label}” holds part of a secret`);
    }
  }
  return label;
}

const byType = (rows: Row[], type: string): Row[] => rows.filter((r) => (r.item.contextValue ?? '').split('.')[0] === type);

/** Random-looking, so that no word of a label matches 6 of its characters in a row. */
const WRONG_CREDENTIAL = 'q7x4z9w2k8v3j6m1';

describe('Accessibility of the Tyk view', () => {
  const ctx = useSandboxSuite();

  it('gives every node type a plain-words label: connection, API, version, Keys, key, Policies, policy, message', async function () {
    this.timeout(60_000);
    await addConnection(ctx.h, ctx.sandbox);
    // One key created here (known by its alias), one created elsewhere (known only by its last characters).
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'a11y-test');
    const foreign = createKeyElsewhere(ctx.sandbox, 'Petstore');
    ctx.h.services.keyLists.invalidate();
    const secrets = [created.key, foreign.key, ctx.sandbox.credential];

    const rows = await walk(ctx.h);
    const labels = rows.map((row) => assertReadable(row, secrets));
    assert.ok(labels.length > 20, `the whole tree was walked (${labels.length} items)`);
    for (const type of ['connection', 'api', 'version', 'keys', 'key', 'policies', 'policy', 'message']) {
      assert.ok(byType(rows, type).length > 0, `a ${type} item was reached`);
    }

    const label = (where: string): string => rows.find((r) => r.where === where)?.item.accessibilityInformation?.label ?? `(no item at ${where})`;
    assert.match(label('Sandbox dashboard'), /^Tyk Dashboard connection Sandbox dashboard(, the default)?, at http:\/\/127\.0\.0\.1:\d+\/?$/);
    assert.match(label('Sandbox dashboard / Petstore'), /^API Petstore, path \/petstore\/, auth token$/);
    assert.equal(label('Sandbox dashboard / Payments API / v1'), 'Version v1 of Payments API, default');
    assert.equal(label('Sandbox dashboard / Payments API / v2'), 'Version v2 of Payments API');
    assert.equal(label('Sandbox dashboard / Petstore / Keys'), 'Keys of Petstore');
    assert.equal(label('Sandbox dashboard / Policies'), 'Policies of Sandbox dashboard');
    assert.ok(byType(rows, 'policy').every((r) => /^Policy .+, grants \d+ APIs?$/.test(r.item.accessibilityInformation?.label ?? '')), 'policies name their grants');

    const keys = rows.filter((r) => r.where.startsWith('Sandbox dashboard / Petstore / Keys / ') && r.item.contextValue === 'key');
    const spokenKeys = keys.map((r) => r.item.accessibilityInformation?.label);
    assert.ok(spokenKeys.includes('Key a11y-test'), `the key created here, by its alias: ${spokenKeys.join('; ')}`);
    const tail = foreign.key.slice(-4).split('').join(' ');
    assert.ok(spokenKeys.includes(`Key ending in ${tail}`), `the other key, by its last characters spelled out: ${spokenKeys.join('; ')}`);
    assert.ok(
      byType(rows, 'message').some((r) => r.item.accessibilityInformation?.label === 'No keys grant this API.'),
      'an empty Keys node reads its message',
    );
  });

  it('reads an error in place as one: what failed, and what activating it does', async () => {
    await addConnection(ctx.h, ctx.sandbox, 'dashboard', WRONG_CREDENTIAL);
    const rows = await walk(ctx.h);
    const [error] = byType(rows, 'message');
    assert.ok(error, 'the load failure is shown in place');
    const label = assertReadable(error, [WRONG_CREDENTIAL]);
    // The whole error, not the label's first sentence: a screen reader does not get the tooltip.
    const detail = typeof error.item.tooltip === 'string' ? error.item.tooltip : (error.item.tooltip?.value ?? '');
    assert.match(detail, /^The Tyk Dashboard rejected the credential.* Click to update the credential\.$/);
    const why = detail.replace(/ Click to update the credential\.$/, '');
    assert.equal(label, `Error: ${spoken(why).replace(/[^.!?]$/, '$&.')} Update Credential`);
    assert.match(label, /^Error: The Tyk Dashboard rejected the credential/);
  });

  it('reads a search as its words', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox);
    try {
      await ctx.h.services.catalog.search(connection, 'Pet');
      const rows = await walk(ctx.h, (row) => row.item.contextValue?.startsWith('connection') === true);
      for (const row of rows) {
        assertReadable(row, [ctx.sandbox.credential]);
      }
      const [search] = byType(rows, 'message');
      assert.match(search?.item.accessibilityInformation?.label ?? '', /^Search “Pet”: \d+ APIs? — clear to see all$/);
    } finally {
      ctx.h.services.catalog.clearSearch(connection.id);
    }
  });

  it('reads the tree’s other messages without their “…”, and names with Markdown in them as plain words', () => {
    const connection: Connection = { id: 'a11y', name: 'Local', kind: 'gateway', url: 'http://localhost:8080' };
    const read = (node: MessageNode): string => messageItem(node).accessibilityInformation?.label ?? '';
    assert.equal(read(new MessageNode(connection, 'Loading… (40 so far)', 'info')), 'Loading (40 so far)');
    assert.equal(read(new MessageNode(connection, 'Load more keys… (page 1 of 3)', 'info', undefined, { title: 'Load more', command: 'tyk.loadMore' })), 'Load more keys (page 1 of 3)');
    const retry = { title: 'Retry', command: 'tyk.refresh' };
    assert.equal(
      read(new MessageNode(connection, 'Boom.', 'error', 'Boom. The server said no more', retry, 'click to retry')),
      'Error: Boom. The server said no more. Retry',
      'the error in full (a screen reader does not get the tooltip), and what activating it does',
    );
    const long = `The server at https://dashboard.example.com answered something unexpected: ${'y'.repeat(300)}. Try again later.`;
    assert.equal(read(new MessageNode(connection, `${long.slice(0, 297)}…`, 'error', long, retry, 'click to retry')), `Error: ${long} Retry`, 'a label cut short is read in full');
    assert.equal(
      read(new MessageNode(connection, 'Not all APIs could be loaded.', 'error', 'The server failed (500)', retry, 'click to retry')),
      'Error: Not all APIs could be loaded. The server failed (500). Retry',
      'a label of its own, then the error',
    );
    assert.equal(
      read(new MessageNode(connection, 'Could not load the APIs: self-signed certificate.', 'error', undefined, { title: 'Configure TLS…', command: 'tyk.configureTls' })),
      'Error: Could not load the APIs: self-signed certificate. Configure TLS',
    );
    assert.equal(read(new MessageNode(connection, 'Something failed…', 'error')), 'Error: Something failed.');
    assert.equal(spoken('**Beta** `payments`… API'), 'Beta payments API');
    assert.equal(spoken('then run “Tyk: Update Credential…”.'), 'then run “Tyk: Update Credential”.');
  });
});

describe('Accessibility of a big catalog', () => {
  const ctx = useSandboxSuite({}, { apis: 230 });

  it('reads “Load more APIs…” as words', async function () {
    this.timeout(60_000);
    await addConnection(ctx.h, ctx.sandbox);
    const rows = await walk(ctx.h, (row) => row.item.contextValue?.startsWith('connection') === true);
    for (const row of rows) {
      assertReadable(row, [ctx.sandbox.credential]);
    }
    const more = byType(rows, 'message').find((r) => labelText(r.item.label).startsWith('Load more APIs'));
    assert.ok(more, 'the catalog is cut at 200 APIs');
    assert.match(more.item.accessibilityInformation?.label ?? '', /^Load more APIs \(200 of \d+ shown\)$/);
  });
});
