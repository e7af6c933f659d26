/**
 * The sandbox Gateway's listen paths (proxy.ts): each rule of Tyk's middleware chain, with the status and
 * message Tyk's Go code answers, and the record of every call.
 */
import * as assert from 'node:assert/strict';
import { startSandbox, withSandbox, TYK_CONF_EXAMPLE, type Sandbox } from './server';
import { SAMPLE, SAMPLE_SHAPES, tutorialKeyBody } from './seed';

type Obj = Record<string, unknown>;

interface Answer {
  status: number;
  body: Obj;
  headers: Headers;
}

/** A request to the Gateway's listen paths, as any HTTP client sends it. */
async function send(sb: Sandbox, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const res = await fetch(`${sb.gatewayUrl ?? assert.fail('no Gateway')}${path}`, { method, headers });
  assert.equal(res.headers.get('content-type'), 'application/json', `${method} ${path}: content-type`);
  return { status: res.status, body: (await res.json()) as Obj, headers: res.headers };
}

/** Asserts Tyk's error answer (gateway/handler_error.go): the status, `{"error": message}`, x-generator. */
function assertTykError(a: Answer, status: number, message: string): void {
  assert.deepEqual({ status: a.status, body: a.body }, { status, body: { error: message } });
  assert.equal(a.headers.get('x-generator'), 'tyk.io');
}

function rights(...refs: Array<{ apiId: string; name: string; versions?: string[] }>): Obj {
  return Object.fromEntries(refs.map((r) => [r.apiId, { api_id: r.apiId, api_name: r.name, versions: r.versions ?? ['Default'] }]));
}

/** A key on Petstore with room to spare; `extra` changes it. */
function petstoreKey(sb: Sandbox, extra: Obj = {}): { key: string; hash: string } {
  return sb.createKey({ org_id: sb.orgId, rate: 1000, per: 1, quota_max: -1, expires: -1, access_rights: rights(SAMPLE.petstore), ...extra });
}

