// As a person, in a real VS Code, on a Tyk with 300 APIs: the tree shows 200 and a "Load more APIs…"
// row; clicking it shows the rest (from what is loaded: nothing asked again). Search APIs… (the view's
// search button) asks the Dashboard's search and shows its result in the tree until cleared, from the
// search row or from the view's Clear Search button.
import * as assert from 'node:assert/strict';
import { connect } from './flows';
import { STEP, useUiSession, waitUntil, type Workbench } from './workbench';

/** The sandbox: 13 seed APIs (two OAS versions sit under their base), then Generated API 0001…0287. */
const TOTAL = 300;
const TOP_LEVEL = TOTAL - 2;
const LAST = 'Generated API 0287';

/**
 * Goes to the end (End) or the top (Home) of the focused tree with the keyboard, as a person does in
 * a long list, and waits until the row `label` is rendered there.
 */
async function treeKey(wb: Workbench, key: 'End' | 'Home', label: RegExp): Promise<void> {
  await wb.keyboard.press(key);
  await waitUntil(
    `the tree row ${String(label)} after ${key}`,
    async () => (await wb.treeRowMatching(label).count()) > 0 && wb.treeRowMatching(label).first().isVisible(),
    STEP,
    async () => JSON.stringify((await wb.treeLabels()).map((r) => r.label).slice(-5)),
  );
  await wb.waitTreeSettled();
}

describe('UI: a big catalog — Load more and Search APIs (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ sandbox: { apis: TOTAL } });
  let connection = '';

  it('shows 200 APIs and a “Load more APIs…” row that shows the rest', async () => {
    const { workbench: wb, sandbox } = session();
    connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.resizeSideBar(460);
    await wb.expandTreeRow(connection);
    const loadMore = `Load more APIs… (200 of ${TOP_LEVEL} shown)`;
    // The tree has the focus (the connection was clicked): End goes down to its last row, Policies.
    await treeKey(wb, 'End', /^\s*Policies\s*$/);
    const bottom = (await wb.treeLabels()).slice(-3).map((r) => r.label);
    assert.deepEqual(bottom, ['Generated API 0189', loadMore, 'Policies'], 'the 200th API (11 seed + 189 generated), then Load more, then Policies');
    const listed = sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/api/apis').length;

    await wb.treeRow(loadMore).click({ timeout: STEP });
    await waitUntil('the Load more row to go', async () => (await wb.treeRowMatching(/^\s*Load more APIs…/).count()) === 0, STEP);
    await treeKey(wb, 'End', /^\s*Policies\s*$/);
    const after = (await wb.treeLabels()).slice(-3).map((r) => r.label);
    assert.deepEqual(after, ['Generated API 0286', LAST, 'Policies'], 'every API is shown, the last one last');
    assert.equal(
      sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/api/apis').length,
      listed,
      'Load more shows what was loaded: nothing asked again',
    );
    await treeKey(wb, 'Home', new RegExp(`^\\s*${connection.replace(/[.]/g, '\\.')}\\s*$`));
  });

  it('searches with the view’s Search APIs… button and clears from the search row', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.viewTitleAction('Search APIs…').click({ timeout: STEP });
    await qi.waitFor(`Search APIs · ${connection}`);
    const mark = sandbox.requests.length;
    await wb.keyboard.type(LAST);
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    const searchRow = `Search “${LAST}”: 1 API — clear to see all`;
    await wb.treeRow(searchRow).waitFor({ state: 'visible', timeout: STEP });
    await wb.waitTreeSettled();
    assert.deepEqual(
      (await wb.treeLabels()).map((r) => r.label),
      [connection, searchRow, LAST, 'Policies'],
      'the tree shows the search and its one result',
    );
    const searches = sandbox.requests.slice(mark).filter((r) => r.path === '/api/apis/search');
    assert.ok(searches.length >= 1 && searches.every((r) => r.query.q === LAST && r.status === 200), `the Dashboard searched: ${JSON.stringify(searches.map((r) => r.url))}`);
    const clear = wb.viewTitleAction('Clear Search');
    await clear.waitFor({ state: 'visible', timeout: STEP });

    // The search row clears it.
    await wb.treeRow(searchRow).click({ timeout: STEP });
    await waitUntil('the whole catalog back', async () => (await wb.treeRow('Petstore').count()) > 0 && (await wb.treeRow(searchRow).count()) === 0, STEP);
    await clear.waitFor({ state: 'hidden', timeout: STEP });
  });

  it('clears a search with the view’s Clear Search button', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb } = session();
    const qi = wb.quickInput;
    // Right-click the connection: Search APIs… there too, the last query offered again.
    await wb.contextMenu(wb.treeRow(connection), 'Search APIs…');
    await qi.waitFor(`Search APIs · ${connection}`);
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type('Generated API 000');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    const searchRow = 'Search “Generated API 000”: 9 APIs — clear to see all';
    await wb.treeRow(searchRow).waitFor({ state: 'visible', timeout: STEP });
    await wb.waitTreeSettled();
    const labels = (await wb.treeLabels()).map((r) => r.label);
    assert.deepEqual(labels.slice(0, 2), [connection, searchRow]);
    assert.deepEqual(
      labels.slice(2, -1),
      Array.from({ length: 9 }, (_, i) => `Generated API 000${i + 1}`),
      'the nine matches',
    );
    await wb.viewTitleAction('Clear Search').click({ timeout: STEP });
    await waitUntil('the whole catalog back', async () => (await wb.treeRow('Petstore').count()) > 0 && (await wb.treeRow(searchRow).count()) === 0, STEP);
    await wb.viewTitleAction('Clear Search').waitFor({ state: 'hidden', timeout: STEP });
  });
});
