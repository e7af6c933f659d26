// As a person, in a real VS Code: a basic-auth user and an HMAC key, each created from its API's context
// menu. The basic-auth user is asked for (username, then a generated password in a password box) and
// inserted as an Authorization: Basic header; the HMAC key's id and the secret Tyk issued are inserted
// together. The sandbox Tyk says what the server really stored.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { SAMPLE } from '../sandbox/seed';
import { SandboxMark, connect, waitForEditorLines, waitForNotification } from './flows';
import { STEP, useUiSession } from './workbench';

/** The sandbox's stand-in for bcrypt (test/sandbox/server.ts hashPassword). */
const sandboxHash = (password: string): string => `$2a$10$${createHash('sha256').update(password).digest('base64').slice(0, 53)}`;

describe('UI: a basic-auth user and an HMAC key (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession({ notes: 'Tyk key: ', settings: { 'tyk.insertFormat': 'ask' } });
  let connection = '';

  it('creates a basic-auth user on a basic-auth API and inserts it as an Authorization: Basic header', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    connection = await connect(wb, { kind: 'Tyk Dashboard', url: sandbox.dashboardUrl, credential: sandbox.credential, from: 'welcome' });
    await wb.resizeSideBar(460);
    await wb.expandTreeRow(connection);
    await wb.treeRow(SAMPLE.reportsBasic.name).waitFor({ state: 'visible', timeout: STEP });
    await wb.openFile('notes.txt');
    await wb.keyboard.press('Control+End');

    const keysBefore = new Set(sandbox.keys().map((k) => k.key));
    const requestMark = sandbox.requests.length;
    await wb.contextMenu(wb.treeRow(SAMPLE.reportsBasic.name), 'Create Key…');
    await qi.waitFor('(1)', { rows: true });
    await wb.keyboard.press('Enter');
    // The user's name, then its password: a generated one, typed hidden.
    await qi.waitFor('(2/6)');
    await wb.keyboard.type('alice');
    await wb.keyboard.press('Enter');
    await qi.waitFor('(3/6)');
    assert.equal(await qi.inputType(), 'password', 'the password is in a password box');
    await wb.docScreenshot('create-basic-auth.png');
    await wb.keyboard.press('Enter');
    for (const step of ['(4/6)', '(5/6)']) {
      await qi.waitFor(step, { rows: true });
      await wb.keyboard.press('Enter');
    }
    await qi.waitFor('(6/6)');
    await wb.keyboard.press('Enter');

    // How it is written: the basic-auth formats, the password masked in each preview.
    await qi.waitFor(/^Insert the key as…/, { rows: true });
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Username and password', 'HTTP header', '.env lines', 'REST Client variables', 'curl command (bash/zsh)', 'curl command (PowerShell)', 'Copy only'],
    );
    assert.match(rows[0]?.description ?? '', /^alice:.+…/, 'the username shown, the password masked');
    await wb.docScreenshot('insert-basic-auth.png');
    await wb.keyboard.type('HTTP header');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();

    // Made by the Dashboard's basic-auth endpoint (POST /api/apis/keys/basic/alice), once.
    const creates = sandbox.requests.slice(requestMark).filter((r) => r.method === 'POST');
    assert.deepEqual(
      creates.map((r) => r.path),
      ['/api/apis/keys/basic/alice'],
    );
    const [user, ...more] = sandbox.keys().filter((k) => !keysBefore.has(k.key));
    assert.ok(user && more.length === 0, 'one user stored');
    // The header is a line of its own, after the line the cursor was on.
    const lines = await waitForEditorLines(wb, 'the header in notes.txt', (l) => /^Tyk key: ?\nAuthorization: Basic \S+$/.test(l.join('\n')));
    const encoded = (lines[1] ?? '').replace('Authorization: Basic ', '');
    const [name, password = ''] = Buffer.from(encoded, 'base64').toString().split(':');
    assert.equal(name, 'alice');
    assert.equal((user.session.basic_auth_data as { password?: string }).password, sandboxHash(password), 'the inserted password is the one the server stored (hashed)');
    await waitForNotification(wb, /Basic-auth user alice created for Reports/);
  });

  it('creates an HMAC key and inserts its key id and secret together', async function () {
    if (!connection) {
      this.skip();
    }
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    // The previous key's notice is dismissed, as a person would, so the screenshot shows only this key's pick.
    await wb.runFromPalette('Notifications: Clear All Notifications');
    await wb.keyboard.press('Control+End');
    await wb.keyboard.press('Enter');
    const mark = new SandboxMark(sandbox);
    await wb.contextMenu(wb.treeRow(SAMPLE.webhooksHmac.name), 'Create Key…');
    for (const step of ['(1)', '(2/4)', '(3/4)']) {
      await qi.waitFor(step, { rows: true });
      await wb.keyboard.press('Enter');
    }
    await qi.waitFor('(4/4)');
    await wb.keyboard.press('Enter');

    await qi.waitFor(/^Insert the key as…/, { rows: true });
    const rows = await qi.rows();
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Key id and secret', '.env lines', 'REST Client variables', 'Copy only'],
      'no header or curl line: each HMAC request is signed',
    );
    const key = await mark.oneNewKey();
    const secret = String(key.session.hmac_string);
    assert.ok(!JSON.stringify(rows).includes(secret), 'the pick never shows the secret in full');
    await wb.docScreenshot('insert-hmac.png');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    // (The notification's words are checked by the integration suite: keyKinds.test.ts.)
    await waitForEditorLines(wb, 'the key id and secret', (l) => l.join('\n').endsWith(`keyId: ${key.key}\nsecret: ${secret}`));
  });
});
