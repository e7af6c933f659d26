// As a person, in a real VS Code: a Tyk Dashboard behind HTTPS with a self-signed certificate (a small
// TLS proxy in front of the sandbox, test/fixtures/tls). Connect to Tyk's address check fails on the
// certificate and offers, on the address step, a CA file or accepting the certificate; accepting asks
// in a modal, then the address is checked again and the credential asked for, and the connection works
// through the proxy. Trusting the certificate's file (a self-signed certificate is its own CA) works as
// well, for a second connection.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { forwardTo, startFaultServer, type FaultServer } from '../support/faultServer';
import { repoRoot } from '../tools/codeServer';
import { STEP, useUiSession, waitUntil, type Workbench } from './workbench';

const CERT_FILE = path.join(repoRoot(), 'test', 'fixtures', 'tls', 'self-signed.crt');

describe('UI: a self-signed certificate in Connect to Tyk (as a person)', function () {
  this.timeout(120_000);
  const session = useUiSession();
  let proxy: FaultServer | undefined;

  before(async () => {
    proxy = await startFaultServer({ tls: true });
    proxy.handle(forwardTo(session().sandbox.dashboardUrl));
  });
  after(async () => {
    await proxy?.close();
  });
  const https = (): FaultServer => {
    if (!proxy) {
      throw new Error('the TLS proxy did not start');
    }
    return proxy;
  };

  /** Connect to Tyk up to the certificate choice (on the address step); resolves with its placeholder (why). */
  async function upToCertificateStep(wb: Workbench, from: 'welcome' | 'view title'): Promise<string> {
    const qi = wb.quickInput;
    await wb.openTykView();
    if (from === 'welcome') {
      await wb.welcomeButton('Connect to Tyk').click({ timeout: STEP });
    } else {
      await wb.viewTitleAction('Add Connection…').click({ timeout: STEP });
    }
    await qi.waitFor('Connect to Tyk (1/4)', { rows: true });
    await qi.row('Tyk Dashboard').click();
    await qi.waitFor('Connect to Tyk (2/4)');
    await wb.keyboard.type(https().url);
    await wb.keyboard.press('Enter');
    // The same step, its title unchanged: what is wrong is where the placeholder is.
    await qi.waitFor('Connect to Tyk (2/4)', { rows: true });
    assert.deepEqual(
      (await qi.rows()).map((r) => r.label),
      ['Use a CA certificate file…', 'Accept this self-signed certificate for this connection', 'Back'],
    );
    return (await qi.input.getAttribute('placeholder', { timeout: STEP })) ?? '';
  }

  it('accepts the self-signed certificate after a modal warning, then connects', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    const why = await upToCertificateStep(wb, 'welcome');
    assert.equal(why, `The certificate of ${https().url} is not trusted (self-signed or from a private CA).`);
    assert.equal(https().requests.length, 0, 'no request got through the refused TLS handshake');
    assert.equal(sandbox.requests.length, 0, 'nothing reached Tyk');

    await qi.row('Accept this self-signed certificate for this connection').click();
    const shown = await wb.dialog.waitFor(STEP);
    assert.equal(shown.message, `Accept a self-signed certificate from ${https().url}?`);
    assert.match(shown.detail, /could pose as the server/);
    assert.ok(shown.buttons.includes('Accept for This Connection'), `the dialog offers to accept: ${JSON.stringify(shown.buttons)}`);
    await wb.dialog.click('Accept for This Connection');

    // The address checked again through TLS, without a credential; then the credential, checked: on to the name.
    await qi.waitFor('Connect to Tyk (3/4)');
    assert.ok(
      https().requests.length > 0 && https().requests.every((r) => r.headers.authorization === undefined),
      'the address was checked through the HTTPS proxy, without a credential',
    );
    const mark = https().requests.length;
    await wb.keyboard.type(sandbox.credential);
    await wb.keyboard.press('Enter');
    await qi.waitFor('Connect to Tyk (4/4)');
    assert.ok(
      https().requests.length > mark && https().requests.slice(mark).every((r) => r.headers.authorization === sandbox.credential),
      'the credential went through the HTTPS proxy',
    );
    const name = await qi.value();
    assert.equal(name, new URL(https().url).host);
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    await wb.expandTreeRow(name);
    await wb.treeRow('Petstore').waitFor({ state: 'visible', timeout: STEP });

    const saved = session().userSettings()['tyk.connections'] as Array<Record<string, unknown>>;
    assert.equal(saved.length, 1);
    assert.deepEqual(
      { url: saved[0]?.url, allowSelfSigned: saved[0]?.allowSelfSigned, caFile: saved[0]?.caFile },
      { url: https().url, allowSelfSigned: true, caFile: undefined },
      'this connection, and only it, accepts the certificate',
    );
  });

  it('trusts the certificate’s file instead (its own CA) for a second connection', async () => {
    const { workbench: wb, sandbox } = session();
    const qi = wb.quickInput;
    await upToCertificateStep(wb, 'view title');
    await qi.row('Use a CA certificate file…').click();
    // VS Code for the web opens its own file dialog in the quick input: type the path, Enter.
    await qi.waitFor(/CA certificate to trust/);
    await wb.keyboard.press('Control+A');
    await wb.keyboard.type(CERT_FILE);
    await waitUntil('the path to be typed', async () => (await qi.value()) === CERT_FILE, STEP, qi.describe);
    // The dialog lists the folder as the path is typed; Enter before the listing is in is answered
    // "Please select a file." (seen on a loaded machine): wait for the file's row, and press again then.
    const fileName = CERT_FILE.split('/').pop() ?? '';
    await waitUntil('the folder listed', async () => ((await qi.rows()).some((r) => r.label === fileName) ? true : undefined), STEP, qi.describe);
    await waitUntil(
      'the file accepted',
      async () => {
        if (/Connect to Tyk \(3\/4\)/.test(await qi.title())) {
          return true;
        }
        await wb.keyboard.press('Enter');
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return /Connect to Tyk \(3\/4\)/.test(await qi.title()) ? true : undefined;
      },
      STEP,
      qi.describe,
    );
    await qi.waitFor('Connect to Tyk (3/4)');
    await wb.keyboard.type(sandbox.credential);
    await wb.keyboard.press('Enter');
    await qi.waitFor('Connect to Tyk (4/4)');
    const name = await qi.value();
    assert.equal(name, `${new URL(https().url).host} (2)`, 'the default name is unique');
    await wb.keyboard.press('Enter');
    await qi.waitClosed();
    await wb.expandTreeRow(name);
    await waitUntil('the APIs of the second connection', async () => (await wb.treeRow('Petstore').count()) === 2, STEP, async () => JSON.stringify(await wb.treeLabels()));

    const saved = session().userSettings()['tyk.connections'] as Array<Record<string, unknown>>;
    assert.equal(saved.length, 2);
    assert.deepEqual(
      { url: saved[1]?.url, allowSelfSigned: saved[1]?.allowSelfSigned, caFile: saved[1]?.caFile },
      { url: https().url, allowSelfSigned: undefined, caFile: CERT_FILE },
      'the second connection trusts the CA file and still checks the certificate',
    );
  });
});
