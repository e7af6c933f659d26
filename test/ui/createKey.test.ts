// As a person, in a real VS Code: connect to a Tyk Dashboard from the Tyk view's welcome button,
// browse its APIs, then create keys from the tree's context menu and from the command palette and find
// them in the editor. Keyboard and mouse only; the sandbox Tyk says what the server really received.
import * as assert from 'node:assert/strict';
import { typeOnNewLine } from './flows';
import { SAMPLE } from '../sandbox/seed';
import type { StoredKey } from '../sandbox/server';
import { STEP, useUiSession, waitUntil } from './workbench';

/** Top-level rows of the tree: every seed API but the OAS versions, which sit under their base API. */
const TOP_LEVEL_APIS = Object.entries(SAMPLE)
  .filter(([name]) => name !== 'policies' && name !== 'ordersV2' && name !== 'ordersV3')
  .map(([, ref]) => (ref as { name: string }).name);

describe('UI: connect, browse and create keys (as a person)', function () {
  this.timeout(90_000);
  const session = useUiSession({ notes: 'Tyk key: ' });
  let connectionName = '';
  let firstKey = '';

  /** Keys the sandbox stored after `before`, and the POST /api/keys it received since the request mark. */
  function newKeys(before: ReadonlySet<string>): StoredKey[] {
    return session()
      .sandbox.keys()
      .filter((k) => !before.has(k.key));
  }
  function keyPosts(fromRequest: number): number {
    return session()
      .sandbox.requests.slice(fromRequest)
      .filter((r) => r.method === 'POST' && r.path === '/api/keys').length;
  }
  /** Enter at each remaining step (the last one is an input box: no rows), until the input closes. */
  async function enterThrough(steps: readonly string[]): Promise<void> {
    const qi = session().workbench.quickInput;
    const last = steps[steps.length - 1];
    for (const step of steps) {
      await qi.waitFor(step, { rows: step !== last });
      await session().workbench.keyboard.press('Enter');
    }
    await qi.waitClosed();
  }

  /** Exactly one new key, from exactly one POST /api/keys, granting exactly `apiId`. */
  async function expectOneKey(keysBefore: ReadonlySet<string>, requestMark: number, apiId: string): Promise<StoredKey> {
    const [created, ...more] = await waitUntil('the sandbox to store the key', () => (newKeys(keysBefore).length > 0 ? newKeys(keysBefore) : undefined), STEP);
    assert.ok(created);
    assert.equal(more.length, 0, 'one key created');
    assert.equal(keyPosts(requestMark), 1, 'exactly one POST /api/keys');
    assert.deepEqual(Object.keys(created.session.access_rights as object), [apiId], 'the key grants that API only');
    return created;
  }


  it('connects from the welcome view and lists the sample APIs in the tree', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.openTykView();
    // No connection yet: the welcome view offers to connect, and the tree is empty.
    await wb.welcomeButton('Connect to Tyk').waitFor({ state: 'visible', timeout: STEP });
    assert.equal(await wb.treeRows().count(), 0, 'no tree rows before a connection exists');
    await wb.welcomeButton('Connect to Tyk').click();

    // Step 1: what to connect to.
    await qi.waitFor('Connect to Tyk (1/4)', { rows: true });
    assert.deepEqual(
      (await qi.rows()).map((r) => r.label),
      ['Tyk Dashboard', 'Tyk Gateway'],
    );
    await qi.row('Tyk Dashboard').click();

    // Step 2: the address.
    await qi.waitFor('Connect to Tyk (2/4)');
    await wb.keyboard.type(sandbox.dashboardUrl);
    await wb.keyboard.press('Enter');

    // Step 3: the credential, in a password box, checked against the server on Enter.
    await qi.waitFor('Connect to Tyk (3/4)');
    assert.equal(await qi.inputType(), 'password', 'the credential is typed into a password box');
    const checkMark = sandbox.requests.length;
    await wb.keyboard.type(sandbox.credential);
    await wb.keyboard.press('Enter');

    // Step 4: the name, with a default taken from the address.
    await qi.waitFor('Connect to Tyk (4/4)');
    const checks = sandbox.requests.slice(checkMark).filter((r) => r.server === 'dashboard');
    assert.ok(checks.length > 0, 'the credential was checked against the Dashboard before the name step');
    assert.ok(
      checks.every((r) => r.headers.authorization === sandbox.credential && r.status === 200),
      `the check sent the typed credential and the Dashboard accepted it: ${JSON.stringify(checks.map((r) => [r.method, r.path, r.status]))}`,
    );
    connectionName = new URL(sandbox.dashboardUrl).host;
    assert.equal(await qi.value(), connectionName, 'the default name is the host of the address');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();

    // The connection is in the tree; expanding it lists the sample APIs.
    await wb.treeRow(connectionName).waitFor({ state: 'visible', timeout: STEP });
    await wb.expandTreeRow(connectionName);
    const labels = await waitUntil(
      'the sample APIs under the connection',
      async () => {
        const rows = await wb.treeLabels();
        const apis = rows.filter((r) => r.level === 2).map((r) => r.label);
        return TOP_LEVEL_APIS.every((name) => apis.includes(name)) ? rows : undefined;
      },
      STEP,
      async () => JSON.stringify(await wb.treeLabels()),
    );
    assert.deepEqual(
      labels.map((r) => r.label),
      [connectionName, ...TOP_LEVEL_APIS, 'Policies'],
      'the connection, then exactly the top-level sample APIs in the catalog order, then its Policies',
    );
    assert.equal(await wb.welcomeButton('Connect to Tyk').count(), 0, 'the welcome view is gone');

    // The connection is in the user settings; the credential is not (it is in the secret storage).
    const settings = JSON.stringify(session().userSettings());
    assert.ok(settings.includes(sandbox.dashboardUrl), 'tyk.connections holds the new connection');
    assert.ok(!settings.includes(sandbox.credential), 'the credential is never written to settings.json');

    await wb.docScreenshot('tree.png');
    assert.ok((await wb.notifications()).includes(`Connected to ${connectionName}. Its APIs are in the Tyk view.`), 'the user is told');
  });

  it('creates a key from the context menu of an API and inserts it at the cursor', async function () {
    if (!connectionName) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');

    const keysBefore = new Set(sandbox.keys().map((k) => k.key));
    const requestMark = sandbox.requests.length;
    await wb.contextMenu(wb.treeRow('Petstore'), 'Create Key…');

    // Step 1: the APIs, with Petstore (the row right-clicked) already checked.
    // The sandbox's APIs take four to six steps: no total until they are chosen.
    const title = await qi.waitFor(/^Create a Tyk key · .+ \(1\)$/, { rows: true });
    assert.ok(title.includes(connectionName), `the title names the connection: ${title}`);
    const rows = await qi.rows();
    assert.deepEqual(
      rows.filter((r) => r.checked).map((r) => r.label),
      ['Petstore'],
      'only Petstore is checked',
    );
    assert.equal(await qi.selectedCount(), 1, '"1 Selected"');
    await wb.docScreenshot('create-key.png');
    await wb.keyboard.press('Enter');

    // Petstore has one version: limits, expiry and alias follow; Enter keeps each default.
    await enterThrough(['(2/4)', '(3/4)', '(4/4)']);

    // The sandbox stored exactly one new key, from exactly one POST /api/keys, for Petstore only.
    const created = await expectOneKey(keysBefore, requestMark, SAMPLE.petstore.apiId);
    const access = created.session.access_rights as Record<string, { api_name: string; versions: string[] }>;
    assert.deepEqual(access[SAMPLE.petstore.apiId]?.versions, ['Default']);

    // The editor shows it at the cursor: exactly the key the server stored, nothing else.
    const lines = await waitUntil(
      'the key in the editor',
      async () => {
        const l = await wb.editorLines();
        return l.join('\n').includes(created.key) ? l : undefined;
      },
      STEP,
      async () => JSON.stringify(await wb.editorLines()),
    );
    assert.deepEqual(lines, [`Tyk key: ${created.key}`]);
    await wb.docScreenshot('key-inserted.png');
    await wb.save('notes.txt');
    await session().waitForFileContent('notes.txt', `Tyk key: ${created.key}`);
    const told = await wb.notifications();
    assert.ok(told.includes('Key created for Petstore and inserted at the cursor.'), `the user is told where the key went: ${JSON.stringify(told)}`);
    assert.ok(!told.some((m) => m.includes(created.key)), 'the key is not repeated in the notification centre');
    firstKey = created.key;
  });

  it('creates a key from the command palette, choosing the API and keeping its default version', async function () {
    if (!firstKey) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await typeOnNewLine(wb, 'Payments key: ');

    const keysBefore = new Set(sandbox.keys().map((k) => k.key));
    const requestMark = sandbox.requests.length;
    await wb.runFromPalette('Tyk: Create Key…');

    // One connection, so no connection picker: straight to the APIs, nothing checked.
    // The sandbox has policies: first, how to grant access; Enter keeps "Choose the APIs".
    await qi.waitFor(/^Create a Tyk key · .+ \(1\)$/, { rows: true });
    const grant = await qi.rows();
    assert.match(grant[0]?.label ?? '', /Choose the APIs/);
    assert.ok(grant.some((r) => /Gold plan/.test(r.label)), 'the policies are offered');
    await wb.keyboard.press('Enter');
    const apisTitle = await qi.waitFor(/^Create a Tyk key · .+ \(2\)$/, { rows: true });
    assert.deepEqual(
      (await qi.rows()).filter((r) => r.checked).map((r) => r.label),
      [],
      'nothing is checked when the flow starts from the palette',
    );
    const question = await qi.placeholder();
    assert.match(question, /^APIs the key may call/);

    // Enter with nothing checked: the step stays, its title and counter as they were; why, in full,
    // where the question was.
    await wb.keyboard.press('Enter');
    const why = 'Check an item first: ↓ to highlight it, Space to check it.';
    await waitUntil('the reason in the placeholder', async () => (await qi.placeholder()) === why, STEP, qi.describe);
    assert.equal(await qi.title(), apisTitle, 'the title is as it was');
    assert.ok(await qi.placeholderFits(), 'the reason fits in the input, whole');

    await wb.keyboard.type('Payments');
    await waitUntil(
      'the filter to leave only "Payments API"',
      async () => {
        const r = await qi.rows();
        return r.length === 1 && r[0]?.label === 'Payments API';
      },
      STEP,
      qi.describe,
    );
    await wb.keyboard.press('ArrowDown');
    await waitUntil('"Payments API" to be highlighted', async () => (await qi.rows())[0]?.focused === true, STEP, qi.describe);
    await wb.keyboard.press('Space');
    await waitUntil('"Payments API" to be checked', async () => (await qi.rows())[0]?.checked === true, STEP, qi.describe);
    assert.equal(await qi.value(), 'Payments', 'Space checked the row and did not go into the filter');
    await waitUntil('the question back in the placeholder', async () => (await qi.placeholder()) === question, STEP, qi.describe);
    assert.equal(await qi.title(), apisTitle);
    await wb.keyboard.press('Enter');

    // Payments API has versions v1 (default) and v2: a versions step appears, with v1 checked. Now the
    // total is known, and it stays.
    await qi.waitFor('(3/6)', { rows: true });
    const versions = await qi.rows();
    assert.deepEqual(
      versions.map((r) => [r.label, r.checked]),
      [
        ['v1', true],
        ['v2', false],
      ],
      'the default version is pre-checked',
    );
    await wb.keyboard.press('Enter');
    await enterThrough(['(4/6)', '(5/6)', '(6/6)']);

    const created = await expectOneKey(keysBefore, requestMark, SAMPLE.payments.apiId);
    const access = created.session.access_rights as Record<string, { versions: string[] }>;
    assert.deepEqual(access[SAMPLE.payments.apiId]?.versions, ['v1'], 'for its default version');

    const lines = await waitUntil(
      'the second key in the editor',
      async () => {
        const l = await wb.editorLines();
        return l.join('\n').includes(created.key) ? l : undefined;
      },
      STEP,
      async () => JSON.stringify(await wb.editorLines()),
    );
    assert.deepEqual(lines, [`Tyk key: ${firstKey}`, `Payments key: ${created.key}`]);
    await wb.save('notes.txt');
    await session().waitForFileContent('notes.txt', `Tyk key: ${firstKey}\nPayments key: ${created.key}`);
    const told = await wb.notifications();
    assert.ok(told.includes('Key created for Payments API and inserted at the cursor.'), `the user is told where the key went: ${JSON.stringify(told)}`);
  });

  it('a key in two actions: hover the API, click its key icon — the key is in the file, nothing asked', async function () {
    if (!firstKey) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    await typeOnNewLine(wb, 'Quick key: ');
    const keysBefore = new Set(sandbox.keys().map((k) => k.key));
    const requestMark = sandbox.requests.length;
    // Action 1: point at the API's row (its inline icons appear); action 2: click the key icon.
    const row = wb.treeRow('Petstore');
    await row.hover({ timeout: STEP });
    await row.locator('a.action-label[aria-label^="Create Key with Defaults"]').click({ timeout: STEP });

    const created = await expectOneKey(keysBefore, requestMark, SAMPLE.petstore.apiId);
    assert.equal(created.session.rate, 1000, 'Tyk’s defaults');
    assert.equal(created.session.expires, -1);
    await waitUntil(
      'the key in the editor',
      async () => ((await wb.editorLines()).includes(`Quick key: ${created.key}`) ? true : undefined),
      STEP,
      async () => JSON.stringify(await wb.editorLines()),
    );
    assert.equal(await wb.quickInput.isOpen(), false, 'no question was asked');
    const told = await wb.notifications();
    assert.ok(told.includes('Key created for Petstore and inserted at the cursor.'), JSON.stringify(told));
  });
});
