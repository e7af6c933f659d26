// As a person, in a real VS Code: the life of a key from the Tyk view. Create a key on Petstore and
// find it under Petstore → Keys by its alias; open its key view, then its details (read-only JSON, the key itself not in
// it); a suspended and an expired key made elsewhere show their state; suspend it; rotate it (asked first; the new
// key named apart, inserted, and put in place of the old one in notes.txt; the old one revoked only when Revoke Old
// Key, never the default, is picked);
// revoke the new one (another modal). The sandbox Tyk says what really happened on the server.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import type { StoredKey } from '../sandbox/server';
import { SandboxMark, byLabel, connect, enterThrough, keyRowsByLabel, themeColor, treeIcon, waitForEditorLines, waitForNotification } from './flows';
import { SHORT, STEP, useUiSession, waitUntil } from './workbench';

/** The masked form the tree shows: the first and last four characters. */
const masked = (key: string): string => `${key.slice(0, 4)}…${key.slice(-4)}`;

describe('UI: a key’s life in the Tyk view — list, state, details, suspend, rotate, revoke (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Tyk key: ' });
  let alias = '';
  let key: StoredKey | undefined;
  let rotated: StoredKey | undefined;
  /** The limits the details document wrote: Update Key… must write them alike. */
  let detailsLimits: { rate: unknown; quota: unknown; expires: unknown } | undefined;
  let newAlias = '';

  const sessionOf = (k: string): Record<string, unknown> | undefined => session().sandbox.keys().find((s) => s.key === k)?.session;

  it('creates a key on Petstore and lists it under Petstore → Keys by its alias', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    // Wider, as a person makes it to read the keys' masked forms beside their aliases.
    await wb.resizeSideBar(460);
    await wb.expandTreeRow(connection);
    await wb.expandTreeRow('Petstore');
    await wb.expandTreeRow('Keys');
    await wb.treeRow('No keys grant this API.').waitFor({ state: 'visible', timeout: STEP });

    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    const mark = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow('Petstore'), 'Create Key…');
    await qi.waitFor('(1)', { rows: true });
    await wb.keyboard.press('Enter');
    await qi.waitFor('(2/4)', { rows: true });
    await wb.keyboard.press('Enter');
    await qi.waitFor('(3/4)', { rows: true });
    await wb.keyboard.press('Enter');
    await qi.waitFor('(4/4)');
    alias = await qi.value();
    assert.match(alias, /^petstore-\d{8}-\d{4}$/, 'the default alias is the API and the date');
    await enterThrough(wb, ['(4/4)']);

    key = await mark.oneNewKey();
    assert.equal(key.session.alias, alias, 'the server stored the alias');
    assert.deepEqual(Object.keys(key.session.access_rights as object), [SAMPLE.petstore.apiId]);
    const created = key.key;
    await waitForEditorLines(wb, 'the key in notes.txt', (l) => l.join('\n') === `Tyk key: ${created}`);

    // Under Keys: the key by its alias, masked beside it; the "no keys" row is gone.
    const row = wb.treeRow(alias);
    await row.waitFor({ state: 'visible', timeout: STEP });
    const items = await wb.treeItems();
    const under = items.slice(items.findIndex((r) => r.label === 'Keys') + 1).filter((r) => r.level === 4);
    assert.deepEqual(
      under.map((r) => [r.label, r.description]),
      [[alias, masked(created)]],
      'Keys lists exactly the new key, by alias, masked',
    );
    assert.ok(!items.some((r) => r.label.includes(created) || r.description.includes(created)), 'the tree never shows the key in full');
  });

  it('shows each key’s state: a suspended and an expired key made elsewhere stand out after Refresh, with the state in their hover', async function () {
    if (!key) {
      this.skip();
    }
    const { sandbox } = session();
    const created = key.key;
    // Made elsewhere (another tool, the Dashboard's UI): a suspended key, and one whose expiry passes now
    // (Tyk takes no expiry in the past: a key expires by time passing).
    const rights = { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } };
    const base = { org_id: sandbox.orgId, rate: 10, per: 1, quota_max: -1, expires: -1, access_rights: rights };
    const expires = Math.floor(Date.now() / 1000) + 2;
    const suspended = sandbox.createKey({ ...base, alias: 'legacy-mobile', is_inactive: true }).key;
    const expired = sandbox.createKey({ ...base, alias: 'partner-trial', expires }).key;
    try {
      await waitUntil('the expiry to pass', () => Date.now() > expires * 1000, 5000);
      await seeTheirState(alias, created, suspended, expired, expires);
    } finally {
      // Gone again (through the Dashboard API, as elsewhere): the next steps expect the one key.
      for (const k of [suspended, expired]) {
        await fetch(`${sandbox.dashboardUrl}/api/keys/${encodeURIComponent(k)}`, { method: 'DELETE', headers: { authorization: sandbox.credential } });
      }
    }
  });

  /** Refresh, then each key's word, icon and colour, and hover. */
  const seeTheirState = async (alias: string, created: string, suspended: string, expired: string, expires: number): Promise<void> => {
    const { workbench: wb, page } = session();
    await wb.contextMenu(wb.treeRow('Keys'), 'Refresh');
    await wb.treeRow('partner-trial').waitFor({ state: 'visible', timeout: STEP });
    await wb.waitTreeSettled();
    assert.deepEqual(
      await keyRowsByLabel(wb),
      [
        [alias, masked(created)],
        ['legacy-mobile', `${masked(suspended)} · suspended`],
        ['partner-trial', `${masked(expired)} · expired`],
      ].sort(byLabel),
      'the word beside each key Tyk refuses; the active key as before',
    );
    // Each its own icon, in the theme's warning and error colours; the active key keeps the key icon.
    const iconOf = (label: string): Promise<{ icon: string; color: string }> => treeIcon(wb, label);
    assert.deepEqual(await iconOf('legacy-mobile'), { icon: 'codicon-debug-pause', color: await themeColor(page, 'list.warningForeground') });
    assert.deepEqual(await iconOf('partner-trial'), { icon: 'codicon-watch', color: await themeColor(page, 'list.errorForeground') });
    assert.equal((await iconOf(alias)).icon, 'codicon-key');
    await wb.docScreenshot('keys.png');

    // The hover says what Tyk does with it.
    for (const [label, state] of [
      ['legacy-mobile', 'State: suspended. Tyk refuses calls made with it until it is reactivated (Update Key…).'],
      ['partner-trial', `State: expired on ${new Date(expires * 1000).toISOString()}. Tyk refuses calls made with it.`],
      [alias, 'State: active, never expires'],
    ] as const) {
      await wb.settle();
      await wb.treeRow(label).hover({ timeout: STEP });
      await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ hasText: state }).first().waitFor({ state: 'visible', timeout: STEP });
    }
    await wb.settle();
  };

  it('shows the key’s details in a read-only JSON editor that does not hold the key', async function () {
    if (!key) {
      this.skip();
    }
    const { workbench: wb, page } = session();
    const created = key.key;
    await wb.treeRow(alias).click({ timeout: STEP });
    // The key view opens (test/ui/keyView.test.ts reads it); its Open as JSON button opens the session.
    const view = await wb.webviewFrame('h1.title');
    assert.equal((await view.locator('h1.title').textContent())?.trim(), alias);
    await view.locator('[data-action="openJson"]').click({ timeout: STEP });
    const tab = page.locator('.part.editor .tabs-container .tab.active');
    const tabTitle = await waitUntil('the details tab', async () => {
      const t = ((await tab.getAttribute('aria-label', { timeout: SHORT })) ?? '').trim();
      return /\.json\b/.test(t) ? t : undefined;
    });
    const label = ((await tab.locator('.monaco-icon-label').first().textContent({ timeout: SHORT })) ?? '').trim();
    assert.match(label, /\.json$/, `the tab title ends with .json: ${label}`);
    assert.ok(label.includes(alias), `the tab names the key by its alias: ${label}`);
    assert.ok(!label.includes(created) && !tabTitle.includes(created), 'the tab title does not hold the key');

    const lines = await waitForEditorLines(wb, 'the key details', (l) => l.join('\n').includes('"alias"'));
    const top = lines.join('\n');
    assert.ok(top.includes(`"alias": "${alias}"`), `the alias is shown: ${top}`);
    assert.ok(top.includes('"expires": "never"'), 'the expiry is in words');
    assert.ok(top.includes(`"key": "${masked(created)}"`), 'the key is shown masked');
    await wb.docScreenshot('key-details.png');

    // The whole document, page by page: the key is nowhere in it.
    await page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().click();
    const text = await wb.editorFullText();
    const parsed = JSON.parse(text) as { summary: Record<string, unknown>; session: Record<string, unknown> };
    assert.equal(parsed.summary.alias, alias);
    assert.equal(parsed.summary.expires, 'never');
    assert.equal(parsed.summary.state, 'active');
    // Tyk's defaults, in words (as Create Key's first choice writes them): not "1000 requests per 1 s".
    assert.equal(parsed.summary.rate_limit, '1,000 requests per second');
    assert.equal(parsed.summary.quota, 'unlimited');
    detailsLimits = { rate: parsed.summary.rate_limit, quota: parsed.summary.quota, expires: parsed.summary.expires };
    assert.ok(!text.includes(created), 'the key itself is nowhere in the details document');
    const stored = sessionOf(created);
    assert.ok(stored, 'the key still exists');
    assert.deepEqual(Object.keys(parsed.session.access_rights as object), Object.keys(stored.access_rights as object), 'the session shown is the stored one');

    // Read-only: typing at the top changes nothing.
    await wb.keyboard.press('Control+Home');
    await wb.keyboard.type('x');
    await waitUntil('the read-only notice or nothing', async () => (await wb.editorLines())[0] === '{', SHORT, async () => JSON.stringify((await wb.editorLines())[0]));
    assert.doesNotMatch((await tab.getAttribute('class')) ?? '', /\bdirty\b/, 'the details are not modified');
  });

  it('suspends the key with Update Key…', async function () {
    if (!key) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const created = key.key;
    const mark = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow(alias), 'Update Key…');
    const title = await qi.waitFor('(1)', { rows: true });
    assert.ok(title.includes(alias), `the title names the key: ${title}`);
    assert.ok(!title.includes(created), 'not in full');
    const shown = await qi.rows();
    const rows = shown.map((r) => r.label);
    assert.deepEqual(rows, ['Change expiry…', 'Change quota…', 'Change rate limit…', 'Suspend', 'Reset quota now']);
    assert.ok(detailsLimits, 'the details were read (the test before)');
    assert.deepEqual(
      shown.slice(0, 3).map((r) => r.description),
      [detailsLimits.expires, detailsLimits.quota, detailsLimits.rate],
      'Update Key… writes the expiry, quota and rate limit as the details do',
    );
    await qi.row('Suspend').click();
    await qi.waitClosed();
    await waitUntil('the sandbox to store the key suspended', () => sessionOf(created)?.is_inactive === true, STEP, () => JSON.stringify(sessionOf(created)));
    assert.equal(mark.requests('PUT', /^\/api\/keys\//), 1, 'exactly one update');
    assert.equal(mark.newKeys().length, 0, 'no key created');
    await waitForNotification(wb, /^Updated the key “petstore-\d{8}-\d{4}” \(.+\): suspended\.$/);
    // The tree says so at once (no Refresh): the list is read again, alone now.
    await waitUntil(
      'Keys to show the key suspended',
      async () => {
        const items = await wb.treeItems();
        const under = items.slice(items.findIndex((r) => r.label === 'Keys') + 1).filter((r) => r.level === 4);
        return JSON.stringify(under.map((r) => [r.label, r.description])) === JSON.stringify([[alias, `${masked(created)} · suspended`]]);
      },
      STEP,
      async () => JSON.stringify(await wb.treeItems()),
    );
  });

  it('rotates the key only after a question (Escape creates nothing); the new key named apart, replaces the old one in notes.txt; Keep is the default, Revoke Old Key revokes', async function () {
    if (!key) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const old = key.key;
    // Back in notes.txt, on a new line: the rotated key lands at the cursor.
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    await wb.keyboard.press('Enter');
    await wb.keyboard.type('Rotated: ');
    const mark = new SandboxMark(sandbox);

    // Asked first, and Escape creates nothing.
    await wb.contextMenu(wb.treeRow(alias), 'Rotate Key…');
    let shown = await wb.dialog.waitFor(STEP);
    assert.match(shown.message, /^Rotate the key “petstore-\d{8}-\d{4}” \(.+\)\?$/);
    assert.match(shown.detail, /same access rights, limits, policies and expiry is created, named “petstore-\d{8}-\d{4} \(rotated \d{4}-\d{2}-\d{2}\)”/);
    assert.match(shown.detail, /The old key keeps working until you revoke it/);
    assert.deepEqual(await wb.dialog.defaultButton(), { primary: ['Create New Key'], focused: ['Create New Key'] }, `the dialog's buttons: ${JSON.stringify(shown.buttons)}`);
    assert.equal(mark.newKeys().length, 0, 'nothing created while the question is open');
    await wb.keyboard.press('Escape');
    await wb.dialog.box.waitFor({ state: 'hidden', timeout: STEP });
    await wb.settle();
    assert.equal(mark.newKeys().length, 0, 'Escape: no key created');
    assert.equal(mark.requests('POST', /^\/api\/keys\/?$/), 0, 'nothing sent');

    // Again, and Create New Key.
    await wb.contextMenu(wb.treeRow(alias), 'Rotate Key…');
    await wb.dialog.waitFor(STEP);
    await wb.dialog.click('Create New Key');
    rotated = await mark.oneNewKey();
    const fresh = rotated.key;
    assert.notEqual(fresh, old);
    newAlias = String(rotated.session.alias);
    assert.match(newAlias, /^petstore-\d{8}-\d{4} \(rotated \d{4}-\d{2}-\d{2}\)$/, 'named apart from the old key');
    assert.ok(newAlias.startsWith(`${alias} (rotated `));
    assert.deepEqual(rotated.session.access_rights, key.session.access_rights, 'the same rights');

    // The old key is in notes.txt: replaced there if the person agrees.
    shown = await wb.dialog.waitFor(STEP);
    assert.match(shown.message, /^Replace the old key “petstore-\d{8}-\d{4}” \(.+\) with the new one in the open editors\?$/);
    assert.match(shown.detail, /^The old key is in 1 place in notes\.txt\./);
    await wb.dialog.click('Replace', { another: true });

    // Then the old key: Keep Old Key comes first and has the focus (Enter keeps it).
    shown = await wb.dialog.waitFor(STEP);
    assert.match(shown.message, /^Revoke the old key “petstore-\d{8}-\d{4}” \(.+\) now\?$/);
    assert.match(shown.detail, /The new key replaced it in 1 place in notes\.txt\./);
    assert.ok(!shown.message.includes(old) && !shown.detail.includes(old), 'the dialog does not show the old key in full');
    assert.deepEqual([...shown.buttons].sort(), ['Cancel', 'Keep Old Key', 'Revoke Old Key'], `the dialog's buttons: ${JSON.stringify(shown.buttons)}`);
    assert.deepEqual(await wb.dialog.defaultButton(), { primary: ['Keep Old Key'], focused: ['Keep Old Key'] }, 'the default button keeps the old key');
    assert.ok(sessionOf(old), 'the old key still exists while the question is open');
    await waitForEditorLines(wb, 'the new key in notes.txt, in both places', (l) => l.join('\n') === `Tyk key: ${fresh}\nRotated: ${fresh}`);

    await wb.dialog.click('Revoke Old Key');
    await waitUntil('the old key to be revoked', () => sessionOf(old) === undefined, STEP);
    assert.equal(mark.requests('DELETE', /^\/api\/keys\//), 1, 'exactly one delete');
    assert.ok(sessionOf(fresh), 'the new key is kept');
    // The Keys node lists the new key (its own alias, its own masked form).
    await waitUntil(
      'Keys to list the new key only',
      async () => {
        const items = await wb.treeItems();
        const under = items.slice(items.findIndex((r) => r.label === 'Keys') + 1).filter((r) => r.level === 4);
        return under.length === 1 && under[0]?.label === newAlias && under[0].description === masked(fresh);
      },
      STEP,
      async () => JSON.stringify(await wb.treeItems()),
    );
    await waitForNotification(wb, /^Rotated: the old key .+ is revoked\.$/);
  });

  it('revokes the new key after a modal confirmation', async function () {
    if (!rotated) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const fresh = rotated.key;
    const mark = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow(newAlias), 'Revoke Key…');
    const shown = await wb.dialog.waitFor(STEP);
    assert.match(shown.message, /^Revoke the key “petstore-\d{8}-\d{4} \(rotated \d{4}-\d{2}-\d{2}\)” \(.+\)\?$/);
    assert.match(shown.detail, /It grants Petstore\. .*cannot be undone/);
    assert.ok(shown.buttons.includes('Revoke'), `the dialog offers Revoke: ${JSON.stringify(shown.buttons)}`);
    await wb.dialog.click('Revoke');
    await waitUntil('the key to be revoked', () => sessionOf(fresh) === undefined, STEP);
    assert.equal(mark.requests('DELETE', /^\/api\/keys\//), 1, 'exactly one delete');
    assert.equal(sandbox.keys().length, 0, 'no key left');
    await wb.treeRow('No keys grant this API.').waitFor({ state: 'visible', timeout: STEP });
    assert.equal(await wb.treeRow(newAlias).count(), 0, 'the key is gone from the tree');
    await waitForNotification(wb, /^Revoked the key .+\.$/);
  });
});
