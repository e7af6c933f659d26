// src/tyk/probe.ts: is a Tyk at this address? Asked without a credential, against loopback servers that
// answer as Tyk does, refuse, hang, speak another protocol, or are something else.
import * as assert from 'node:assert/strict';
import { PROBE_TIMEOUT_MS, probeAddress, type AddressAnswer } from '../../../src/tyk/probe';
import { TykError, isUntrustedCertificate, type TykErrorKind } from '../../../src/tyk/errors';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { PROXY_502_PAGE, closedPort, json, startFaultServer, text, type FaultServer } from '../../support/faultServer';

/** The probe's failure: a TykError of `kind` with a message that says something. */
async function probeFails(run: () => Promise<AddressAnswer>, kind: TykErrorKind): Promise<TykError> {
  try {
    const answer = await run();
    assert.fail(`expected a ${kind} error, got ${JSON.stringify(answer)}`);
  } catch (e) {
    assert.ok(e instanceof TykError, `expected a TykError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind (message: ${e.message})`);
    return e;
  }
}

const TYK_DASHBOARD_401 = { Status: 'Error', Message: 'Not authorised', Meta: null };
const TYK_GATEWAY_403 = { status: 'error', message: 'Attempted administrative access with invalid or missing key!' };

describe('tyk/probe: the address, checked without a credential', () => {
  let server: FaultServer;

  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(() => server.close());

  it('a Tyk Dashboard: GET /api/apis without any authorization header, answered 401 in Tyk’s error shape', async () => {
    server.handle((_req, res) => json(res, 401, TYK_DASHBOARD_401));
    assert.deepEqual(await probeAddress({ flavor: 'dashboard', baseUrl: `${server.url}/` }), { tyk: true });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.method, 'GET');
    assert.equal(server.requests[0]?.url, '/api/apis');
    assert.equal(server.requests[0]?.headers.authorization, undefined, 'no credential, not even an empty header');
    assert.equal(server.requests[0]?.headers['x-tyk-authorization'], undefined);
  });

  it('a Dashboard behind a path prefix: the probe keeps the prefix', async () => {
    server.handle((req, res) => (req.url === '/tyk-dash/api/apis' ? json(res, 401, TYK_DASHBOARD_401) : json(res, 404, {})));
    assert.deepEqual(await probeAddress({ flavor: 'dashboard', baseUrl: `${server.url}/tyk-dash` }), { tyk: true });
  });

  it('a Tyk Gateway: the public GET /hello answers its health (pass, warn, or fail with 503)', async () => {
    for (const [status, health] of [
      [200, 'pass'],
      [200, 'warn'],
      [503, 'fail'],
    ] as const) {
      server.handle((_req, res) => json(res, status, { status: health, version: 'v5.8.0', description: 'Tyk GW', details: {} }));
      assert.deepEqual(await probeAddress({ flavor: 'gateway', baseUrl: server.url }), { tyk: true }, health);
    }
    assert.deepEqual(
      server.requests.map((r) => [r.url, r.headers['x-tyk-authorization'], r.headers.authorization]),
      [
        ['/hello', undefined, undefined],
        ['/hello', undefined, undefined],
        ['/hello', undefined, undefined],
      ],
    );
  });

  it('a Gateway whose /hello is renamed (health_check_endpoint_name): its admin API’s 403 tells it', async () => {
    server.handle((req, res) => (req.url === '/tyk/keys' ? json(res, 403, TYK_GATEWAY_403) : text(res, 404, '404 page not found', 'text/plain')));
    assert.deepEqual(await probeAddress({ flavor: 'gateway', baseUrl: server.url }), { tyk: true });
    assert.deepEqual(
      server.requests.map((r) => [r.url, r.headers['x-tyk-authorization']]),
      [
        ['/hello', undefined],
        ['/tyk/keys', undefined],
      ],
    );
  });

  it('a server that answers, but not as a Tyk of that kind: not Tyk, saying what it answered', async () => {
    server.handle((_req, res) => text(res, 200, '<!doctype html><html><body>My blog</body></html>'));
    const blog = await probeAddress({ flavor: 'dashboard', baseUrl: server.url });
    assert.deepEqual(blog, {
      tyk: false,
      message: `${server.url} answers, but not as a Tyk Dashboard does (GET /api/apis: 200, an HTML page). Is this the Tyk Dashboard’s address?`,
    });

    // A Gateway given as a Dashboard: its 404 is not a Dashboard's refusal.
    server.handle((_req, res) => json(res, 404, { error: 'Not Found' }));
    assert.deepEqual(await probeAddress({ flavor: 'dashboard', baseUrl: server.url }), {
      tyk: false,
      message: `${server.url} answers, but not as a Tyk Dashboard does (GET /api/apis: 404). Is this the Tyk Dashboard’s address?`,
    });

    // A Dashboard given as a Gateway: no health at /hello, a 401 (not the Gateway's 403) on /tyk/keys.
    server.handle((_req, res) => json(res, 401, TYK_DASHBOARD_401));
    assert.deepEqual(await probeAddress({ flavor: 'gateway', baseUrl: server.url }), {
      tyk: false,
      message: `${server.url} answers, but not as a Tyk Gateway does (GET /hello: 401). Is this the Tyk Gateway’s address?`,
    });

    // A proxy's 401 page is not the Dashboard's refusal, nor is JSON of another shape.
    server.handle((_req, res) => text(res, 401, '<html><body><h1>401 Authorization Required</h1></body></html>'));
    assert.equal((await probeAddress({ flavor: 'dashboard', baseUrl: server.url })).tyk, false);
    server.handle((_req, res) => json(res, 401, { error: 'unauthorized' }));
    assert.equal((await probeAddress({ flavor: 'dashboard', baseUrl: server.url })).tyk, false);
    server.handle((_req, res) => json(res, 200, { status: 'ok' }));
    assert.equal((await probeAddress({ flavor: 'gateway', baseUrl: server.url })).tyk, false, 'a health of another shape');
    server.handle((_req, res) => json(res, 404, TYK_GATEWAY_403));
    assert.equal((await probeAddress({ flavor: 'gateway', baseUrl: server.url })).tyk, false, 'the refusal shape, but not a 403');
  });

  it('a proxy whose upstream is down (502 page) is reachable, but not a Tyk: said with its status', async () => {
    server.handle((_req, res) => text(res, 502, PROXY_502_PAGE));
    const answer = await probeAddress({ flavor: 'dashboard', baseUrl: server.url });
    assert.equal(answer.tyk, false);
    assert.match(answer.tyk ? '' : answer.message, /\(GET \/api\/apis: 502, an HTML page\)/);
  });

  it('nothing listening: refused → network ECONNREFUSED, saying so', async () => {
    const port = await closedPort();
    const e = await probeFails(() => probeAddress({ flavor: 'dashboard', baseUrl: `http://127.0.0.1:${port}`, retryDelayMs: 10 }), 'network');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.equal(e.message, `Could not check the address on the Tyk Dashboard at http://127.0.0.1:${port}: the connection was refused: is the server running on that port?`);
  });

  it('an unknown host → network, the host name not found', async () => {
    const e = await probeFails(() => probeAddress({ flavor: 'gateway', baseUrl: 'http://no-such-host.invalid:8080', retryDelayMs: 10 }), 'network');
    assert.match(e.message, /host name was not found/);
  });

  it('a server that never answers: a timeout within the bound', async () => {
    server.handle(() => undefined);
    const started = Date.now();
    const e = await probeFails(() => probeAddress({ flavor: 'dashboard', baseUrl: server.url, timeoutMs: 300 }), 'timeout');
    assert.match(e.message, /did not answer in time/);
    assert.ok(Date.now() - started < 3000, `bounded (${Date.now() - started} ms)`);
    assert.ok(PROBE_TIMEOUT_MS <= 10_000, 'never longer than 10 s, whatever the request timeout');
  });

  it('cancelled while the server hangs: stops at once, cancelled', async () => {
    server.handle(() => undefined);
    const stop = new AbortController();
    const started = Date.now();
    const running = probeAddress({ flavor: 'gateway', baseUrl: server.url, timeoutMs: 5000 }, { signal: stop.signal });
    setTimeout(() => stop.abort(), 100);
    await probeFails(() => running, 'cancelled');
    assert.ok(Date.now() - started < 2000, `at once (${Date.now() - started} ms)`);
  });

  it('plain http to another machine is probed (no credential is sent); a client with a credential still is not', async () => {
    server.handle((_req, res) => json(res, 401, TYK_DASHBOARD_401));
    // 0.0.0.0 reaches this machine's servers on Linux, but is not a loopback name: the plain-http rule applies to it.
    const other = `http://0.0.0.0:${server.port}`;
    assert.deepEqual(await probeAddress({ flavor: 'dashboard', baseUrl: other }), { tyk: true });
    assert.equal(server.requests[0]?.headers.authorization, undefined);
    const client = new DashboardClient({ baseUrl: other, credential: 'c0ffee00d15ea5e5b16b00b5feedface' });
    await assert.rejects(client.listApisPage(1), (e: unknown) => e instanceof TykError && e.code === 'INSECURE_HTTP');
    assert.equal(server.requests.length, 1, 'the credential was not sent');
  });

  it('a redirect is refused as the client refuses it (set the address to the final one)', async () => {
    server.handle((_req, res) => {
      res.writeHead(301, { location: 'https://dash.example.com/api/apis' });
      res.end();
    });
    const e = await probeFails(() => probeAddress({ flavor: 'dashboard', baseUrl: server.url }), 'bad-response');
    assert.match(e.message, /redirect to https:\/\/dash\.example\.com/);
  });

  it('https to a plain http server → tls EPROTO: is it really an https:// address?', async () => {
    server.handle((_req, res) => json(res, 401, TYK_DASHBOARD_401));
    const e = await probeFails(() => probeAddress({ flavor: 'dashboard', baseUrl: `https://127.0.0.1:${server.port}` }), 'tls');
    assert.match(e.message, /is it really an https:\/\/ address/);
  });

  describe('over TLS', () => {
    let secure: FaultServer;
    beforeEach(async () => {
      secure = await startFaultServer({ tls: true });
      secure.handle((_req, res) => json(res, 401, TYK_DASHBOARD_401));
    });
    afterEach(() => secure.close());

    it('a self-signed certificate: the untrusted-certificate failure (which the user can fix), then Tyk once accepted', async () => {
      const e = await probeFails(() => probeAddress({ flavor: 'dashboard', baseUrl: secure.url }), 'tls');
      assert.ok(isUntrustedCertificate({ message: e.message, kind: e.kind, ...(e.code ? { code: e.code } : {}) }), e.code);
      assert.equal(secure.requests.length, 0, 'nothing got through the refused handshake');
      assert.deepEqual(await probeAddress({ flavor: 'dashboard', baseUrl: secure.url, allowSelfSigned: true }), { tyk: true });
    });
  });

  describe('what counts as a Tyk’s answer (each probe’s rule)', () => {
    const answer = async (flavor: 'dashboard' | 'gateway', reply: (url: string) => [number, unknown]): Promise<AddressAnswer> => {
      server.handle((req, res) => {
        const [status, body] = reply(req.url ?? '');
        json(res, status, body);
      });
      return probeAddress({ flavor, baseUrl: server.url });
    };

    it('Dashboard: 401 or 403 with a Message is a Tyk; another status, no Message, or a list is not', async () => {
      assert.deepEqual(await answer('dashboard', () => [403, TYK_DASHBOARD_401]), { tyk: true });
      for (const [status, body] of [
        [200, TYK_DASHBOARD_401],
        [404, TYK_DASHBOARD_401],
        [401, { Status: 'Error' }],
        [401, { Message: 7 }],
        [401, [TYK_DASHBOARD_401]],
      ] as Array<[number, unknown]>) {
        const result = await answer('dashboard', () => [status, body]);
        assert.equal(result.tyk, false, `${status} ${JSON.stringify(body)}`);
        assert.ok(!result.tyk && result.message === `${server.url} answers, but not as a Tyk Dashboard does (GET /api/apis: ${status}). Is this the Tyk Dashboard’s address?`, JSON.stringify(result));
      }
    });

    it('Gateway with /hello renamed: the admin API’s 403 {status: "error", message} tells it; anything less does not', async () => {
      assert.deepEqual(await answer('gateway', (url) => (url === '/tyk/keys' ? [403, TYK_GATEWAY_403] : [404, {}])), { tyk: true });
      for (const keys of [
        [401, TYK_GATEWAY_403],
        [403, { status: 'fine', message: 'x' }],
        [403, { status: 'error' }],
      ] as Array<[number, unknown]>) {
        const result = await answer('gateway', (url) => (url === '/tyk/keys' ? keys : [404, { status: 'nope' }]));
        assert.ok(!result.tyk, JSON.stringify(keys));
        assert.equal(result.message, `${server.url} answers, but not as a Tyk Gateway does (GET /hello: 404). Is this the Tyk Gateway’s address?`, 'the first answer is quoted');
      }
    });

    it('an HTML page is said to be one', async () => {
      server.handle((_req, res) => text(res, 200, '<!doctype html><html><body>Welcome</body></html>'));
      const result = await probeAddress({ flavor: 'dashboard', baseUrl: server.url });
      assert.ok(!result.tyk);
      assert.equal(result.message, `${server.url} answers, but not as a Tyk Dashboard does (GET /api/apis: 200, an HTML page). Is this the Tyk Dashboard’s address?`);
    });
  });
});
