/**
 * Tests of the Tyk sandbox. Every response a test receives through `call()` is checked against the official
 * spec of its operation (status declared, body valid, and — stricter than the spec — no undeclared properties).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startSandbox, routeTable, withSandbox, TYK_CONF_EXAMPLE, type Sandbox } from './server';
import { SAMPLE, SAMPLE_SHAPES, SANDBOX_ORG_ID, buildCatalog, tutorialKeyBody } from './seed';
import { findPathTemplate, preloadSpecs, validateResponse, validateTykExtension, declaredStatuses, SpecViolation } from './specValidator';
import { hashStr, hashKey } from './hash';
import { parseArgs, UsageError } from './cli';

type Server = 'dashboard' | 'gateway';
type Obj = Record<string, unknown>;

interface ApiDef {
  api_id: string;
  id: string;
  name: string;
  org_id: string;
  active: boolean;
  internal: boolean;
  is_oas: boolean;
  use_keyless: boolean;
  use_standard_auth: boolean;
  use_basic_auth: boolean;
  use_oauth2: boolean;
  enable_jwt: boolean;
  enable_signature_checking: boolean;
  auth: { auth_header_name: string };
  proxy: { listen_path: string; target_url: string; strip_listen_path: boolean };
  version_data: { not_versioned: boolean; default_version: string; versions: Record<string, { name: string }> };
  definition: { enabled: boolean; versions: Record<string, string> };
  tags: string[];
}
interface Wrapper {
  api_definition: ApiDef;
  created_at: string;
  updated_at: string;
  oas?: Obj;
}
interface ApiList {
  apis: Wrapper[];
  pages: number;
}
interface AccessDef {
  api_id: string;
  api_name: string;
  versions: string[] | null;
  allowed_urls: Array<{ url: string; methods: string[] }> | null;
  limit: { quota_max: number; quota_remaining: number };
}
interface Session {
  org_id: string;
  rate: number;
  per: number;
  allowance: number;
  quota_max: number;
  quota_remaining: number;
  quota_renews: number;
  quota_renewal_rate: number;
  date_created: string;
  last_updated: string;
  expires: number;
  access_rights: Record<string, AccessDef> | null;
  apply_policies: string[] | null;
  tags: string[] | null;
  meta_data: Obj | null;
  alias: string;
}
interface KeyData {
  key_id: string;
  key_hash: string;
  data: Session;
  api_model: Obj;
}
interface DashMsg {
  Status: string;
  Message: string;
  Meta: unknown;
}
interface GwMsg {
  status: string;
  message: string;
}
interface Modify {
  key: string;
  status: string;
  action: string;
  key_hash?: string;
}
interface Policy {
  _id: string;
  id: string;
  name: string;
  access_rights: Record<string, AccessDef>;
  date_created?: string;
}
interface KeyList {
  data: { keys: string[] };
  pages: number;
}

interface Res<T> {
  status: number;
  body: T;
  headers: Headers;
  ms: number;
}

interface CallOptions {
  /** Object → JSON; string → sent as is. */
  body?: unknown;
  /** Credential header value; null = no header; default the right one. */
  auth?: string | null;
  /** The response is a routing answer (unknown route / undeclared method) with no spec operation. */
  offSpec?: boolean;
}

/** Calls the sandbox and checks the response against the spec (closed objects). */
async function call<T>(sb: Sandbox, server: Server, method: string, url: string, opts: CallOptions = {}): Promise<Res<T>> {
  const base = server === 'dashboard' ? sb.dashboardUrl : sb.gatewayUrl;
  assert.ok(base, `no ${server} URL`);
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? (server === 'dashboard' ? sb.credential : sb.gatewaySecret) : opts.auth;
  if (auth !== null) {
    headers[server === 'dashboard' ? 'authorization' : 'x-tyk-authorization'] = auth;
  }
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const started = Date.now();
  const res = await fetch(base + url, { method, headers, body });
  const text = await res.text();
  const ms = Date.now() - started;
  assert.equal(res.headers.get('content-type'), 'application/json', `${method} ${url}: content-type`);
  const parsed: unknown = JSON.parse(text);
  if (!opts.offSpec) {
    const p = url.split('?')[0];
    const template = findPathTemplate(server, method, p);
    assert.ok(template, `${server} ${method} ${p}: not in the spec`);
    validateResponse(server, method, template, res.status, parsed, { closed: true });
  }
  return { status: res.status, body: parsed as T, headers: res.headers, ms };
}

function dash<T>(sb: Sandbox, method: string, url: string, opts?: CallOptions): Promise<Res<T>> {
  return call<T>(sb, 'dashboard', method, url, opts);
}

function gw<T>(sb: Sandbox, method: string, url: string, opts?: CallOptions): Promise<Res<T>> {
  return call<T>(sb, 'gateway', method, url, opts);
}

function petstoreRights(): Obj {
  return { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } };
}

function keyBody(extra: Obj = {}): Obj {
  return { rate: 100, per: 60, quota_max: 1000, quota_renewal_rate: 3600, expires: -1, access_rights: petstoreRights(), ...extra };
}

/**
 * Calls every operation the sandbox serves with each method the spec declares — authorised with a valid
 * body, then with a wrong credential — and lets `call()` check each answer. Returns the number of calls.
 */
async function exerciseAllOperations(sb: Sandbox): Promise<number> {
  const fresh = (): string => sb.createKey({ org_id: sb.orgId, access_rights: petstoreRights() }).key;
  let key = fresh();
  let count = 0;
  for (const op of routeTable()) {
    for (const method of op.methods) {
      if (!sb.keys().some((k) => k.key === key)) {
        key = fresh();
      }
      const values: Record<string, string> = {
        apiId: SAMPLE.petstore.apiId,
        apiID: SAMPLE.petstore.apiId,
        keyId: key,
        keyID: key,
        id: SAMPLE.policies.gold.mongoId,
        polID: SAMPLE.policies.gold.id,
      };
      const url = op.template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'));
      const hasBody = method === 'POST' || method === 'PUT';
      const r = await call<unknown>(sb, op.server, method, url, hasBody ? { body: keyBody({ org_id: sb.orgId }) } : {});
      assert.ok(r.status >= 200 && r.status < 600);
      const refused = await call<unknown>(sb, op.server, method, url, { auth: 'wrong' });
      assert.equal(refused.status, op.template === '/hello' ? 200 : op.server === 'dashboard' ? 401 : 403, `${op.server} ${method} ${op.template}`);
      count += 2;
    }
  }
  return count;
}