describe('sandbox Gateway: listen paths enforce keys as Tyk does', function () {
  this.timeout(10000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox();
  });

  after(async () => {
    await sb.close();
  });

  beforeEach(() => {
    sb.reset();
  });

  it('200 with the key: the upstream stand-in answers with the listen path stripped', async () => {
    const { key } = petstoreKey(sb);
    const a = await send(sb, '/petstore/pets/7?verbose=1', { Authorization: key });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, { api: 'Petstore', api_id: SAMPLE.petstore.apiId, path: '/pets/7', method: 'GET' });
    assert.equal(a.headers.get('x-generator'), null, 'the upstream answer, not a Tyk error');
    // "Bearer " is stripped, in any case (mw_auth_key.go stripBearer).
    assert.equal((await send(sb, '/petstore/', { Authorization: `Bearer ${key}` })).status, 200);
    assert.equal((await send(sb, '/petstore/', { Authorization: `bearer ${key}` })).status, 200);
    assert.equal((await send(sb, '/petstore/', { Authorization: key }, 'POST')).body.method, 'POST');
  });

  it('a key made through the Dashboard API, as Tyk’s tutorial does, works at once', async () => {
    const made = await fetch(`${sb.dashboardUrl}/api/keys`, { method: 'POST', headers: { authorization: sb.credential }, body: JSON.stringify(tutorialKeyBody()) });
    const { key_id: key } = (await made.json()) as { key_id: string };
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
  });

  it('401 "Authorization field missing" without the header; the header the API names (auth_header_name)', async () => {
    assertTykError(await send(sb, '/petstore/'), 401, 'Authorization field missing');
    assertTykError(await send(sb, '/petstore/', { Authorization: '' }), 401, 'Authorization field missing');
    // Geo Lookup reads X-Api-Key: a key in Authorization is no key at all.
    const { key } = sb.createKey({ org_id: sb.orgId, access_rights: rights(SAMPLE.geoLookup) });
    assertTykError(await send(sb, '/geo/', { Authorization: key }), 401, 'Authorization field missing');
    assert.equal((await send(sb, '/geo/', { 'X-Api-Key': key })).status, 200);
  });

  it('403 "Access to this API has been disallowed" for an unknown or revoked key', async () => {
    assertTykError(await send(sb, '/petstore/', { Authorization: 'not-a-key' }), 403, 'Access to this API has been disallowed');
    const { key } = petstoreKey(sb);
    const revoked = await fetch(`${sb.gatewayUrl}/tyk/keys/${key}`, { method: 'DELETE', headers: { 'x-tyk-authorization': sb.gatewaySecret } });
    assert.equal(revoked.status, 200);
    assertTykError(await send(sb, '/petstore/', { Authorization: key }), 403, 'Access to this API has been disallowed');
  });

  it('403 for an API or a version the key has no access to (mw_access_rights.go)', async () => {
    const { key } = sb.createKey({ org_id: sb.orgId, access_rights: rights(SAMPLE.petstore, { ...SAMPLE.payments, versions: ['v1'] }) });
    // Another API.
    const other = sb.createKey({ org_id: sb.orgId, access_rights: rights(SAMPLE.geoLookup) }).key;
    assertTykError(await send(sb, '/petstore/', { Authorization: other }), 403, 'Access to this API has been disallowed');
    // Payments is versioned in the x-api-version header, v1 by default.
    assert.equal((await send(sb, '/payments/charges', { Authorization: key })).status, 200);
    assert.equal((await send(sb, '/payments/charges', { Authorization: key, 'x-api-version': 'v1' })).status, 200);
    assertTykError(await send(sb, '/payments/charges', { Authorization: key, 'x-api-version': 'v2' }), 403, 'Access to this API has been disallowed');
    // A version the API does not have is refused before any key is read (mw_version_check.go).
    assertTykError(await send(sb, '/payments/charges', { 'x-api-version': 'v9' }), 403, 'This API version does not seem to exist');
  });

  it('429 "Rate limit exceeded" past the rate; allowed again once the window has passed', async () => {
    const { key } = petstoreKey(sb, { rate: 2, per: 60 });
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
    assertTykError(await send(sb, '/petstore/', { Authorization: key }), 429, 'Rate limit exceeded');
    sb.advanceClock(61_000);
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
  });

  it('403 "Quota exceeded" when the quota is used up; the key’s quota_remaining counts down; it renews', async () => {
    const { key } = petstoreKey(sb, { quota_max: 2, quota_renewal_rate: 3600 });
    const remaining = async (): Promise<unknown> =>
      ((await (await fetch(`${sb.gatewayUrl}/tyk/keys/${key}`, { headers: { 'x-tyk-authorization': sb.gatewaySecret } })).json()) as Obj).quota_remaining;
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
    assert.equal(await remaining(), 1);
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
    assertTykError(await send(sb, '/petstore/', { Authorization: key }), 403, 'Quota exceeded');
    assert.equal(await remaining(), 0);
    sb.advanceClock(3601_000);
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200, 'a new quota period');
    // consumeQuota is the same counter.
    const other = petstoreKey(sb, { quota_max: 5, quota_renewal_rate: -1 });
    sb.consumeQuota(other.key, 5);
    assertTykError(await send(sb, '/petstore/', { Authorization: other.key }), 403, 'Quota exceeded');
  });

  it('401 "Key has expired, please renew" once `expires` has passed (mw_key_expired_check.go)', async () => {
    const { key } = petstoreKey(sb, { expires: Math.floor(Date.now() / 1000) + 60 });
    assert.equal((await send(sb, '/petstore/', { Authorization: key })).status, 200);
    sb.advanceClock(120_000);
    assertTykError(await send(sb, '/petstore/', { Authorization: key }), 401, 'Key has expired, please renew');
  });

  it('403 "Key is inactive, please renew" for a suspended key', async () => {
    const { key } = petstoreKey(sb, { is_inactive: true });
    assertTykError(await send(sb, '/petstore/', { Authorization: key }), 403, 'Key is inactive, please renew');
  });

  it('403 "Access to this resource has been disallowed" outside a policy’s allowed_urls (mw_granular_access.go)', async () => {
    const { key } = sb.createKey({ org_id: sb.orgId, apply_policies: [SAMPLE.policies.readOnly.id] });
    assert.equal((await send(sb, '/petstore/pet/12', { Authorization: key })).status, 200);
    assertTykError(await send(sb, '/petstore/pet/12', { Authorization: key }, 'DELETE'), 403, 'Access to this resource has been disallowed');
    assertTykError(await send(sb, '/petstore/users', { Authorization: key }), 403, 'Access to this resource has been disallowed');
  });

  it('keyless APIs pass; internal and inactive APIs have no route; JWT and the like are said plainly', async () => {
    assert.deepEqual((await send(sb, '/weather/today')).body, { api: 'Weather (open)', api_id: SAMPLE.weather.apiId, path: '/today', method: 'GET' });
    for (const path of ['/inventory/', '/billing/']) {
      const a = await send(sb, path);
      assert.deepEqual([a.status, a.body], [404, { status: 'error', message: 'Not Found' }], path);
    }
    const jwt = await send(sb, '/partners/', { Authorization: 'Bearer x.y.z' });
    assert.equal(jwt.status, 501);
    assert.match(String(jwt.body.error), /does not check JWT/);
  });

  it('a Tyk OAS base API hands another version to that version’s API (mw_version_check.go)', async () => {
    const { key } = sb.createKey({ org_id: sb.orgId, access_rights: rights({ apiId: SAMPLE.ordersV2.apiId, name: SAMPLE.ordersV2.name }) });
    const viaBase = await send(sb, '/orders/orders', { Authorization: key, 'x-api-version': 'v2' });
    assert.deepEqual(viaBase.body, { api: 'Orders API v2', api_id: SAMPLE.ordersV2.apiId, path: '/orders', method: 'GET' });
    assert.equal((await send(sb, '/orders-v2/orders', { Authorization: key })).status, 200, 'and on its own listen path');
    // The base itself (its own version, the default; an unknown one falls back to it): this key has no access.
    assertTykError(await send(sb, '/orders/orders', { Authorization: key }), 403, 'Access to this API has been disallowed');
    assertTykError(await send(sb, '/orders/orders', { Authorization: key, 'x-api-version': 'v9' }), 403, 'Access to this API has been disallowed');
  });

  it('basic-auth users: username and password; 401 "User not authorised" with a challenge (mw_basic_auth.go)', async () => {
    const made = await fetch(`${sb.gatewayUrl}/tyk/keys/erin`, {
      method: 'POST',
      headers: { 'x-tyk-authorization': sb.gatewaySecret },
      body: JSON.stringify({ org_id: sb.orgId, basic_auth_data: { password: 'open-sesame' }, access_rights: rights(SAMPLE.reportsBasic) }),
    });
    assert.equal(made.status, 200);
    const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    assert.equal((await send(sb, '/reports/q3', { Authorization: basic('erin', 'open-sesame') })).status, 200);
    const wrong = await send(sb, '/reports/q3', { Authorization: basic('erin', 'guess') });
    assertTykError(wrong, 401, 'User not authorised');
    assert.equal(wrong.headers.get('www-authenticate'), 'Basic realm="Reports (basic auth)"');
    assertTykError(await send(sb, '/reports/q3'), 401, 'Authorization field missing');
    assertTykError(await send(sb, '/reports/q3', { Authorization: 'Basic' }), 400, 'Attempted access with malformed header, header not in basic auth format');
  });

  it('multi-auth: the basic-auth user and the token both, the identity from the token', async () => {
    await withSandbox({ tykShapes: true }, async (shapes) => {
      const { key } = shapes.createKey({ org_id: shapes.orgId, access_rights: rights({ apiId: SAMPLE_SHAPES.multiAuth.apiId, name: SAMPLE_SHAPES.multiAuth.name }) });
      const { username, password } = SAMPLE_SHAPES.basicUser;
      const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      assertTykError(await send(shapes, '/team/', { 'X-Team-Token': key }), 401, 'Authorization field missing');
      assertTykError(await send(shapes, '/team/', { Authorization: basic }), 401, 'Authorization field missing');
      const both = await send(shapes, '/team/', { Authorization: basic, 'X-Team-Token': key });
      assert.equal(both.status, 200);
      assert.equal(shapes.calls().at(-1)?.keyHash, shapes.keys().find((k) => k.key === key)?.hash, 'the token is the identity');
    });
  });

  it('hashed keys (tyk.conf.example): the key works, its hash is no key', async () => {
    await withSandbox({ ...TYK_CONF_EXAMPLE }, async (hashed) => {
      const { key, hash } = petstoreKey(hashed);
      assert.equal((await send(hashed, '/petstore/', { Authorization: key })).status, 200);
      assertTykError(await send(hashed, '/petstore/', { Authorization: hash }), 403, 'Access to this API has been disallowed');
    });
  });

  it('records every call: time, API, key hash (once the key is known) and status; filters; reset forgets', async () => {
    const a = petstoreKey(sb, { rate: 1, per: 60 });
    const b = petstoreKey(sb);
    const t0 = Date.now();
    await send(sb, '/petstore/one', { Authorization: a.key });
    await send(sb, '/petstore/two', { Authorization: a.key });
    await send(sb, '/petstore/three');
    await send(sb, '/weather/');
    await send(sb, '/petstore/four', { Authorization: b.key });
    const t1 = Date.now();
    const calls = sb.calls();
    assert.deepEqual(
      calls.map((c) => [c.apiId, c.keyHash, c.status, c.method, c.path]),
      [
        [SAMPLE.petstore.apiId, a.hash, 200, 'GET', '/petstore/one'],
        [SAMPLE.petstore.apiId, a.hash, 429, 'GET', '/petstore/two'],
        [SAMPLE.petstore.apiId, '', 401, 'GET', '/petstore/three'],
        [SAMPLE.weather.apiId, '', 200, 'GET', '/weather/'],
        [SAMPLE.petstore.apiId, b.hash, 200, 'GET', '/petstore/four'],
      ],
    );
    assert.ok(calls.every((c) => c.time >= t0 && c.time <= t1 && c.apiName !== ''));
    assert.deepEqual(
      sb.calls({ keyHash: a.hash }).map((c) => c.status),
      [200, 429],
    );
    assert.equal(sb.calls({ apiId: SAMPLE.weather.apiId }).length, 1);
    assert.equal(sb.calls({ from: t1 + 1 }).length, 0);
    assert.equal(sb.calls({ from: t0, to: t1, keyHash: b.hash }).length, 1);
    // The Gateway's own API is not a proxied call.
    await fetch(`${sb.gatewayUrl}/tyk/keys`, { headers: { 'x-tyk-authorization': sb.gatewaySecret } });
    assert.equal(sb.calls().length, 5);
    sb.reset();
    assert.deepEqual(sb.calls(), []);
  });
});
