// src/tyk/http.ts, status by status and request by request: the headers sent, what is retried (only a
// GET, only 502/503/504 or a dropped connection, once), and the kind and sentence of each answer.
import * as assert from 'node:assert/strict';
import { HttpTransport, type Operation } from '../../../src/tyk/http';
import type { TykFlavor } from '../../../src/domain/model';
import { ApiModifyKeySuccess, GatewayApiList, StatusResponse } from '../../../src/tyk/schemas';
import * as z from 'zod/mini';
import { json, startFaultServer, text, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

const CREDENTIAL = 'status-credential-0123456789';
const GET: Operation<unknown> = { method: 'GET', path: '/api/apis', schema: StatusResponse, what: 'list the APIs' };
const POST: Operation<unknown> = { method: 'POST', path: '/api/keys', body: { rate: 1 }, schema: ApiModifyKeySuccess, what: 'create the key' };

describe('tyk/http: status by status', () => {
  let server: FaultServer;
  const transports: HttpTransport[] = [];
  const transport = (flavor: TykFlavor = 'dashboard', log?: (line: string) => void): HttpTransport => {
    const t = new HttpTransport({ flavor, baseUrl: `${server.url}/`, credential: CREDENTIAL, retryDelayMs: 1, ...(log ? { log } : {}) });
    transports.push(t);
    return t;
  };
  const label = (flavor: TykFlavor = 'dashboard'): string => `${flavor === 'dashboard' ? 'Tyk Dashboard' : 'Tyk Gateway'} at ${server.url}`;
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => server.handle((_req, res) => json(res, status, body, headers));

  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    transports.splice(0).forEach((t) => t.dispose());
    await server.close();
  });

  it('a Dashboard sends the raw credential in authorization, accept JSON, and no content-type without a body', async () => {
    answer(200, { Status: 'OK' });
    const t = transport();
    assert.equal(t.baseUrl, server.url);
    assert.equal(t.label, label());
    await t.request({ ...GET, query: { p: 2 } });
    const [req] = server.requests;
    assert.equal(req?.url, '/api/apis?p=2');
    assert.equal(req?.headers.authorization, CREDENTIAL);
    assert.equal(req?.headers['x-tyk-authorization'], undefined);
    assert.equal(req?.headers.accept, 'application/json');
    assert.equal(req?.headers['content-type'], undefined);
    assert.equal(req?.body, '');
  });

  it('a Gateway sends the secret in x-tyk-authorization; a body goes as JSON with its content-type', async () => {
    answer(200, { key: 'k1', status: 'ok', action: 'added' });
    await transport('gateway').request(POST);
    const [req] = server.requests;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.headers['x-tyk-authorization'], CREDENTIAL);
    assert.equal(req?.headers.authorization, undefined);
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.body, '{"rate":1}');
  });

  it('a successful answer’s size is told; the log says method, path and status', async () => {
    answer(200, { Status: 'OK' });
    const lines: string[] = [];
    let size = -1;
    await transport('dashboard', (l) => lines.push(l)).request({ ...GET, logPath: '/api/keys/ab…cd', onBodySize: (n) => (size = n) });
    assert.equal(size, JSON.stringify({ Status: 'OK' }).length);
    assert.match(lines[0] ?? '', /^GET \/api\/keys\/ab…cd → 200 in \d+ ms \(15 bytes\)$/);
  });

  for (const status of [502, 503, 504]) {
    it(`${status} on a GET is retried once, then is a server error naming the status`, async () => {
      answer(status, { Message: 'upstream down' });
      const lines: string[] = [];
      const e = await tykErrorOf(() => transport('dashboard', (l) => lines.push(l)).request(GET));
      assert.equal(server.requests.length, 2);
      assert.equal(e.kind, 'server');
      assert.equal(e.status, status);
      assert.equal(e.outcomeUnknown, false);
      assert.equal(e.message, `The ${label()} failed to list the APIs (${status}) (it said: "upstream down"). Try again later, or check the server’s logs.`);
      assert.ok(lines.some((l) => l === `GET /api/apis: retrying once after ${status}`), lines.join('\n'));
    });
  }

  it('500 on a GET is not retried; 5xx on a write is never retried and leaves the outcome unknown', async () => {
    answer(500, {});
    const e = await tykErrorOf(() => transport().request(GET));
    assert.equal(server.requests.length, 1);
    assert.equal(e.kind, 'server');
    assert.equal(e.message, `The ${label()} failed to list the APIs (500). Try again later, or check the server’s logs.`);
    answer(503, {});
    const write = await tykErrorOf(() => transport().request(POST));
    assert.equal(server.requests.length, 2, 'one request more: the POST, once');
    assert.equal(write.outcomeUnknown, true);
  });

  it('4xx is never retried; a 4xx on a write is a refusal, so its outcome is known', async () => {
    answer(400, { Message: 'bad body' });
    const e = await tykErrorOf(() => transport().request(POST));
    assert.equal(server.requests.length, 1);
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(e.message, `The ${label()} refused to create the key (400) (it said: "bad body").`);
    answer(422, 'not an error body');
    const bare = await tykErrorOf(() => transport().request(GET));
    assert.equal(server.requests.length, 2);
    assert.equal(bare.message, `The ${label()} refused to list the APIs (422).`);
    assert.equal(bare.serverMessage, undefined);
  });

  it('401 is unauthorized, saying where each flavor’s credential is', async () => {
    answer(401, {});
    assert.equal(
      (await tykErrorOf(() => transport().request(GET))).message,
      'The Tyk Dashboard rejected the credential: copy it again from Users → your user → Tyk Dashboard API Access Credentials, then run “Tyk: Update Credential…”.',
    );
    const gw = await tykErrorOf(() => transport('gateway').request(GET));
    assert.equal(gw.kind, 'unauthorized');
    assert.equal(gw.status, 401);
    assert.equal(gw.message, 'The Tyk Gateway rejected the credential: use the `secret` from the Gateway’s tyk.conf (or TYK_GW_SECRET), then run “Tyk: Update Credential…”.');
  });

  it('403: a Gateway’s "administrative access" is unauthorized; a Dashboard’s is not', async () => {
    answer(403, { status: 'error', message: 'Attempted administrative access with invalid or missing key!' });
    assert.equal((await tykErrorOf(() => transport('gateway').request(GET))).kind, 'unauthorized');
    assert.equal((await tykErrorOf(() => transport('dashboard').request(GET))).kind, 'bad-request');
  });

  it('403 malformed → bad-request; other words → a refusal; access denied / permission → forbidden', async () => {
    answer(403, { Message: 'Request body MALFORMED.' });
    const malformed = await tykErrorOf(() => transport().request(POST));
    assert.equal(malformed.kind, 'bad-request');
    assert.equal(malformed.message, `The ${label()} refused to create the key: the request was malformed (it said: "Request body MALFORMED.").`);
    answer(403, { Message: 'Key has no rights' });
    assert.equal((await tykErrorOf(() => transport().request(POST))).message, `The ${label()} refused to create the key (it said: "Key has no rights").`);
    answer(403, { Message: 'Access Denied' });
    const denied = await tykErrorOf(() => transport().request(GET));
    assert.equal(denied.kind, 'forbidden');
    assert.equal(denied.message, 'Your Tyk Dashboard user may not list the APIs (it said: "Access Denied"). Ask an administrator for that permission (Dashboard: Users → your user → Permissions).');
    answer(403, { Message: 'no permission here' });
    assert.equal((await tykErrorOf(() => transport().request(GET))).kind, 'forbidden');
    answer(403, {});
    const bare = await tykErrorOf(() => transport().request(GET));
    assert.equal(bare.kind, 'forbidden');
    assert.equal(bare.message, 'Your Tyk Dashboard user may not list the APIs. Ask an administrator for that permission (Dashboard: Users → your user → Permissions).');
    const gw = await tykErrorOf(() => transport('gateway').request(GET));
    assert.equal(gw.kind, 'forbidden');
    assert.equal(gw.message, `The ${label('gateway')} forbade it to list the APIs: a proxy or firewall in front of the Gateway may block that path. Check with whoever runs it.`);
    answer(403, { message: 'access denied by WAF' });
    assert.equal(
      (await tykErrorOf(() => transport('gateway').request(GET))).message,
      `The ${label('gateway')} forbade it to list the APIs (it said: "access denied by WAF"): a proxy or firewall in front of the Gateway may block that path. Check with whoever runs it.`,
    );
  });

  it('404: no such address (a Gateway: RPC mode?), or not found quoting the server', async () => {
    answer(404, {});
    const dash = await tykErrorOf(() => transport().request(GET));
    assert.equal(dash.kind, 'not-found');
    assert.equal(dash.message, `The ${label()} has no such address (404) when trying to list the APIs: is the URL the Tyk Dashboard’s own address?`);
    assert.equal(
      (await tykErrorOf(() => transport('gateway').request(GET))).message,
      `The ${label('gateway')} has no such address (404) when trying to list the APIs: is the URL the Tyk Gateway’s own address, and is the Gateway not in RPC (worker) mode?`,
    );
    answer(404, { Message: 'API not found' });
    assert.equal((await tykErrorOf(() => transport().request(GET))).message, `Not found: the ${label()} could not list the APIs (it said: "API not found"). It may have been deleted: refresh and try again.`);
  });

  it('429: rate-limited, with Retry-After in seconds or as a date, or without', async () => {
    answer(429, {}, { 'retry-after': '2.5' });
    const seconds = await tykErrorOf(() => transport().request(GET));
    assert.equal(seconds.kind, 'rate-limited');
    assert.equal(seconds.retryAfter, 3);
    assert.equal(seconds.message, `The ${label()} is rate limiting requests: try again in 3 seconds.`);
    assert.equal(server.requests.length, 1, 'not retried');
    answer(429, {}, { 'retry-after': '0' });
    assert.equal((await tykErrorOf(() => transport().request(GET))).retryAfter, 0);
    answer(429, {}, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
    const date = (await tykErrorOf(() => transport().request(GET))).retryAfter ?? -1;
    assert.ok(date >= 28 && date <= 31, String(date));
    answer(429, {}, { 'retry-after': new Date(Date.now() - 30_000).toUTCString() });
    assert.equal((await tykErrorOf(() => transport().request(GET))).retryAfter, 0);
    for (const header of [{}, { 'retry-after': 'soon' }, { 'retry-after': ' ' }] as Array<Record<string, string>>) {
      answer(429, {}, header);
      const e = await tykErrorOf(() => transport().request(GET));
      assert.equal(e.retryAfter, undefined, JSON.stringify(header));
      assert.equal('retryAfter' in e && e.retryAfter !== undefined, false);
      assert.equal(e.message, `The ${label()} is rate limiting requests: try again in a moment.`);
    }
  });

  it('3xx: never followed; the message names where it pointed, or not', async () => {
    answer(302, {}, { location: 'https://elsewhere.example/login' });
    const e = await tykErrorOf(() => transport().request(GET));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.status, 302);
    assert.equal(
      e.message,
      `The ${label()} answered "list the APIs" with a redirect to https://elsewhere.example (302). The extension does not follow redirects, so the credential is never sent elsewhere: set the connection URL to the final address (for example https:// instead of http://).`,
    );
    assert.equal(server.requests.length, 1);
    answer(304, {});
    assert.equal(
      (await tykErrorOf(() => transport().request(GET))).message,
      `The ${label()} answered "list the APIs" with a redirect (304). The extension does not follow redirects, so the credential is never sent elsewhere: set the connection URL to the final address (for example https:// instead of http://).`,
    );
  });

  it('an HTML error page from a proxy: server, with its reason phrase, quoted', async () => {
    server.handle((_req, res) => {
      res.writeHead(500, 'Proxy Failure', { 'content-type': 'text/html' });
      res.end('<html><body><h1>Bad gateway</h1></body></html>');
    });
    const e = await tykErrorOf(() => transport().request(POST));
    assert.equal(e.kind, 'server');
    assert.equal(
      e.message,
      `Something in front of the ${label()} answered 500 Proxy Failure with an HTML page while trying to create the key: “<html><body><h1>Bad gateway</h1></body></html>”. Check the server or the proxy, then try again.`,
    );
    server.handle((_req, res) => {
      res.writeHead(500, '', { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><p>down</p>');
    });
    assert.equal(
      (await tykErrorOf(() => transport().request(POST))).message,
      `Something in front of the ${label()} answered 500 with an HTML page while trying to create the key: “<!DOCTYPE html><p>down</p>”. Check the server or the proxy, then try again.`,
    );
  });

  it('a 200 that is not JSON: bad-response quoting it; HTML said to be a web page; an empty body said so; GET outcome known', async () => {
    server.handle((_req, res) => text(res, 200, 'plain words', 'text/plain'));
    const plain = await tykErrorOf(() => transport().request(GET));
    assert.equal(plain.kind, 'bad-response');
    assert.equal(plain.outcomeUnknown, false);
    assert.equal(plain.message, `The ${label()} answered "list the APIs" with something that is not JSON: “plain words”`);
    server.handle((_req, res) => text(res, 200, '<html><title>Login</title></html>'));
    assert.match((await tykErrorOf(() => transport().request(GET))).message, /\(an HTML page: is the URL the API address of the server, not a web page or a proxy’s\?\): “<html>/);
    server.handle((_req, res) => text(res, 200, '', 'application/json'));
    const empty = await tykErrorOf(() => transport().request(POST));
    assert.equal(empty.message, `The ${label()} answered "create the key" with something that is not JSON: (an empty body)`);
    assert.equal(empty.outcomeUnknown, true);
  });

  it('JSON of the wrong shape: where and what, or just what; a write’s outcome is unknown', async () => {
    answer(200, [{ name: 'no id' }]);
    const e = await tykErrorOf(() => transport().request({ ...GET, schema: GatewayApiList }));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.status, 200);
    assert.equal(e.outcomeUnknown, false);
    assert.match(e.message, new RegExp(`^The ${label()} answered "list the APIs" with data of an unexpected shape at 0\\.api_id \\(.+\\)\\. Is this a Tyk Dashboard, and is its version supported\\?$`));
    answer(200, 'a string');
    const top = await tykErrorOf(() => transport('gateway').request({ ...POST, schema: StatusResponse }));
    assert.match(top.message, new RegExp(`^The ${label('gateway')} answered "create the key" with data of an unexpected shape \\(.+\\)\\. Is this a Tyk Gateway, and is its version supported\\?$`));
    assert.equal(top.outcomeUnknown, true);
  });

  it('onStatus decides first: what it returns is thrown as it is', async () => {
    answer(418, { Message: 'teapot' });
    const seen: Array<[number, string | undefined]> = [];
    const e = await tykErrorOf(() =>
      transport().request({
        ...GET,
        onStatus: (status, message) => {
          seen.push([status, message]);
          return undefined;
        },
      }),
    );
    assert.deepEqual(seen, [[418, 'teapot']]);
    assert.equal(e.kind, 'bad-request');
  });

  it('a refused connection: network, a GET tried twice, a POST once with its outcome known', async () => {
    const port = server.port;
    await server.close();
    const t = new HttpTransport({ flavor: 'dashboard', baseUrl: `http://127.0.0.1:${port}`, credential: CREDENTIAL, retryDelayMs: 1 });
    transports.push(t);
    const e = await tykErrorOf(() => t.request(GET));
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.equal(e.message, `Could not list the APIs on the Tyk Dashboard at http://127.0.0.1:${port}: the connection was refused: is the server running on that port?`);
    const w = await tykErrorOf(() => t.request(POST));
    assert.equal(w.outcomeUnknown, false);
    assert.equal(w.message, `Could not create the key on the Tyk Dashboard at http://127.0.0.1:${port}: the connection was refused: is the server running on that port?`);
    server = await startFaultServer();
  });

  it('300 is a redirect too, not a success, even with a JSON body; only the start of its body is read', async () => {
    answer(300, { Status: 'OK', padding: 'x'.repeat(100_000) });
    const lines: string[] = [];
    const e = await tykErrorOf(() => transport('dashboard', (l) => lines.push(l)).request(GET));
    assert.match(lines[0] ?? '', /^GET \/api\/apis → 300 in \d+ ms \(65536\+ bytes\)$/);
    assert.deepEqual([e.kind, e.status], ['bad-response', 300]);
    assert.equal(
      e.message,
      `The ${label()} answered "list the APIs" with a redirect (300). The extension does not follow redirects, so the credential is never sent elsewhere: set the connection URL to the final address (for example https:// instead of http://).`,
    );
  });

  it('a redirect to an address that cannot be read names no address', async () => {
    answer(302, {}, { location: 'http://[::1' });
    assert.match((await tykErrorOf(() => transport().request(GET))).message, /^The .+ answered "list the APIs" with a redirect to another address \(302\)\. /);
  });

  it('"administrative access" is about the secret only in a Gateway’s 403; "malformed" is about the request only in a 403', async () => {
    answer(400, { message: 'Attempted administrative access with invalid or missing key!' });
    const gw = await tykErrorOf(() => transport('gateway').request(GET));
    assert.equal(gw.kind, 'bad-request');
    assert.equal(gw.message, `The ${label('gateway')} refused to list the APIs (400) (it said: "Attempted administrative access with invalid or missing key!").`);
    answer(400, { Message: 'Request body malformed.' });
    assert.equal((await tykErrorOf(() => transport().request(POST))).message, `The ${label()} refused to create the key (400) (it said: "Request body malformed.").`);
  });

  it('a write that ends in 500 may have been done (its outcome is unknown); a read’s is known', async () => {
    answer(500, { Message: 'boom' });
    const write = await tykErrorOf(() => transport().request(POST));
    assert.deepEqual([write.kind, write.status, write.outcomeUnknown], ['server', 500, true]);
    assert.equal((await tykErrorOf(() => transport().request(GET))).outcomeUnknown, false);
  });

  it('a Retry-After in the past or negative is 0 s', async () => {
    answer(429, {}, { 'retry-after': '-5' });
    assert.equal((await tykErrorOf(() => transport().request(GET))).retryAfter, 0);
  });

  it('the connection’s credential never shows in a message: not in a field name of a wrong shape, not in a quoted answer', async () => {
    const schema = z.record(z.string(), z.number());
    answer(200, { [CREDENTIAL]: 'not a number' });
    const shape = await tykErrorOf(() => transport().request({ ...GET, schema }));
    assert.match(shape.message, /unexpected shape at «redacted» \(/);
    assert.ok(!shape.message.includes(CREDENTIAL));
    server.handle((_req, res) => text(res, 200, `token ${CREDENTIAL}`, 'text/plain'));
    const quoted = await tykErrorOf(() => transport().request(GET));
    assert.equal(quoted.message, `The ${label()} answered "list the APIs" with something that is not JSON: “token «redacted»”`);
  });

  it('a schema that refuses the whole answer (no path): the message says why, without a place', async () => {
    answer(200, { any: 'thing' });
    const e = await tykErrorOf(() => transport('gateway').request({ ...GET, schema: z.string() }));
    assert.equal(
      e.message,
      `The ${label('gateway')} answered "list the APIs" with data of an unexpected shape (Invalid input). Is this a Tyk Gateway, and is its version supported?`,
    );
  });

  it('plain http to another machine: refused before sending, as a tls problem, unless the connection allows it', async () => {
    const remote = new HttpTransport({ flavor: 'dashboard', baseUrl: 'http://192.0.2.1:3000', credential: CREDENTIAL, timeoutMs: 500 });
    transports.push(remote);
    const e = await tykErrorOf(() => remote.request(GET));
    assert.deepEqual([e.kind, e.code], ['tls', 'INSECURE_HTTP']);
    assert.equal(
      e.message,
      'Not sent: http://192.0.2.1:3000 is a plain http:// address of another machine, so the credential would cross the network unencrypted. Use https://, or confirm plain http for this connection (set "allowInsecureHttp": true in the setting tyk.connections).',
    );
  });

  it('cancelled before sending: cancelled, nothing sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await tykErrorOf(() => transport().request(POST, { signal: controller.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.message, 'Cancelled before the server answered.');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(server.requests.length, 0);
  });
});