describe('sandbox', function () {
  this.timeout(10000);
  let sb: Sandbox;

  before(async () => {
    preloadSpecs();
    sb = await startSandbox();
  });

  after(async () => {
    await sb.close();
  });

  beforeEach(() => {
    sb.reset();
  });

  describe('spec validator', () => {
    it('accepts the spec examples and a sandbox body', () => {
      validateResponse('dashboard', 'GET', '/api/apis', 200, {
        apis: [{ api_definition: { api_id: 'b84fe1a04e5648927971c0557971565c', name: 'Tyk Test API', proxy: { listen_path: '/x/' } } }],
        pages: 1,
      });
      validateResponse('dashboard', 'GET', '/api/apis', 200, { apis: null, pages: 0 }); // nullable
      validateResponse('gateway', 'POST', '/tyk/keys/create', 400, { status: 'error', message: 'x' });
    });

    it('rejects a wrong body, with a readable list', () => {
      assert.throws(
        () => validateResponse('dashboard', 'GET', '/api/apis', 200, { apis: 'none', pages: '1' }),
        (err: unknown) => err instanceof SpecViolation && err.problems.some((p) => p.startsWith('/apis')) && err.problems.some((p) => p.startsWith('/pages')),
      );
      assert.throws(() => validateResponse('dashboard', 'POST', '/api/keys', 200, { key_id: 42 }), /key_id must be string/);
      assert.throws(() => validateResponse('gateway', 'GET', '/tyk/keys/{keyID}', 200, { quota_max: 1.5 }), /quota_max/);
    });

    it('rejects undeclared statuses, methods and paths', () => {
      assert.deepEqual(declaredStatuses('dashboard', 'GET', '/api/apis/{apiId}').sort(), [200, 400, 401, 403, 500]);
      assert.throws(() => validateResponse('dashboard', 'GET', '/api/apis/{apiId}', 404, { Status: 'Error', Message: 'x', Meta: null }), /status 404 is not declared/);
      assert.throws(() => validateResponse('gateway', 'PATCH', '/tyk/keys', 200, {}), /PATCH is not declared/);
      assert.throws(() => validateResponse('gateway', 'GET', '/tyk/nothing', 200, {}), /not in the gateway spec/);
    });

    it('closed mode rejects undeclared properties', () => {
      validateResponse('gateway', 'GET', '/tyk/keys', 200, { keys: [], extra: 1 });
      assert.throws(() => validateResponse('gateway', 'GET', '/tyk/keys', 200, { keys: [], extra: 1 }, { closed: true }), /undeclared property "extra"/);
    });

    it('maps concrete paths to templates, static segments first', () => {
      assert.equal(findPathTemplate('dashboard', 'GET', '/api/apis/search'), '/api/apis/search');
      assert.equal(findPathTemplate('dashboard', 'GET', '/api/apis/abc'), '/api/apis/{apiId}');
      assert.equal(findPathTemplate('dashboard', 'GET', '/api/keys/detailed'), '/api/keys/detailed');
      assert.equal(findPathTemplate('gateway', 'POST', '/tyk/keys/create'), '/tyk/keys/create');
      assert.equal(findPathTemplate('gateway', 'GET', '/tyk/keys/'), '/tyk/keys');
    });

    it('validates x-tyk-api-gateway and rejects a broken one', () => {
      validateTykExtension({ info: { name: 'x', state: { active: true } }, upstream: { url: 'http://u' }, server: { listenPath: { value: '/x/' } } });
      assert.throws(() => validateTykExtension({ info: { name: 'x', state: { active: true } }, server: { listenPath: { value: '/x/' } } }), SpecViolation);
    });
  });

  describe('key hashes', () => {
    it('match murmur3 test vectors and Tyk formats', () => {
      assert.equal(hashStr('', ''), '00000000'); // Tyk answers key_hash "00000000" for an empty key (tyk#2510)
      assert.equal(hashStr('hello', ''), '248bfa47');
      assert.equal(hashStr('The quick brown fox jumps over the lazy dog', 'murmur32'), '2e4ff723');
      assert.equal(hashStr('hello', 'murmur64'), 'cbd8a7b341bd9b02');
      assert.equal(hashStr('hello', 'murmur128'), 'cbd8a7b341bd9b025b1e906a48ae1d19');
      assert.equal(hashStr('hello', 'sha256').length, 64);
      const b64 = Buffer.from('{"org":"o","id":"i","h":"murmur64"}').toString('base64');
      assert.equal(hashKey(b64), hashStr(b64, 'murmur64'));
    });
  });

  describe('authentication', () => {
    it('Dashboard: missing, wrong or "Bearer" credential → 401 Not authorised', async () => {
      for (const auth of [null, 'wrong', `Bearer ${sb.credential}`]) {
        const r = await dash<DashMsg>(sb, 'GET', '/api/apis', { auth });
        assert.equal(r.status, 401);
        assert.deepEqual(r.body, { Status: 'Error', Message: 'Not authorised', Meta: null });
      }
      const r = await dash<DashMsg>(sb, 'POST', '/api/keys', { auth: 'wrong', body: tutorialKeyBody() });
      assert.equal(r.status, 401);
      assert.equal(sb.keys().length, 0);
    });

    it('Gateway: missing or wrong secret → 403; /hello needs none', async () => {
      for (const auth of [null, 'wrong']) {
        const r = await gw<GwMsg>(sb, 'GET', '/tyk/apis', { auth });
        assert.equal(r.status, 403);
        assert.deepEqual(r.body, { status: 'error', message: 'Attempted administrative access with invalid or missing key!' });
      }
      const hello = await gw<{ status: string }>(sb, 'GET', '/hello', { auth: null });
      assert.equal(hello.status, 200);
      assert.equal(hello.body.status, 'pass');
      const post = await gw<GwMsg>(sb, 'POST', '/hello', { offSpec: true });
      assert.equal(post.status, 405);
    });
  });

  describe('Dashboard APIs', () => {
    it('pages 10 at a time, p from 1, p=-1 for all, newest first', async () => {
      const total = buildCatalog().entries.length;
      assert.equal(total, 13);
      const first = await dash<ApiList>(sb, 'GET', '/api/apis?p=1');
      assert.equal(first.status, 200);
      assert.equal(first.body.apis.length, 10);
      assert.equal(first.body.pages, 2);
      const noP = await dash<ApiList>(sb, 'GET', '/api/apis');
      assert.deepEqual(
        noP.body.apis.map((a) => a.api_definition.api_id),
        first.body.apis.map((a) => a.api_definition.api_id),
      );
      const second = await dash<ApiList>(sb, 'GET', '/api/apis?p=2');
      assert.equal(second.body.apis.length, 3);
      const all = await dash<ApiList>(sb, 'GET', '/api/apis?p=-1');
      assert.equal(all.body.apis.length, 13);
      assert.equal(all.body.pages, 2);
      const beyond = await dash<ApiList>(sb, 'GET', '/api/apis?p=9');
      assert.deepEqual(beyond.body.apis, []);
      const created = all.body.apis.map((a) => Date.parse(a.created_at));
      assert.deepEqual(created, [...created].sort((a, b) => b - a), 'created_at descending');
      assert.equal(all.body.apis[0].api_definition.name, 'Petstore');
      const byName = await dash<ApiList>(sb, 'GET', '/api/apis?p=-1&sort=name');
      const names = byName.body.apis.map((a) => a.api_definition.name);
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    });

    it('q filters by name, case-insensitively; /search too', async () => {
      const orders = await dash<ApiList>(sb, 'GET', '/api/apis?q=ORDERS&p=-1');
      assert.deepEqual(
        orders.body.apis.map((a) => a.api_definition.name),
        ['Orders API', 'Orders API v2', 'Orders API v3'],
      );
      const search = await dash<ApiList>(sb, 'GET', '/api/apis/search?q=pet&p=1');
      assert.equal(search.status, 200);
      assert.deepEqual(
        search.body.apis.map((a) => a.api_definition.api_id),
        [SAMPLE.petstore.apiId],
      );
      const none = await dash<ApiList>(sb, 'GET', '/api/apis/search?q=zzz');
      assert.deepEqual(none.body, { apis: [], pages: 0 });
    });

    it('base_apis hides OAS version children', async () => {
      const r = await dash<ApiList>(sb, 'GET', '/api/apis?base_apis=true&p=-1');
      const ids = r.body.apis.map((a) => a.api_definition.api_id);
      assert.equal(ids.length, 11);
      assert.ok(ids.includes(SAMPLE.orders.apiId));
      assert.ok(!ids.includes(SAMPLE.ordersV2.apiId) && !ids.includes(SAMPLE.ordersV3.apiId));
    });

    it('GET /api/apis/{id} by api_id or internal id; unknown → 400', async () => {
      const byApiId = await dash<Wrapper>(sb, 'GET', `/api/apis/${SAMPLE.petstore.apiId}`);
      const byId = await dash<Wrapper>(sb, 'GET', `/api/apis/${SAMPLE.petstore.id}`);
      assert.equal(byApiId.status, 200);
      assert.deepEqual(byId.body, byApiId.body);
      const def = byApiId.body.api_definition;
      assert.equal(def.api_id, SAMPLE.petstore.apiId);
      assert.match(def.api_id, /^[0-9a-f]{32}$/);
      assert.match(def.id, /^[0-9a-f]{24}$/);
      assert.equal(def.org_id, SANDBOX_ORG_ID);
      assert.equal(def.use_standard_auth, true);
      assert.equal(def.version_data.not_versioned, true);
      assert.deepEqual(Object.keys(def.version_data.versions), ['Default']);
      const unknown = await dash<DashMsg>(sb, 'GET', '/api/apis/0123456789abcdef0123456789abcdef');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.Message, 'Could not retrieve API detail');
    });

    it('seeds the auth kinds and states the extension must handle', async () => {
      const all = await dash<ApiList>(sb, 'GET', '/api/apis?p=-1');
      const def = (ref: { apiId: string }): ApiDef => {
        const found = all.body.apis.find((a) => a.api_definition.api_id === ref.apiId);
        assert.ok(found);
        return found.api_definition;
      };
      const payments = def(SAMPLE.payments);
      assert.equal(payments.version_data.not_versioned, false);
      assert.equal(payments.version_data.default_version, 'v1');
      assert.deepEqual(Object.keys(payments.version_data.versions), ['v1', 'v2']);
      assert.equal(def(SAMPLE.weather).use_keyless, true);
      assert.equal(def(SAMPLE.inventory).internal, true);
      assert.equal(def(SAMPLE.legacyBilling).active, false);
      assert.equal(def(SAMPLE.partnerJwt).enable_jwt, true);
      assert.equal(def(SAMPLE.reportsBasic).use_basic_auth, true);
      assert.equal(def(SAMPLE.webhooksHmac).enable_signature_checking, true);
      assert.equal(def(SAMPLE.mobileOauth).use_oauth2, true);
      assert.equal(def(SAMPLE.geoLookup).auth.auth_header_name, 'X-Api-Key');
    });

    it('serves the OAS base API with its versions and valid x-tyk-api-gateway documents', async () => {
      const base = await dash<Wrapper>(sb, 'GET', `/api/apis/${SAMPLE.orders.apiId}`);
      const def = base.body.api_definition;
      assert.equal(def.is_oas, true);
      assert.equal(def.definition.enabled, true);
      assert.deepEqual(def.definition.versions, { v2: SAMPLE.ordersV2.apiId, v3: SAMPLE.ordersV3.apiId });
      for (const ref of [SAMPLE.orders, SAMPLE.ordersV2, SAMPLE.ordersV3]) {
        const w = await dash<Wrapper>(sb, 'GET', `/api/apis/${ref.apiId}`);
        assert.equal(w.body.api_definition.is_oas, true);
        const oas = w.body.oas;
        assert.ok(oas, 'oas document in the wrapper');
        assert.equal(oas.openapi, '3.0.3');
        const ext = oas['x-tyk-api-gateway'];
        validateTykExtension(ext);
        assert.equal((ext as { info: { id: string } }).info.id, ref.apiId);
      }
      const ext = base.body.oas?.['x-tyk-api-gateway'] as { info: { versioning: { versions: Array<{ name: string; id: string }> } } };
      assert.deepEqual(ext.info.versioning.versions, [
        { name: 'v2', id: SAMPLE.ordersV2.apiId },
        { name: 'v3', id: SAMPLE.ordersV3.apiId },
      ]);
    });
  });

  describe('policies', () => {
    it('Dashboard: {Data, Pages} with _id and id', async () => {
      const r = await dash<{ Data: Policy[]; Pages: number }>(sb, 'GET', '/api/portal/policies?p=1');
      assert.equal(r.status, 200);
      assert.equal(r.body.Pages, 1);
      assert.equal(r.body.Data.length, 2);
      const gold = r.body.Data.find((p) => p.name === SAMPLE.policies.gold.name);
      const ro = r.body.Data.find((p) => p.name === SAMPLE.policies.readOnly.name);
      assert.ok(gold && ro);
      assert.equal(gold.id, gold._id);
      assert.notEqual(ro.id, ro._id);
      assert.deepEqual(Object.keys(gold.access_rights).sort(), [SAMPLE.payments.apiId, SAMPLE.petstore.apiId].sort());
      const one = await dash<Policy>(sb, 'GET', `/api/portal/policies/${SAMPLE.policies.readOnly.mongoId}`);
      assert.equal(one.body.id, SAMPLE.policies.readOnly.id);
      const missing = await dash<DashMsg>(sb, 'GET', '/api/portal/policies/000000000000000000000000');
      assert.equal(missing.status, 404);
      const search = await dash<{ Data: Policy[] }>(sb, 'GET', '/api/portal/policies/search?q=gold');
      assert.deepEqual(
        search.body.Data.map((p) => p.id),
        [SAMPLE.policies.gold.id],
      );
    });

    it('Gateway: a plain array; by id; unknown → 404', async () => {
      const r = await gw<Policy[]>(sb, 'GET', '/tyk/policies');
      assert.ok(Array.isArray(r.body));
      assert.equal(r.body.length, 2);
      const one = await gw<Policy>(sb, 'GET', `/tyk/policies/${SAMPLE.policies.readOnly.id}`);
      assert.equal(one.body.name, SAMPLE.policies.readOnly.name);
      const missing = await gw<GwMsg>(sb, 'GET', '/tyk/policies/nope');
      assert.deepEqual(missing.body, { status: 'error', message: 'Policy not found' });
    });
  });

  describe('Dashboard keys', () => {
    it("the seed tutorial's curl body answers a KeyData for the new key", async () => {
      const before = Math.floor(Date.now() / 1000);
      const r = await dash<KeyData>(sb, 'POST', '/api/keys', { body: tutorialKeyBody() });
      assert.equal(r.status, 200);
      const { key_id: keyId, key_hash: keyHash, data } = r.body;
      assert.match(keyId, new RegExp(`^${SANDBOX_ORG_ID}[0-9a-f]{32}$`));
      assert.equal(keyHash, hashStr(keyId, ''));
      assert.match(keyHash, /^[0-9a-f]{8}$/);
      assert.deepEqual(r.body.api_model, {});
      assert.equal(data.org_id, SANDBOX_ORG_ID, 'the Dashboard forces its organisation');
      assert.equal(data.quota_max, -1);
      assert.equal(data.quota_remaining, -1);
      assert.ok(data.quota_renews >= before + 60 && data.quota_renews <= before + 62, 'quota_renews = now + quota_renewal_rate');
      assert.ok(Math.abs(Date.parse(data.date_created) - Date.now()) < 5000);
      assert.ok(Number(data.last_updated) >= before);
      assert.deepEqual(data.access_rights?.[SAMPLE.petstore.apiId]?.versions, ['Default']);
      const stored = sb.keys();
      assert.equal(stored.length, 1);
      assert.equal(stored[0].key, keyId);
      // the Gateway sees the same key
      const viaGw = await gw<Session>(sb, 'GET', `/tyk/keys/${keyId}`);
      assert.equal(viaGw.status, 200);
      assert.deepEqual(viaGw.body, data);
      const req = sb.requests.find((x) => x.method === 'POST' && x.path === '/api/keys');
      assert.ok(req);
      assert.equal(req.server, 'dashboard');
      assert.equal(req.headers.authorization, sb.credential);
      assert.deepEqual(JSON.parse(req.body), tutorialKeyBody());
      assert.equal(req.status, 200);
    });

    it('fills server-managed fields and access-right names', async () => {
      const r = await dash<KeyData>(sb, 'POST', '/api/keys', {
        body: { rate: 5, per: 1, quota_max: 200, quota_renewal_rate: 3600, access_rights: { [SAMPLE.payments.apiId]: { versions: ['v2'] } }, alias: 'ci-bot' },
      });
      assert.equal(r.status, 200);
      const d = r.body.data;
      assert.equal(d.allowance, 5);
      assert.equal(d.quota_remaining, 200);
      assert.equal(d.alias, 'ci-bot');
      const ar = d.access_rights?.[SAMPLE.payments.apiId];
      assert.equal(ar?.api_id, SAMPLE.payments.apiId);
      assert.equal(ar?.api_name, SAMPLE.payments.name);
    });

    it('malformed JSON or wrong types → 403 Request body malformed.', async () => {
      for (const body of ['{"rate": 1,', '[1,2]', JSON.stringify({ rate: 'fast', access_rights: petstoreRights() }), JSON.stringify({ quota_max: 1.5, access_rights: petstoreRights() })]) {
        const r = await dash<DashMsg>(sb, 'POST', '/api/keys', { body });
        assert.equal(r.status, 403, body);
        assert.deepEqual(r.body, { Status: 'Error', Message: 'Request body malformed.', Meta: null });
      }
      assert.equal(sb.keys().length, 0);
    });

    it('refuses a key without access rights or policies, and one naming an unknown API', async () => {
      const none = await dash<DashMsg>(sb, 'POST', '/api/keys', { body: { rate: 1, per: 1 } });
      assert.equal(none.status, 403);
      assert.equal(none.body.Message, 'Failed to create key, keys must have at least one Access Rights record set.');
      const unknown = await dash<DashMsg>(sb, 'POST', '/api/keys', { body: keyBody({ access_rights: { deadbeef: { api_id: 'deadbeef', versions: ['Default'] } } }) });
      assert.equal(unknown.status, 403);
      assert.equal(unknown.body.Message, 'User does not have permission to add API to key Access Rights!');
      const badPolicy = await dash<DashMsg>(sb, 'POST', '/api/keys', { body: { apply_policies: ['nope'] } });
      assert.equal(badPolicy.status, 500);
      assert.equal(badPolicy.body.Message, 'Failed to create key - policy not found: "nope"');
      assert.equal(sb.keys().length, 0);
    });

    it('applies policies by id: rights, rate and quota come from the policy', async () => {
      const r = await dash<KeyData>(sb, 'POST', '/api/keys', { body: { apply_policies: [SAMPLE.policies.gold.id] } });
      assert.equal(r.status, 200);
      const d = r.body.data;
      assert.deepEqual(Object.keys(d.access_rights ?? {}).sort(), [SAMPLE.payments.apiId, SAMPLE.petstore.apiId].sort());
      assert.equal(d.rate, 100);
      assert.equal(d.quota_max, 10000);
      assert.equal(d.quota_remaining, 10000);
      // a policy's _id is not its id when they differ
      const byMongoId = await dash<DashMsg>(sb, 'POST', '/api/keys', { body: { apply_policies: [SAMPLE.policies.readOnly.mongoId] } });
      assert.equal(byMongoId.status, 500);
      const ro = await dash<KeyData>(sb, 'POST', '/api/keys', { body: { apply_policies: [SAMPLE.policies.readOnly.id] } });
      assert.equal(ro.status, 200);
      assert.ok(ro.body.data.expires > Date.now() / 1000, 'key_expires_in sets the expiry of a new key');
    });

    it('GET/PUT/DELETE /api/keys/{id}; PUT resets the quota unless suppress_reset=1', async () => {
      const created = await dash<KeyData>(sb, 'POST', '/api/keys', { body: keyBody() });
      const id = created.body.key_id;
      const got = await dash<KeyData>(sb, 'GET', `/api/keys/${id}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.key_id, id);
      assert.deepEqual(got.body.data, created.body.data);

      sb.consumeQuota(id, 30);
      const kept = await dash<KeyData>(sb, 'PUT', `/api/keys/${id}?suppress_reset=1`, { body: keyBody({ alias: 'renamed' }) });
      assert.equal(kept.status, 200);
      assert.equal(kept.body.data.alias, 'renamed');
      assert.equal(kept.body.data.quota_remaining, 970);
      assert.equal(kept.body.data.quota_renews, created.body.data.quota_renews);
      assert.equal(kept.body.data.date_created, created.body.data.date_created);

      const notOne = await dash<KeyData>(sb, 'PUT', `/api/keys/${id}?suppress_reset=true`, { body: keyBody() });
      assert.equal(notOne.body.data.quota_remaining, 1000, 'only suppress_reset=1 suppresses');
      sb.consumeQuota(id, 10);
      const reset = await dash<KeyData>(sb, 'PUT', `/api/keys/${id}`, { body: keyBody({ quota_max: 50 }) });
      assert.equal(reset.body.data.quota_remaining, 50);

      const malformed = await dash<DashMsg>(sb, 'PUT', `/api/keys/${id}`, { body: '{nope' });
      assert.equal(malformed.status, 403);
      assert.equal(malformed.body.Message, 'Request body malformed.');
      const putUnknown = await dash<DashMsg>(sb, 'PUT', '/api/keys/unknown', { body: keyBody() });
      assert.equal(putUnknown.status, 404);

      const del = await dash<DashMsg>(sb, 'DELETE', `/api/keys/${id}`);
      assert.deepEqual(del.body, { Status: 'OK', Message: 'Key deleted successfully.', Meta: null });
      const gone = await dash<DashMsg>(sb, 'GET', `/api/keys/${id}`);
      assert.equal(gone.status, 404);
      assert.deepEqual(gone.body, { Status: 'Error', Message: 'Could not retrieve key detail.', Meta: null });
      const delAgain = await dash<DashMsg>(sb, 'DELETE', `/api/keys/${id}`);
      assert.equal(delAgain.status, 404);
    });

    it('lists the keys of an API, 10 a page', async () => {
      const petKeys = Array.from({ length: 12 }, () => sb.createKey({ org_id: sb.orgId, access_rights: petstoreRights() }).key);
      sb.createKey({ org_id: sb.orgId, access_rights: { [SAMPLE.payments.apiId]: { api_id: SAMPLE.payments.apiId, versions: ['v1'] } } });
      const p1 = await dash<KeyList>(sb, 'GET', `/api/apis/${SAMPLE.petstore.apiId}/keys?p=1`);
      assert.equal(p1.status, 200);
      assert.equal(p1.body.data.keys.length, 10);
      assert.equal(p1.body.pages, 2);
      const p2 = await dash<KeyList>(sb, 'GET', `/api/apis/${SAMPLE.petstore.apiId}/keys?p=2`);
      assert.equal(p2.body.data.keys.length, 2);
      const all = await dash<KeyList>(sb, 'GET', `/api/apis/${SAMPLE.petstore.id}/keys?p=-1`);
      assert.deepEqual([...all.body.data.keys].sort(), [...petKeys].sort());
      const detailed = await dash<{ keys: KeyData[]; pages: number }>(sb, 'GET', `/api/keys/detailed?q=${petKeys[0].slice(-8)}`);
      assert.deepEqual(
        detailed.body.keys.map((k) => k.key_id),
        [petKeys[0]],
      );
      const allKeys = await dash<KeyList>(sb, 'GET', '/api/apis/keys?p=-1');
      assert.equal(allKeys.body.data.keys.length, 13);
    });
  });

  describe('Gateway keys', () => {
    it('POST /tyk/keys/create and /tyk/keys answer {key, status, action}', async () => {
      const a = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ org_id: sb.orgId }) });
      assert.equal(a.status, 200);
      assert.equal(a.body.status, 'ok');
      assert.equal(a.body.action, 'added');
      assert.match(a.body.key, new RegExp(`^${sb.orgId}[0-9a-f]{32}$`));
      assert.equal(a.body.key_hash, undefined, 'key_hash only with hashed keys (Tyk omits it)');
      const b = await gw<Modify>(sb, 'POST', '/tyk/keys', { body: keyBody() });
      assert.equal(b.status, 200);
      assert.match(b.body.key, /^[0-9a-f]{32}$/, 'no org_id: no prefix');
      const list = await gw<{ keys: string[] }>(sb, 'GET', '/tyk/keys');
      assert.deepEqual([...list.body.keys].sort(), [a.body.key, b.body.key].sort());
      const filtered = await gw<{ keys: string[] }>(sb, 'GET', `/tyk/keys?filter=${sb.orgId}`);
      assert.deepEqual(filtered.body.keys, [a.body.key]);
      const apiIdIgnored = await gw<{ keys: string[] }>(sb, 'GET', '/tyk/keys/?api_id=unknown');
      assert.equal(apiIdIgnored.body.keys.length, 2);
      // the Dashboard sees Gateway keys
      const viaDash = await dash<KeyData>(sb, 'GET', `/api/keys/${a.body.key}`);
      assert.equal(viaDash.status, 200);
    });

    it('malformed JSON: 400 Request malformed, but 500 Unmarshalling failed on /tyk/keys/create', async () => {
      const a = await gw<GwMsg>(sb, 'POST', '/tyk/keys', { body: 'not json' });
      assert.equal(a.status, 400);
      assert.deepEqual(a.body, { status: 'error', message: 'Request malformed' });
      const b = await gw<GwMsg>(sb, 'POST', '/tyk/keys/create', { body: 'not json' });
      assert.equal(b.status, 500);
      assert.deepEqual(b.body, { status: 'error', message: 'Unmarshalling failed' });
    });

    it('refuses keys without access rights as Tyk does; stores rights to unknown APIs', async () => {
      const a = await gw<GwMsg>(sb, 'POST', '/tyk/keys/create', { body: { rate: 1, per: 1 } });
      assert.equal(a.status, 400);
      assert.equal(a.body.message, 'Failed to create key, keys must have at least one Access Rights record set.');
      const b = await gw<GwMsg>(sb, 'POST', '/tyk/keys', { body: { rate: 1, per: 1 } });
      assert.equal(b.status, 500);
      assert.equal(b.body.message, 'Failed to create key, ensure security settings are correct.');
      const c = await gw<GwMsg>(sb, 'POST', '/tyk/keys/create', { body: { apply_policies: ['nope'] } });
      assert.equal(c.status, 500);
      assert.equal(c.body.message, 'Failed to create key - policy not found: "nope"');
      const unknownApi = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ access_rights: { 'not-loaded': { api_id: 'not-loaded' } } }) });
      assert.equal(unknownApi.status, 200, "Can't find active API, storing anyway");
      assert.equal(sb.keys().length, 1);
    });

    it('GET/PUT/DELETE /tyk/keys/{key}, suppress_reset, and the not-found messages', async () => {
      const created = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ org_id: sb.orgId }) });
      const key = created.body.key;
      const got = await gw<Session>(sb, 'GET', `/tyk/keys/${key}?api_id=${SAMPLE.petstore.apiId}`);
      assert.equal(got.body.quota_remaining, 1000);
      sb.consumeQuota(key, 100);
      const put = await gw<Modify>(sb, 'PUT', `/tyk/keys/${key}?suppress_reset=1`, { body: keyBody({ org_id: sb.orgId, alias: 'x' }) });
      assert.deepEqual(put.body, { key, status: 'ok', action: 'modified' });
      const afterKeep = await gw<Session>(sb, 'GET', `/tyk/keys/${key}`);
      assert.equal(afterKeep.body.quota_remaining, 900);
      assert.equal(afterKeep.body.alias, 'x');
      await gw<Modify>(sb, 'PUT', `/tyk/keys/${key}`, { body: keyBody({ org_id: sb.orgId }) });
      const afterReset = await gw<Session>(sb, 'GET', `/tyk/keys/${key}`);
      assert.equal(afterReset.body.quota_remaining, 1000);
      assert.equal(afterReset.body.date_created, got.body.date_created);

      const empty = await gw<GwMsg>(sb, 'PUT', `/tyk/keys/${key}`);
      assert.equal(empty.status, 400);
      assert.equal((await gw<GwMsg>(sb, 'GET', '/tyk/keys/nope')).body.message, 'Key not found');
      assert.equal((await gw<GwMsg>(sb, 'PUT', '/tyk/keys/nope', { body: keyBody() })).body.message, 'Key is not found');
      assert.equal((await gw<GwMsg>(sb, 'DELETE', '/tyk/keys/nope')).body.message, 'There is no such key found');
      const byHash = await gw<GwMsg>(sb, 'GET', `/tyk/keys/${hashKey(key)}?hashed=1`);
      assert.equal(byHash.status, 400);
      assert.equal(byHash.body.message, 'Key requested by hash but key hashing is not enabled');

      const del = await gw<Modify>(sb, 'DELETE', `/tyk/keys/${key}`);
      assert.deepEqual(del.body, { key, status: 'ok', action: 'deleted' });
      assert.equal((await gw<GwMsg>(sb, 'GET', `/tyk/keys/${key}`)).status, 404);
    });

    it('POST /tyk/keys/{id} creates a custom key, stored as org id + id: the bare id needs org_id (SessionDetail)', async () => {
      const r = await gw<Modify>(sb, 'POST', '/tyk/keys/my-custom-key', { body: keyBody({ org_id: sb.orgId }) });
      assert.equal(r.body.key, `${sb.orgId}my-custom-key`);
      assert.equal((await gw<GwMsg>(sb, 'GET', '/tyk/keys/my-custom-key')).status, 404, 'a bare id without org_id');
      assert.equal((await gw<Session>(sb, 'GET', `/tyk/keys/my-custom-key?org_id=${sb.orgId}`)).status, 200);
      assert.equal((await gw<Session>(sb, 'GET', `/tyk/keys/${sb.orgId}my-custom-key`)).status, 200);
      assert.equal((await gw<GwMsg>(sb, 'DELETE', '/tyk/keys/my-custom-key')).status, 404);
      const put = await gw<Modify>(sb, 'PUT', `/tyk/keys/my-custom-key?org_id=${sb.orgId}`, { body: keyBody({ org_id: sb.orgId }) });
      assert.equal(put.body.key, `${sb.orgId}my-custom-key`, 'PUT answers with the key as stored');
      const del = await gw<Modify>(sb, 'DELETE', `/tyk/keys/my-custom-key?org_id=${sb.orgId}`);
      assert.equal(del.body.key, `${sb.orgId}my-custom-key`);
    });

    it('GET /tyk/apis lists loaded (active) definitions; GET by id; unknown → 404', async () => {
      const list = await gw<ApiDef[]>(sb, 'GET', '/tyk/apis');
      assert.ok(Array.isArray(list.body));
      assert.equal(list.body.length, 12);
      assert.equal(sb.gatewayApis().length, 12);
      assert.equal(sb.apis().length, 13);
      assert.ok(!list.body.some((d) => d.api_id === SAMPLE.legacyBilling.apiId), 'inactive APIs are not loaded');
      const one = await gw<ApiDef>(sb, 'GET', `/tyk/apis/${SAMPLE.geoLookup.apiId}`);
      assert.equal(one.body.auth.auth_header_name, 'X-Api-Key');
      const missing = await gw<GwMsg>(sb, 'GET', '/tyk/apis/nope');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.message, 'API not found');
      const reload = await gw<GwMsg>(sb, 'GET', '/tyk/reload/group');
      assert.deepEqual(reload.body, { status: 'ok', message: '' });
    });
  });

  describe('routing', () => {
    it('unknown routes → 404 and undeclared methods → 405, in each front’s shape', async () => {
      const a = await dash<DashMsg>(sb, 'GET', '/api/nothing', { offSpec: true });
      assert.equal(a.status, 404);
      assert.equal(a.body.Status, 'Error');
      const b = await gw<GwMsg>(sb, 'GET', '/tyk/nothing', { offSpec: true });
      assert.equal(b.status, 404);
      assert.equal(b.body.status, 'error');
      const c = await dash<DashMsg>(sb, 'PATCH', '/api/keys', { offSpec: true });
      assert.equal(c.status, 405);
      const d = await gw<GwMsg>(sb, 'DELETE', '/tyk/keys', { offSpec: true });
      assert.deepEqual(d.body, { status: 'error', message: 'Method not supported' });
    });

    it('every declared operation answers a declared status and a valid body, in every mode', async () => {
      let count = await exerciseAllOperations(sb);
      await withSandbox({ hashKeys: true }, async (h) => {
        count += await exerciseAllOperations(h);
      });
      await withSandbox({ hashKeys: true, hashedKeyListing: true }, async (h) => {
        count += await exerciseAllOperations(h);
      });
      await withSandbox({ tykShapes: true, tykSeries: '5.12', openSourceGateway: true }, async (h) => {
        count += await exerciseAllOperations(h);
      });
      assert.ok(count >= 4 * 2 * 40, `${count} calls`);
    });
  });

  it('records every request, in order', async () => {
    await dash(sb, 'GET', '/api/apis?p=2&q=a');
    await gw(sb, 'POST', '/tyk/keys', { body: keyBody() });
    assert.equal(sb.requests.length, 2);
    const [first, second] = sb.requests;
    assert.deepEqual(
      { method: first.method, path: first.path, query: first.query, server: first.server, status: first.status, url: first.url },
      { method: 'GET', path: '/api/apis', query: { p: '2', q: 'a' }, server: 'dashboard', status: 200, url: '/api/apis?p=2&q=a' },
    );
    assert.equal(second.server, 'gateway');
    assert.equal(second.headers['x-tyk-authorization'], sb.gatewaySecret);
    assert.deepEqual(JSON.parse(second.body), keyBody());
  });

  describe('hashed keys', () => {
    it('listing disabled → 404; keys found by hash with any non-empty hashed value', async () => {
      await withSandbox({ hashKeys: true }, async (h) => {
        const created = await dash<KeyData>(h, 'POST', '/api/keys', { body: keyBody() });
        assert.equal(created.status, 200);
        const { key_id: key, key_hash: hash } = created.body;
        assert.equal(hash, hashStr(key, ''));
        const gwList = await gw<GwMsg>(h, 'GET', '/tyk/keys');
        assert.equal(gwList.status, 404);
        assert.equal(gwList.body.message, 'Hashed key listing is disabled in config (enable_hashed_keys_listing)');
        const dashList = await dash<DashMsg>(h, 'GET', `/api/apis/${SAMPLE.petstore.apiId}/keys`);
        assert.equal(dashList.status, 404);
        assert.equal(dashList.body.Message, 'Could not retrieve keys.');
        assert.equal((await dash<DashMsg>(h, 'GET', '/api/keys/detailed')).status, 404);
        for (const hashed of ['true', '1', 'false']) {
          const r = await dash<KeyData>(h, 'GET', `/api/keys/${hash}?hashed=${hashed}`);
          assert.equal(r.status, 200, `hashed=${hashed}`);
        }
        assert.equal((await dash<DashMsg>(h, 'GET', `/api/keys/${hash}`)).status, 404, 'a hash without hashed= is taken for a key');
        assert.equal((await dash<KeyData>(h, 'GET', `/api/keys/${key}`)).status, 200, 'the key itself still works');
        assert.equal((await gw<Session>(h, 'GET', `/tyk/keys/${hash}?hashed=false`)).status, 200);
        const gwCreated = await gw<Modify>(h, 'POST', '/tyk/keys/create', { body: keyBody() });
        assert.equal(gwCreated.body.key_hash, hashStr(gwCreated.body.key, ''));
        const del = await gw<Modify>(h, 'DELETE', `/tyk/keys/${hash}?hashed=1`);
        assert.equal(del.body.action, 'deleted');
        assert.equal(h.keys().length, 1);
      });
    });

    it('listing enabled → hashes', async () => {
      await withSandbox({ hashKeys: true, hashedKeyListing: true, gatewayPort: 0 }, async (h) => {
        const a = h.createKey({ org_id: h.orgId, access_rights: petstoreRights() });
        const gwList = await gw<{ keys: string[] }>(h, 'GET', '/tyk/keys');
        assert.deepEqual(gwList.body.keys, [a.hash]);
        const dashList = await dash<KeyList>(h, 'GET', `/api/apis/${SAMPLE.petstore.apiId}/keys`);
        assert.deepEqual(dashList.body.data.keys, [a.hash]);
      });
    });

    it('hash_key_function murmur64: base64 JSON keys with 16-hex hashes', async () => {
      await withSandbox({ hashKeys: true, hashKeyFunction: 'murmur64', gatewayPort: null }, async (h) => {
        assert.equal(h.gatewayUrl, undefined);
        const r = await dash<KeyData>(h, 'POST', '/api/keys', { body: keyBody() });
        const key = r.body.key_id;
        assert.ok(key.startsWith('ey'));
        const decoded = JSON.parse(Buffer.from(key, 'base64').toString('utf8')) as { org: string; id: string; h: string };
        assert.equal(decoded.org, h.orgId);
        assert.match(decoded.id, /^[0-9a-f]{32}$/);
        assert.equal(decoded.h, 'murmur64');
        assert.equal(r.body.key_hash, hashStr(key, 'murmur64'));
        assert.match(r.body.key_hash, /^[0-9a-f]{16}$/);
      });
    });
  });

  describe('as Tyk’s Go code does (gateway/api.go)', () => {
    it('hmac_enabled: Tyk generates a new hmac_string whatever the client sent (GenerateHMACSecret)', async () => {
      const created = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ hmac_enabled: true, hmac_string: 'mine' }) });
      const got = await gw<Session>(sb, 'GET', `/tyk/keys/${created.body.key}`);
      const secret = (got.body as unknown as { hmac_string: string }).hmac_string;
      assert.ok(secret && secret !== 'mine', 'a fresh secret');
      assert.ok(Buffer.from(secret, 'base64').toString('utf8').length >= 16);
      const dashCreated = await dash<KeyData>(sb, 'POST', '/api/keys', { body: keyBody({ hmac_enabled: true, hmac_string: 'mine' }) });
      assert.notEqual((dashCreated.body.data as unknown as { hmac_string: string }).hmac_string, 'mine');
      const plain = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody() });
      assert.equal(((await gw<Session>(sb, 'GET', `/tyk/keys/${plain.body.key}`)).body as unknown as { hmac_string: string }).hmac_string, '');
    });

    it('basic-auth passwords: stored hashed, blanked on read, re-hashed only when changed, kept when not sent', async () => {
      const body = keyBody({ org_id: sb.orgId, basic_auth_data: { password: 'open sesame' } });
      const created = await gw<Modify>(sb, 'POST', '/tyk/keys/alice', { body });
      assert.equal(created.body.key, `${sb.orgId}alice`);
      const stored = (): { password: string; hash_type: string } => sb.keys().find((k) => k.key === `${sb.orgId}alice`)?.session.basic_auth_data as { password: string; hash_type: string };
      const first = stored();
      assert.equal(first.hash_type, 'bcrypt');
      assert.ok(first.password !== 'open sesame' && first.password.startsWith('$2a$'), 'not the plain password');
      type Basic = { basic_auth_data: { password: string; hash_type: string } };
      const read = (await gw<Session>(sb, 'GET', `/tyk/keys/${sb.orgId}alice`)).body as unknown as Basic;
      assert.deepEqual(read.basic_auth_data, { password: '', hash_type: 'bcrypt' }, 'blanked as Tyk does');
      const viaDash = (await dash<KeyData>(sb, 'GET', '/api/keys/alice')).body.data as unknown as Basic;
      assert.equal(viaDash.basic_auth_data.password, '');
      await gw<Modify>(sb, 'PUT', `/tyk/keys/${sb.orgId}alice`, { body: { ...read, access_rights: petstoreRights() } });
      assert.equal(stored().password, first.password, 'an update without a password keeps it');
      await gw<Modify>(sb, 'PUT', `/tyk/keys/${sb.orgId}alice`, { body: { ...read, access_rights: petstoreRights(), basic_auth_data: { password: 'new one' } } });
      assert.notEqual(stored().password, first.password, 'a new password is hashed');
      assert.ok(stored().password.startsWith('$2a$'));
      const viaDashCreate = await dash<KeyData>(sb, 'POST', '/api/apis/keys/basic/bob', { body });
      assert.equal(viaDashCreate.body.key_id, `${sb.orgId}bob`);
    });

    it('hashed keys: a basic-auth user’s create answers "key": "" plus key_hash', async () => {
      await withSandbox({ hashKeys: true }, async (h) => {
        const r = await gw<Modify>(h, 'POST', '/tyk/keys/carol', { body: keyBody({ org_id: h.orgId, basic_auth_data: { password: 'pw' } }) });
        assert.equal(r.body.key, '');
        assert.equal(r.body.key_hash, hashKey(`${h.orgId}carol`));
        const plain = await gw<Modify>(h, 'POST', '/tyk/keys/dave', { body: keyBody({ org_id: h.orgId }) });
        assert.equal(plain.body.key, `${h.orgId}dave`, 'other custom keys keep their key');
      });
    });

    it('DELETE …?api_id=-1 answers null; ?hashed=… with hashing off takes the key as its own hash', async () => {
      const a = sb.createKey({ org_id: sb.orgId, access_rights: petstoreRights() });
      assert.equal((await gw<GwMsg>(sb, 'GET', `/tyk/keys/${a.key}?hashed=true`)).status, 400, 'GET still refuses');
      const put = await gw<Modify>(sb, 'PUT', `/tyk/keys/${a.key}?hashed=true`, { body: keyBody({ org_id: sb.orgId }) });
      assert.equal(put.status, 200);
      const del = await gw<null>(sb, 'DELETE', `/tyk/keys/${a.key}?api_id=-1`, { offSpec: true });
      assert.equal(del.status, 200);
      assert.equal(del.body, null);
      assert.ok(!sb.keys().some((k) => k.key === a.key));
    });

    it('an open-source Gateway lists an inactive API (it never reads `active`); a Dashboard-managed one does not', async () => {
      await withSandbox({ openSourceGateway: true }, async (h) => {
        const list = await gw<ApiDef[]>(h, 'GET', '/tyk/apis');
        assert.ok(list.body.some((d) => d.api_id === SAMPLE.legacyBilling.apiId));
        assert.equal((await gw<ApiDef>(h, 'GET', `/tyk/apis/${SAMPLE.legacyBilling.apiId}`)).status, 200);
        assert.equal(h.gatewayApis().length, h.apis().length);
      });
    });

    it('5.11 sends every key and policy field; 5.12 omits zero values (omitzero)', async () => {
      const key = sb.createKey({ org_id: sb.orgId, access_rights: petstoreRights() }).key;
      const old = (await gw<Obj>(sb, 'GET', `/tyk/keys/${key}`)).body;
      for (const field of ['hmac_enabled', 'hmac_string', 'is_inactive', 'apply_policy_id', 'certificate', 'basic_auth_data']) {
        assert.ok(field in old, `5.11 sends ${field}`);
      }
      await withSandbox({ tykSeries: '5.12' }, async (h) => {
        const k = h.createKey({ org_id: h.orgId, access_rights: petstoreRights() }).key;
        const now = (await gw<Obj>(h, 'GET', `/tyk/keys/${k}`)).body;
        for (const field of ['hmac_enabled', 'hmac_string', 'is_inactive', 'apply_policy_id', 'certificate', 'basic_auth_data']) {
          assert.ok(!(field in now), `5.12 omits ${field}`);
        }
        assert.ok('access_rights' in now && 'org_id' in now);
        const policies = (await gw<Obj[]>(h, 'GET', '/tyk/policies')).body;
        assert.ok(policies.every((p) => !('is_inactive' in p)), 'is_inactive false is omitted');
      });
    });

    it('certificates: listed on both fronts; one key per certificate; a bound key keeps a known certificate', async () => {
      const detailed = await dash<{ cert_basics: Array<{ id: string }> }>(sb, 'GET', '/api/certs?mode=detailed');
      const [certA, certB] = detailed.body.cert_basics.map((c) => c.id);
      assert.ok(certA && certB);
      assert.deepEqual((await dash<{ certs: string[] }>(sb, 'GET', '/api/certs')).body.certs, [certA, certB]);
      assert.deepEqual((await gw<{ certs: string[] }>(sb, 'GET', '/tyk/certs')).body.certs, [certA, certB]);
      const created = await gw<Modify>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ org_id: sb.orgId, certificate: certA }) });
      assert.equal(created.status, 200);
      const again = await gw<GwMsg>(sb, 'POST', '/tyk/keys/create', { body: keyBody({ org_id: sb.orgId, certificate: certA }) });
      assert.equal(again.status, 500);
      assert.match(again.body.message, /^Failed to create key - Key with given certificate already found:/);
      const viaDash = await dash<DashMsg>(sb, 'POST', '/api/keys', { body: keyBody({ certificate: certA }) });
      assert.equal(viaDash.status, 500);
      const key = created.body.key;
      const unbound = await gw<GwMsg>(sb, 'PUT', `/tyk/keys/${key}`, { body: keyBody({ org_id: sb.orgId, certificate: '' }) });
      assert.deepEqual([unbound.status, unbound.body.message], [400, 'Key cannot be used without a certificate']);
      const unknown = await gw<GwMsg>(sb, 'PUT', `/tyk/keys/${key}`, { body: keyBody({ org_id: sb.orgId, certificate: 'nope' }) });
      assert.deepEqual([unknown.status, unknown.body.message], [400, 'Key must be used with an existent certificate']);
      assert.equal((await gw<Modify>(sb, 'PUT', `/tyk/keys/${key}`, { body: keyBody({ org_id: sb.orgId, certificate: certB }) })).status, 200);
    });

    it('Tyk’s tyk.conf.example mode: hashed keys (murmur64), listing off', async () => {
      await withSandbox({ ...TYK_CONF_EXAMPLE }, async (h) => {
        const created = await gw<Modify>(h, 'POST', '/tyk/keys/create', { body: keyBody({ org_id: h.orgId }) });
        assert.match(created.body.key_hash ?? '', /^[0-9a-f]{16}$/);
        assert.equal((await gw<GwMsg>(h, 'GET', '/tyk/keys')).status, 404);
      });
    });

    it('tykShapes: Tyk-shaped APIs, file policies (no active; one is_inactive) and keys via apply_policy_id', async () => {
      await withSandbox({ tykShapes: true }, async (h) => {
        const ids = (await gw<ApiDef[]>(h, 'GET', '/tyk/apis')).body.map((d) => d.api_id);
        for (const ref of [SAMPLE_SHAPES.fileApp, SAMPLE_SHAPES.multiAuth, SAMPLE_SHAPES.certBound, SAMPLE_SHAPES.tcpRedis]) {
          assert.ok(ids.includes(ref.apiId), ref.name);
        }
        const file = (await gw<Obj>(h, 'GET', `/tyk/apis/${SAMPLE_SHAPES.fileApp.apiId}`)).body;
        assert.ok(!('active' in file), 'a file-style definition without `active`');
        const policies = (await gw<Array<{ id: string; active: boolean; is_inactive: boolean }>>(h, 'GET', '/tyk/policies')).body;
        const filePolicy = policies.find((p) => p.id === SAMPLE_SHAPES.policies.file.id);
        assert.deepEqual([filePolicy?.active, filePolicy?.is_inactive], [false, false], 'a Gateway reads a policy file without active as false');
        assert.equal(policies.find((p) => p.id === SAMPLE_SHAPES.policies.suspended.id)?.is_inactive, true);
        const viaPolicyId = h.keys().find((k) => k.session.alias === 'demo-apply-policy-id');
        assert.equal(viaPolicyId?.session.apply_policy_id, SAMPLE.policies.gold.id);
        assert.ok(SAMPLE.petstore.apiId in (viaPolicyId?.session.access_rights as Obj), 'the policy’s rights applied');
        const user = await gw<Session>(h, 'GET', `/tyk/keys/${SAMPLE_SHAPES.basicUser.username}?org_id=${h.orgId}`);
        assert.equal(user.status, 200);
        h.reset();
        assert.equal(h.keys().length, 3, 'reset stores the shape keys again');
      });
    });
  });

  describe('options', () => {
    it('latency delays every response; setLatency changes it', async () => {
      await withSandbox({ latencyMs: 150, gatewayPort: null }, async (s) => {
        const slow = await dash<ApiList>(s, 'GET', '/api/apis');
        assert.ok(slow.ms >= 140, `${slow.ms} ms`);
        s.setLatency(0);
        const fast = await dash<ApiList>(s, 'GET', '/api/apis');
        assert.ok(fast.ms < 140, `${fast.ms} ms`);
      });
    });

    it('serves a 5000-API catalog fast', async () => {
      const started = Date.now();
      await withSandbox({ apis: 5000 }, async (s) => {
        const startMs = Date.now() - started;
        assert.ok(startMs < 1500, `start ${startMs} ms`);
        const last = await dash<ApiList>(s, 'GET', '/api/apis?p=500');
        assert.equal(last.body.pages, 500);
        assert.equal(last.body.apis.length, 10);
        assert.equal(last.body.apis[9].api_definition.name, 'Generated API 4987');
        const one = await dash<ApiList>(s, 'GET', '/api/apis?q=generated%20api%200042');
        assert.deepEqual(
          one.body.apis.map((a) => a.api_definition.name),
          ['Generated API 0042'],
        );
        const t = Date.now();
        const all = await dash<ApiList>(s, 'GET', '/api/apis?p=-1');
        assert.equal(all.body.apis.length, 5000);
        assert.equal(new Set(all.body.apis.map((a) => a.api_definition.api_id)).size, 5000);
        const gwAll = await gw<ApiDef[]>(s, 'GET', '/tyk/apis');
        assert.equal(gwAll.body.length, 4999);
        assert.ok(Date.now() - t < 4000, `${Date.now() - t} ms for the full lists`);
      });
    });

    it('definitionBytes sizes generated definitions', () => {
      const catalog = buildCatalog({ apis: 20, definitionBytes: 10000 });
      const generated = catalog.entries.filter((e) => e.name.startsWith('Generated API'));
      assert.equal(generated.length, 7);
      for (const e of generated) {
        const size = JSON.stringify(e.definition()).length;
        assert.ok(size >= 10000 && size < 10600, `${e.name}: ${size} bytes`);
      }
      assert.deepEqual(buildCatalog({ apis: 20, definitionBytes: 10000 }).entries[15].definition(), generated[2].definition(), 'deterministic');
    });

    it('checkSpec reports no violations for ordinary traffic', async () => {
      await withSandbox({ checkSpec: true }, async (s) => {
        const k = await dash<KeyData>(s, 'POST', '/api/keys', { body: tutorialKeyBody() });
        await dash(s, 'GET', `/api/keys/${k.body.key_id}`);
        await dash(s, 'GET', '/api/apis?p=-1');
        await dash(s, 'GET', '/api/portal/policies');
        await gw(s, 'GET', '/tyk/keys');
        await gw(s, 'GET', '/tyk/policies');
        await gw(s, 'POST', '/tyk/keys/create', { body: {} });
        assert.deepEqual(s.specViolations, []);
      });
    });
  });

  describe('CLI', () => {
    const cli = path.join(__dirname, 'cli.js');

    it('parses its flags', () => {
      const o = parseArgs(['--port', '0', '--latency', '20ms', '--hashed', '--hashed-listing', '--apis=50', '--no-gateway']).sandbox;
      assert.equal(o.port, 0);
      assert.equal(o.latencyMs, 20);
      assert.equal(o.hashKeys, true);
      assert.equal(o.hashedKeyListing, true);
      assert.equal(o.apis, 50);
      assert.equal(o.gatewayPort, null);
      assert.deepEqual(parseArgs([]).sandbox, { port: 3000, gatewayPort: 8080, quiet: false, generatedTraffic: true });
      assert.equal(parseArgs(['--no-traffic']).sandbox.generatedTraffic, false);
      assert.throws(() => parseArgs(['--bogus']), UsageError);
      assert.throws(() => parseArgs(['--port', 'x']), UsageError);
      assert.throws(() => parseArgs(['--hashed-listing']), UsageError);
      const tyk = parseArgs(['--tyk-conf-example', '--tyk-series', '5.12', '--open-source-gateway', '--tyk-shapes']).sandbox;
      assert.deepEqual(
        [tyk.hashKeys, tyk.hashKeyFunction, tyk.hashedKeyListing, tyk.tykSeries, tyk.openSourceGateway, tyk.tykShapes],
        [true, 'murmur64', false, '5.12', true, true],
      );
      assert.throws(() => parseArgs(['--tyk-series', '6']), UsageError);
    });

    it('starts, prints its URLs, answers, and exits 0 on SIGTERM', async () => {
      const child = spawn(process.execPath, [cli, '--port', '0', '--gateway-port', '0', '--credential', 'cli-credential', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`CLI not ready: ${out} ${err}`)), 5000);
          child.stdout.on('data', () => {
            if (out.includes('Sandbox ready')) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.on('exit', (code) => reject(new Error(`CLI exited ${code}: ${err}`)));
        });
        const dashUrl = /Dashboard API: (http:\/\/\S+)/.exec(out)?.[1];
        const gwUrl = /Gateway API: +(http:\/\/\S+)/.exec(out)?.[1];
        assert.ok(dashUrl && gwUrl, out);
        assert.match(out, /credential: +cli-credential/);
        assert.match(out, new RegExp(`secret: +${'352d20ee67be67f6340b4c0605b044b7'}`));
        assert.match(out, /curl -X POST http:\/\/\S+\/api\/keys -H "authorization: cli-credential" -d '\{.*"access_rights"/);
        const apis = await fetch(`${dashUrl}/api/apis`, { headers: { authorization: 'cli-credential' } });
        assert.equal(apis.status, 200);
        const hello = await fetch(`${gwUrl}/hello`);
        assert.equal(hello.status, 200);
        // The key the printed curl creates works on the printed call.
        assert.match(out, new RegExp(`curl -H "Authorization: <key>" ${gwUrl}/petstore/\n`));
        const made = await fetch(`${dashUrl}/api/keys`, { method: 'POST', headers: { authorization: 'cli-credential' }, body: JSON.stringify(tutorialKeyBody()) });
        const { key_id: key } = (await made.json()) as { key_id: string };
        assert.equal((await fetch(`${gwUrl}/petstore/`, { headers: { Authorization: key } })).status, 200);
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0);
    });

    it('bad flags → usage and exit 2', async () => {
      const child = spawn(process.execPath, [cli, '--nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(code, 2);
      assert.match(err, /unknown option --nope/);
      assert.match(err, /Usage: npm run sandbox/);
    });
  });
});
