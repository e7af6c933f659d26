// As a person, in a real VS Code with git on: a key created into a REST Client file before the folder was
// a git repository; after `git init`, Tyk: Find Keys in Workspace reports it in the Problems panel (kind
// and connection, never the key); the quick fix moves it to .env and leaves a reference in the file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { SandboxMark, connect, enterThrough, waitForEditorLines, waitForNotification } from './flows';
import { STEP, waitUntil, useUiSession, type DomElement } from './workbench';

describe('UI: Find Keys in Workspace — a Problem and its quick fix (as a person)', function () {
  this.timeout(150_000);
  const session = useUiSession({ settings: { 'git.enabled': true }, files: { 'requests.http': 'GET http://localhost:8080/petstore/pets\nAuthorization: ' } });
  let key = '';

  it('finds a created key in a file git would commit and shows it in Problems', async () => {
    const { workbench: wb, sandbox, workspace } = session();
    const qi = wb.quickInput;
    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    await wb.openFile('requests.http');
    await wb.keyboard.press('Control+End');
    const created = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow('Petstore'), 'Create Key…');
    await enterThrough(wb, ['(1)', '(2/4)', '(3/4)'], { closes: false });
    await qi.waitFor('(4/4)');
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type('leaky');
    await enterThrough(wb, ['(4/4)']);
    key = (await created.oneNewKey()).key;
    await waitForEditorLines(wb, 'the key in requests.http', (l) => l[1] === `Authorization: ${key}`);
    await wb.save('requests.http');
    // The folder becomes a repository only now: the key was pasted before anyone thought of git.
    execFileSync('git', ['init', '-q'], { cwd: workspace });

    await wb.runFromPalette('Tyk: Find Keys in Workspace');
    await waitForNotification(wb, /^A Tyk key found in a file git would commit \(\d+ files read\): see Problems/);
    await wb.keyboard.press('Control+Shift+M');
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'Tyk key “leaky”' });
    await row.first().waitFor({ state: 'visible', timeout: STEP });
    const text = (await wb.page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Tyk key “leaky” of 127\.0\.0\.1:\d+ in a file git would commit: move it to \.env\./);
    assert.ok(!text.includes(key), 'the Problems panel never shows the key');
    await waitUntil('the editor to underline the key', async () => (await wb.page.locator('.part.editor .squiggly-warning').count()) > 0, STEP);
    await wb.docScreenshot('find-keys.png');
  });

  it('the quick fix moves the key to .env, has git ignore it, and leaves {{$dotenv …}} in the file', async function () {
    if (!key) {
      this.skip();
    }
    const s = session();
    const wb = s.workbench;
    // On the Problem, its quick fixes (Ctrl+.), as a person would.
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'Tyk key “leaky”' }).first().click();
    await wb.keyboard.press('Control+.');
    const fix = wb.page.getByRole('menuitem', { name: 'Move the key to .env', exact: true });
    await fix.waitFor({ state: 'visible', timeout: STEP });
    // A click while the menu is still opening is ignored: point at the entry, see it highlighted, click.
    await fix.hover();
    await waitUntil('the quick fix highlighted', () => fix.evaluate((e: DomElement) => e.closest('.action-item')?.classList.contains('focused') === true), STEP);
    await fix.click();
    const asked = await wb.dialog.waitFor(STEP);
    assert.match(asked.message, /^Git does not ignore \.env: a commit would still publish the key\.$/);
    await wb.dialog.click('Add to .gitignore');
    await waitForNotification(wb, /^The key is in \.env as TYK_KEY_LEAKY; the file reads it from there\.$/);
    await s.waitForFileContent('requests.http', 'GET http://localhost:8080/petstore/pets\nAuthorization: {{$dotenv TYK_KEY_LEAKY}}');
    assert.match(s.readWorkspaceFile('.env'), new RegExp(`^TYK_KEY_LEAKY=("?)${key.replace(/[+/=]/g, '\\$&')}\\1\\n$`));
    assert.equal(s.readWorkspaceFile('.gitignore'), '.env\n');
    await waitUntil('the Problem gone', async () => (await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'Tyk key “leaky”' }).count()) === 0, STEP);
  });
});
