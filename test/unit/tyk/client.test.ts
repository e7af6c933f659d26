// The client against the sandbox: every operation, on both the Dashboard and the Gateway API.
import * as assert from 'node:assert/strict';
import { createTykClient, type TykClient } from '../../../src/tyk';
import { TykError } from '../../../src/tyk/errors';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import type { KeySpec, TykApi, TykFlavor } from '../../../src/domain/model';
import { startSandbox, type Sandbox } from '../../sandbox/server';

function specFor(api: TykApi, change: Partial<KeySpec> = {}): KeySpec {
  return {
    access: [{ apiId: api.apiId, apiName: api.name, versions: api.versions }],
    ...DEFAULT_LIMITS,
    ...(api.orgId ? { orgId: api.orgId } : {}),
    ...change,
  };
}

function clientFor(sandbox: Sandbox, flavor: TykFlavor, credential?: string): TykClient {
  return createTykClient(
    flavor === 'dashboard'
      ? { flavor, baseUrl: sandbox.dashboardUrl, credential: credential ?? sandbox.credential }
      : { flavor, baseUrl: sandbox.gatewayUrl ?? '', credential: credential ?? sandbox.gatewaySecret },
  );
}

async function rejects(fn: () => Promise<unknown>, kind: string): Promise<TykError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof TykError, String(e));
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected ${kind}`);
}

for (const flavor of ['dashboard', 'gateway'] as const) {
  describe(`tyk/client against the sandbox (${flavor})`, () => {
    let sandbox: Sandbox;
    let client: TykClient;
    let apis: TykApi[];
    const byName = (name: RegExp): TykApi => {
      const api = apis.find((a) => name.test(a.name));
      assert.ok(api, `no API matching ${String(name)}`);
      return api;
    };

    before(async () => {
      sandbox = await startSandbox({ quiet: true });
      client = clientFor(sandbox, flavor);
      apis = await client.listAllApis();
    });
    after(() => sandbox.close());

    it('checks the credential, and rejects a wrong one as unauthorized without leaking it', async () => {
      const page = await client.checkCredential();
      assert.ok(page.apis.length > 0);
      const wrong = 'wrong-credential-0123456789';
      const e = await rejects(() => clientFor(sandbox, flavor, wrong).checkCredential(), 'unauthorized');
      assert.ok(!e.message.includes(wrong) && !e.message.includes(sandbox.credential));
      const last = sandbox.requests.at(-1);
      assert.equal(last?.headers[flavor === 'dashboard' ? 'authorization' : 'x-tyk-authorization'], wrong);
    });

    // A Gateway serves only the APIs it loaded: inactive ones are not loaded.
    const served = (): Array<Record<string, unknown>> => (flavor === 'dashboard' ? sandbox.apis() : sandbox.gatewayApis());

    it('lists the whole catalog, as the server holds it', () => {
      assert.equal(apis.length, served().length);
      assert.deepEqual(new Set(apis.map((a) => a.apiId)), new Set(served().map((d) => d.api_id)));
      const petstore = byName(/petstore/i);
      assert.equal(petstore.authKind, 'authToken');
      assert.deepEqual(petstore.versions, ['Default']);
      assert.ok(petstore.listenPath.startsWith('/'));
    });

    it('models versions, OAS APIs, keyless, internal and inactive APIs', () => {
      const versioned = apis.find((a) => !a.isOas && a.versions.length > 1);
      assert.ok(versioned?.defaultVersion && versioned.versions.includes(versioned.defaultVersion));
      const oasBase = apis.find((a) => a.isOas && a.oasVersions.length > 1);
      assert.ok(oasBase, 'an OAS base API with versions');
      assert.deepEqual(oasBase.versions, []);
      for (const v of oasBase.oasVersions) {
        assert.ok(apis.some((a) => a.apiId === v.apiId), `version API ${v.name} is in the catalog`);
      }
      assert.ok(apis.some((a) => a.authKind === 'keyless'));
      assert.ok(apis.some((a) => a.internal));
      assert.equal(apis.some((a) => !a.active), flavor === 'dashboard', 'inactive APIs only on a Dashboard');
      assert.ok(apis.some((a) => a.authHeaderName.toLowerCase() !== 'authorization'));
    });

    it('pages (10 a page on a Dashboard; one page on a Gateway) and reports each page as it comes', async () => {
      const first = await client.listApisPage(1);
      if (flavor === 'dashboard') {
        assert.equal(first.apis.length, 10);
        assert.equal(first.pages, Math.ceil(sandbox.apis().length / 10));
      } else {
        assert.equal(first.apis.length, served().length);
        assert.equal(first.pages, 1);
      }
      const seen: number[] = [];
      await client.listAllApis({ onPage: (page) => seen.push(page.length) });
      assert.equal(
        seen.reduce((a, b) => a + b, 0),
        served().length,
      );
    });

    it('searches by name', async () => {
      const found = await client.searchApis('petstore');
      assert.ok(found.apis.length >= 1);
      assert.ok(found.apis.every((a) => /petstore/i.test(a.name)));
      assert.deepEqual((await client.searchApis('no-such-api-anywhere')).apis, []);
    });

    it('gets one API, and says not-found for an unknown one', async () => {
      const petstore = byName(/petstore/i);
      assert.equal((await client.getApi(petstore.apiId)).name, petstore.name);
      await rejects(() => client.getApi('0000000000000000000000000000dead'), 'not-found');
    });

    it('creates a key with the tutorial’s body and returns the new key', async () => {
      const petstore = byName(/petstore/i);
      const before = sandbox.requests.length;
      const created = await client.createKey(specFor(petstore, { alias: `test-${flavor}` }));
      const sent = sandbox.requests.slice(before);
      assert.equal(sent.length, 1, 'one round trip');
      const request = sent[0];
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, flavor === 'dashboard' ? '/api/keys' : '/tyk/keys/create');
      const body = JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
      assert.equal(body.allowance, body.rate);
      assert.equal(body.rate, 1000);
      assert.equal(body.per, 1);
      assert.equal(body.quota_max, -1);
      assert.ok(!('quota_remaining' in body) && !('quota_renews' in body));
      assert.deepEqual(Object.keys(body.access_rights as object), [petstore.apiId]);
      const stored = sandbox.keys().find((k) => k.key === created.key);
      assert.ok(stored, 'the key the client returned is the key the server stored');
      // Tyk answers with key_hash only when keys are hashed (always on a Dashboard).
      assert.equal(created.keyHash, flavor === 'dashboard' ? stored.hash : undefined);
      assert.equal(stored.session.alias, `test-${flavor}`);
    });

    it('grants several versions of a classic API', async () => {
      const versioned = apis.find((a) => !a.isOas && a.versions.length > 1);
      assert.ok(versioned);
      const created = await client.createKey(specFor(versioned));
      const stored = sandbox.keys().find((k) => k.key === created.key);
      const rights = stored?.session.access_rights as Record<string, { versions: string[] }>;
      assert.deepEqual(rights[versioned.apiId]?.versions, versioned.versions);
    });

    it('lists, reads, updates and deletes a key', async () => {
      const petstore = byName(/petstore/i);
      const created = await client.createKey(specFor(petstore, { alias: 'lifecycle', quotaMax: 100, quotaRenewalRate: 3600 }));
      const listed = await client.listKeys(petstore.apiId);
      assert.ok(listed.keys.includes(created.key), 'the new key is listed');
      // Only the API's keys (a Gateway lists all it holds: its keys are read and filtered).
      const payments = byName(/payments/i);
      const other = await client.createKey(specFor(payments));
      assert.ok(!(await client.listKeys(petstore.apiId)).keys.includes(other.key), 'a key of another API is not listed');
      assert.ok((await client.listKeys(payments.apiId)).keys.includes(other.key));
      await client.deleteKey({ id: other.key });

      const details = await client.getKey({ id: created.key });
      assert.equal(details.alias, 'lifecycle');
      assert.equal(details.quotaMax, 100);
      assert.deepEqual(details.accessRights.map((r) => r.apiId), [petstore.apiId]);
      assert.equal(details.isInactive, false);

      const before = sandbox.requests.length;
      await client.updateKey({ id: created.key }, { ...details.session, is_inactive: true });
      const put = sandbox.requests[before];
      assert.equal(put?.method, 'PUT');
      assert.equal(put?.query.suppress_reset, '1');
      assert.equal((await client.getKey({ id: created.key })).isInactive, true);

      await client.deleteKey({ id: created.key });
      await rejects(() => client.getKey({ id: created.key }), 'not-found');
    });

    it('lists policies with the id to apply, and creates a key from a policy', async () => {
      const policies = await client.listPolicies();
      assert.equal(policies.length, sandbox.policies().length);
      const policy = policies.find((p) => p.apis.length > 0);
      assert.ok(policy);
      const created = await client.createKey({ ...DEFAULT_LIMITS, access: [], policies: [policy.id] });
      const stored = sandbox.keys().find((k) => k.key === created.key);
      assert.deepEqual(stored?.session.apply_policies, [policy.id]);
    });

    it('refuses an invalid spec inline, without a request', async () => {
      const before = sandbox.requests.length;
      await rejects(() => client.createKey({ ...DEFAULT_LIMITS, access: [] }), 'bad-request');
      assert.equal(sandbox.requests.length, before);
    });
  });
}

describe('tyk/client: hashed keys (Tyk’s default install: murmur64)', () => {
  let sandbox: Sandbox;
  let listing: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ quiet: true, hashKeys: true, hashKeyFunction: 'murmur64' });
    listing = await startSandbox({ quiet: true, hashKeys: true, hashedKeyListing: true });
  });
  after(async () => {
    await sandbox.close();
    await listing.close();
  });

  for (const flavor of ['dashboard', 'gateway'] as const) {
    it(`${flavor}: listing keys → hashed-listing-disabled; the created key still readable by hash`, async () => {
      const client = clientFor(sandbox, flavor);
      const [api] = (await client.searchApis('petstore')).apis;
      assert.ok(api);
      const created = await client.createKey(specFor(api));
      assert.ok(created.key && created.keyHash && created.key !== created.keyHash);
      const e = await rejects(() => client.listKeys(api.apiId), 'hashed-listing-disabled');
      assert.match(e.message, /hashed/);
      const before = sandbox.requests.length;
      const details = await client.getKey({ id: created.keyHash, hashed: true });
      assert.equal(sandbox.requests[before]?.query.hashed, '1');
      assert.equal(details.accessRights[0]?.apiId, api.apiId);
      assert.equal(details.keyHash, created.keyHash);
      await client.deleteKey({ id: created.keyHash, hashed: true });
      await rejects(() => client.getKey({ id: created.keyHash ?? '', hashed: true }), 'not-found');
    });

    it(`${flavor}: with hashed key listing enabled, the hashes are listed`, async () => {
      const client = clientFor(listing, flavor);
      const [api] = (await client.searchApis('petstore')).apis;
      assert.ok(api);
      const created = await client.createKey(specFor(api));
      const listed = await client.listKeys(api.apiId);
      assert.ok(created.keyHash && listed.keys.includes(created.keyHash));
      assert.ok(!listed.keys.includes(created.key), 'the raw key is never listed');
    });
  }
});

describe('tyk/client: a large Dashboard catalog', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ quiet: true, apis: 5000, gatewayPort: null });
  });
  after(() => sandbox.close());

  it('loads 5,000 APIs in two requests: the first page first, then the rest at once (p=-1)', async function () {
    // The whole catalog is a few MB: parsed in slices (jsonSlices.ts), slower on a loaded machine.
    this.timeout(30_000);
    const client = clientFor(sandbox, 'dashboard');
    const pages: number[] = [];
    const before = sandbox.requests.length;
    const all = await client.listAllApis({ onPage: (apis) => pages.push(apis.length) });
    assert.equal(all.length, 5000);
    assert.equal(new Set(all.map((a) => a.apiId)).size, 5000);
    assert.deepEqual(pages, [10, 4990], 'the first page is reported before the rest');
    assert.deepEqual(
      sandbox.requests.slice(before).map((r) => r.query.p),
      ['1', '-1'],
    );
  });
});

describe('tyk/client: a catalog of big definitions', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ quiet: true, apis: 1200, definitionBytes: 20_000, gatewayPort: null });
  });
  after(() => sandbox.close());

  it('too big for one answer: pages, several at a time, instead of p=-1', async function () {
    this.timeout(60_000);
    // A 2 MB bound per answer: the whole catalog (about 24 MB) exceeds even p=-1's bound (3×).
    const client = createTykClient({ flavor: 'dashboard', baseUrl: sandbox.dashboardUrl, credential: sandbox.credential, maxResponseBytes: 2 * 1024 * 1024 });
    const before = sandbox.requests.length;
    const all = await client.listAllApis();
    assert.equal(all.length, 1200);
    assert.equal(new Set(all.map((a) => a.apiId)).size, 1200);
    const asked = sandbox.requests.slice(before).map((r) => r.query.p);
    const pages = asked.filter((p) => p !== '-1' && p !== '1');
    assert.equal(pages.length, 119, 'page by page after page 1');
    assert.ok(asked.filter((p) => p === '-1').length <= 1, 'at most one attempt at everything at once');
  });
});

describe('tyk/client: a key created from a whole session (rotation)', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ quiet: true });
  });
  after(() => sandbox.close());

  for (const flavor of ['dashboard', 'gateway'] as const) {
    it(`${flavor}: same rights, limits, expiry and alias; a new key; managed fields not sent`, async () => {
      const client = clientFor(sandbox, flavor);
      const [api] = (await client.searchApis('payments')).apis;
      assert.ok(api);
      const expires = Math.floor(Date.now() / 1000) + 86_400;
      const old = await client.createKey(specFor(api, { alias: 'rotate-me', rate: 7, per: 60, quotaMax: 500, quotaRenewalRate: 3600, expires, tags: ['t1'] }));
      const details = await client.getKey({ id: old.key });
      const before = sandbox.requests.length;
      const fresh = await client.createKeyFromSession(details.session);
      assert.notEqual(fresh.key, old.key);
      const body = JSON.parse(sandbox.requests[before]?.body ?? '{}') as Record<string, unknown>;
      for (const managed of ['quota_remaining', 'quota_renews', 'date_created', 'last_updated', 'key_id']) {
        assert.ok(!(managed in body), `${managed} is not sent`);
      }
      const copy = await client.getKey({ id: fresh.key });
      assert.deepEqual(
        [copy.alias, copy.rate, copy.per, copy.quotaMax, copy.quotaRenewalRate, copy.expires, copy.tags, copy.accessRights],
        [details.alias, details.rate, details.per, details.quotaMax, details.quotaRenewalRate, details.expires, details.tags, details.accessRights],
      );
    });
  }

  it('refuses a session without rights or policies, without a request', async () => {
    const client = clientFor(sandbox, 'dashboard');
    const before = sandbox.requests.length;
    await rejects(() => client.createKeyFromSession({ rate: 1, access_rights: {} }), 'bad-request');
    assert.equal(sandbox.requests.length, before);
  });
});
