// As a person, in a real VS Code: a key at a glance. A key made elsewhere (alias, limits, a quota half used,
// an expiry in 3 days, a policy, tags) is opened from the Tyk view into its key view, a webview; its page
// is read through its frame (code-server nests a webview in iframes): the heading, the state, every field,
// the quota bar's values for a screen reader. Then, with the keyboard only: the buttons in order, Copy Hash
// (a notification; the hash, never the key), Revoke… (the modal, then the view closes and says why).
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import { connect, waitForNotification } from './flows';
import { STEP, useUiSession, waitUntil } from './workbench';

describe('UI: the key view — a key at a glance, read and acted on with the keyboard (as a person)', function () {
  this.timeout(180_000);
  const session = useUiSession();

  it('opens the key from the tree, shows every field, and Copy Hash / Revoke… work from the keyboard', async () => {
    const { workbench: wb, sandbox, page } = session();
    const now = Math.floor(Date.now() / 1000);
    const stored = sandbox.createKey({
      org_id: sandbox.orgId,
      alias: 'mobile-app',
      rate: 100,
      per: 60,
      allowance: 100,
      quota_max: 10_000,
      quota_remaining: 6_000,
      quota_renewal_rate: 86_400,
      quota_renews: now + 6 * 3600,
      expires: now + 3 * 86_400 + 3600,
      tags: ['mobile', 'eu-west'],
      apply_policies: [SAMPLE.policies.gold.id],
      access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
    });

    // Traffic: 3,800 requests of its quota used.
    sandbox.consumeQuota(stored.key, 3_800);

    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    // The policies read once (their names then come from what is loaded: no request of the view's own).
    await wb.expandTreeRow('Policies');
    await wb.treeRow('Gold plan').waitFor({ state: 'visible', timeout: STEP });
    await wb.expandTreeRow('Petstore');
    await wb.expandTreeRow('Keys');
    await wb.treeRow('mobile-app').click({ timeout: STEP });

    const frame = await wb.webviewFrame('h1.title');
    assert.equal((await frame.locator('h1').textContent())?.trim(), 'mobile-app');
    assert.equal((await frame.locator('.state').textContent())?.trim(), 'expires in 3 days');
    assert.deepEqual(
      (await frame.locator('h2').allTextContents()).map((t) => t.trim()),
      ['Key', 'State', 'Limits', 'Usage over time', 'Access rights', 'Policies', 'Tags'],
      'a heading per section',
    );
    const terms = (await frame.locator('dl.facts dt').allTextContents()).map((t) => t.trim());
    const values = (await frame.locator('dl.facts dd').allTextContents()).map((t) => t.trim().replace(/\s/g, ' '));
    const facts = new Map(terms.map((t, i) => [t, values[i] ?? '']));
    assert.equal(facts.get('Alias'), 'mobile-app');
    assert.equal(facts.get('Key'), `${stored.key.slice(0, 4)}…${stored.key.slice(-4)}`, 'masked');
    assert.equal(facts.get('Hash'), stored.hash);
    assert.match(facts.get('Created') ?? '', /\d{4}.*\((less than a minute|\d+ minutes?) ago\)$/, 'when the sandbox stored it (as Tyk, it sets date_created)');
    assert.equal(facts.get('State'), 'expires in 3 days');
    assert.match(facts.get('Expires') ?? '', /\d{4}/, 'a date');
    assert.equal(facts.get('Countdown'), 'in 3 days');
    assert.equal(facts.get('Rate limit'), '100 requests per minute');
    assert.equal(facts.get('Quota'), '10,000 requests an hour', 'the Gold plan’s quota (Tyk applies the policy’s limits)');
    assert.match(facts.get('Renews') ?? '', /\d{4}.*\(in \d+ (hours?|minutes?)\)$/);
    const meter = frame.locator('[role="meter"]');
    // What the server stores now (the policy's quota applied to the key).
    const serverSession = sandbox.keys().find((k) => k.key === stored.key)?.session ?? {};
    const max = Number(serverSession.quota_max);
    const used = max - Number(serverSession.quota_remaining);
    assert.equal(max, 10_000);
    assert.equal(used, 3_800);
    assert.equal(await meter.getAttribute('aria-valuenow'), String(used));
    assert.equal(await meter.getAttribute('aria-valuemax'), '10000');
    assert.equal(await meter.getAttribute('aria-valuemin'), '0');
    assert.equal(await meter.getAttribute('aria-valuetext'), `${used.toLocaleString('en')} of 10,000 requests used, ${(max - used).toLocaleString('en')} remaining`);
    assert.equal(await meter.getAttribute('aria-label'), 'Limits');
    assert.deepEqual(
      (await frame.locator('.section-access li').allTextContents()).map((t) => t.trim()),
      [`Petstore id ${SAMPLE.petstore.apiId} · versions: Default`, `Payments API id ${SAMPLE.payments.apiId} · versions: v1, v2`],
      'by name and version (the Gold plan grants Payments too: Tyk applies the policy’s rights)',
    );
    assert.deepEqual((await frame.locator('.section-policies .item').allTextContents()).map((t) => t.trim()), ['Gold plan']);
    assert.deepEqual((await frame.locator('.section-tags .item').allTextContents()).map((t) => t.trim()), ['mobile', 'eu-west', 'gold'], 'its own and the policy’s');
    assert.ok(!(await frame.locator('body').innerText()).includes(stored.key), 'the key itself is nowhere in the page');
    assert.equal(await frame.locator('.actions[role="group"]').getAttribute('aria-label'), 'Key actions');
    await wb.docScreenshot('key-view.png');

    // The keyboard: from the page's top, Tab goes through the buttons in order.
    await frame.locator('h1.title').click();
    const focused = (): Promise<unknown> => frame.evaluate('document.activeElement && document.activeElement.dataset.action');
    const order: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      await wb.keyboard.press('Tab');
      order.push(await focused());
    }
    assert.deepEqual(order, ['update', 'rotate', 'revoke', 'copyHash', 'openJson']);

    await wb.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'copyHash');
    await wb.keyboard.press('Enter');
    await waitForNotification(wb, /^Copied the hash of the key “mobile-app” \(.+\) \(not the key\)\.$/);

    // Back in the page, Revoke… by the keyboard: the modal asks first; the view closes and says why.
    await frame.locator('h1.title').click();
    for (let i = 0; i < 3; i++) {
      await wb.keyboard.press('Tab');
    }
    assert.equal(await focused(), 'revoke');
    await wb.keyboard.press(' ');
    const asked = await wb.dialog.waitFor();
    assert.match(asked.message, /^Revoke the key “mobile-app”/);
    await wb.dialog.click('Revoke');
    await waitUntil('the key revoked on the server', () => !sandbox.keys().some((k) => k.key === stored.key), STEP);
    await waitUntil('the key view closed', async () => (await page.locator('.part.editor .tab').filter({ hasText: 'mobile-app' }).count()) === 0, STEP);
    await waitForNotification(wb, /^The key “mobile-app” \(.+\) was revoked: its view is closed\.$/);
  });
});
