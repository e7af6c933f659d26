// As a person, in a real VS Code with `tyk.insertFormat: ask` (the shipped default): once a key exists,
// "Insert the key as…" offers six formats with the key masked in each preview, and Copy only; a .env
// file gets the .env line highlighted; another file takes the API's own header; the last choice is
// offered first next time, and Escape inserts the key alone; Copy only inserts nothing and a paste
// (Ctrl+V) gives the key. The sandbox Tyk says which key each line holds.
import * as assert from 'node:assert/strict';
import { SAMPLE } from '../sandbox/seed';
import type { StoredKey } from '../sandbox/server';
import { SandboxMark, connect, waitForEditorLines, waitForNotification, typeOnNewLine } from './flows';
import { STEP, useUiSession, waitUntil, type Workbench } from './workbench';

const masked = (key: string): string => `${key.slice(0, 4)}…${key.slice(-4)}`;
const FORMATS = ['Key only', 'HTTP header', '.env line', 'REST Client variable', 'curl command (bash/zsh)', 'curl command (PowerShell)', 'Copy only'];

describe('UI: where the key lands — the insert format pick (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({
    notes: 'Geo Lookup: ',
    files: { '.env': 'PORT=3000\n' },
    settings: { 'tyk.insertFormat': 'ask' },
  });
  let connection = '';

  /** Right-click `api` → Create Key… → Enter at the 4 steps; the format pick is then open, the key created. */
  async function createUpToFormatPick(wb: Workbench, api: string, mark: SandboxMark): Promise<StoredKey> {
    const qi = wb.quickInput;
    await wb.contextMenu(wb.treeRow(api), 'Create Key…');
    for (const step of ['(1)', '(2/4)', '(3/4)', '(4/4)']) {
      await qi.waitFor(step, { rows: step !== '(4/4)' });
      await wb.keyboard.press('Enter');
    }
    await qi.waitFor(/^Insert the key as…/, { rows: true });
    // The key exists before the user chooses how it is written.
    return mark.oneNewKey();
  }

  it('offers six formats and Copy only with masked previews, the .env line first in a .env file', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.expandTreeRow(connection);
    await wb.openFile('.env');
    await wb.keyboard.press('Control+End');

    const mark = new SandboxMark(sandbox);
    const created = await createUpToFormatPick(wb, 'Petstore', mark);
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => r.label),
      FORMATS,
      'the six formats, then Copy only',
    );
    const m = masked(created.key);
    assert.deepEqual(
      rows.map((r) => r.description),
      [
        m,
        `Authorization: ${m}`,
        `TYK_KEY_PETSTORE=${m}`,
        `@tykKey = ${m}`,
        `curl -H "Authorization: ${m}" http://localhost:8080/petstore/`,
        `curl.exe -H 'Authorization: ${m}' 'http://localhost:8080/petstore/'`,
        m,
      ],
      'each preview shows the key masked',
    );
    assert.ok(!JSON.stringify(rows).includes(created.key), 'the pick never shows the key in full');
    assert.deepEqual(
      rows.filter((r) => r.focused).map((r) => r.label),
      ['.env line'],
      'the .env line is highlighted for a .env file',
    );
    await wb.docScreenshot('insert-format.png');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    await waitForEditorLines(wb, 'the .env line', (l) => l.join('\n') === `PORT=3000\nTYK_KEY_PETSTORE=${created.key}`);
    await wb.save('.env');
    await session().waitForFileContent('.env', `PORT=3000\nTYK_KEY_PETSTORE=${created.key}`);
  });

  it('writes the API’s own header (X-Api-Key) for Geo Lookup in another file', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');
    const mark = new SandboxMark(sandbox);
    const created = await createUpToFormatPick(wb, SAMPLE.geoLookup.name, mark);
    assert.deepEqual(Object.keys(created.session.access_rights as object), [SAMPLE.geoLookup.apiId]);
    const rows = await qi.rows();
    assert.deepEqual(
      rows.filter((r) => r.focused).map((r) => r.label),
      ['Key only'],
      'a plain text file: the key alone is highlighted (the .env choice belongs to .env files)',
    );
    assert.equal(rows.find((r) => r.label === 'HTTP header')?.description, `X-Api-Key: ${masked(created.key)}`, 'Geo Lookup reads the key from X-Api-Key');
    await qi.row('HTTP header').click();
    await qi.waitClosed();
    // A header is a line of its own: after the line the cursor was on, never in the middle of it.
    await waitForEditorLines(wb, 'the header line', (l) => l.length === 2 && /^Geo Lookup: ?$/.test(l[0] ?? '') && l[1] === `X-Api-Key: ${created.key}`);
  });

  it('offers the last choice first in the same kind of file; Escape inserts the key alone', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await typeOnNewLine(wb, 'Petstore: ');
    const mark = new SandboxMark(sandbox);
    const created = await createUpToFormatPick(wb, 'Petstore', mark);
    await waitUntil(
      '“HTTP header” to be highlighted',
      async () => (await qi.rows()).find((r) => r.focused)?.label === 'HTTP header',
      STEP,
      qi.describe,
    );
    await wb.keyboard.press('Escape');
    await qi.waitClosed();
    const lines = await waitForEditorLines(wb, 'the key alone', (l) => l.length === 3 && l[2] === `Petstore: ${created.key}`);
    assert.match(lines[1] ?? '', /^X-Api-Key: /);
    assert.equal(sandbox.keys().length, 3, 'three keys in all, one per create');
  });

  it('Copy only: nothing inserted, the key on the clipboard; the person pastes it (Ctrl+V)', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const before = await wb.editorLines();
    const mark = new SandboxMark(sandbox);
    const created = await createUpToFormatPick(wb, 'Petstore', mark);
    const last = (await qi.rows()).at(-1);
    assert.equal(last?.label, 'Copy only');
    assert.equal(last?.description, masked(created.key), 'what is copied: the key alone, masked here');
    await qi.row('Copy only').click();
    await qi.waitClosed();
    await waitForNotification(wb, /^Key created for Petstore and copied to the clipboard, nothing inserted\.$/);
    assert.deepEqual(await wb.editorLines(), before, 'nothing inserted');
    await typeOnNewLine(wb, 'Pasted: ');
    await wb.keyboard.press('Control+V');
    await waitForEditorLines(wb, 'the pasted key', (l) => l.at(-1) === `Pasted: ${created.key}`);
  });
});
