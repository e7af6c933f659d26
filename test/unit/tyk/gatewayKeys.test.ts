// src/tyk/gateway.ts, the keys of one API on a Gateway (which lists every key it holds, for every API): the
// id list read once and reused by the next pages for a minute, the pages of 100 keys read per page, the
// order in which a listed id is tried (as a key, or first as a hash once the Gateway turned out to list
// hashes), and which failures of one key leave it out and which fail the listing.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { GatewayClient, KEYS_READ_PER_PAGE, KEY_LIST_REUSE_MS } from '../../../src/tyk/gateway';
import { json, text, startFaultServer, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

/** A session granting `apis`. */
const session = (...apis: string[]): Record<string, unknown> => ({ access_rights: Object.fromEntries(apis.map((id) => [id, { api_id: id }])) });

describe('tyk/gateway: the keys of one API', () => {
  let server: FaultServer;
  let gateway: GatewayClient;
  /** GET /tyk/keys lists `ids`; GET /tyk/keys/{id} answers `read(id, hashed)`. */
  const serve = (ids: () => string[], read: (id: string, hashed: boolean, res: http.ServerResponse) => void): void =>
    server.handle((req, res) => {
      const url = new URL(req.url ?? '/', server.url);
      if (url.pathname === '/tyk/keys') {
        json(res, 200, { keys: ids() });
      } else {
        read(decodeURIComponent(url.pathname.slice('/tyk/keys/'.length)), url.searchParams.get('hashed') === '1', res);
      }
    });
  const reads = (): string[] => server.requests.filter((r) => r.url.startsWith('/tyk/keys/')).map((r) => r.url.slice('/tyk/keys/'.length));
  const lists = (): number => server.requests.filter((r) => r.url === '/tyk/keys').length;

  beforeEach(async () => {
    server = await startFaultServer();
    gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret-1234', retryDelayMs: 1 });
  });
  afterEach(async () => {
    gateway.dispose();
    await server.close();
  });

  it('100 keys read per page; the page count from the ids listed (at least 1)', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    serve(
      () => ids,
      (_id, _hashed, res) => json(res, 200, session('a1')),
    );
    assert.equal(KEYS_READ_PER_PAGE, 100);
    assert.deepEqual(await gateway.listKeys('a1', 3), { keys: ['k200'], page: 3, pages: 3, statuses: new Map([['k200', { isInactive: false }]]) });
    assert.deepEqual(reads(), ['k200']);

    serve(
      () => [],
      () => assert.fail('no key to read'),
    );
    assert.deepEqual(await gateway.listKeys('a1'), { keys: [], page: 1, pages: 1, statuses: new Map() });
    server.handle((_req, res) => json(res, 200, { keys: null }));
    assert.deepEqual(await gateway.listKeys('a1'), { keys: [], page: 1, pages: 1, statuses: new Map() });
    assert.deepEqual(reads(), ['k200'], 'no list: no key read');
  });

  it('an id that cannot be put in an address is not listed, nor counted in the pages', async () => {
    serve(
      () => ['..', ...Array.from({ length: 100 }, (_, i) => `k${i}`)],
      () => assert.fail('page 2 of 100 ids reads no key'),
    );
    assert.deepEqual(await gateway.listKeys('a1', 2), { keys: [], page: 2, pages: 1, statuses: new Map() });
    assert.deepEqual(reads(), []);
  });

  it('the id list is reused by the next pages for a minute, then read again; a first page always reads it', async () => {
    serve(
      () => ['k1', 'k2'],
      (_id, _hashed, res) => json(res, 200, session('a1')),
    );
    const realNow = Date.now;
    let now = realNow();
    Date.now = () => now;
    try {
      await gateway.listKeys('a1', 2);
      assert.equal(lists(), 1, 'a later page without a list read before reads it');
      await gateway.listKeys('a1', 1);
      assert.equal(lists(), 2, 'a first page reads it afresh');
      now += KEY_LIST_REUSE_MS - 1;
      await gateway.listKeys('a1', 2);
      assert.equal(lists(), 2, 'reused just before a minute');
      now += 1;
      await gateway.listKeys('a1', 2);
      assert.equal(lists(), 3, 'read again after a minute');
    } finally {
      Date.now = realNow;
    }
  });

  it('a listed id is tried as a key, then as a hash; once ids turn out to be hashes, as a hash first, and back', async () => {
    let stored: 'hashes' | 'keys' = 'hashes';
    serve(
      () => ['id1'],
      (_id, hashed, res) => (hashed === (stored === 'hashes') ? json(res, 200, session('a1')) : json(res, 404, { message: 'Key not found' })),
    );
    assert.deepEqual((await gateway.listKeys('a1')).keys, ['id1']);
    assert.deepEqual(reads(), ['id1', 'id1?hashed=1']);
    await gateway.listKeys('a1');
    assert.deepEqual(reads().slice(2), ['id1?hashed=1'], 'a hash first: one request');
    stored = 'keys';
    await gateway.listKeys('a1');
    assert.deepEqual(reads().slice(3), ['id1?hashed=1', 'id1']);
    await gateway.listKeys('a1');
    assert.deepEqual(reads().slice(5), ['id1'], 'a key first again');
  });

  it('a key not found, refused or unreadable is left out; the others are told as they are read', async () => {
    serve(
      () => ['gone', 'refused', 'garbled', 'good'],
      (id, _hashed, res) => {
        if (id === 'gone') {
          json(res, 404, {});
        } else if (id === 'refused') {
          json(res, 400, { message: 'no' });
        } else if (id === 'garbled') {
          text(res, 200, 'not json', 'text/plain');
        } else {
          json(res, 200, session('a1'));
        }
      },
    );
    const told: string[][] = [];
    assert.deepEqual(await gateway.listKeys('a1', 1, { onKeys: (keys) => told.push(keys) }), { keys: ['good'], page: 1, pages: 1, statuses: new Map([['good', { isInactive: false }]]) });
    assert.deepEqual(told, [['good']]);
    assert.deepEqual((await gateway.listKeys('a1', 1, {})).keys, ['good'], 'no one to tell: listed all the same');
  });

  it('a key that grants the API among others is listed; one that grants only others is not', async () => {
    serve(
      () => ['both', 'others'],
      (id, _hashed, res) => json(res, 200, id === 'both' ? session('b0', 'a1', 'c2') : session('b0', 'c2')),
    );
    assert.deepEqual((await gateway.listKeys('a1')).keys, ['both']);
  });

  it('hashed listing is off only when a 404 says so; the refusal keeps its status', async () => {
    server.handle((_req, res) => json(res, 404, { message: 'Hashed key listing is disabled in config (enable_hashed_keys_listing)' }));
    const off = await tykErrorOf(() => gateway.listKeys('a1'));
    assert.deepEqual([off.kind, off.status], ['hashed-listing-disabled', 404]);
    server.handle((_req, res) => json(res, 400, { message: 'Hashed key listing is disabled in config (enable_hashed_keys_listing)' }));
    assert.equal((await tykErrorOf(() => gateway.listKeys('a1'))).kind, 'bad-request');
  });

  it('any other failure of one key fails the listing', async () => {
    serve(
      () => ['k1'],
      (_id, _hashed, res) => json(res, 500, { message: 'down' }),
    );
    const e = await tykErrorOf(() => gateway.listKeys('a1'));
    assert.equal(e.kind, 'server');
    assert.equal(e.message, `The Tyk Gateway at ${server.url} failed to read the key … (500) (it said: "down"). Try again later, or check the server’s logs.`);
  });
});
