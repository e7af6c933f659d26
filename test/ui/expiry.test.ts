// As a person, in a real VS Code: keys that expire soon stand out. Keys made elsewhere expiring in 3 days
// and tomorrow are marked under Petstore → Keys (calendar icon in the theme's warning colour, "expires
// in 3 days"), the expired one too; the status bar counts them beside the connection; a click on the
// count lists them (Tyk: Show Expiring Keys), and choosing one opens its details.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import { byLabel, connect, keyRowsByLabel, themeColor, treeIcon, treeLabelColor } from './flows';
import { STEP, useUiSession, waitUntil } from './workbench';

const masked = (key: string): string => `${key.slice(0, 4)}…${key.slice(-4)}`;
const DAY_S = 86_400;

describe('UI: keys about to expire stand out — the tree, the status bar count, Show Expiring Keys (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Tyk key: ' });

  it('marks the keys expiring within 7 days, counts them in the status bar, and the count lists them', async () => {
    const { workbench: wb, sandbox, page } = session();
    // Made elsewhere (the Dashboard's UI, another tool) before VS Code connects.
    const rights = { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } };
    const base = { org_id: sandbox.orgId, rate: 10, per: 1, quota_max: -1, access_rights: rights };
    const now = Math.floor(Date.now() / 1000);
    const partner = sandbox.createKey({ ...base, alias: 'billing-partner', expires: now + 3 * DAY_S }).key;
    const trial = sandbox.createKey({ ...base, alias: 'trial-signup', expires: now + DAY_S }).key;
    const mobile = sandbox.createKey({ ...base, alias: 'mobile-app', expires: now + 90 * DAY_S }).key;
    const legacy = sandbox.createKey({ ...base, alias: 'legacy-batch', expires: now + 2 }).key;
    await waitUntil('the expiry to pass', () => Date.now() > (now + 2) * 1000, 5000);

    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.resizeSideBar(460);
    await wb.expandTreeRow(connection);
    await wb.expandTreeRow('Petstore');
    await wb.expandTreeRow('Keys');
    await wb.treeRow('billing-partner').waitFor({ state: 'visible', timeout: STEP });
    await wb.waitTreeSettled();
    assert.deepEqual(
      await keyRowsByLabel(wb),
      [
        ['billing-partner', `${masked(partner)} · expires in 3 days`],
        ['trial-signup', `${masked(trial)} · expires tomorrow`],
        ['mobile-app', masked(mobile)],
        ['legacy-batch', `${masked(legacy)} · expired`],
      ].sort(byLabel),
    );
    const iconOf = (label: string): Promise<{ icon: string; color: string }> => treeIcon(wb, label);
    const warning = await themeColor(page, 'list.warningForeground');
    assert.deepEqual(await iconOf('billing-partner'), { icon: 'codicon-calendar', color: warning });
    assert.deepEqual(await iconOf('trial-signup'), { icon: 'codicon-calendar', color: warning });
    assert.equal((await iconOf('legacy-batch')).icon, 'codicon-watch');
    assert.equal((await iconOf('mobile-app')).icon, 'codicon-key');
    // Their labels in the same colour.
    assert.equal(await treeLabelColor(wb, 'billing-partner'), warning);
    assert.equal(await treeLabelColor(wb, 'legacy-batch'), await themeColor(page, 'list.errorForeground'));
    assert.notEqual(await treeLabelColor(wb, 'mobile-app'), warning);

    // The status bar: the connection, and beside it the count of its expiring and expired keys.
    // (By what a screen reader says of it: the Forwarded Ports item may show a 3 too.)
    const count = page.locator('.part.statusbar .statusbar-item[aria-label="3 Tyk keys expiring or expired, show them"]');
    await count.waitFor({ state: 'visible', timeout: STEP });
    assert.equal(((await count.locator('a.statusbar-item-label').textContent({ timeout: STEP })) ?? '').trim(), '3', 'the warning icon and the count');
    assert.match((await count.getAttribute('class')) ?? '', /\bwarning-kind\b/, 'on the warning background');
    await wb.statusBarItem(`Tyk: ${connection}`).waitFor({ state: 'visible', timeout: STEP });
    await wb.docScreenshot('expiring-keys.png');

    // A click on the count lists them, the longest expired first, then the soonest.
    await count.click({ timeout: STEP });
    const qi = wb.quickInput;
    await qi.waitFor('Show Expiring Keys', { rows: true });
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => [r.label, r.description]),
      [
        ['legacy-batch', 'expired today'],
        ['trial-signup', 'expires tomorrow'],
        ['billing-partner', 'expires in 3 days'],
      ],
    );
    await qi.row('billing-partner').click({ timeout: STEP });
    await qi.waitClosed();
    // Its details open (Show Key Details), named by its alias.
    const tab = page.locator('.part.editor .tabs-container .tab.active');
    await waitUntil('the key’s details', async () => ((await tab.getAttribute('aria-label', { timeout: STEP })) ?? '').includes('billing-partner'));
  });
});
