// src/tyk/http.ts: how an answer's body is read: a BOM and leading whitespace before JSON, which first
// bytes can begin JSON, the bound of an error page, and the base URL's refusals word for word.
import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, HttpTransport, MAX_ERROR_BODY_BYTES, normaliseBaseUrl, type Operation } from '../../../src/tyk/http';
import { GatewayKeys, StatusResponse } from '../../../src/tyk/schemas';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

const GET: Operation<unknown> = { method: 'GET', path: '/tyk/keys', schema: GatewayKeys, what: 'list the keys' };

describe('tyk/http: reading a body', () => {
  let server: FaultServer;
  let transport: HttpTransport;
  const raw = (status: number, body: Buffer | string, type = 'application/json'): void =>
    server.handle((_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });

  beforeEach(async () => {
    server = await startFaultServer();
    transport = new HttpTransport({ flavor: 'gateway', baseUrl: server.url, credential: 'secret-1234', retryDelayMs: 1 });
  });
  afterEach(async () => {
    transport.dispose();
    await server.close();
  });

  it('the bounds: 30 s, 32 MB, 64 KB of an error page', () => {
    assert.equal(DEFAULT_TIMEOUT_MS, 30_000);
    assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 32 * 1024 * 1024);
    assert.equal(MAX_ERROR_BODY_BYTES, 64 * 1024);
  });

  it('a UTF-8 BOM and whitespace before the JSON are skipped', async () => {
    raw(200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(' \t\r\n{"keys":["k1"]}')]));
    assert.deepEqual(await transport.request(GET), { keys: ['k1'] });
  });

  it('every byte that can begin JSON is read as JSON: { [ " - digits true false null', async () => {
    const schema: Operation<unknown>['schema'] = z.unknown();
    for (const [text, value] of [
      ['{}', {}],
      ['[1]', [1]],
      ['"s"', 's'],
      ['-1', -1],
      ['0', 0],
      ['9', 9],
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      raw(200, text);
      assert.deepEqual(await transport.request({ ...GET, schema }), value, text);
    }
  });

  it('a success whose first byte cannot begin JSON is not JSON, read only to 64 KB and quoted', async () => {
    for (const text of ['x', 'abc', '<', '/', ':']) {
      raw(200, `  ${text} rest`, 'text/plain');
      const e = await tykErrorOf(() => transport.request(GET));
      assert.equal(e.kind, 'bad-response', text);
      assert.match(e.message, /with something that is not JSON: “/, text);
    }
    raw(200, Buffer.alloc(200_000, 0x78), 'text/plain');
    const e = await tykErrorOf(() => transport.request(GET));
    assert.equal(e.code, undefined, 'not TOO_LARGE: only the start was read');
  });

  it('an error page is read to 64 KB: a message at its end is not seen', async () => {
    const padded = `{"message":"${'x'.repeat(70_000)}"}`;
    server.handle((_req, res) => json(res, 400, JSON.parse(padded)));
    const e = await tykErrorOf(() => transport.request(GET));
    assert.equal(e.kind, 'bad-request');
    assert.equal(e.serverMessage, undefined, 'cut at 64 KB, it is no JSON');
    server.handle((_req, res) => json(res, 400, { message: 'short' }));
    assert.equal((await tykErrorOf(() => transport.request(GET))).serverMessage, 'short');
    server.handle((_req, res) => json(res, 400, { Message: 'Capital', message: 'lower' }));
    assert.equal((await tykErrorOf(() => transport.request(GET))).serverMessage, 'Capital');
    server.handle((_req, res) => json(res, 400, { Message: '' }));
    assert.equal((await tykErrorOf(() => transport.request(GET))).serverMessage, undefined);
  });

  it('a success larger than the request’s own bound is TOO_LARGE, naming the bound in MB (at least 1)', async () => {
    raw(200, `[${'1,'.repeat(1000)}1]`);
    const e = await tykErrorOf(() => transport.request({ ...GET, schema: StatusResponse, maxResponseBytes: 100 }));
    assert.equal(e.code, 'TOO_LARGE');
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.outcomeUnknown, false);
    assert.equal(e.message, `The Tyk Gateway at ${server.url}'s answer to list the keys is larger than 1 MB, so it was not read. Is the URL right?`);
  });

  it('the log: status, time and bytes read, with + when reading stopped before the end', async () => {
    const lines: string[] = [];
    const logged = new HttpTransport({ flavor: 'gateway', baseUrl: server.url, credential: 'secret-1234', retryDelayMs: 1, log: (l) => lines.push(l) });
    try {
      const last = (): { status: string; ms: number; bytes: string } => {
        const match = /^GET \/tyk\/keys → (\d+) in (\d+) ms \((\d+\+?) bytes\)$/.exec(lines.at(-1) ?? '');
        assert.ok(match, lines.join('\n'));
        return { status: match[1] ?? '', ms: Number(match[2]), bytes: match[3] ?? '' };
      };
      raw(400, `{"message":"${'x'.repeat(100_000)}"}`);
      await tykErrorOf(() => logged.request(GET));
      assert.deepEqual({ ...last(), ms: 0 }, { status: '400', ms: 0, bytes: `${MAX_ERROR_BODY_BYTES}+` });
      assert.ok(last().ms < 10_000, 'a duration, not a date');
      const exactly = `{"message":"${'x'.repeat(MAX_ERROR_BODY_BYTES - 14)}"}`;
      assert.equal(exactly.length, MAX_ERROR_BODY_BYTES);
      raw(400, exactly);
      await tykErrorOf(() => logged.request(GET));
      assert.equal(last().bytes, String(MAX_ERROR_BODY_BYTES), 'all of it was read');
      raw(200, 'x'.repeat(100_000), 'text/plain');
      await tykErrorOf(() => logged.request(GET));
      assert.deepEqual([last().status, last().bytes], ['200', `${MAX_ERROR_BODY_BYTES}+`]);
    } finally {
      logged.dispose();
    }
  });

  it('an answer read to its end leaves its connection open for the next request; one read only in part closes it', async () => {
    const settled = async (open: number): Promise<number> => {
      for (let i = 0; i < 100 && server.openSockets() !== open; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return server.openSockets();
    };
    raw(200, '{"keys":[]}');
    await transport.request(GET);
    assert.equal(await settled(1), 1, 'kept alive');
    raw(500, `<html>${'x'.repeat(1024 * 1024)}</html>`, 'text/html');
    await tykErrorOf(() => transport.request({ ...GET, method: 'DELETE' }));
    assert.equal(await settled(0), 0, 'the rest of a 1 MB error page is not read: the connection is closed');
  });

  it('a first byte below "0" that cannot begin JSON (. + ,) is not JSON either: read to 64 KB only', async () => {
    for (const first of ['.', '+', ',']) {
      raw(200, `${first}${'1'.repeat(300_000)}`, 'text/plain');
      const e = await tykErrorOf(() => transport.request({ ...GET, maxResponseBytes: 150_000 }));
      assert.equal(e.code, undefined, `${first}: not TOO_LARGE`);
      assert.match(e.message, /with something that is not JSON: “/);
    }
  });

  it('an HTML page is recognised by its first tag (after spaces) or a closing tag in its first 64 KB', async () => {
    const html = / \(an HTML page: is the URL the API address of the server, not a web page or a proxy’s\?\): /;
    raw(200, '  \n <HTML lang="en">sign in', 'text/html');
    assert.match((await tykErrorOf(() => transport.request(GET))).message, html);
    raw(200, 'see <html> for more', 'text/plain');
    assert.doesNotMatch((await tykErrorOf(() => transport.request(GET))).message, html);
    raw(200, `[${'1,'.repeat(40_000)}</html>`);
    const late = await tykErrorOf(() => transport.request(GET));
    assert.equal(late.kind, 'bad-response');
    assert.doesNotMatch(late.message, html, 'a closing tag past 64 KB is not looked for');
  });

  it('normaliseBaseUrl: its refusals word for word; the path kept without trailing slashes', () => {
    assert.equal(normaliseBaseUrl('https://x.example//base//'), 'https://x.example//base');
    assert.throws(() => normaliseBaseUrl('ftp://x'), { kind: 'bad-request', message: 'The URL must start with http:// or https:// (got ftp:).' });
    assert.throws(() => normaliseBaseUrl('https://u@x'), { kind: 'bad-request', message: 'Put the credential in the credential field, not in the URL.' });
    assert.throws(() => normaliseBaseUrl('https://:p@x'), { message: 'Put the credential in the credential field, not in the URL.' });
  });
});
