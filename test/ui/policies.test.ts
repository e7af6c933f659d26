// As a person, in a real VS Code: the connection's Policies in the Tyk view, a key created from a
// policy by right-clicking it (only the alias is asked), and the palette's Create Key offering the
// policies at its first step. The sandbox Tyk says what the key applies.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import { SandboxMark, connect, enterThrough, waitForEditorLines, waitForNotification, typeOnNewLine } from './flows';
import { STEP, useUiSession, waitUntil } from './workbench';

describe('UI: policies — list them, create a key from one (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Gold key: ' });
  let connection = '';
  let goldKey = '';

  it('lists the two policies under Policies, with what they grant', async () => {
    const { workbench: wb, sandbox } = session();
    connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.resizeSideBar(460);
    await wb.expandTreeRow(connection);
    await wb.expandTreeRow('Policies');
    const policies = await waitUntil(
      'the policies under Policies',
      async () => {
        const items = await wb.treeItems();
        const under = items.slice(items.findIndex((r) => r.label === 'Policies') + 1).filter((r) => r.level === 3);
        return under.length >= 2 ? under : undefined;
      },
      STEP,
      async () => JSON.stringify(await wb.treeItems()),
    );
    assert.deepEqual(
      policies.map((r) => [r.label, r.description]),
      [
        [SAMPLE.policies.gold.name, '2 APIs'],
        [SAMPLE.policies.readOnly.name, '1 API'],
      ],
      'both policies, with how many APIs each grants',
    );
    assert.ok(sandbox.requests.some((r) => r.server === 'dashboard' && r.path === '/api/portal/policies'), 'read from the Dashboard’s policies');
  });

  it('creates a key from “Gold plan” with its context menu: only the alias is asked', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox, page } = session();
    const qi = wb.quickInput;
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    const mark = new SandboxMark(sandbox);

    // The menu of a policy, open for the README's picture; then the entry, as a person clicks it.
    await wb.treeRow(SAMPLE.policies.gold.name).click({ button: 'right', timeout: STEP });
    const entry = page.getByRole('menuitem', { name: 'New Key from Policy…', exact: true });
    await entry.waitFor({ state: 'visible', timeout: STEP });
    await wb.docScreenshot('policies.png');
    await page.keyboard.press('Escape');
    await entry.waitFor({ state: 'hidden', timeout: STEP });
    await wb.contextMenu(wb.treeRow(SAMPLE.policies.gold.name), 'New Key from Policy…');

    const title = await qi.waitFor(`Create a Tyk key · ${connection}`);
    assert.equal(title, `Create a Tyk key · ${connection}`, 'one step, the alias: no step counter');
    assert.match(await qi.value(), /^gold-plan-\d{8}-\d{4}$/, 'the default alias is the policy’s name and the date');
    assert.equal(mark.requests('POST', /^\/api\/keys/), 0, 'nothing sent before Enter');
    await enterThrough(wb, [title]);

    const created = await mark.oneNewKey();
    assert.deepEqual(created.session.apply_policies, [SAMPLE.policies.gold.id], 'the key applies Gold plan');
    assert.match(String(created.session.alias), /^gold-plan-\d{8}-\d{4}$/);
    const sent = sandbox.requests.find((r) => r.method === 'POST' && r.path === '/api/keys' && r.status === 200);
    const body = JSON.parse(sent?.body ?? '{}') as Record<string, unknown>;
    assert.deepEqual(body.apply_policies, [SAMPLE.policies.gold.id], 'the request named the policy by its id');
    await waitForEditorLines(wb, 'the key in notes.txt', (l) => l.join('\n') === `Gold key: ${created.key}`);
    await waitForNotification(wb, /^Key created for the policy Gold plan and inserted at the cursor\.$/);
    goldKey = created.key;
  });

  it('offers the policies at the first step of Create Key from the palette', async function () {
    if (!goldKey) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await typeOnNewLine(wb, 'Read-only key: ');
    const mark = new SandboxMark(sandbox);
    // Typing “create key” highlights Create Key… first (the policy command is “New Key from Policy…”).
    await wb.keyboard.press('F1');
    await qi.waitFor(/.*/, { rows: true });
    await wb.keyboard.type('create key');
    await waitUntil('the palette to filter', async () => ((await qi.rows())[0]?.label ?? '').startsWith('Tyk: Create Key'), STEP, qi.describe);
    assert.match((await qi.rows()).find((r) => r.focused)?.label ?? '', /^Tyk: Create Key…/, 'Enter would run Create Key…');
    await wb.keyboard.press('Escape');
    await qi.waitClosed();
    await wb.runFromPalette('Tyk: Create Key…');

    await qi.waitFor(`Create a Tyk key · ${connection} (1)`, { rows: true });
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => [r.label, r.focused]),
      [
        ['Choose the APIs', true],
        [SAMPLE.policies.gold.name, false],
        [SAMPLE.policies.readOnly.name, false],
      ],
      '“Choose the APIs” first and highlighted, then the policies',
    );
    assert.equal(rows[1]?.description, 'Petstore, Payments API', 'a policy shows the APIs it grants');
    // The read-only policy (its id differs from its _id): the alias step follows, 2 of 2.
    await qi.row(SAMPLE.policies.readOnly.name).click();
    await qi.waitFor('(2/2)');
    assert.match(await qi.value(), /^petstore-read-only-\d{8}-\d{4}$/);
    await enterThrough(wb, ['(2/2)']);

    const created = await mark.oneNewKey();
    assert.deepEqual(created.session.apply_policies, [SAMPLE.policies.readOnly.id], 'the key applies the policy by its id, not its _id');
    await waitForEditorLines(wb, 'both keys in notes.txt', (l) => l.join('\n') === `Gold key: ${goldKey}\nRead-only key: ${created.key}`);
  });

  it('a policy expands to the APIs it grants; Edit Connection… renames the connection from its context menu', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb } = session();
    const qi = wb.quickInput;
    await wb.expandTreeRow(SAMPLE.policies.gold.name);
    const granted = await waitUntil(
      'the APIs under Gold plan',
      async () => {
        const items = await wb.treeItems();
        const at = items.findIndex((r) => r.label === SAMPLE.policies.gold.name);
        const under: string[] = [];
        for (const row of items.slice(at + 1)) {
          if (row.level <= 3) {
            break;
          }
          under.push(row.label);
        }
        return under.length >= 2 ? under : undefined;
      },
      STEP,
      async () => JSON.stringify(await wb.treeItems()),
    );
    assert.deepEqual([...granted].sort(), [SAMPLE.payments.name, SAMPLE.petstore.name], 'the two APIs Gold plan grants, as rows');

    await wb.contextMenu(wb.treeRow(connection), 'Edit Connection…');
    await qi.waitFor(/Edit Connection/, { rows: true });
    await qi.row('Rename…').click();
    await qi.waitFor(/Rename/);
    assert.equal(await qi.value(), connection, 'the current name, to edit');
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type('Renamed dashboard');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    await waitUntil('the renamed connection row', async () => (await wb.treeItems()).some((r) => r.level === 1 && r.label === 'Renamed dashboard'), STEP, async () =>
      JSON.stringify(await wb.treeItems()),
    );
  });
});
