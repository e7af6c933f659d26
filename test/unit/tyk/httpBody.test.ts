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

  it('normaliseBaseUrl: its refusals word for word; the path kept without trailing slashes', () => {
    assert.equal(normaliseBaseUrl('https://x.example//base//'), 'https://x.example//base');
    assert.throws(() => normaliseBaseUrl('ftp://x'), { message: 'The URL must start with http:// or https:// (got ftp:).' });
    assert.throws(() => normaliseBaseUrl('https://u@x'), { message: 'Put the credential in the credential field, not in the URL.' });
    assert.throws(() => normaliseBaseUrl('https://:p@x'), { message: 'Put the credential in the credential field, not in the URL.' });
  });
});
