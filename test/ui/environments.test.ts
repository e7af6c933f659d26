// As a person, in a real VS Code: two Tyks at once. A Dashboard ("dev") connected from the welcome
// view, then a second Tyk's Gateway ("staging") from the view's Add Connection button. The status bar
// names the default; clicking it switches; Create Key from the palette then uses the Gateway without
// asking, and the key lands in that Tyk's store, not the other's.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SandboxMark, connect, enterThrough, waitForEditorLines } from './flows';
import { STEP, VIEWPORT, useUiSession, waitUntil } from './workbench';

describe('UI: several environments — the status bar and Switch Connection (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Staging key: ' });
  /** A second Tyk, used through its open-source Gateway API. */
  let staging: Sandbox | undefined;
  let connected = false;
  let switched = false;

  before(async () => {
    staging = await startSandbox({ quiet: true, gatewaySecret: 'staging-gateway-secret-0123456789' });
  });
  after(async () => {
    await staging?.close();
  });
  const gateway = (): Sandbox & { gatewayUrl: string } => {
    if (!staging?.gatewayUrl) {
      throw new Error('the second sandbox has no Gateway');
    }
    return staging as Sandbox & { gatewayUrl: string };
  };

  it('names the default in the status bar; a second connection keeps it the default', async () => {
    const { workbench: wb, sandbox } = session();
    const dev = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, name: 'dev', from: 'welcome' });
    assert.equal(dev, 'dev');
    await wb.statusBarItem('Tyk: dev').waitFor({ state: 'visible', timeout: STEP });

    const mark = new SandboxMark(gateway());
    await connect(wb, { kind: 'Tyk Gateway', url: gateway().gatewayUrl, credential: gateway().gatewaySecret, name: 'staging', from: 'view title' });
    assert.ok(
      gateway().requests.some((r) => r.server === 'gateway' && r.headers['x-tyk-authorization'] === gateway().gatewaySecret),
      'the Gateway secret was checked against the staging Gateway',
    );
    assert.equal(mark.requests('POST', /./), 0, 'nothing created');
    const items = await wb.treeItems();
    assert.deepEqual(
      items.filter((r) => r.level === 1).map((r) => [r.label, r.description]),
      [
        ['dev', `● default · Dashboard · ${sandbox.dashboardUrl}`],
        ['staging', `Gateway · ${gateway().gatewayUrl}`],
      ],
      'two connections: the first one stays the default',
    );
    // Palette commands keep using dev without asking; the status bar still names it.
    await wb.statusBarItem('Tyk: dev').waitFor({ state: 'visible', timeout: STEP });
    const settings = session().userSettings()['tyk.connections'] as Array<{ name: string; kind: string; url: string }>;
    assert.deepEqual(
      settings.map((c) => [c.name, c.kind, c.url]),
      [
        ['dev', 'dashboard', sandbox.dashboardUrl],
        ['staging', 'gateway', gateway().gatewayUrl],
      ],
    );
    connected = true;
  });

  it('switches to the Gateway by clicking the status bar item', async function () {
    if (!connected) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.statusBarItem('Tyk: dev').click({ timeout: STEP });
    const title = await qi.waitFor(/^Switch Connection/, { rows: true });
    assert.match(title, /^Switch Connection( \(1\/1\))?$/);
    assert.deepEqual(
      (await qi.rows()).map((r) => [r.label, r.description]),
      [
        ['dev', `● default · Dashboard · ${sandbox.dashboardUrl}`],
        ['staging', `Gateway · ${gateway().gatewayUrl}`],
      ],
    );
    await qi.row('staging').click();
    await qi.waitClosed();
    const item = wb.statusBarItem('Tyk: staging');
    await item.waitFor({ state: 'visible', timeout: STEP });
    await waitUntil(
      'the tree to mark staging as the default',
      async () => (await wb.treeItems()).find((r) => r.label === 'staging')?.description === `● default · Gateway · ${gateway().gatewayUrl}`,
      STEP,
      async () => JSON.stringify(await wb.treeItems()),
    );
    // The README's picture: the status bar item with its hover, bottom of the window.
    await item.hover({ timeout: STEP });
    await wb.page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: /Click to switch/ }).first().waitFor({ state: 'visible', timeout: STEP });
    await wb.docScreenshot('status-bar.png', { clip: { x: 0, y: VIEWPORT.height - 160, width: 720, height: 160 }, keepHover: true });
    await wb.settle();
    switched = true;
  });

  it('creates a key from the palette on the Gateway without asking which connection', async function () {
    if (!switched) {
      this.skip();
    }
    const { workbench: wb, sandbox: dev } = session();
    const qi = wb.quickInput;
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    const onStaging = new SandboxMark(gateway());
    const onDev = new SandboxMark(dev);
    await wb.runFromPalette('Tyk: Create Key…');

    // No connection pick: the flow opens on staging (policies there too: "how" first).
    await qi.waitFor('Create a Tyk key · staging (1)', { rows: true });
    await wb.keyboard.press('Enter');
    await qi.waitFor('Create a Tyk key · staging (2)', { rows: true });
    await wb.keyboard.type('Petstore');
    await waitUntil('the filter to leave Petstore', async () => (await qi.rows()).map((r) => r.label).join() === 'Petstore', STEP, qi.describe);
    await wb.keyboard.press('ArrowDown');
    await wb.keyboard.press('Space');
    await waitUntil('Petstore to be checked', async () => (await qi.rows())[0]?.checked === true, STEP, qi.describe);
    await wb.keyboard.press('Enter');
    await enterThrough(wb, ['(3/5)', '(4/5)', '(5/5)']);

    const created = await onStaging.oneNewKey();
    assert.deepEqual(Object.keys(created.session.access_rights as object), [SAMPLE.petstore.apiId]);
    assert.equal(onStaging.requests('POST', /^\/tyk\/keys\/create$/), 1, 'created through the Gateway API');
    assert.equal(onDev.newKeys().length, 0, 'nothing on dev');
    assert.equal(onDev.requests('POST', /./), 0, 'dev was not asked to create anything');
    await waitForEditorLines(wb, 'the staging key in notes.txt', (l) => l.join('\n') === `Staging key: ${created.key}`);
  });
});
