// Tyk's own shapes (test/fixtures/tyk, see its SOURCES.md) mapped as Tyk means them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createsKey, keyKindAdvice, notRequestableMessage } from '../../../src/domain/keyKinds';
import { checkSession, rotationSession } from '../../../src/domain/keySpec';
import { notRequestableReason, toKeyDetails, toPolicies, toTykApi, usernameOf } from '../../../src/tyk/mapping';
import { ApiDefinition, ApiDefinitionWrapper, GatewayPolicies, SessionState } from '../../../src/tyk/schemas';

/** A fixture from test/fixtures/tyk, found from the source or the compiled (out/) location. */
export function tykFixture(name: string): unknown {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'tyk', name);
    if (fs.existsSync(candidate)) {
      return JSON.parse(fs.readFileSync(candidate, 'utf8')) as unknown;
    }
  }
  throw new Error(`test/fixtures/tyk/${name} not found above ${__dirname}`);
}

const def = (name: string): ApiDefinition => ApiDefinition.parse(tykFixture(name));
const sessions = tykFixture('sessions.json') as Record<string, Record<string, unknown>>;
const details = (name: string, keyId = 'key-1'): ReturnType<typeof toKeyDetails> => toKeyDetails(keyId, undefined, SessionState.parse(sessions[name]), sessions[name]);

