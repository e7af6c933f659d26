// The client's failure handling, against a loopback server that misbehaves on purpose.
import * as assert from 'node:assert/strict';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { GatewayClient } from '../../../src/tyk/gateway';
import { TykError, type TykErrorKind } from '../../../src/tyk/errors';
import { normaliseBaseUrl } from '../../../src/tyk/http';
import type { KeySpec } from '../../../src/domain/model';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import { PROXY_502_PAGE, TEST_CERT, closedPort, json, startFaultServer, text, type FaultServer } from '../../support/faultServer';

const CREDENTIAL = 'c0ffee00d15ea5e5b16b00b5feedface';
const SPEC: KeySpec = { access: [{ apiId: 'api1', apiName: 'Petstore', versions: ['Default'] }], ...DEFAULT_LIMITS };

/** Runs `fn`, expects a TykError of `kind`, and checks that nothing of the credential leaks from it. */
async function expectTykError(fn: () => Promise<unknown>, kind: TykErrorKind): Promise<TykError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof TykError, `expected a TykError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind (message: ${e.message})`);
    for (const view of [e.message, String(e), e.stack ?? '', JSON.stringify(e), JSON.stringify(Object.entries(e))]) {
      assert.ok(!view.includes(CREDENTIAL), `credential leaked: ${view}`);
    }
    assert.ok(e.message.length > 20, 'the message says something');
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('tyk/http: failures end in one clear TykError', () => {
  let server: FaultServer;
  let dashboard: DashboardClient;

  beforeEach(async () => {
    server = await startFaultServer();
    dashboard = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 1500, retryDelayMs: 10 });
  });
  afterEach(() => server.close());

  it('sends the raw credential in `authorization` (no Bearer) and accepts JSON', async () => {
    server.handle((_req, res) => json(res, 200, { apis: [], pages: 1 }));
    await dashboard.listApisPage(1);
    assert.equal(server.requests[0]?.headers.authorization, CREDENTIAL);
    assert.equal(server.requests[0]?.url, '/api/apis?p=1');
  });

  it('401 → unauthorized, telling where to copy the credential from', async () => {
    server.handle((_req, res) => json(res, 401, { Status: 'Error', Message: 'Not authorised', Meta: null }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'unauthorized');
    assert.match(e.message, /Users → your user → Tyk Dashboard API Access Credentials/);
    assert.equal(e.status, 401);
  });

  it('403 RBAC → forbidden, quoting the Dashboard', async () => {
    server.handle((_req, res) =>
      json(res, 403, { Status: 'Error', Message: 'access denied: You do not have permission to access /api/keys', Meta: null }),
    );
    const e = await expectTykError(() => dashboard.createKey(SPEC), 'forbidden');
    assert.match(e.message, /may not create the key/);
    assert.match(e.message, /You do not have permission to access \/api\/keys/);
  });

  it('403 "Request body malformed." → bad-request', async () => {
    server.handle((_req, res) => json(res, 403, { Status: 'Error', Message: 'Request body malformed.', Meta: null }));
    await expectTykError(() => dashboard.createKey(SPEC), 'bad-request');
  });

  it('Gateway 403 for a wrong secret → unauthorized (lowercase error shape)', async () => {
    server.handle((_req, res) => json(res, 403, { status: 'error', message: 'Attempted administrative access with invalid or missing key!' }));
    const gateway = new GatewayClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 1500 });
    const e = await expectTykError(() => gateway.listAllApis(), 'unauthorized');
    assert.match(e.message, /tyk\.conf/);
    assert.equal(server.requests[0]?.headers['x-tyk-authorization'], CREDENTIAL);
    assert.equal(server.requests[0]?.headers.authorization, undefined);
  });

  it('Gateway 403 for anything else → forbidden, pointing at what is in front of it (a Gateway has no users)', async () => {
    server.handle((_req, res) => text(res, 403, 'Forbidden by policy', 'text/plain'));
    const gateway = new GatewayClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 1500 });
    const e = await expectTykError(() => gateway.listPolicies(), 'forbidden');
    assert.match(e.message, /proxy or firewall in front of the Gateway/);
    assert.doesNotMatch(e.message, /Users → your user/);
  });

  it('404 → not-found; on key listing → hashed-listing-disabled', async () => {
    server.handle((_req, res) => json(res, 404, { Status: 'Error', Message: 'Could not retrieve API detail', Meta: null }));
    await expectTykError(() => dashboard.getApi('nope'), 'not-found');
    server.handle((_req, res) => json(res, 404, { Status: 'Error', Message: 'Could not retrieve keys.', Meta: null }));
    const e = await expectTykError(() => dashboard.listKeys('api1'), 'hashed-listing-disabled');
    assert.match(e.message, /hashed/);
    // Any other 404 of a key listing (a router's, a proxy's: a wrong address) is not that.
    server.handle((_req, res) => text(res, 404, '404 page not found\n', 'text/plain'));
    await expectTykError(() => dashboard.listKeys('api1'), 'not-found');
    const gateway = new GatewayClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 1500, retryDelayMs: 10 });
    await expectTykError(() => gateway.listKeys('api1'), 'not-found');
    server.handle((_req, res) => json(res, 404, { status: 'error', message: 'Hashed key listing is disabled in config (enable_hashed_keys_listing)' }));
    await expectTykError(() => gateway.listKeys('api1'), 'hashed-listing-disabled');
  });

  it('400 → bad-request with the server message', async () => {
    server.handle((_req, res) => json(res, 400, { Status: 'Error', Message: 'Could not retrieve APIs.', Meta: null }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'bad-request');
    assert.equal(e.serverMessage, 'Could not retrieve APIs.');
  });

  it('429 → rate-limited with Retry-After', async () => {
    server.handle((_req, res) => json(res, 429, { Status: 'Error', Message: 'Too many requests', Meta: null }, { 'retry-after': '7' }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'rate-limited');
    assert.equal(e.retryAfter, 7);
    assert.match(e.message, /7 s/);
  });

  it('500 → server', async () => {
    server.handle((_req, res) => json(res, 500, { Status: 'Error', Message: 'Failed to marshal data for APIs.', Meta: null }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'server');
    assert.match(e.message, /Failed to marshal data for APIs/);
  });

  it('a proxy’s 502 HTML page → server, quoting at most 200 characters; a GET is retried once', async () => {
    server.handle((_req, res) => text(res, 502, PROXY_502_PAGE));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'server');
    assert.match(e.message, /502 Bad Gateway/);
    const quoted = /“([^”]*)”/.exec(e.message)?.[1] ?? '';
    assert.ok(quoted.length > 0 && quoted.length <= 201, `quote length ${quoted.length}`);
    assert.equal(server.requests.length, 2, 'one retry');
  });

  it('a POST is never retried, and a 502 after a create leaves the outcome unknown', async () => {
    server.handle((_req, res) => text(res, 502, PROXY_502_PAGE));
    const e = await expectTykError(() => dashboard.createKey(SPEC), 'server');
    assert.equal(server.requests.length, 1);
    assert.equal(e.outcomeUnknown, true);
  });

  it('a 200 HTML page → bad-response (not JSON), excerpted', async () => {
    server.handle((_req, res) => text(res, 200, `<!DOCTYPE html><html><head><title>Login</title></head><body>${'y'.repeat(500)}</body></html>`));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'bad-response');
    assert.match(e.message, /not JSON/);
    assert.match(e.message, /HTML page/);
    assert.ok(e.message.length < 600);
  });

  it('malformed JSON → bad-response', async () => {
    server.handle((_req, res) => text(res, 200, '{"apis": [', 'application/json'));
    await expectTykError(() => dashboard.listApisPage(1), 'bad-response');
  });

  it('valid JSON of the wrong shape → bad-response naming the field', async () => {
    server.handle((_req, res) => json(res, 200, { apis: 'nope', pages: 1 }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'bad-response');
    assert.match(e.message, /unexpected shape at apis/);
  });

  it('no answer → timeout after the deadline', async () => {
    server.handle(() => undefined);
    const quick = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 200 });
    const started = Date.now();
    const e = await expectTykError(() => quick.listApisPage(1), 'timeout');
    assert.ok(Date.now() - started < 1500);
    assert.equal(e.outcomeUnknown, false);
  });

  it('a create that times out after sending says the outcome is unknown', async () => {
    server.handle(() => undefined);
    const quick = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 200 });
    const e = await expectTykError(() => quick.createKey(SPEC), 'timeout');
    assert.equal(e.outcomeUnknown, true);
    assert.match(e.message, /may have worked/);
    assert.equal(server.requests.length, 1);
  });

  it('a slow drip (1 byte at a time) still ends at the deadline', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const quick = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 300 });
    await expectTykError(() => quick.listApisPage(1), 'timeout');
  });

  it('cancellation through an AbortSignal → cancelled', async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expectTykError(() => dashboard.listApisPage(1, { signal: controller.signal }), 'cancelled');
    const already = new AbortController();
    already.abort();
    const before = server.requests.length;
    const e = await expectTykError(() => dashboard.listApisPage(1, { signal: already.signal }), 'cancelled');
    assert.equal(server.requests.length, before, 'nothing sent once cancelled');
    assert.equal(e.outcomeUnknown, false, 'a read cancelled: nothing happened');
  });

  it('a write cancelled after it was sent → cancelled, saying it may have been done', async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    const revoking = expectTykError(() => dashboard.deleteKey({ id: 'abcdef0123456789', hashed: false }, { signal: controller.signal }), 'cancelled');
    while (server.requests.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    const e = await revoking;
    assert.equal(e.outcomeUnknown, true);
    assert.match(e.message, /^Cancelled while the request to revoke the key abcd…6789 was under way: the Tyk Dashboard at http:\/\/127\.0\.0\.1:\d+ may have done it anyway\. Refresh to see\.$/);
  });

  it('connection reset mid-body → network; a create then says it may have reached the server', async () => {
    server.handle((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"key_id": "abc');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const e = await expectTykError(() => dashboard.createKey(SPEC), 'network');
    assert.equal(server.requests.length, 1);
    assert.equal(e.outcomeUnknown, true);
  });

  it('a 50 MB answer is refused unread (bounded size)', async () => {
    // Begins like JSON ("[" then spaces): the bound is what refuses it, not the sniffing of its first byte.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    chunk[0] = 0x5b;
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const pump = (): void => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const bounded = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, timeoutMs: 10_000 });
    const e = await expectTykError(() => bounded.listApisPage(1), 'bad-response');
    assert.match(e.message, /larger than 32 MB/);
  });

  it('a redirect is not followed: the credential never travels to the other host', async () => {
    const other = await startFaultServer();
    try {
      server.handle((_req, res) => {
        res.writeHead(302, { location: `${other.url}/api/apis?p=1` });
        res.end();
      });
      const e = await expectTykError(() => dashboard.listApisPage(1), 'bad-response');
      assert.match(e.message, /redirect to http:\/\/127\.0\.0\.1:\d+/);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('a server that echoes the credential back does not put it in the message', async () => {
    server.handle((req, res) => json(res, 400, { Status: 'Error', Message: `bad header ${String(req.headers.authorization)}` }));
    const e = await expectTykError(() => dashboard.listApisPage(1), 'bad-request');
    assert.match(e.message, /«redacted»/);
  });

  it('a refused connection → network (a GET tries twice)', async () => {
    const port = await closedPort();
    const nowhere = new DashboardClient({ baseUrl: `http://127.0.0.1:${port}`, credential: CREDENTIAL, retryDelayMs: 10 });
    const e = await expectTykError(() => nowhere.listApisPage(1), 'network');
    assert.match(e.message, /refused/);
    assert.equal(e.code, 'ECONNREFUSED');
  });

  it('an unknown host → network', async () => {
    const nowhere = new DashboardClient({ baseUrl: 'http://no-such-host.invalid', credential: CREDENTIAL, retryDelayMs: 10, allowInsecureHttp: true });
    const e = await expectTykError(() => nowhere.listApisPage(1), 'network');
    assert.match(e.message, /host name was not found/);
  });

  it('a create response in the Gateway/tutorial shape (`key`) is read too', async () => {
    server.handle((_req, res) => json(res, 200, { action: 'create', key: '5e9d9544a1dcd60001d0ed20abcdef0123456789abcdef0123456789', status: 'ok' }));
    const created = await dashboard.createKey(SPEC);
    assert.equal(created.key, '5e9d9544a1dcd60001d0ed20abcdef0123456789abcdef0123456789');
  });

  it('a 200 to a create without any key → bad-response, outcome unknown', async () => {
    server.handle((_req, res) => json(res, 200, { key_hash: 'abc', data: {} }));
    const e = await expectTykError(() => dashboard.createKey(SPEC), 'bad-response');
    assert.equal(e.outcomeUnknown, true);
  });

  it('an invalid key spec is refused before any request', async () => {
    await expectTykError(() => dashboard.createKey({ ...SPEC, access: [] }), 'bad-request');
    await expectTykError(() => dashboard.createKey({ ...SPEC, per: 0 }), 'bad-request');
    assert.equal(server.requests.length, 0);
  });
});

describe('tyk/http: TLS per connection', () => {
  let server: FaultServer;
  beforeEach(async () => {
    server = await startFaultServer({ tls: true });
    server.handle((_req, res) => json(res, 200, { apis: [], pages: 1 }));
  });
  afterEach(() => server.close());

  it('a self-signed certificate → tls, saying what to do', async () => {
    const client = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 10 });
    const e = await expectTykError(() => client.listApisPage(1), 'tls');
    assert.match(e.message, /self-signed/);
    assert.equal(server.requests.length, 0, 'no request (and no credential) went over the untrusted connection');
  });

  it('works with the CA certificate of that connection', async () => {
    const client = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, caCertificate: TEST_CERT() });
    assert.deepEqual((await client.listApisPage(1)).apis, []);
  });

  it('works when that connection allows self-signed certificates, without changing other connections', async () => {
    const lax = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, allowSelfSigned: true });
    assert.equal((await lax.listApisPage(1)).pages, 1);
    const strict = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 10 });
    await expectTykError(() => strict.listApisPage(1), 'tls');
    assert.equal(process.env.NODE_TLS_REJECT_UNAUTHORIZED, undefined);
  });

  it('https:// to a plain-http port → tls, suggesting http', async () => {
    const plain = await startFaultServer();
    try {
      const client = new DashboardClient({ baseUrl: plain.url.replace('http:', 'https:'), credential: CREDENTIAL, retryDelayMs: 10 });
      const e = await expectTykError(() => client.listApisPage(1), 'tls');
      assert.match(e.message, /https/);
    } finally {
      await plain.close();
    }
  });
});

describe('tyk/http: base URLs', () => {
  it('normalises and refuses what cannot be a base URL', () => {
    assert.equal(normaliseBaseUrl(' https://dash.example.com/ '), 'https://dash.example.com');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000');
    assert.equal(normaliseBaseUrl('https://proxy.example.com/tyk/'), 'https://proxy.example.com/tyk');
    assert.throws(() => normaliseBaseUrl('ftp://x'), /http:\/\/ or https:\/\//);
    assert.throws(() => normaliseBaseUrl('https://user:pass@x'), /credential field/);
    assert.throws(() => normaliseBaseUrl('not a url'));
  });
});
