// Every kind of key through the client against the sandbox taught Tyk's behaviours (tykShapes, hashed keys).
import * as assert from 'node:assert/strict';
import { createTykClient, type TykClient } from '../../../src/tyk';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import type { KeySpec, TykApi, TykFlavor } from '../../../src/domain/model';
import { startSandbox, TYK_CONF_EXAMPLE, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { SAMPLE, SAMPLE_SHAPES } from '../../sandbox/seed';

function clientFor(sandbox: Sandbox, flavor: TykFlavor): TykClient {
  return createTykClient(
    flavor === 'dashboard'
      ? { flavor, baseUrl: sandbox.dashboardUrl, credential: sandbox.credential }
      : { flavor, baseUrl: sandbox.gatewayUrl ?? '', credential: sandbox.gatewaySecret },
  );
}

const spec = (api: TykApi, orgId: string, change: Partial<KeySpec> = {}): KeySpec => ({
  access: [{ apiId: api.apiId, apiName: api.name, versions: api.versions }],
  ...DEFAULT_LIMITS,
  orgId,
  ...change,
});

async function withSandbox(options: SandboxOptions, fn: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ quiet: true, ...options });
  try {
    await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

for (const flavor of ['dashboard', 'gateway'] as const) {
  describe(`tyk/client: every kind of key against the sandbox (${flavor})`, () => {
    it('reads Tyk-shaped APIs and policies as Tyk means them', () =>
      withSandbox({ tykShapes: true, openSourceGateway: true }, async (sandbox) => {
        const client = clientFor(sandbox, flavor);
        const apis = await client.listAllApis();
        const find = (apiId: string): TykApi => apis.find((a) => a.apiId === apiId) ?? assert.fail(apiId);
        assert.equal(find(SAMPLE_SHAPES.fileApp.apiId).active, true, 'a definition without `active`');
        assert.equal(find(SAMPLE.legacyBilling.apiId).active, flavor === 'gateway', 'a Gateway never reads `active`');
        const multi = find(SAMPLE_SHAPES.multiAuth.apiId);
        assert.deepEqual([multi.authKind, multi.keyKind, multi.authHeaderName], ['multiple', 'authToken', 'X-Team-Token']);
        assert.equal(find(SAMPLE_SHAPES.certBound.apiId).keyKind, 'certificate');
        assert.deepEqual([find(SAMPLE_SHAPES.tcpRedis.apiId).protocol, find(SAMPLE_SHAPES.tcpRedis.apiId).requestable], ['tcp', false]);
        assert.equal(find(SAMPLE.reportsBasic.apiId).keyKind, 'basic');
        assert.equal(find(SAMPLE.partnerJwt.apiId).keyKind, 'jwt');
        assert.equal(find(SAMPLE.mobileOauth.apiId).keyKind, 'oauth2');
        assert.equal(find(SAMPLE.weather.apiId).keyKind, 'keyless');
        const policies = await client.listPolicies();
        assert.equal(policies.find((p) => p.id === SAMPLE_SHAPES.policies.file.id)?.active, true, 'a policy file without `active` is usable');
        assert.equal(policies.find((p) => p.id === SAMPLE_SHAPES.policies.suspended.id)?.active, false);
        const viaPolicyId = sandbox.keys().find((k) => k.session.alias === 'demo-apply-policy-id');
        assert.deepEqual((await client.getKey({ id: viaPolicyId?.key ?? '' })).policies, [SAMPLE.policies.gold.id]);
      }));

    it('basic-auth users: created, read back without the password, rotated to a new password for the same user', () =>
      withSandbox({}, async (sandbox) => {
        const client = clientFor(sandbox, flavor);
        const reports = await client.getApi(SAMPLE.reportsBasic.apiId);
        const created = await client.createKey(spec(reports, sandbox.orgId, { basicAuth: { username: 'erin', password: 'first-password' } }));
        assert.equal(created.username, 'erin');
        const stored = (): unknown => sandbox.keys().find((k) => k.key === `${sandbox.orgId}erin`)?.session.basic_auth_data;
        const before = JSON.stringify(stored());
        const details = await client.getKey({ id: created.key });
        assert.deepEqual([details.kind, details.username], ['basic', 'erin']);
        assert.equal((details.session.basic_auth_data as { password: string }).password, '');
        const rotated = await client.setBasicAuthPassword({ id: created.key });
        assert.equal(rotated.username, 'erin');
        assert.notEqual(JSON.stringify(stored()), before, 'a new password hash');
        assert.equal(sandbox.keys().length, 1, 'the same user, no copy');
      }));

    it('HMAC keys: the secret Tyk generated is delivered, and a new one on rotation', () =>
      withSandbox({}, async (sandbox) => {
        const client = clientFor(sandbox, flavor);
        const hooks = await client.getApi(SAMPLE.webhooksHmac.apiId);
        const created = await client.createKey(spec(hooks, sandbox.orgId, { hmac: true }));
        const stored = sandbox.keys().find((k) => k.key === created.key)?.session.hmac_string;
        assert.ok(created.hmacSecret && created.hmacSecret === stored);
        const details = await client.getKey({ id: created.key });
        const rotated = await client.createKeyFromSession(details.session);
        assert.ok(rotated.hmacSecret && rotated.hmacSecret !== created.hmacSecret);
      }));

    it('certificate-bound keys: certificates listed; a second key on a certificate is a conflict; rotation rebinds', () =>
      withSandbox({ tykShapes: true }, async (sandbox) => {
        const client = clientFor(sandbox, flavor);
        const [certA, certB] = await client.listCertificates();
        assert.ok(certA?.subject && certB);
        const api = await client.getApi(SAMPLE_SHAPES.certBound.apiId);
        const created = await client.createKey(spec(api, sandbox.orgId, { certificate: certA.id }));
        await assert.rejects(() => client.createKey(spec(api, sandbox.orgId, { certificate: certA.id })), (e: Error & { kind?: string }) => e.kind === 'conflict');
        const details = await client.getKey({ id: created.key });
        assert.deepEqual([details.kind, details.certificate], ['certificate', certA.id]);
        const rotated = await client.createKeyFromSession(details.session, { certificate: certB.id });
        assert.equal(sandbox.keys().find((k) => k.key === rotated.key)?.session.certificate, certB.id);
      }));

    it('custom key ids, in Tyk’s tyk.conf.example mode too', () =>
      withSandbox({ ...TYK_CONF_EXAMPLE }, async (sandbox) => {
        const client = clientFor(sandbox, flavor);
        const petstore = await client.getApi(SAMPLE.petstore.apiId);
        const created = await client.createKey(spec(petstore, sandbox.orgId, { customKeyId: 'migrated-0001' }));
        assert.ok(created.keyHash);
        const decoded = JSON.parse(Buffer.from(created.key, 'base64').toString('utf8')) as { id: string };
        assert.equal(decoded.id, 'migrated-0001');
        assert.equal((await client.getKey({ id: created.keyHash ?? '', hashed: true })).accessRights[0]?.apiId, petstore.apiId);
      }));
  });
}