describe('tyk/mapping of Tyk’s own shapes', () => {
  it('a file-based Gateway app without `active` is served (the Gateway never reads `active`)', () => {
    const app = def('gateway-app-file.json');
    assert.equal(toTykApi(app, { flavor: 'gateway' }).active, true);
    // Even `active: false` on a Gateway: it lists only what it loaded, and it loads files whatever `active` says.
    assert.equal(toTykApi({ ...app, active: false }, { flavor: 'gateway' }).active, true);
    // The Dashboard's `active: false` is what it says.
    assert.equal(toTykApi({ ...app, active: false }).active, false);
    assert.equal(toTykApi(app).active, true, 'a Dashboard definition without `active`: not switched off');
    assert.equal(toTykApi(app, { flavor: 'gateway' }).authHeaderName, 'authorization', 'the legacy `auth` when `auth_configs` is missing');
  });

  it('Gateway policies are usable unless `is_inactive` (a policy file without `active` reads as active:false)', async () => {
    const list = GatewayPolicies.parse(tykFixture('gateway-policies.json'));
    assert.deepEqual(
      (await toPolicies(list, 'gateway')).map((p) => [p.id, p.active]),
      [
        ['default', true],
        ['suspended', false],
      ],
    );
    assert.deepEqual(
      (await toPolicies(list, 'dashboard')).map((p) => [p.id, p.active]),
      [
        ['default', false],
        ['suspended', false],
      ],
      'a Dashboard’s `active: false` still counts',
    );
  });

  it('the auth header: auth_configs.authToken first, then `auth`; Tyk OAS: the x-tyk-api-gateway token header', () => {
    const multi = toTykApi(def('multi-auth-api.json'));
    assert.equal(multi.authHeaderName, 'X-Team-Token');
    const wrapper = ApiDefinitionWrapper.parse(tykFixture('oas-api-wrapper.json'));
    assert.equal(toTykApi(wrapper.api_definition, { oas: wrapper.oas }).authHeaderName, 'X-Orders-Key');
    assert.equal(toTykApi(wrapper.api_definition).authHeaderName, 'Authorization', 'without the OAS document: the classic fields');
    const oasWithoutTykHeader = { ...wrapper.oas, 'x-tyk-api-gateway': { server: { authentication: { securitySchemes: { token: { enabled: true } } } } } };
    assert.equal(toTykApi(wrapper.api_definition, { oas: oasWithoutTykHeader }).authHeaderName, 'X-Orders-Key', 'the OAS apiKey scheme’s name');
    assert.equal(toTykApi(ApiDefinition.parse({ api_id: 'x', auth_configs: { authToken: { auth_header_name: ' ' } } })).authHeaderName, 'Authorization');
  });

  it('keys applying a policy through `apply_policy_id` show it; apply_policies wins when set (user/session.go PolicyIDs)', () => {
    assert.deepEqual(details('applyPolicyId').policies, ['5ead7120575961000181867e']);
    assert.deepEqual(details('both').policies, ['gold', 'silver']);
  });

  it('the API’s kind: HTTP, TCP/TLS, MCP; and whether a literal request can be written', () => {
    const tcp = toTykApi(def('tcp-api.json'), { flavor: 'gateway' });
    assert.deepEqual([tcp.protocol, tcp.requestable, tcp.notRequestableReason], ['tcp', false, 'tcp']);
    assert.equal(toTykApi(ApiDefinition.parse({ api_id: 't', proxy: { listen_path: '/x/', target_url: 'tls://db:5432' } })).protocol, 'tls');
    const app = toTykApi(def('gateway-app-file.json'), { flavor: 'gateway' });
    assert.deepEqual([app.protocol, app.requestable, app.notRequestableReason], ['http', true, undefined]);
    assert.equal(toTykApi(def('gateway-app-file.json'), { flavor: 'gateway', mcp: true }).protocol, 'mcp');
    const regex = toTykApi(def('cert-bound-api.json'));
    assert.deepEqual([regex.requestable, regex.notRequestableReason], [false, 'regex-path']);
    assert.equal(notRequestableReason('http', 'secrets://paths/partners'), 'secret-path');
    assert.equal(notRequestableReason('http', 'env://LISTEN_PATH'), 'secret-path');
    assert.equal(notRequestableReason('http', '/plain/path/'), undefined);
    for (const reason of ['tcp', 'regex-path', 'secret-path'] as const) {
      assert.ok(notRequestableMessage(reason).length > 20);
    }
  });

  it('the key kind an API expects, and what Create Key says where Tyk uses no key', () => {
    assert.equal(toTykApi(def('multi-auth-api.json')).keyKind, 'authToken', 'multi-auth: base_identity_provided_by decides');
    assert.deepEqual(toTykApi(def('multi-auth-api.json')).authKinds, ['basic', 'authToken']);
    const multiBasic = ApiDefinition.parse({ ...(tykFixture('multi-auth-api.json') as object), base_identity_provided_by: 'basic_auth_user' });
    assert.equal(toTykApi(multiBasic).keyKind, 'basic');
    assert.equal(toTykApi(def('cert-bound-api.json')).keyKind, 'certificate');
    assert.equal(toTykApi(def('tcp-api.json')).keyKind, 'keyless');
    const kinds: Array<[Record<string, unknown>, string]> = [
      [{ use_basic_auth: true }, 'basic'],
      [{ use_standard_auth: true, enable_signature_checking: true, base_identity_provided_by: 'hmac_key' }, 'hmac'],
      [{ enable_signature_checking: true }, 'hmac'],
      [{ enable_jwt: true }, 'jwt'],
      [{ use_oauth2: true }, 'oauth2'],
      [{ use_openid: true }, 'oidc'],
      [{ use_mutual_tls_auth: true }, 'mtls'],
      [{ use_mutual_tls_auth: true, use_standard_auth: true }, 'authToken'],
      [{ custom_plugin_auth_enabled: true }, 'custom'],
      [{}, 'authToken'],
    ];
    for (const [flags, kind] of kinds) {
      const api = toTykApi(ApiDefinition.parse({ api_id: 'k', ...flags }));
      assert.equal(api.keyKind, kind, JSON.stringify(flags));
      assert.equal(createsKey(api.keyKind), ['authToken', 'basic', 'hmac', 'certificate'].includes(kind));
      assert.equal(keyKindAdvice(api.keyKind) === undefined, createsKey(api.keyKind), `advice for ${kind}`);
    }
  });

  it('key kinds read back: basic-auth user (password blanked), HMAC key with its secret', () => {
    const orgId = '5e9d9544a1dcd60001d0ed20';
    const basic = details('basicUser', `${orgId}alice`);
    assert.deepEqual([basic.kind, basic.username], ['basic', 'alice']);
    const b64 = Buffer.from(JSON.stringify({ org: orgId, id: 'bob', h: 'murmur64' })).toString('base64');
    assert.equal(usernameOf(b64, orgId), 'bob');
    const hmac = details('hmacKey');
    assert.deepEqual([hmac.kind, hmac.hmacSecret], ['hmac', 'ZmE3ZjlhMWQ0ZWJjNGY1MmE4ZWQxYjE0OWQ2YTMzZjA=']);
    assert.equal(details('applyPolicyId').kind, 'authToken');
  });

  it('rotation never copies a basic-auth user, an HMAC secret or a certificate binding', () => {
    assert.match(checkSession(sessions.basicUser) ?? '', /new password/);
    const copy = rotationSession({ ...sessions.hmacKey, certificate: 'cert-1', quota_remaining: 3 });
    assert.equal(copy.hmac_enabled, true, 'still an HMAC key: Tyk issues a new secret');
    assert.ok(!('hmac_string' in copy) && !('certificate' in copy) && !('quota_remaining' in copy));
    assert.equal(rotationSession({ ...sessions.hmacKey, certificate: 'cert-1' }, 'cert-2').certificate, 'cert-2');
  });
});
