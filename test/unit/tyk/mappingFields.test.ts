// src/tyk/mapping.ts, field by field: every auth flag, the key kind's rules, the token header's sources,
// versions, sessions, policies and certificates, with what is absent staying absent.
import * as assert from 'node:assert/strict';
import {
  authHeaderNameOf,
  authKindsOf,
  keyKindOf,
  policyIdsOf,
  sessionKindOf,
  toCertificates,
  toKeyDetails,
  toPolicies,
  toTykApi,
  toTykPolicy,
  usernameOf,
} from '../../../src/tyk/mapping';
import { ApiDefinition, OasDocument, SessionState } from '../../../src/tyk/schemas';

const def = (fields: Record<string, unknown> = {}): ApiDefinition => ApiDefinition.parse({ api_id: 'id1', ...fields });
const oas = (schemes: Record<string, unknown>, declared: Record<string, unknown> = {}): OasDocument =>
  OasDocument.parse({ components: { securitySchemes: declared }, 'x-tyk-api-gateway': { server: { authentication: { securitySchemes: schemes } } } });
const session = (fields: Record<string, unknown>): SessionState => SessionState.parse(fields);

describe('tyk/mapping: field by field', () => {
  it('authKindsOf: every method in Tyk’s order; keyless alone; none set is auth token', () => {
    assert.deepEqual(
      authKindsOf(
        def({
          use_basic_auth: true,
          enable_jwt: true,
          use_oauth2: true,
          enable_signature_checking: true,
          use_openid: true,
          use_mutual_tls_auth: true,
          use_go_plugin_auth: true,
          use_standard_auth: true,
        }),
      ),
      ['basic', 'jwt', 'oauth2', 'hmac', 'oidc', 'mtls', 'custom', 'authToken'],
    );
    assert.deepEqual(authKindsOf(def({ enable_coprocess_auth: true })), ['custom']);
    assert.deepEqual(authKindsOf(def({ use_go_plugin_auth: true })), ['custom']);
    assert.deepEqual(authKindsOf(def({ use_standard_auth: true })), ['authToken']);
    assert.deepEqual(authKindsOf(def({ use_keyless: true, use_basic_auth: true })), ['keyless']);
    assert.deepEqual(authKindsOf(def({ use_basic_auth: false })), ['authToken']);
  });

  it('keyKindOf: the base identity when enabled; else the one method; else keys first (auth token, basic, hmac…)', () => {
    assert.equal(keyKindOf(def({ use_basic_auth: true, use_standard_auth: true, base_identity_provided_by: 'basic_auth_user' })), 'basic');
    assert.equal(keyKindOf(def({ use_basic_auth: true, use_standard_auth: true, base_identity_provided_by: 'jwt_claim' })), 'authToken', 'a base identity not enabled is ignored');
    assert.equal(keyKindOf(def({ use_basic_auth: true, use_standard_auth: true, base_identity_provided_by: 'nonsense' })), 'authToken');
    assert.equal(keyKindOf(def({ use_basic_auth: true, enable_jwt: true })), 'basic');
    assert.equal(keyKindOf(def({ enable_signature_checking: true, enable_jwt: true })), 'hmac');
    assert.equal(keyKindOf(def({ enable_jwt: true, use_oauth2: true })), 'jwt');
    assert.equal(keyKindOf(def({ use_oauth2: true, use_openid: true })), 'oauth2');
    assert.equal(keyKindOf(def({ use_openid: true, custom_plugin_auth_enabled: true })), 'oidc');
    assert.equal(keyKindOf(def({ use_mutual_tls_auth: true, custom_plugin_auth_enabled: true })), 'custom');
    assert.equal(keyKindOf(def({ use_keyless: true })), 'keyless');
    for (const [base, flags, kind] of [
      ['oauth_key', { use_oauth2: true, use_standard_auth: true }, 'oauth2'],
      ['oidc_user', { use_openid: true, use_standard_auth: true }, 'oidc'],
      ['custom_auth', { enable_coprocess_auth: true, use_standard_auth: true }, 'custom'],
      ['hmac_key', { enable_signature_checking: true, use_standard_auth: true }, 'hmac'],
      ['jwt_claim', { enable_jwt: true, use_standard_auth: true }, 'jwt'],
      ['auth_token', { enable_jwt: true, use_standard_auth: true }, 'authToken'],
    ] as const) {
      assert.equal(keyKindOf(def({ ...flags, base_identity_provided_by: base })), kind, base);
    }
  });

  it('keyKindOf: auth tokens bound to certificates (classic use_certificate, or an enabled OAS scheme) are certificate keys', () => {
    assert.equal(keyKindOf(def({ auth_configs: { authToken: { use_certificate: true } } })), 'certificate');
    assert.equal(keyKindOf(def({ auth: { use_certificate: true } })), 'certificate');
    assert.equal(keyKindOf(def({ auth: { use_certificate: true }, auth_configs: { authToken: { use_certificate: false } } })), 'authToken', 'auth_configs first');
    assert.equal(keyKindOf(def(), oas({ t: { enableClientCertificate: true } })), 'certificate');
    assert.equal(keyKindOf(def(), oas({ t: { enabled: true, enableClientCertificate: true } })), 'certificate');
    assert.equal(keyKindOf(def(), oas({ t: { enabled: false, enableClientCertificate: true } })), 'authToken');
    assert.equal(keyKindOf(def(), oas({ t: { enableClientCertificate: false } })), 'authToken');
    assert.equal(keyKindOf(def({ use_basic_auth: true, auth: { use_certificate: true } })), 'basic');
  });

  it('authHeaderNameOf: OAS token header, else the OAS apiKey header scheme, else classic fields, else Authorization', () => {
    assert.equal(authHeaderNameOf(def(), oas({ t: { header: { name: ' X-Tyk ' } } })), 'X-Tyk');
    assert.equal(authHeaderNameOf(def(), oas({ t: { header: { enabled: true, name: 'X-Tyk' } } }, { t: { type: 'apiKey', in: 'header', name: 'X-Oas' } })), 'X-Tyk');
    assert.equal(authHeaderNameOf(def(), oas({ t: { header: { enabled: false, name: 'X-Tyk' } } }, { t: { type: 'apiKey', in: 'header', name: 'X-Oas' } })), 'X-Oas');
    assert.equal(authHeaderNameOf(def(), oas({ t: {} }, { t: { type: 'apiKey', in: 'query', name: 'X-Oas' } })), 'Authorization');
    assert.equal(authHeaderNameOf(def(), oas({ t: {} }, { t: { type: 'http', in: 'header', name: 'X-Oas' } })), 'Authorization');
    assert.equal(authHeaderNameOf(def(), oas({ off: { enabled: false, header: { name: 'X-Off' } }, on: { header: { name: 'X-On' } } })), 'X-On');
    assert.equal(authHeaderNameOf(def(), oas({ a: { header: { name: ' ' } }, b: { header: { name: 'X-B' } } })), 'X-B');
    assert.equal(authHeaderNameOf(def({ auth: { auth_header_name: 'X-Legacy' } }), oas({ a: {} })), 'X-Legacy');
    assert.equal(authHeaderNameOf(def({ auth: { auth_header_name: 'X-Legacy' }, auth_configs: { authToken: { auth_header_name: 'X-New' } } })), 'X-New');
    assert.equal(authHeaderNameOf(def()), 'Authorization');
  });

  it('toTykApi: protocol declared or from the target; requestable; name falls back to the id; internal; active per flavor', () => {
    assert.equal(toTykApi(def({ protocol: ' TCP ' })).protocol, 'tcp');
    assert.equal(toTykApi(def({ protocol: 'tls' })).protocol, 'tls');
    assert.equal(toTykApi(def({ protocol: 'http', proxy: { target_url: ' TCP://db:1' } })).protocol, 'tcp');
    assert.equal(toTykApi(def({ proxy: { target_url: 'https://up' } })).protocol, 'http');
    assert.equal(toTykApi(def({ protocol: 'tcp' }), { mcp: true }).protocol, 'mcp');
    const tls = toTykApi(def({ protocol: 'tls', proxy: { listen_path: '/x/' } }));
    assert.deepEqual([tls.requestable, tls.notRequestableReason], [false, 'tcp']);
    assert.equal('notRequestableReason' in toTykApi(def({ proxy: { listen_path: '/x/' } })), false);
    assert.equal(toTykApi(def({ proxy: { listen_path: '/a/{id}' } })).notRequestableReason, 'regex-path');
    assert.equal(toTykApi(def({ proxy: { listen_path: '/a/}' } })).notRequestableReason, 'regex-path');
    assert.equal(toTykApi(def({ proxy: { listen_path: 'VAULT://x' } })).notRequestableReason, 'secret-path');
    assert.equal(toTykApi(def({ proxy: { listen_path: '/conf://x' } })).notRequestableReason, 'secret-path');
    assert.equal(toTykApi(def({ proxy: { listen_path: '/myenv://x' } })).notRequestableReason, undefined);
    assert.equal(toTykApi(def({ name: '  ' })).name, 'id1');
    assert.equal(toTykApi(def({ name: ' Pets ' })).name, 'Pets');
    assert.equal(toTykApi(def()).listenPath, '');
    assert.equal(toTykApi(def({ internal: true })).internal, true);
    assert.equal(toTykApi(def({ active: false })).active, false);
    assert.equal(toTykApi(def({ active: false }), { flavor: 'dashboard' }).active, false);
    assert.equal(toTykApi(def({ active: false }), { flavor: 'gateway' }).active, true);
    assert.equal(toTykApi(def()).active, true);
    const bare = toTykApi(def({ id: '', org_id: null }));
    for (const absent of ['dbId', 'orgId', 'defaultVersion', 'notRequestableReason']) {
      assert.equal(absent in bare, false, absent);
    }
    assert.equal(toTykApi(def({ use_basic_auth: true, use_standard_auth: true })).authKind, 'multiple');
  });

  it('toTykApi: classic versions and their default; OAS versions other than the base, named', () => {
    assert.equal(toTykApi(def({ version_data: { default_version: 'v3', versions: { v1: {}, v2: {} } } })).defaultVersion, undefined, 'a default that is no version');
    assert.equal(toTykApi(def({ version_data: { not_versioned: true, default_version: 'v1', versions: { v1: {} } } })).defaultVersion, undefined);
    assert.equal(toTykApi(def({ version_data: { not_versioned: false, default_version: 'v1', versions: { v1: {} } } })).defaultVersion, 'v1');
    assert.deepEqual(toTykApi(def({ version_data: { versions: {} } })).versions, ['Default']);
    const base = { is_oas: true, definition: { enabled: true, name: '', versions: { v2: 'id2', '': 'id9', v9: '', self: 'id1' } } };
    assert.deepEqual(toTykApi(def(base)).oasVersions, [
      { name: 'Default', apiId: 'id1' },
      { name: 'v2', apiId: 'id2' },
    ]);
    assert.deepEqual(toTykApi(def({ is_oas: true, definition: { enabled: true, versions: { self: 'id1' } } })).oasVersions, []);
    assert.deepEqual(toTykApi(def({ is_oas: true, definition: { enabled: false, versions: { v2: 'id2' } } })).oasVersions, []);
    assert.deepEqual(toTykApi(def({ is_oas: false, definition: { enabled: true, versions: { v2: 'id2' } } })).oasVersions, []);
    assert.equal(toTykApi(def({ is_oas: true })).isOas, true);
    assert.deepEqual(toTykApi(def({ is_oas: true, version_data: { versions: { v1: {} } } })).versions, []);
  });

  it('toKeyDetails: every field of the session, absent ones absent; rights by api_id else their key', () => {
    const raw = {
      alias: 'ci',
      access_rights: { k1: { api_id: 'a1', api_name: 'Pets', versions: ['v1'] }, k2: { api_id: '', api_name: null } },
      rate: 5,
      per: 2,
      quota_max: 100,
      quota_remaining: 40,
      quota_renewal_rate: 3600,
      quota_renews: 1700000000,
      expires: 1800000000,
      is_inactive: true,
      tags: ['t'],
      apply_policies: ['p1'],
      org_id: 'org',
      certificate: 'cert1',
    };
    const details = toKeyDetails('key1', 'hash1', session(raw), raw);
    assert.deepEqual(details, {
      keyId: 'key1',
      keyHash: 'hash1',
      alias: 'ci',
      accessRights: [
        { apiId: 'a1', apiName: 'Pets', versions: ['v1'] },
        { apiId: 'k2', apiName: undefined, versions: [] },
      ],
      rate: 5,
      per: 2,
      quotaMax: 100,
      quotaRemaining: 40,
      quotaRenewalRate: 3600,
      quotaRenews: 1700000000,
      expires: 1800000000,
      isInactive: true,
      tags: ['t'],
      policies: ['p1'],
      orgId: 'org',
      kind: 'certificate',
      certificate: 'cert1',
      session: raw,
    });
    const bare = toKeyDetails('key1', undefined, session({ alias: '' }), {});
    assert.deepEqual(bare, { keyId: 'key1', accessRights: [], isInactive: false, tags: [], policies: [], kind: 'authToken', session: {} });
    assert.equal(toKeyDetails('k', undefined, session({ hmac_enabled: false, hmac_string: 's' }), {}).hmacSecret, undefined);
    assert.equal(toKeyDetails('k', undefined, session({ hmac_enabled: true, hmac_string: 's' }), {}).hmacSecret, 's');
    assert.equal(toKeyDetails('organn', undefined, session({ org_id: 'org', basic_auth_data: { hash_type: 'bcrypt' } }), {}).username, 'ann');
    assert.equal('username' in toKeyDetails('organn', undefined, session({ org_id: 'org' }), {}), false);
  });

  it('policyIdsOf, sessionKindOf, usernameOf', () => {
    assert.deepEqual(policyIdsOf({ apply_policies: ['a', '', 'b', 'a'], apply_policy_id: 'x' }), ['a', 'b']);
    assert.deepEqual(policyIdsOf({ apply_policies: [''], apply_policy_id: 'x' }), ['x']);
    assert.deepEqual(policyIdsOf({ apply_policy_id: '' }), []);
    assert.deepEqual(policyIdsOf({}), []);
    assert.equal(sessionKindOf(session({ basic_auth_data: { password: 'p' } })), 'basic');
    assert.equal(sessionKindOf(session({ basic_auth_data: { password: '', hash_type: '' }, hmac_enabled: true })), 'hmac');
    assert.equal(sessionKindOf(session({ basic_auth_data: { hash_type: 'bcrypt' }, hmac_enabled: true })), 'basic');
    assert.equal(sessionKindOf(session({ hmac_enabled: true, certificate: 'c' })), 'hmac');
    assert.equal(sessionKindOf(session({ certificate: '' })), 'authToken');
    assert.equal(usernameOf('organn', 'org'), 'ann');
    assert.equal(usernameOf('org', 'org'), undefined, 'the org id alone is no username');
    assert.equal(usernameOf('xorgann', 'org'), undefined);
    assert.equal(usernameOf(Buffer.from(JSON.stringify({ org: 'o', id: 'bob' })).toString('base64'), ''), 'bob');
    assert.equal(usernameOf(Buffer.from(JSON.stringify({ org: 'o', id: 7 })).toString('base64'), ''), undefined);
    assert.equal(usernameOf(Buffer.from('null').toString('base64'), ''), undefined);
    assert.equal(usernameOf('plain', ''), undefined);
  });

  it('toTykPolicy: id, else _id, else none; name else id; active per flavor and is_inactive; rights and limits', async () => {
    assert.equal(toTykPolicy({ name: 'x' }), undefined);
    const full = toTykPolicy({
      id: 'p1',
      name: ' Gold ',
      access_rights: { k1: { api_id: 'a1', api_name: 'Pets' }, k2: { api_id: '', api_name: '' } },
      rate: 10,
      per: 60,
      quota_max: 1000,
      quota_renewal_rate: 3600,
      key_expires_in: 86400,
      tags: ['t'],
    });
    assert.deepEqual(full, {
      id: 'p1',
      name: 'Gold',
      active: true,
      apis: [{ apiId: 'a1', apiName: 'Pets' }, { apiId: 'k2' }],
      tags: ['t'],
      rate: 10,
      per: 60,
      quotaMax: 1000,
      quotaRenewalRate: 3600,
      keyExpiresIn: 86400,
    });
    assert.deepEqual(toTykPolicy({ _id: 'm1', name: '' }), { id: 'm1', name: 'm1', active: true, apis: [], tags: [] });
    assert.equal(toTykPolicy({ id: 'p', active: false })?.active, false);
    assert.equal(toTykPolicy({ id: 'p', active: false }, 'gateway')?.active, true);
    assert.equal(toTykPolicy({ id: 'p', is_inactive: true }, 'gateway')?.active, false);
    assert.equal(toTykPolicy({ id: 'p', is_inactive: true, active: true })?.active, false);
    assert.deepEqual(await toPolicies(null, 'dashboard'), []);
    assert.deepEqual(
      (await toPolicies([{ id: 'p', active: false }], 'gateway')).map((p) => p.active),
      [true],
    );
  });

  it('toCertificates: id, and subject, issuer, expiry and private key when sent', () => {
    assert.deepEqual(toCertificates(null), []);
    assert.deepEqual(toCertificates([{ id: 'c1', subject_cn: 'api', issuer_cn: 'ca', not_after: '2030-01-01', has_private: true }, { id: 'c2' }]), [
      { id: 'c1', subject: 'api', issuer: 'ca', notAfter: '2030-01-01', hasPrivateKey: true },
      { id: 'c2' },
    ]);
  });
});
