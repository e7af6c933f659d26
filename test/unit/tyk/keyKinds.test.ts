// Every kind of Tyk key through the client, against a loopback server answering as Tyk's handlers do
// (gateway/api.go handleAddOrUpdate, handleGetDetail; the Dashboard's /api/apis/keys/basic/{username}).
import * as assert from 'node:assert/strict';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { TykError } from '../../../src/tyk/errors';
import { GatewayClient, KEYS_READ_PER_PAGE } from '../../../src/tyk/gateway';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import type { KeySpec } from '../../../src/domain/model';
import { json, startFaultServer, type FaultServer } from '../../support/faultServer';

const ORG = '5e9d9544a1dcd60001d0ed20';
const SPEC: KeySpec = { access: [{ apiId: 'api1', apiName: 'Reports', versions: ['Default'] }], ...DEFAULT_LIMITS, orgId: ORG };
const SECRET = 'bm90LWEtcmVhbC1zZWNyZXQtYnV0LWxvbmctZW5vdWdo';

async function refused(fn: () => Promise<unknown>): Promise<TykError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof TykError, String(e));
    return e;
  }
  assert.fail('expected a refusal');
}

describe('tyk/client: every kind of key', () => {
  let server: FaultServer;
  let gateway: GatewayClient;
  let dashboard: DashboardClient;

  beforeEach(async () => {
    server = await startFaultServer();
    gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret', retryDelayMs: 1 });
    dashboard = new DashboardClient({ baseUrl: server.url, credential: 'cred', retryDelayMs: 1 });
  });
  afterEach(() => server.close());

  it('basic-auth user on a Gateway: POST /tyk/keys/{username} with basic_auth_data; a hashing Gateway answers key "" + key_hash', async () => {
    server.handle((_req, res) => json(res, 200, { key: '', status: 'ok', action: 'added', key_hash: 'a1b2c3' }));
    const created = await gateway.createKey({ ...SPEC, basicAuth: { username: 'alice', password: 's3cret!' } });
    assert.deepEqual(created, { key: '', keyHash: 'a1b2c3', username: 'alice' });
    const sent = server.requests[0];
    assert.deepEqual([sent?.method, sent?.url], ['POST', '/tyk/keys/alice']);
    assert.deepEqual((JSON.parse(sent?.body ?? '{}') as { basic_auth_data?: unknown }).basic_auth_data, { password: 's3cret!' });
  });

  it('basic-auth user on a Dashboard: POST /api/apis/keys/basic/{username}', async () => {
    server.handle((_req, res) => json(res, 200, { key_id: `${ORG}alice`, key_hash: 'h1', data: { basic_auth_data: { password: '', hash_type: 'bcrypt' } } }));
    const created = await dashboard.createKey({ ...SPEC, basicAuth: { username: 'alice', password: 'pw' } });
    assert.deepEqual(created, { key: `${ORG}alice`, keyHash: 'h1', username: 'alice' });
    assert.equal(server.requests[0]?.url, '/api/apis/keys/basic/alice');
  });

  it('rotating a basic-auth user sets a new password on the same user (never a copy with the blanked password)', async () => {
    const stored = { org_id: ORG, basic_auth_data: { password: '', hash_type: 'bcrypt' }, access_rights: { api1: { api_id: 'api1', versions: ['Default'] } }, quota_remaining: 7 };
    server.handle((req, res) => (req.method === 'GET' ? json(res, 200, stored) : json(res, 200, { key: `${ORG}alice`, status: 'ok', action: 'modified' })));
    const creds = await gateway.setBasicAuthPassword({ id: `${ORG}alice` });
    assert.equal(creds.username, 'alice');
    assert.ok(creds.password.length >= 24, 'a generated password');
    const put = server.requests[1];
    assert.equal(put?.method, 'PUT');
    assert.equal(put?.url, `/tyk/keys/${ORG}alice?suppress_reset=1`);
    const body = JSON.parse(put?.body ?? '{}') as { basic_auth_data: { password: string }; quota_remaining?: number };
    assert.equal(body.basic_auth_data.password, creds.password);
    assert.equal(body.quota_remaining, undefined, 'Tyk manages the quota');
    await assert.rejects(() => gateway.createKeyFromSession(stored), /new password/, 'a copy of a basic-auth user is refused');
  });

  it('HMAC keys: Tyk generates the secret; the Gateway’s create answer lacks it, so it is read back', async () => {
    server.handle((req, res) =>
      req.method === 'POST'
        ? json(res, 200, { key: `${ORG}k1`, status: 'ok', action: 'added' })
        : json(res, 200, { org_id: ORG, hmac_enabled: true, hmac_string: SECRET, access_rights: {} }),
    );
    const created = await gateway.createKey({ ...SPEC, hmac: true });
    assert.deepEqual(created, { key: `${ORG}k1`, hmacSecret: SECRET });
    const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(body.hmac_enabled, true);
    assert.ok(!('hmac_string' in body), 'no secret is sent: Tyk makes its own');
    assert.equal(server.requests[1]?.url, `/tyk/keys/${ORG}k1`);
  });

  it('HMAC keys: the Dashboard answers with the session, secret included; rotation delivers the new secret', async () => {
    server.handle((_req, res) => json(res, 200, { key_id: 'k2', key_hash: 'h2', data: { hmac_enabled: true, hmac_string: SECRET } }));
    assert.deepEqual(await dashboard.createKey({ ...SPEC, hmac: true }), { key: 'k2', keyHash: 'h2', hmacSecret: SECRET });
    const rotated = await dashboard.createKeyFromSession({ access_rights: { api1: {} }, hmac_enabled: true, hmac_string: 'OLD' });
    assert.equal(rotated.hmacSecret, SECRET);
    const body = JSON.parse(server.requests[1]?.body ?? '{}') as Record<string, unknown>;
    assert.ok(!('hmac_string' in body), 'the old secret is not sent');
  });

  it('certificate-bound keys: the binding is sent on create, never copied on rotation; Tyk’s 500 is a clear conflict', async () => {
    server.handle((_req, res) => json(res, 200, { key: 'k3', status: 'ok', action: 'added' }));
    await gateway.createKey({ ...SPEC, certificate: 'cert-1' });
    assert.equal((JSON.parse(server.requests[0]?.body ?? '{}') as { certificate?: string }).certificate, 'cert-1');
    await gateway.createKeyFromSession({ access_rights: { api1: {} }, certificate: 'cert-1' });
    assert.ok(!('certificate' in (JSON.parse(server.requests[1]?.body ?? '{}') as object)), 'not copied blindly');
    await gateway.createKeyFromSession({ access_rights: { api1: {} }, certificate: 'cert-1' }, { certificate: 'cert-2' });
    assert.equal((JSON.parse(server.requests[2]?.body ?? '{}') as { certificate?: string }).certificate, 'cert-2');
    server.handle((_req, res) => json(res, 500, { status: 'error', message: 'Failed to create key - Key with given certificate already found:org-abc' }));
    const e = await refused(() => gateway.createKey({ ...SPEC, certificate: 'cert-1' }));
    assert.equal(e.kind, 'conflict');
    assert.match(e.message, /one key per certificate/);
    assert.doesNotMatch(e.message, /try again later/i);
  });

  it('a certificate-bound key cannot lose its certificate, nor use an unknown one: bad-request, saying what to do', async () => {
    server.handle((_req, res) => json(res, 400, { status: 'error', message: 'Key cannot be used without a certificate' }));
    assert.equal((await refused(() => gateway.updateKey({ id: 'k3' }, { certificate: '' }))).kind, 'bad-request');
    server.handle((_req, res) => json(res, 400, { Status: 'Error', Message: 'Key must be used with an existent certificate', Meta: null }));
    const e = await refused(() => dashboard.updateKey({ id: 'k3' }, { certificate: 'nope' }));
    assert.match(e.message, /certificate store/);
  });

  it('lists the certificates to bind to (Dashboard /api/certs detailed, Gateway /tyk/certs)', async () => {
    server.handle((_req, res) =>
      json(res, 200, { cert_basics: [{ id: `${ORG}abc`, subject_cn: 'client.example.com', issuer_cn: 'Example CA', not_after: '2027-01-01T00:00:00Z', has_private: false }], pages: 1 }),
    );
    assert.deepEqual(await dashboard.listCertificates(), [
      { id: `${ORG}abc`, subject: 'client.example.com', issuer: 'Example CA', notAfter: '2027-01-01T00:00:00Z', hasPrivateKey: false },
    ]);
    assert.equal(server.requests[0]?.url, '/api/certs?p=-1&mode=detailed');
    server.handle((_req, res) => json(res, 200, { certs: [{ id: 'c1', subject_cn: 'x' }] }));
    assert.deepEqual(await gateway.listCertificates(), [{ id: 'c1', subject: 'x' }]);
    assert.equal(server.requests[1]?.url, '/tyk/certs?mode=detailed');
  });

  it('custom key ids: POST /api/keys/{id} and /tyk/keys/{id}; an id that cannot be a path segment is refused first', async () => {
    server.handle((req, res) =>
      req.url?.startsWith('/api/') ? json(res, 200, { key_id: `${ORG}legacy-42`, key_hash: 'h' }) : json(res, 200, { key: `${ORG}legacy-42`, status: 'ok', action: 'added' }),
    );
    assert.equal((await dashboard.createKey({ ...SPEC, customKeyId: 'legacy-42' })).key, `${ORG}legacy-42`);
    assert.equal((await gateway.createKey({ ...SPEC, customKeyId: 'legacy-42' })).key, `${ORG}legacy-42`);
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/api/keys/legacy-42', '/tyk/keys/legacy-42'],
    );
    assert.equal((await refused(() => gateway.createKey({ ...SPEC, customKeyId: 'a/b' }))).kind, 'bad-request');
    assert.equal(server.requests.length, 2, 'nothing sent');
  });

  it('“ensure security settings are correct” is a refusal to explain, not a server failure to retry', async () => {
    server.handle((_req, res) => json(res, 500, { status: 'error', message: 'Failed to create key, ensure security settings are correct.' }));
    const e = await refused(() => gateway.createKey({ ...SPEC, customKeyId: 'x1' }));
    assert.equal(e.kind, 'bad-request');
    assert.match(e.message, /at least one API/);
  });

  it('a Gateway lists MCP proxies only with include_types=mcp: they are listed too, marked as MCP', async () => {
    const api = (id: string): Record<string, unknown> => ({ api_id: id, name: id, proxy: { listen_path: `/${id}/` } });
    server.handle((req, res) => json(res, 200, req.url?.includes('include_types=mcp') ? [api('rest'), api('tools')] : [api('rest')]));
    const apis = await gateway.listAllApis();
    assert.deepEqual(
      apis.map((a) => [a.apiId, a.protocol, a.active]),
      [
        ['rest', 'http', true],
        ['tools', 'mcp', true],
      ],
    );
  });
});

