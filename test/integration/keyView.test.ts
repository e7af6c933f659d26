// The key view (Tyk: Show Key Details) in the real VS Code: a webview panel per key, drawn by its page
// (the page posts back once it has drawn: its script ran under the panel's Content-Security-Policy),
// shown again for the same key, read again after Update…, closed after Revoke… and when the key is gone,
// and its buttons: Open as JSON, Copy Hash. The buttons are pressed as the page presses them (the message
// it posts); test/ui/keyView.test.ts presses them in the page itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from './entry';
import type { KeyViewModel } from '../../src/domain/keyView';
import { maskKey } from '../../src/domain/mask';
import { addConnection, apiNodes, chooseAndEnter, createKeyThroughFlow, labelText, openEditor, showKeyView, useSandboxSuite, waitFor, waitForStep } from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

async function keyRow(h: TestHooks, apiName: string, key: string): Promise<{ node: Node; connectionId: string; listedId: string }> {
  const api = (await apiNodes(h)).get(apiName);
  const keysNode = (await h.tree.getChildren(api as Node)).find((n) => labelText(h.tree.getTreeItem(n).label) === 'Keys');
  const rows = await h.tree.getChildren(keysNode);
  const row = rows.find((n) => {
    const item = h.tree.getTreeItem(n);
    return item.description === maskKey(key) || labelText(item.label) === maskKey(key);
  }) as (Node & { connection: { id: string }; listedId: string }) | undefined;
  assert.ok(row, 'the key is listed');
  return { node: row, connectionId: row.connection.id, listedId: row.listedId };
}

function fact(model: KeyViewModel | undefined, label: string): string | undefined {
  for (const s of model?.sections ?? []) {
    const found = s.kind === 'list' ? undefined : s.facts.find((f) => f.label === label);
    if (found) {
      return found.value;
    }
  }
  return undefined;
}

function webviewPanels(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tyk.keyView')).length;
}

