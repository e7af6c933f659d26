import * as assert from 'node:assert/strict';
import { authKindOf, toPolicies, toTykApi } from '../../../src/tyk/mapping';
import { ApiDefinition, ApiDefinitionsResponse } from '../../../src/tyk/schemas';

const parse = (def: Record<string, unknown>): ApiDefinition => ApiDefinition.parse({ api_id: 'id1', ...def });

describe('tyk/mapping and schemas', () => {
  it('maps a classic API with v1/v2 and a default version', () => {
    const api = toTykApi(
      parse({
        id: '5f0c',
        name: 'Payments',
        org_id: 'org',
        active: true,
        proxy: { listen_path: '/payments/', target_url: 'http://x' },
        auth: { auth_header_name: 'X-Api-Key' },
        version_data: { not_versioned: false, default_version: 'v2', versions: { v1: { name: 'v1' }, v2: { name: 'v2' } } },
      }),
    );
    assert.deepEqual(api, {
      apiId: 'id1',
      dbId: '5f0c',
      name: 'Payments',
      listenPath: '/payments/',
      authKind: 'authToken',
      authKinds: ['authToken'],
      keyKind: 'authToken',
      authHeaderName: 'X-Api-Key',
      active: true,
      internal: false,
      isOas: false,
      versions: ['v1', 'v2'],
      defaultVersion: 'v2',
      oasVersions: [],
      orgId: 'org',
      protocol: 'http',
      requestable: true,
    });
  });

  it('maps an OAS base API: no classic versions, its version APIs by api_id', () => {
    const api = toTykApi(
      parse({ is_oas: true, name: 'Orders', definition: { enabled: true, name: 'v1', versions: { v2: 'id2', v3: 'id3' } }, version_data: { versions: { Default: {} } } }),
    );
    assert.deepEqual(api.versions, []);
    assert.deepEqual(api.oasVersions, [
      { name: 'v1', apiId: 'id1' },
      { name: 'v2', apiId: 'id2' },
      { name: 'v3', apiId: 'id3' },
    ]);
  });

  it('derives the auth kind', () => {
    assert.equal(authKindOf(parse({ use_keyless: true, use_standard_auth: true })), 'keyless');
    assert.equal(authKindOf(parse({ enable_jwt: true })), 'jwt');
    assert.equal(authKindOf(parse({ use_basic_auth: true })), 'basic');
    assert.equal(authKindOf(parse({ enable_signature_checking: true })), 'hmac');
    assert.equal(authKindOf(parse({ use_standard_auth: true, enable_jwt: true })), 'multiple');
    assert.equal(authKindOf(parse({})), 'authToken');
  });

  it('tolerates odd cosmetic fields and nulls, but not a missing api_id', () => {
    const api = toTykApi(parse({ name: 42, active: 'yes', tags: null, version_data: null, proxy: { listen_path: null } }));
    assert.equal(api.name, 'id1');
    assert.equal(api.active, true);
    assert.deepEqual(api.versions, ['Default']);
    assert.equal(ApiDefinitionsResponse.safeParse({ apis: [{ api_definition: { name: 'x' } }], pages: 1 }).success, false);
    assert.equal(ApiDefinitionsResponse.safeParse({ apis: null, pages: 0 }).success, true);
  });

  it('keeps nothing of a definition beyond the named fields', () => {
    const parsed = ApiDefinition.parse({ api_id: 'x', name: 'n', huge: 'y'.repeat(1000), version_data: { versions: {} } });
    assert.ok(!('huge' in parsed));
  });

  it('maps policies: id, else _id; inactive ones marked', async () => {
    const policies = await toPolicies([
      { _id: 'm1', id: '', name: 'Gold', active: true, access_rights: { a: { api_id: 'a', api_name: 'A' } }, rate: 10, per: 1 },
      { _id: 'm2', id: 'p2', name: 'Old', active: false },
      { name: 'no id' },
    ], 'dashboard');
    assert.deepEqual(
      policies.map((p) => [p.id, p.name, p.active, p.apis.length]),
      [
        ['m1', 'Gold', true, 1],
        ['p2', 'Old', false, 0],
      ],
    );
  });
});
