// As a person, in a real VS Code: an address where nothing answers is said on the address step, as
// typed, before any credential is asked; plain http to another machine is never the default answer; a
// wrong credential in Add Connection is refused inline, under the input, with the server's reason;
// retyping the right one goes on from there, nothing else is asked again.
import * as assert from 'node:assert/strict';
import { closedPort } from '../support/faultServer';
import { SHORT, STEP, useUiSession, waitUntil } from './workbench';

describe('UI: Add Connection with a wrong address or credential (as a person)', function () {
  this.timeout(90_000);
  const session = useUiSession();

  it('says on the address step that nothing answers there, the typed text kept; plain http is never the default button', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await wb.openTykView();
    await wb.welcomeButton('Connect to Tyk').click({ timeout: STEP });
    await qi.waitFor('Connect to Tyk (1/4)', { rows: true });
    await qi.row('Tyk Dashboard').click();
    await qi.waitFor('Connect to Tyk (2/4)');
    const message = async (): Promise<string> => ((await qi.message.textContent({ timeout: SHORT })) ?? '').trim();
    assert.match(await message(), /Typed without http:\/\/ or https:\/\/, an address on this machine \(localhost, 127\.x, ::1\) gets http:\/\/, any other https:\/\//, 'the rule is said before typing');

    // Typed without a scheme: what it becomes is said as it is typed (not as an error).
    const port = await closedPort();
    const typed = `localhost:${port}`;
    await wb.keyboard.type(typed);
    await waitUntil(
      'the address it will become',
      async () => (await message()) === `Will connect to http://localhost:${port} (typed without a scheme: http:// for this machine, https:// for other hosts)` || undefined,
      SHORT,
      qi.describe,
    );
    assert.equal(await qi.error(), undefined, 'not an error');

    // Enter: nothing listens there. Said under the box, on this step, before any credential.
    await wb.keyboard.press('Enter');
    const refused = await qi.waitForError(/refused/);
    assert.equal(refused, `Could not check the address on the Tyk Dashboard at http://localhost:${port}: the connection was refused: is the server running on that port?`);
    assert.ok((await qi.title()).endsWith('(2/4)'), 'still on the address step');
    assert.equal(await qi.value(), typed, 'what was typed is kept, to fix');
    assert.equal(sandbox.requests.length, 0);

    // Plain http to another machine (0.0.0.0 reaches the sandbox here, but is not a loopback name):
    // the modal's default button (Enter) is the safe answer, never “Use http anyway”.
    const other = `http://0.0.0.0:${new URL(sandbox.dashboardUrl).port}`;
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type(other);
    await wb.keyboard.press('Enter');
    const shown = await wb.dialog.waitFor(STEP);
    assert.equal(shown.message, `Send the credential to ${other} over plain http?`);
    assert.ok(shown.buttons.includes('Use http anyway') && shown.buttons.includes('Use https:// Instead'), JSON.stringify(shown.buttons));
    await wb.keyboard.press('Enter');
    await wb.dialog.box.waitFor({ state: 'hidden', timeout: STEP });
    await waitUntil('the https:// address in the box', async () => (await qi.value()) === other.replace('http://', 'https://') || undefined, STEP, qi.describe);
    assert.ok((await qi.title()).endsWith('(2/4)'), 'plain http was not accepted: still on the address step');
    assert.ok(
      sandbox.requests.length > 0 && sandbox.requests.every((r) => r.headers.authorization === undefined),
      'the address was checked, without a credential',
    );
    await wb.keyboard.press('Escape');
    await qi.waitClosed();
  });

  it('shows the refusal under the input and lets the user retype the credential', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const wrong = 'not-the-dashboard-credential-0000';
    await wb.openTykView();
    await wb.welcomeButton('Connect to Tyk').click({ timeout: STEP });

    await qi.waitFor('Connect to Tyk (1/4)', { rows: true });
    await qi.row('Tyk Dashboard').click();
    await qi.waitFor('Connect to Tyk (2/4)');
    await wb.keyboard.type(sandbox.dashboardUrl);
    await wb.keyboard.press('Enter');

    // The wrong credential: the Dashboard answers 401 and the box says why, staying on step 3.
    await qi.waitFor('Connect to Tyk (3/4)');
    const mark = sandbox.requests.length;
    await wb.keyboard.type(wrong);
    await wb.keyboard.press('Enter');
    const message = await qi.waitForError(/rejected the credential/);
    assert.match(message, /^The Tyk Dashboard rejected the credential/);
    assert.ok(!message.includes(wrong), 'the message does not echo the credential');
    const refused = sandbox.requests.slice(mark);
    assert.ok(refused.length > 0, 'the credential was sent to the Dashboard');
    assert.ok(
      refused.every((r) => r.headers.authorization === wrong && r.status === 401),
      `the Dashboard saw the wrong credential and refused it: ${JSON.stringify(refused.map((r) => [r.method, r.path, r.status]))}`,
    );
    assert.ok((await qi.title()).endsWith('(3/4)'), 'still on the credential step');
    assert.equal(await qi.value(), wrong, 'what was typed is kept, to fix');
    await wb.docScreenshot('wrong-credential.png');

    // Retype: select all, type the right one. The error clears as the user types.
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type(sandbox.credential);
    await waitUntil('the error to clear while typing', async () => (await qi.error()) === undefined, SHORT, qi.describe);
    const retry = sandbox.requests.length;
    await wb.keyboard.press('Enter');

    // Straight on to the name: kind and address were not asked again.
    await qi.waitFor('Connect to Tyk (4/4)');
    const accepted = sandbox.requests.slice(retry);
    assert.ok(
      accepted.length > 0 && accepted.every((r) => r.headers.authorization === sandbox.credential && r.status === 200),
      'the retyped credential was checked and accepted',
    );
    const name = new URL(sandbox.dashboardUrl).host;
    assert.equal(await qi.value(), name);
    await wb.keyboard.press('Enter');
    await qi.waitClosed();

    // The connection works: the right credential was saved (its APIs load), only one connection exists.
    await wb.expandTreeRow(name);
    await wb.treeRow('Petstore').waitFor({ state: 'visible', timeout: STEP });
    const connections = (await wb.treeLabels()).filter((r) => r.level === 1);
    assert.deepEqual(
      connections.map((r) => r.label),
      [name],
      'exactly one connection',
    );
    const settings = session().userSettings();
    const saved = settings['tyk.connections'] as Array<{ url: string; kind: string; name: string }>;
    assert.equal(saved.length, 1);
    assert.deepEqual({ url: saved[0]?.url, kind: saved[0]?.kind, name: saved[0]?.name }, { url: sandbox.dashboardUrl, kind: 'dashboard', name });
    const text = JSON.stringify(settings);
    assert.ok(!text.includes(wrong) && !text.includes(sandbox.credential), 'no credential in settings.json');
  });
});
