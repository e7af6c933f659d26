// src/tyk/dashboard.ts and gateway.ts, request by request: the path and query of each call, the fields
// read from each answer, and the refusals each maps, against a loopback server answering by path.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { GatewayClient, KEYS_READ_PER_PAGE, KEY_LIST_REUSE_MS, matchesQuery } from '../../../src/tyk/gateway';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import type { KeySpec, KeyStatus, TykApi } from '../../../src/domain/model';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

const SPEC: KeySpec = { access: [{ apiId: 'api1', apiName: 'Pets', versions: [] }], ...DEFAULT_LIMITS };
const def = (id: string, name = id): Record<string, unknown> => ({ api_id: id, name, proxy: { listen_path: `/${id}/` } });
type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

describe('tyk/dashboard and tyk/gateway: request by request', () => {
  let server: FaultServer;
  let dashboard: DashboardClient;
  let gateway: GatewayClient;
  const route = (routes: Record<string, Route>): void =>
    server.handle((req, res) => {
      const url = new URL(req.url ?? '/', server.url);
      const handler = routes[`${req.method} ${url.pathname}`];
      if (handler) {
        handler(req, res, url);
      } else {
        json(res, 599, { Message: `no route for ${req.method} ${url.pathname}` });
      }
    });
  const urls = (): string[] => server.requests.map((r) => `${r.method} ${r.url}`);

  beforeEach(async () => {
    server = await startFaultServer();
    dashboard = new DashboardClient({ baseUrl: server.url, credential: 'cred-1234', retryDelayMs: 1 });
    gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret-1234', retryDelayMs: 1 });
  });
  afterEach(async () => {
    dashboard.dispose();
    gateway.dispose();
    await server.close();
  });

  it('matchesQuery: name, api_id or listen path, any case; an empty query matches all', () => {
    const api = { name: 'Pet Store', apiId: 'ABC123', listenPath: '/pets/v1/' } as TykApi;
    for (const q of ['', '  ', 'pet', ' STORE ', 'abc', 'c12', '/PETS/V1']) {
      assert.equal(matchesQuery(api, q), true, q);
    }
    assert.equal(matchesQuery(api, 'dogs'), false);
    assert.equal(KEYS_READ_PER_PAGE, 100);
    assert.equal(KEY_LIST_REUSE_MS, 60_000);
  });

  it('Dashboard: search sends q and p; a page reads its APIs and page count', async () => {
    route({ 'GET /api/apis/search': (_q, res) => json(res, 200, { apis: [{ api_definition: def('a1', 'Pets') }], pages: 3 }) });
    const page = await dashboard.searchApis('pe ts', 2);
    assert.deepEqual(urls(), ['GET /api/apis/search?q=pe+ts&p=2']);
    assert.deepEqual([page.page, page.pages, page.apis.map((a) => a.name)], [2, 3, ['Pets']]);
    route({ 'GET /api/apis/search': (_q, res) => json(res, 200, { apis: null }) });
    assert.deepEqual(await dashboard.searchApis('x'), { apis: [], page: 1, pages: 1 });
  });

  it('Dashboard: one API by id, encoded; 404 or "Could not retrieve API" is not-found; its OAS document read', async () => {
    route({ 'GET /api/apis/a%201': (_q, res) => json(res, 200, { api_definition: def('a 1', 'Pets') }) });
    assert.equal((await dashboard.getApi('a 1')).name, 'Pets');
    for (const [status, body] of [
      [404, {}],
      [400, { Message: 'Could not retrieve API detail' }],
    ] as const) {
      route({ 'GET /api/apis/gone': (_q, res) => json(res, status, body) });
      const e = await tykErrorOf(() => dashboard.getApi('gone'));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.status, status);
      assert.equal(e.message, 'The API gone was not found on the Dashboard: it may have been deleted. Refresh the Tyk view.');
    }
    route({ 'GET /api/apis/bad': (_q, res) => json(res, 400, { Message: 'other' }) });
    assert.equal((await tykErrorOf(() => dashboard.getApi('bad'))).kind, 'bad-request');
  });

  it('Dashboard: a created key’s id from key_id, else key, else data.key_id; its hash; the HMAC secret when enabled', async () => {
    const answers: unknown[] = [
      { key_id: 'id-1', key: 'other', key_hash: 'h1' },
      { key: 'id-2' },
      { data: { key_id: 'id-3', hmac_enabled: true, hmac_string: 'sec' } },
      { key_id: 'id-4', data: { hmac_enabled: false, hmac_string: 'sec' } },
    ];
    route({ 'POST /api/keys': (_q, res) => json(res, 200, answers.shift()) });
    assert.deepEqual(await dashboard.createKey(SPEC), { key: 'id-1', keyHash: 'h1' });
    assert.deepEqual(await dashboard.createKey(SPEC), { key: 'id-2' });
    assert.deepEqual(await dashboard.createKey(SPEC), { key: 'id-3', hmacSecret: 'sec' });
    assert.deepEqual(await dashboard.createKey(SPEC), { key: 'id-4' });
    route({ 'POST /api/keys': (_q, res) => json(res, 200, { key_id: '' }) });
    const e = await tykErrorOf(() => dashboard.createKey(SPEC));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.message, 'The Tyk Dashboard said the key was created but its answer holds no key id. Look the key up in the Dashboard (Keys) by its alias.');
    assert.equal(server.requests.length, 5, 'each create sent once');
  });

  it('Dashboard: a custom id and a basic-auth user go to their paths; refusals mapped', async () => {
    route({
      'POST /api/keys/my-id': (_q, res) => json(res, 200, { key_id: 'my-id' }),
      'POST /api/apis/keys/basic/ann': (_q, res) => json(res, 400, { Message: 'Key must be used with an existent certificate' }),
    });
    assert.deepEqual(await dashboard.createKey({ ...SPEC, customKeyId: 'my-id' }), { key: 'my-id' });
    const e = await tykErrorOf(() => dashboard.createKey({ ...SPEC, basicAuth: { username: 'ann', password: 'pw' } }));
    assert.equal(e.kind, 'bad-request');
    assert.match(e.message, /does not hold that certificate/);
  });

  it('Dashboard: certificates with p=-1 and detailed mode; the basics, else the ids', async () => {
    route({ 'GET /api/certs': (_q, res) => json(res, 200, { cert_basics: [{ id: 'c1', subject_cn: 'api' }], certs: ['zz'] }) });
    assert.deepEqual(await dashboard.listCertificates(), [{ id: 'c1', subject: 'api' }]);
    assert.deepEqual(urls(), ['GET /api/certs?p=-1&mode=detailed']);
    route({ 'GET /api/certs': (_q, res) => json(res, 200, { certs: ['c2', 'c3'] }) });
    assert.deepEqual(await dashboard.listCertificates(), [{ id: 'c2' }, { id: 'c3' }]);
    route({ 'GET /api/certs': (_q, res) => json(res, 200, {}) });
    assert.deepEqual(await dashboard.listCertificates(), []);
  });

  it('Dashboard: the keys of an API, by page; hashed listing off is said; another 404 is not', async () => {
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 200, { data: { keys: ['k1', 'k2'] }, pages: 4 }) });
    assert.deepEqual(await dashboard.listKeys('a1', 2), { keys: ['k1', 'k2'], page: 2, pages: 4 });
    assert.deepEqual(urls(), ['GET /api/apis/a1/keys?p=2']);
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 200, { data: null }) });
    assert.deepEqual(await dashboard.listKeys('a1'), { keys: [], page: 1, pages: 1 });
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 200, { data: { keys: null } }) });
    assert.deepEqual((await dashboard.listKeys('a1')).keys, []);
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 404, { Message: 'Could not retrieve keys.' }) });
    const off = await tykErrorOf(() => dashboard.listKeys('a1'));
    assert.equal(off.kind, 'hashed-listing-disabled');
    assert.equal(off.status, 404);
    assert.equal(off.message, 'This Dashboard stores keys hashed and does not list them (hashed key listing is disabled), so the keys of an API cannot be listed.');
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 404, { Message: 'API not found' }) });
    assert.equal((await tykErrorOf(() => dashboard.listKeys('a1'))).kind, 'not-found');
    route({ 'GET /api/apis/a1/keys': (_q, res) => json(res, 404, {}) });
    assert.equal((await tykErrorOf(() => dashboard.listKeys('a1'))).kind, 'not-found');
  });

  it('Dashboard: a key read back: its key_id, else the ref; its hash, else the ref’s when hashed', async () => {
    const answers: unknown[] = [
      { key_id: 'real', key_hash: 'hh', data: { rate: 3 } },
      { data: { rate: 3 } },
      { data: { rate: 3 } },
    ];
    route({ 'GET /api/keys/ref': (_q, res) => json(res, 200, answers.shift()) });
    const full = await dashboard.getKey({ id: 'ref' });
    assert.deepEqual([full.keyId, full.keyHash, full.rate], ['real', 'hh', 3]);
    const plain = await dashboard.getKey({ id: 'ref' });
    assert.deepEqual([plain.keyId, plain.keyHash], ['ref', undefined]);
    const hashed = await dashboard.getKey({ id: 'ref', hashed: true });
    assert.deepEqual([hashed.keyId, hashed.keyHash], ['ref', 'ref']);
    assert.deepEqual(urls().slice(-1), ['GET /api/keys/ref?hashed=1']);
  });

  it('Dashboard: update (suppress_reset unless asked) and revoke, each once', async () => {
    route({ 'PUT /api/keys/k1': (_q, res) => json(res, 200, { key_id: 'k1' }), 'DELETE /api/keys/k1': (_q, res) => json(res, 200, { Status: 'OK' }) });
    await dashboard.updateKey({ id: 'k1' }, { rate: 9 });
    await dashboard.updateKey({ id: 'k1' }, { rate: 9 }, { suppressReset: false });
    await dashboard.deleteKey({ id: 'k1' });
    assert.deepEqual(urls(), ['PUT /api/keys/k1?suppress_reset=1', 'PUT /api/keys/k1', 'DELETE /api/keys/k1']);
    assert.equal(server.requests[0]?.body, '{"rate":9}');
  });

  it('Dashboard: policies page by page (p=1, 2…), each id once, until an empty page', async () => {
    route({
      'GET /api/portal/policies': (_q, res, url) => {
        const p = Number(url.searchParams.get('p'));
        json(res, 200, { Data: p === 1 ? [{ _id: 'p1', name: 'A' }] : p === 2 ? [{ _id: 'p1', name: 'again' }, { _id: 'p2' }] : [], Pages: 5 });
      },
    });
    const policies = await dashboard.listPolicies();
    assert.deepEqual(
      policies.map((p) => [p.id, p.name]),
      [
        ['p1', 'A'],
        ['p2', 'p2'],
      ],
    );
    assert.ok(urls().includes('GET /api/portal/policies?p=1') && urls().includes('GET /api/portal/policies?p=2'));
    assert.ok(server.requests.length <= 5);
  });

  it('Gateway: the catalog is page 1 of 1 (both lists, MCP proxies marked); page 2 is empty and asks nothing', async () => {
    route({
      'GET /tyk/apis': (_q, res, url) => json(res, 200, url.searchParams.get('include_types') === 'mcp' ? [def('a1'), def('m1')] : [def('a1'), def('a2')]),
    });
    const seen: string[][] = [];
    const apis = await gateway.listAllApis({ onPage: (page) => seen.push(page.map((a) => a.apiId)) });
    assert.deepEqual(
      apis.map((a) => [a.apiId, a.protocol]),
      [
        ['a1', 'http'],
        ['a2', 'http'],
        ['m1', 'mcp'],
      ],
    );
    assert.deepEqual(seen, [['a1', 'a2', 'm1']]);
    assert.deepEqual(urls().sort(), ['GET /tyk/apis', 'GET /tyk/apis?include_types=mcp']);
    assert.deepEqual((await gateway.listApisPage(1)).pages, 1);
    const before = server.requests.length;
    assert.deepEqual(await gateway.listApisPage(2), { apis: [], page: 2, pages: 1 });
    assert.deepEqual(await gateway.searchApis('a', 2), { apis: [], page: 2, pages: 1 });
    assert.equal(server.requests.length, before);
    assert.deepEqual(
      (await gateway.searchApis('A2')).apis.map((a) => a.apiId),
      ['a2'],
    );
  });

  it('Gateway: an API is active whatever its definition says (a Gateway serves every definition it holds)', async () => {
    const inactive = (id: string): Record<string, unknown> => ({ ...def(id), active: false });
    route({
      'GET /tyk/apis': (_q, res, url) => json(res, 200, url.searchParams.get('include_types') === 'mcp' ? [inactive('a1'), inactive('m1')] : [inactive('a1')]),
      'GET /tyk/apis/a1': (_q, res) => json(res, 200, inactive('a1')),
    });
    assert.deepEqual(
      (await gateway.listAllApis()).map((a) => [a.apiId, a.active]),
      [
        ['a1', true],
        ['m1', true],
      ],
    );
    assert.equal((await gateway.getApi('a1')).active, true);
    route({ 'GET /api/apis/a1': (_q, res) => json(res, 200, { api_definition: inactive('a1') }) });
    assert.equal((await dashboard.getApi('a1')).active, false, 'a Dashboard says which are active');
  });

  it('Gateway: a failed MCP list still lists the APIs; a 404 without a message is RPC mode', async () => {
    route({ 'GET /tyk/apis': (_q, res, url) => (url.searchParams.get('include_types') ? json(res, 400, {}) : json(res, 200, [def('a1')])) });
    assert.deepEqual(
      (await gateway.listAllApis()).map((a) => a.apiId),
      ['a1'],
    );
    route({ 'GET /tyk/apis': (_q, res) => json(res, 404, {}) });
    const e = await tykErrorOf(() => gateway.listAllApis());
    assert.equal(e.kind, 'not-found');
    assert.equal(e.status, 404);
    assert.equal(e.message, 'This Gateway does not serve its API management endpoints (it may be a worker Gateway in RPC mode, e.g. Tyk Cloud or hybrid). Connect to its Tyk Dashboard instead.');
    route({ 'GET /tyk/apis': (_q, res) => json(res, 404, { message: 'nope' }) });
    assert.match((await tykErrorOf(() => gateway.listAllApis())).message, /^Not found: /);
    route({ 'GET /tyk/apis': (_q, res) => json(res, 200, null) });
    assert.deepEqual(await gateway.listAllApis(), []);
  });

  it('Gateway: one API by id; a create to /tyk/keys/create, its key and hash; no key is bad-response, outcome unknown', async () => {
    route({
      'GET /tyk/apis/a1': (_q, res) => json(res, 200, def('a1', 'Pets')),
      'POST /tyk/keys/create': (_q, res) => json(res, 200, { key: 'gk1', key_hash: 'gh1', status: 'ok', action: 'added' }),
      'POST /tyk/keys/my-id': (_q, res) => json(res, 200, { key: '', status: 'ok' }),
    });
    assert.equal((await gateway.getApi('a1')).name, 'Pets');
    assert.deepEqual(await gateway.createKey(SPEC), { key: 'gk1', keyHash: 'gh1' });
    const e = await tykErrorOf(() => gateway.createKey({ ...SPEC, customKeyId: 'my-id' }));
    assert.equal(e.kind, 'bad-response');
    assert.equal(e.outcomeUnknown, true);
    assert.equal(e.message, 'The Tyk Gateway said the key was created but its answer holds no key. Look it up by its alias before creating another.');
    route({ 'POST /tyk/keys/create': (_q, res) => json(res, 404, {}) });
    assert.match((await tykErrorOf(() => gateway.createKey(SPEC))).message, /RPC mode/);
    route({ 'POST /tyk/keys/create': (_q, res) => json(res, 500, { message: 'Key with given certificate already found' }) });
    assert.equal((await tykErrorOf(() => gateway.createKey(SPEC))).kind, 'conflict');
  });

  it('Gateway: certificates in detailed mode; policies each id once, active unless is_inactive', async () => {
    route({
      'GET /tyk/certs': (_q, res) => json(res, 200, { certs: [{ id: 'c1', issuer_cn: 'ca' }] }),
      'GET /tyk/policies': (_q, res) => json(res, 200, [{ id: 'p1', active: false }, { id: 'p1' }, { id: 'p2', is_inactive: true }]),
    });
    assert.deepEqual(await gateway.listCertificates(), [{ id: 'c1', issuer: 'ca' }]);
    assert.deepEqual(
      (await gateway.listPolicies()).map((p) => [p.id, p.active]),
      [
        ['p1', true],
        ['p2', false],
      ],
    );
    assert.deepEqual(urls(), ['GET /tyk/certs?mode=detailed', 'GET /tyk/policies']);
  });

  it('Gateway: keys of an API: the id list once (reused by page 2), unaddressable ids left out, each key read (with its state and alias)', async () => {
    route({
      'GET /tyk/keys': (_q, res) => json(res, 200, { keys: ['k1', '..', 'k2', 'k3', 'k4'] }),
      'GET /tyk/keys/k1': (_q, res) => json(res, 200, { access_rights: { a1: { api_id: 'a1' } }, is_inactive: true, expires: 1700000000, alias: 'mobile', rate: 5 }),
      'GET /tyk/keys/k2': (_q, res) => json(res, 200, { access_rights: { b: { api_id: 'b' } } }),
      'GET /tyk/keys/k3': (_q, res) => json(res, 404, {}),
      'GET /tyk/keys/k4': (_q, res) => json(res, 200, { alias: '', access_rights: { a1: { api_id: 'a1' } } }),
    });
    const told: Array<[string[], Array<[string, KeyStatus]>]> = [];
    const statuses = new Map<string, KeyStatus>([
      ['k1', { isInactive: true, expires: 1700000000, alias: 'mobile' }],
      ['k4', { isInactive: false }],
    ]);
    assert.deepEqual(await gateway.listKeys('a1', 1, { onKeys: (keys, states) => told.push([keys, [...states]]) }), { keys: ['k1', 'k4'], page: 1, pages: 1, statuses });
    assert.deepEqual(
      told.sort(([[a = '']], [[b = '']]) => a.localeCompare(b)),
      [...statuses].map(([k, s]) => [[k], [[k, s]]]),
      'each granting key is told with its state (its alias in it; an empty alias is none)',
    );
    assert.ok(urls().includes('GET /tyk/keys/k3?hashed=1'), 'a key not found is tried as a hash');
    const lists = (): number => urls().filter((u) => u === 'GET /tyk/keys').length;
    assert.equal(lists(), 1);
    assert.deepEqual(await gateway.listKeys('a1', 2), { keys: [], page: 2, pages: 1, statuses: new Map() });
    assert.equal(lists(), 1, 'page 2 reuses the list');
    await gateway.listKeys('a1');
    assert.equal(lists(), 2, 'page 1 reads it afresh');
  });

  it('Gateway: hashed listing off is said; a failure other than not-found/refused fails the listing', async () => {
    route({ 'GET /tyk/keys': (_q, res) => json(res, 404, { message: 'Hashed key listing is disabled in config (enable_hashed_keys_listing)' }) });
    const off = await tykErrorOf(() => gateway.listKeys('a1'));
    assert.equal(off.kind, 'hashed-listing-disabled');
    assert.equal(off.message, 'This Gateway stores keys hashed and does not list them (enable_hashed_keys_listing is off), so keys cannot be listed.');
    route({ 'GET /tyk/keys': (_q, res) => json(res, 200, { keys: ['k1'] }), 'GET /tyk/keys/k1': (_q, res) => json(res, 401, {}) });
    assert.equal((await tykErrorOf(() => gateway.listKeys('a1'))).kind, 'unauthorized');
    route({ 'GET /tyk/keys': (_q, res) => json(res, 200, { keys: ['k1'] }), 'GET /tyk/keys/k1': (_q, res) => json(res, 400, { message: 'bad' }) });
    assert.deepEqual((await gateway.listKeys('a1')).keys, [], 'a key the Gateway refuses to read is not listed');
  });

  it('an API id that cannot be put in an address is refused before any request, naming it', async () => {
    for (const call of [() => dashboard.getApi('..'), () => dashboard.listKeys('..'), () => gateway.getApi('..')]) {
      const e = await tykErrorOf(call);
      assert.equal(e.kind, 'bad-request');
      assert.equal(e.message, 'The API id “..” cannot be put in an address: it is empty, “.” or “..”, or not valid text.');
    }
    assert.equal(server.requests.length, 0);
  });

  it('Dashboard: “Could not retrieve API” is not-found only as a 400; “Could not retrieve keys” is hashed listing only as a 404', async () => {
    route({
      'GET /api/apis/a1': (_q, res) => json(res, 500, { Message: 'Could not retrieve API detail' }),
      'GET /api/apis/a1/keys': (_q, res) => json(res, 400, { Message: 'Could not retrieve keys.' }),
    });
    assert.equal((await tykErrorOf(() => dashboard.getApi('a1'))).kind, 'server');
    assert.equal((await tykErrorOf(() => dashboard.listKeys('a1'))).kind, 'bad-request');
  });

  it('Dashboard: an API’s Tyk OAS document is read with it (one API, a page, a search)', async () => {
    const oas = { 'x-tyk-api-gateway': { server: { authentication: { securitySchemes: { t: { header: { name: 'X-Oas-Key' } } } } } } };
    route({
      'GET /api/apis/o1': (_q, res) => json(res, 200, { api_definition: def('o1'), oas }),
      'GET /api/apis': (_q, res) => json(res, 200, { apis: [{ api_definition: def('o1'), oas }], pages: 1 }),
      'GET /api/apis/search': (_q, res) => json(res, 200, { apis: [{ api_definition: def('o1'), oas }], pages: 1 }),
    });
    assert.equal((await dashboard.getApi('o1')).authHeaderName, 'X-Oas-Key');
    assert.equal((await dashboard.listApisPage(1)).apis[0]?.authHeaderName, 'X-Oas-Key');
    assert.equal((await dashboard.searchApis('o')).apis[0]?.authHeaderName, 'X-Oas-Key');
  });

  it('each request says what it was doing, in the user’s words (a 500 names it)', async () => {
    server.handle((_req, res) => json(res, 500, {}));
    const failed = async (call: () => Promise<unknown>, product: string, what: string): Promise<void> => {
      const e = await tykErrorOf(call);
      assert.equal(e.message, `The ${product} at ${server.url} failed to ${what} (500). Try again later, or check the server’s logs.`);
      // A read (GET) that failed did nothing; a write that ended in 500 may have been done.
      assert.equal(e.outcomeUnknown, /^(create|update|revoke)/.test(what), what);
    };
    const basic = { ...SPEC, basicAuth: { username: 'ann', password: 'pw-0123456789' } };
    const calls: Array<[string, Array<[string, () => Promise<unknown>]>]> = [
      [
        'Tyk Dashboard',
        [
          ['list the APIs', () => dashboard.listApisPage(1)],
          ['list the APIs', () => dashboard.listAllApis()],
          ['search the APIs', () => dashboard.searchApis('x')],
          ['read the API a1', () => dashboard.getApi('a1')],
          ['create the key', () => dashboard.createKey(SPEC)],
          ['create the basic-auth user', () => dashboard.createKey(basic)],
          ['list the certificates', () => dashboard.listCertificates()],
          ['list the keys of the API', () => dashboard.listKeys('a1')],
          ['list the policies', () => dashboard.listPolicies()],
          ['read the key abcd…6789', () => dashboard.getKey({ id: 'abcdef0123456789' })],
          ['update the key abcd…6789', () => dashboard.updateKey({ id: 'abcdef0123456789' }, { rate: 1 })],
          ['revoke the key abcd…6789', () => dashboard.deleteKey({ id: 'abcdef0123456789' })],
        ],
      ],
      [
        'Tyk Gateway',
        [
          ['list the APIs', () => gateway.listAllApis()],
          ['read the API a1', () => gateway.getApi('a1')],
          ['create the key', () => gateway.createKey(SPEC)],
          ['create the basic-auth user', () => gateway.createKey(basic)],
          ['list the certificates', () => gateway.listCertificates()],
          ['list the keys', () => gateway.listKeys('a1')],
          ['list the policies', () => gateway.listPolicies()],
          ['read the key abcd…6789', () => gateway.getKey({ id: 'abcdef0123456789' })],
          ['update the key abcd…6789', () => gateway.updateKey({ id: 'abcdef0123456789' }, { rate: 1 })],
          ['revoke the key abcd…6789', () => gateway.deleteKey({ id: 'abcdef0123456789' })],
        ],
      ],
    ];
    for (const [product, requests] of calls) {
      for (const [what, call] of requests) {
        await failed(call, product, what);
      }
    }
  });

  it('Gateway: update, revoke and read a key; a hashed ref keeps its hash', async () => {
    route({
      'PUT /tyk/keys/k1': (_q, res) => json(res, 200, { key: 'k1', status: 'ok' }),
      'DELETE /tyk/keys/k1': (_q, res) => json(res, 200, { key: 'k1', status: 'ok' }),
      'GET /tyk/keys/k1': (_q, res) => json(res, 200, { rate: 4 }),
    });
    await gateway.updateKey({ id: 'k1' }, { rate: 4 });
    await gateway.deleteKey({ id: 'k1', hashed: true });
    const read = await gateway.getKey({ id: 'k1', hashed: true });
    assert.deepEqual([read.keyId, read.keyHash, read.rate], ['k1', 'k1', 4]);
    assert.equal((await gateway.getKey({ id: 'k1' })).keyHash, undefined);
    assert.deepEqual(urls().slice(0, 3), ['PUT /tyk/keys/k1?suppress_reset=1', 'DELETE /tyk/keys/k1?hashed=1', 'GET /tyk/keys/k1?hashed=1']);
  });
});