describe('Key view: Show Key Details opens a webview panel per key', () => {
  const ctx = useSandboxSuite({ confirm: true });

  /** A key created on Petstore through Create Key, and its view, drawn. */
  async function keyWithView(alias: string): Promise<{ key: string; row: Awaited<ReturnType<typeof keyRow>>; view: Awaited<ReturnType<typeof showKeyView>> }> {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', alias);
    const row = await keyRow(ctx.h, 'Petstore', created.key);
    return { key: created.key, row, view: await showKeyView(ctx.h, row.node) };
  }

  it('opens the key’s view, drawn by its page, and shows it again (the same panel) for the same key', async () => {
    const { key, row, view } = await keyWithView('view-test');
    const created = { key };
    const model = view.panel.shown;
    assert.equal(model?.title, 'view-test');
    assert.equal(model?.state.state, 'active');
    assert.equal(fact(model, 'Alias'), 'view-test');
    assert.equal(fact(model, 'Key'), maskKey(created.key));
    assert.equal(fact(model, 'Rate limit'), '1,000 requests per second');
    assert.equal(fact(model, 'Quota'), 'unlimited');
    assert.equal(fact(model, 'Expires'), 'never');
    const access = model?.sections.find((s) => s.id === 'access');
    assert.deepEqual(access?.kind === 'list' && access.items.map((i) => i.text), ['Petstore'], 'the API by its catalog name');
    assert.ok(!JSON.stringify(model).includes(created.key), 'the key itself is not sent to the page');
    assert.equal(view.panel.webviewPanel.title, '“view-test” (' + maskKey(created.key) + ')');
    assert.equal(view.panel.webviewPanel.webview.options.enableScripts, true);
    assert.deepEqual(
      view.panel.webviewPanel.webview.options.localResourceRoots?.map((u) => u.path.split('/').slice(-2).join('/')),
      ['dist/webview'],
      'the page may load its own folder only',
    );
    assert.match(view.panel.webviewPanel.webview.html, /content="default-src 'none'; script-src 'nonce-[^']+'; style-src [^;"]+; font-src [^;"]+"/);
    assert.equal(webviewPanels(), 1);
    const cspSource = view.panel.webviewPanel.webview.cspSource;
    assert.ok(view.panel.webviewPanel.webview.html.includes(`style-src ${cspSource}; font-src ${cspSource}"`), 'styles and fonts from the extension only');
    assert.doesNotMatch(view.panel.webviewPanel.webview.html, /unsafe-inline|unsafe-eval|https?:\/\/(?!.*vscode-cdn\.net)/, 'nothing inline or remote');

    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    assert.equal(view.panel.webviewPanel.active, false, 'another editor in front');
    const requests = ctx.sandbox.requests.length;
    const again = await showKeyView(ctx.h, row.node);
    assert.equal(again, view, 'the same view');
    assert.equal(webviewPanels(), 1, 'no second panel');
    await waitFor('the panel in front again', () => view.panel.webviewPanel.active);
    assert.equal(ctx.sandbox.requests.length - requests, 1, 'the key read once more, nothing else');
  });

  it('reads the key again after Update… (its button), and Open as JSON shows the session', async () => {
    const { key, view } = await keyWithView('view-update');
    const created = { key };
    const rendersBefore = view.panel.renders;

    view.panel.receive({ type: 'action', action: 'update' });
    await chooseAndEnter(await waitForStep(ctx.h, 1, 'Update the key'), ['Suspend']);
    await waitFor('the view read again, suspended', () => view.panel.shown?.state.state === 'suspended' && view.panel.renders > rendersBefore);
    assert.equal(fact(view.panel.shown, 'State'), 'suspended');

    view.panel.receive({ type: 'action', action: 'openJson' });
    const doc = await waitFor('the details document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'tyk-key' && vscode.window.activeTextEditor.document);
    const json = JSON.parse(doc.getText()) as { summary: Record<string, unknown> };
    assert.equal(json.summary.alias, 'view-update');
    assert.equal(json.summary.state, 'suspended');
    assert.ok(!doc.getText().includes(created.key));
  });

  it('reads the key again after Rotate… (its button) when the old key is kept', async () => {
    const { key, row, view } = await keyWithView('view-rotate');
    const created = { key };
    const rendersBefore = view.panel.renders;
    const reads = (): number => ctx.sandbox.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/api/keys/')).length;
    await openEditor('');
    const readsBefore = reads();
    view.panel.receive({ type: 'action', action: 'rotate' });
    await waitFor('the old key kept (the default answer)', () => ctx.dialogs.infos.some((m) => /The old key “view-rotate” .* still works/.test(m)));
    assert.ok(ctx.sandbox.keys().some((k) => k.key === created.key), 'the old key is still there');
    await waitFor('the view read again', () => view.panel.renders > rendersBefore && reads() > readsBefore + 1);
    assert.equal(view.panel.shown?.title, 'view-rotate', 'still the old key');
    assert.equal(ctx.h.services.keyViews.viewOf(row.connectionId, row.listedId), view, 'still open');
  });

  it('Copy Hash copies the hash (not the key); Revoke… closes the view and says why', async () => {
    const { key, row, view } = await keyWithView('view-revoke');
    const created = { key };
    const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
    assert.ok(stored);

    view.panel.receive({ type: 'action', action: 'copyHash' });
    await waitFor('the hash copied', () => ctx.dialogs.clipboard.at(-1) === stored.hash);
    assert.ok(!ctx.dialogs.clipboard.includes(created.key), 'never the key');
    assert.match(ctx.dialogs.infos.at(-1) ?? '', /Copied the hash of the key “view-revoke”/);

    let disposed = false;
    view.panel.onDidDispose(() => (disposed = true));
    view.panel.receive({ type: 'action', action: 'revoke' });
    await waitFor('the view closed', () => disposed);
    assert.match(ctx.dialogs.confirms.at(-1) ?? '', /Revoke the key “view-revoke”/);
    assert.ok(!ctx.sandbox.keys().some((k) => k.key === created.key), 'revoked on the server');
    await waitFor('why it closed', () => ctx.dialogs.infos.some((m) => /The key “view-revoke” .* was revoked: its view is closed\./.test(m)));
    assert.equal(ctx.h.services.keyViews.viewOf(row.connectionId, row.listedId), undefined);
    await waitFor('no key view tab', () => webviewPanels() === 0);
  });

  it('closes, saying why, when a refresh finds the key gone (deleted elsewhere)', async () => {
    const connection = await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'view-gone');
    const row = await keyRow(ctx.h, 'Petstore', created.key);
    const view = await showKeyView(ctx.h, row.node);
    let disposed = false;
    view.panel.onDidDispose(() => (disposed = true));
    // Deleted by another tool, as the Dashboard's API does it.
    const deleted = await fetch(`${ctx.sandbox.dashboardUrl}/api/keys/${encodeURIComponent(created.key)}`, { method: 'DELETE', headers: { authorization: ctx.sandbox.credential } });
    assert.equal(deleted.status, 200);
    ctx.h.services.store.refresh(connection.id); // what Refresh does
    await waitFor('the view closed', () => disposed);
    assert.ok(ctx.dialogs.infos.some((m) => /The key “view-gone” .* is no longer on .* \(revoked or deleted\): its view is closed\./.test(m)), ctx.dialogs.infos.join('\n'));
  });
});
