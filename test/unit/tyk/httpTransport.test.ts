// src/tyk/http.ts, failures before an answer, code by code: what the user is told for each network and TLS
// error, which of them a read tries again (once) and which a write says may have reached the server, the
// deadline and a cancel (during the pause before the retry too), and what the log says of each.
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { HttpTransport, type ConnectionOptions, type Operation } from '../../../src/tyk/http';
import { ApiModifyKeySuccess, StatusResponse } from '../../../src/tyk/schemas';
import { TEST_CERT, json, startFaultServer, type FaultServer, type TestCertificate } from '../../support/faultServer';
import { failConnections, type SocketFault } from '../../support/socketFaults';
import { tykErrorOf } from '../../support/tykError';

const CREDENTIAL = 'transport-credential-0123456789';
const GET: Operation<unknown> = { method: 'GET', path: '/api/apis', schema: StatusResponse, what: 'list the APIs' };
const POST: Operation<unknown> = { method: 'POST', path: '/api/keys', body: { rate: 1 }, schema: ApiModifyKeySuccess, what: 'create the key' };
const SELF_SIGNED_TEXT = 'is not trusted (self-signed or from a private CA). Add the CA certificate to this connection, or allow self-signed certificates for this connection only.';

describe('tyk/http: failures before an answer, code by code', () => {
  let server: FaultServer;
  let fault: SocketFault | undefined;
  const transports: HttpTransport[] = [];
  const lines: string[] = [];
  const transport = (options: Partial<ConnectionOptions> = {}): HttpTransport => {
    const t = new HttpTransport({ flavor: 'dashboard', baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 1, log: (l) => lines.push(l), ...options });
    transports.push(t);
    return t;
  };
  const on = (): string => `on the Tyk Dashboard at ${server.url}`;

  beforeEach(async () => {
    lines.length = 0;
    server = await startFaultServer();
    server.handle((_req, res) => json(res, 200, { Status: 'OK' }));
  });
  afterEach(async () => {
    fault?.restore();
    fault = undefined;
    transports.splice(0).forEach((t) => t.dispose());
    await server.close();
  });

  const networkCases: Array<{ code: string; reason: string; retried: boolean; maybeSent: boolean }> = [
    { code: 'ENOTFOUND', reason: 'the host name was not found: check the URL.', retried: false, maybeSent: false },
    { code: 'EAI_AGAIN', reason: 'the host name was not found: check the URL.', retried: true, maybeSent: false },
    { code: 'ECONNRESET', reason: 'the connection was closed in the middle of the answer.', retried: true, maybeSent: true },
    { code: 'EPIPE', reason: 'the connection was closed in the middle of the answer.', retried: true, maybeSent: true },
    { code: 'EHOSTUNREACH', reason: 'the host cannot be reached from this machine (network or VPN?).', retried: false, maybeSent: false },
    { code: 'ENETUNREACH', reason: 'the host cannot be reached from this machine (network or VPN?).', retried: false, maybeSent: false },
    { code: 'ERR_SOCKET_CONNECTION_TIMEOUT', reason: 'the request failed (ERR_SOCKET_CONNECTION_TIMEOUT).', retried: true, maybeSent: false },
    { code: 'ERR_BAD_RESPONSE', reason: 'the request failed (ERR_BAD_RESPONSE).', retried: false, maybeSent: true },
    { code: 'EADDRNOTAVAIL', reason: 'the request failed (EADDRNOTAVAIL).', retried: false, maybeSent: false },
  ];
  for (const { code, reason, retried, maybeSent } of networkCases) {
    it(`${code}: network, “${reason}”; a read ${retried ? 'tried twice' : 'tried once'}, a write once${maybeSent ? ', which may have reached the server' : ''}`, async () => {
      fault = failConnections(code);
      const t = transport();
      const read = await tykErrorOf(() => t.request(GET));
      assert.deepEqual([read.kind, read.code, read.outcomeUnknown], ['network', code, false]);
      assert.equal(read.message, `Could not list the APIs ${on()}: ${reason}`);
      assert.equal(fault.connections, retried ? 2 : 1);
      assert.equal(lines.filter((l) => l === `GET /api/apis: retrying once after ${code}`).length, retried ? 1 : 0, lines.join('\n'));
      const logged = new RegExp(`^GET /api/apis → ${code} after (\\d+) ms$`).exec(lines.at(-1) ?? '');
      assert.ok(logged && Number(logged[1]) < 10_000, lines.at(-1));
      const write = await tykErrorOf(() => t.request({ ...POST, logPath: '/api/keys/ab…cd' }));
      assert.equal(fault.connections, retried ? 3 : 2, 'a write is never tried again');
      assert.deepEqual([write.kind, write.code, write.outcomeUnknown], ['network', code, maybeSent]);
      assert.equal(
        write.message,
        maybeSent
          ? `Could not create the key ${on()}: ${reason} The request may have reached the server: check before trying again.`
          : `Could not create the key ${on()}: ${reason}`,
      );
      assert.match(lines.at(-1) ?? '', new RegExp(`^POST /api/keys/ab…cd → ${code} after \\d+ ms$`));
      assert.equal(server.requests.length, 0);
    });
  }

  it('an error without a code: network, “unknown network error”, ENETWORK; not tried again', async () => {
    fault = failConnections(undefined);
    const e = await tykErrorOf(() => transport().request(GET));
    assert.deepEqual([e.kind, e.code], ['network', 'ENETWORK']);
    assert.equal(e.message, `Could not list the APIs ${on()}: the request failed (unknown network error).`);
    assert.equal(fault.connections, 1);
    assert.match(lines.at(-1) ?? '', /^GET \/api\/apis → ENETWORK after \d+ ms$/);
  });

  for (const code of ['ETIMEDOUT', 'ECONNABORTED']) {
    it(`${code} from the network: timeout, in whole seconds of the connection's deadline; a write may have worked`, async () => {
      fault = failConnections(code);
      const t = transport({ timeoutMs: 2500 });
      const read = await tykErrorOf(() => t.request(GET));
      assert.deepEqual([read.kind, read.code, read.outcomeUnknown], ['timeout', code, false]);
      assert.equal(read.message, `The Tyk Dashboard at ${server.url} did not answer in time (3 seconds) to list the APIs. Check that the server is up and reachable, then try again.`);
      assert.equal(fault.connections, 1, 'not tried again');
      const write = await tykErrorOf(() => t.request(POST));
      assert.deepEqual([write.kind, write.code, write.outcomeUnknown], ['timeout', code, true]);
      assert.equal(
        write.message,
        `The Tyk Dashboard at ${server.url} did not answer in time (3 seconds) to create the key. The request may have reached it, so it may have worked: check before trying again.`,
      );
    });
  }

  const tlsCases: Array<[string, string]> = [
    ['DEPTH_ZERO_SELF_SIGNED_CERT', SELF_SIGNED_TEXT],
    ['SELF_SIGNED_CERT_IN_CHAIN', SELF_SIGNED_TEXT],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', SELF_SIGNED_TEXT],
    ['UNABLE_TO_GET_ISSUER_CERT', SELF_SIGNED_TEXT],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', SELF_SIGNED_TEXT],
    ['CERT_UNTRUSTED', SELF_SIGNED_TEXT],
    ['CERT_REJECTED', 'was rejected (CERT_REJECTED).'],
    ['CERT_HAS_EXPIRED', 'has expired.'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'is for another host name. Use the host name on the certificate.'],
  ];
  for (const [code, text] of tlsCases) {
    it(`${code}: tls, “${text.slice(0, 40)}…”, not tried again`, async () => {
      fault = failConnections(code);
      const e = await tykErrorOf(() => transport().request(GET));
      assert.deepEqual([e.kind, e.code, e.outcomeUnknown], ['tls', code, false]);
      assert.equal(e.message, `The certificate of ${server.url} ${text}`);
      assert.equal(fault.connections, 1);
    });
  }

  const certificates: Array<[TestCertificate, string, string]> = [
    ['expired', 'CERT_HAS_EXPIRED', 'has expired.'],
    ['not-yet-valid', 'CERT_NOT_YET_VALID', 'was rejected (CERT_NOT_YET_VALID).'],
    ['other-host', 'ERR_TLS_CERT_ALTNAME_INVALID', 'is for another host name. Use the host name on the certificate.'],
  ];
  for (const [certificate, code, text] of certificates) {
    it(`a server with a certificate that is trusted but ${certificate}: tls ${code}, nothing sent`, async () => {
      const secure = await startFaultServer({ tls: certificate });
      try {
        const t = transport({ baseUrl: secure.url, caCertificate: TEST_CERT(certificate) });
        const e = await tykErrorOf(() => t.request(GET));
        assert.deepEqual([e.kind, e.code], ['tls', code]);
        assert.equal(e.message, `The certificate of ${secure.url} ${text}`);
        assert.equal(secure.requests.length, 0);
      } finally {
        await secure.close();
      }
    });
  }

  it('https:// to a plain-http port: tls EPROTO, asking whether the address is really https://', async () => {
    const url = server.url.replace('http:', 'https:');
    const e = await tykErrorOf(() => transport({ baseUrl: url }).request(GET));
    assert.deepEqual([e.kind, e.code], ['tls', 'EPROTO']);
    assert.equal(e.message, `Could not open a secure connection to ${url}: is it really an https:// address (and not http://)?`);
    assert.equal(server.requests.length, 0);
  });

  it('a body that begins with whitespace alone in its first chunk is still read as JSON', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('  \r\n');
      setTimeout(() => res.end('{"Status":"OK"}'), 20);
    });
    assert.deepEqual(await transport().request(GET), { Status: 'OK' });
  });

  it('the deadline before any answer: timeout ETIMEDOUT, in the words of the request', async () => {
    server.handle(() => undefined);
    const t = transport({ timeoutMs: 150 });
    const read = await tykErrorOf(() => t.request(GET));
    assert.deepEqual([read.kind, read.code, read.outcomeUnknown], ['timeout', 'ETIMEDOUT', false]);
    assert.match(read.message, /^The Tyk Dashboard at http:\/\/127\.0\.0\.1:\d+ did not answer in time \(\d+ seconds?\) to list the APIs\. Check that the server is up and reachable, then try again\.$/);
    assert.equal(server.requests.length, 1, 'a timeout is not tried again');
    assert.match(lines.at(-1) ?? '', /^GET \/api\/apis → ETIMEDOUT after \d+ ms$/);
  });

  it('the deadline in the middle of the body: timeout too', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Status": ');
    });
    const e = await tykErrorOf(() => transport({ timeoutMs: 600 }).request(POST));
    assert.deepEqual([e.kind, e.code, e.outcomeUnknown], ['timeout', 'ETIMEDOUT', true]);
    assert.match(e.message, /^The Tyk Dashboard at http:\/\/127\.0\.0\.1:\d+ did not answer in time \(\d+ seconds?\) to create the key\. The request may have reached it, so it may have worked: check before trying again\.$/);
  });

  it('a cancel in the middle of the body: cancelled; a read says nothing happened, a write that it may have', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Status": ');
    });
    const t = transport();
    for (const [op, message, unknown] of [
      [GET, 'Cancelled before the server answered.', false],
      [POST, `Cancelled while the request to create the key was under way: the Tyk Dashboard at ${server.url} may have done it anyway. Refresh to see.`, true],
    ] as const) {
      const controller = new AbortController();
      const sent = server.requests.length;
      const pending = tykErrorOf(() => t.request(op, { signal: controller.signal }));
      while (server.requests.length === sent) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      const e = await pending;
      assert.deepEqual([e.kind, e.message, e.outcomeUnknown], ['cancelled', message, unknown]);
      assert.match(lines.at(-1) ?? '', new RegExp(`^${op.method} ${op.path} → cancelled after \\d+ ms$`));
    }
  });

  it('a cancel during the pause before the retry ends the request then, without the retry', async () => {
    server.handle((_req, res) => json(res, 502, {}));
    const controller = new AbortController();
    const t = transport({ retryDelayMs: 5000, log: (l) => (l.includes('retrying') ? setTimeout(() => controller.abort(), 30) : undefined) });
    const started = Date.now();
    const e = await tykErrorOf(() => t.request(GET, { signal: controller.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'Cancelled before the server answered.');
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms: the pause was cut short`);
    assert.equal(server.requests.length, 1);
  });

  it('a cancel just as the retry is decided: no pause, no retry', async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const controller = new AbortController();
    const t = transport({ retryDelayMs: 5000, log: (l) => (l.includes('retrying') ? controller.abort() : undefined) });
    const started = Date.now();
    const e = await tykErrorOf(() => t.request(GET, { signal: controller.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    assert.equal(server.requests.length, 1);
  });

  it('the retry pauses first: 300 ms unless the connection says otherwise', async () => {
    server.handle((_req, res) => json(res, 504, {}));
    const started = Date.now();
    await tykErrorOf(() => transport({ retryDelayMs: undefined }).request(GET));
    assert.ok(Date.now() - started >= 290, `${Date.now() - started} ms`);
    assert.equal(server.requests.length, 2);
  });

  it('a signal used for many requests keeps no listener from them, retried or not', async () => {
    const controller = new AbortController();
    const t = transport();
    for (let i = 0; i < 3; i++) {
      await t.request(GET, { signal: controller.signal });
    }
    server.handle((_req, res) => json(res, 502, {}));
    await tykErrorOf(() => t.request(GET, { signal: controller.signal }));
    assert.equal(server.requests.length, 5);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('requests in a row share one keep-alive connection, over https too', async () => {
    for (const secure of [false, true]) {
      const target = secure ? await startFaultServer({ tls: true }) : server;
      try {
        const ports: number[] = [];
        target.handle((req, res) => {
          ports.push(req.socket.remotePort ?? 0);
          json(res, 200, { Status: 'OK' });
        });
        const t = transport({ baseUrl: target.url, ...(secure ? { caCertificate: TEST_CERT() } : {}) });
        await t.request(GET);
        await t.request(GET);
        assert.equal(ports.length, 2);
        assert.equal(ports[0], ports[1], secure ? 'https' : 'http');
      } finally {
        if (secure) {
          await target.close();
        }
      }
    }
  });
});
