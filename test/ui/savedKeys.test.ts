// As a person, in a real VS Code with `tyk.rememberCreatedKeys` on: a created key is saved; Insert
// Saved Key… puts it in the editor again (nothing asked of Tyk); Forget Saved Keys asks in a modal,
// then forgets them (the key keeps working in Tyk); Insert Saved Key… then says there are none.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import { SandboxMark, connect, enterThrough, waitForEditorLines, waitForNotification, typeOnNewLine } from './flows';
import { SHORT, STEP, useUiSession } from './workbench';

describe('UI: saved keys — insert again, forget (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Tyk key: ', settings: { 'tyk.rememberCreatedKeys': true } });
  let key = '';
  let alias = '';

  it('saves a created key and inserts it again with Insert Saved Key…', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    const created = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow('Petstore'), 'Create Key…');
    await enterThrough(wb, ['(1)', '(2/4)', '(3/4)'], { closes: false });
    await qi.waitFor('(4/4)');
    alias = await qi.value();
    await enterThrough(wb, ['(4/4)']);
    const stored = await created.oneNewKey();
    key = stored.key;
    await waitForEditorLines(wb, 'the key in notes.txt', (l) => l.join('\n') === `Tyk key: ${key}`);

    await typeOnNewLine(wb, 'Again: ');
    const mark = new SandboxMark(sandbox);
    await wb.runFromPalette('Tyk: Insert Saved Key…');
    await qi.waitFor(/^Insert Saved Key/, { rows: true });
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => [r.label, r.description]),
      [[alias, `${SAMPLE.petstore.name} · ${connection}`]],
      'the saved key, by its alias, with its API and connection',
    );
    assert.ok(!JSON.stringify(rows).includes(key), 'the pick never shows the key in full');
    await qi.row(alias).click();
    await qi.waitClosed();
    await waitForEditorLines(wb, 'the saved key inserted again', (l) => l.join('\n') === `Tyk key: ${key}\nAgain: ${key}`);
    assert.equal(mark.newKeys().length, 0, 'no key created');
    // No key read or written (the status bar's expiry count may list /api/keys/detailed after the create).
    assert.equal(mark.requests('POST', /./) + mark.requests('GET', /\/keys(?!\/detailed)/), 0, 'Tyk was not asked: the key came from the secret storage');
    await waitForNotification(wb, /^Saved key for Petstore and inserted at the cursor\.$/);
  });

  it('forgets the saved keys after a modal confirmation; Insert Saved Key… then finds none', async function () {
    if (!key) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const mark = new SandboxMark(sandbox);
    await wb.runFromPalette('Tyk: Forget Saved Keys');
    const shown = await wb.dialog.waitFor(STEP);
    assert.equal(shown.message, 'Forget 1 saved key?');
    assert.match(shown.detail, /keep working in Tyk/);
    assert.ok(shown.buttons.includes('Forget'), `the dialog offers Forget: ${JSON.stringify(shown.buttons)}`);
    await wb.dialog.click('Forget');
    await waitForNotification(wb, /^Saved keys forgotten\.$/);
    assert.ok(sandbox.keys().some((k) => k.key === key), 'the key still exists in Tyk');
    assert.equal(mark.requests('DELETE', /./), 0, 'nothing revoked');

    await wb.runFromPalette('Tyk: Insert Saved Key…');
    await waitForNotification(wb, /^No saved keys yet: keys you create from now on are saved\.$/);
    // The palette that ran the command may still be fading out; a pick the command opened would stay.
    await assert.doesNotReject(wb.quickInput.waitClosed(SHORT), 'no pick opened');
    const lines = await wb.editorLines();
    assert.equal(lines.filter((l) => l.includes(key)).length, 2, 'nothing more inserted');
  });
});