describe('tyk/gateway: the keys of one API on a Gateway with many keys', () => {
  let server: FaultServer;
  afterEach(() => server.close());

  it('pages are bounded (the id list once, then ≤ KEYS_READ_PER_PAGE reads a page) and stream their keys', async () => {
    server = await startFaultServer();
    const ids = Array.from({ length: 250 }, (_, i) => `key${String(i).padStart(3, '0')}`);
    server.handle((req, res) => {
      if (req.url === '/tyk/keys') {
        json(res, 200, { keys: ids });
        return;
      }
      const n = Number(/key(\d+)/.exec(req.url ?? '')?.[1]);
      json(res, 200, { access_rights: { [n % 10 === 0 ? 'api1' : 'other']: { api_id: n % 10 === 0 ? 'api1' : 'other', versions: ['Default'] } } });
    });
    const gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret', retryDelayMs: 1 });
    const streamed: string[] = [];
    const first = await gateway.listKeys('api1', 1, { onKeys: (keys) => streamed.push(...keys) });
    assert.equal(first.pages, 3);
    assert.equal(first.keys.length, 10);
    assert.deepEqual([...streamed].sort(), first.keys, 'each key heard of as it is found');
    assert.equal(server.requests.length, 1 + KEYS_READ_PER_PAGE);
    const second = await gateway.listKeys('api1', 2);
    assert.equal(second.keys.length, 10);
    assert.equal(server.requests.length, 1 + 2 * KEYS_READ_PER_PAGE, 'the next page reuses the id list');
    const third = await gateway.listKeys('api1', 3);
    assert.deepEqual([third.keys.length, server.requests.length], [5, 1 + 2 * KEYS_READ_PER_PAGE + 50]);
  });

  it('on a Gateway that lists hashes, once one id reads as a hash the others are read as hashes first', async () => {
    server = await startFaultServer();
    server.handle((req, res) => {
      if (req.url === '/tyk/keys') {
        json(res, 200, { keys: ['h1', 'h2', 'h3'] });
      } else if (req.url?.includes('hashed=1')) {
        json(res, 200, { access_rights: { api1: { api_id: 'api1' } } });
      } else {
        json(res, 404, { status: 'error', message: 'Key not found' });
      }
    });
    const gateway = new GatewayClient({ baseUrl: server.url, credential: 'secret', retryDelayMs: 1 });
    assert.deepEqual((await gateway.listKeys('api1', 1)).keys, ['h1', 'h2', 'h3']);
    const before = server.requests.length;
    assert.deepEqual((await gateway.listKeys('api1', 1)).keys, ['h1', 'h2', 'h3']);
    const again = server.requests.slice(before);
    assert.equal(again.length, 1 + 3, 'the list, then one read per key');
    assert.ok(again.slice(1).every((r) => r.url.includes('hashed=1')));
  });
});
