// TykClient.keyUsage: a key's traffic per day from the Dashboard's analytics (against the sandbox, and a
// loopback server for answers the sandbox never gives), and a Gateway's plain "no analytics API".
import * as assert from 'node:assert/strict';
import { createTykClient, type TykClient } from '../../../src/tyk';
import { DashboardClient, MAX_USAGE_RESPONSE_BYTES } from '../../../src/tyk/dashboard';
import { MAX_USAGE_UNITS } from '../../../src/tyk/schemas';
import { DEFAULT_LIMITS } from '../../../src/domain/keySpec';
import { dailyUsage, lastDays, usageKeyId, type DayRange } from '../../../src/domain/usage';
import { startSandbox, withSandbox, TYK_CONF_EXAMPLE, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { SAMPLE } from '../../sandbox/seed';
import { json, startFaultServer, text, type FaultServer } from '../../support/faultServer';
import { tykErrorOf } from '../../support/tykError';

const DAY = 86_400_000;

function dashboardOf(sb: Sandbox): TykClient {
  return createTykClient({ flavor: 'dashboard', baseUrl: sb.dashboardUrl, credential: sb.credential });
}

/** A key on Petstore made through the client, as Create Key does; its details as Show Key Details reads them. */
async function newKey(client: TykClient): Promise<{ key: string; usageId: string }> {
  const created = await client.createKey({ access: [{ apiId: SAMPLE.petstore.apiId, apiName: SAMPLE.petstore.name, versions: ['Default'] }], ...DEFAULT_LIMITS, alias: 'usage' });
  const details = await client.getKey({ id: created.key });
  return { key: created.key, usageId: usageKeyId(details) };
}

/** A sandbox started with `options` and a Dashboard client of it, both closed after `fn`. */
async function withDashboard(options: SandboxOptions, fn: (sb: Sandbox, client: TykClient) => Promise<void>): Promise<void> {
  await withSandbox({ ...options, quiet: true }, async (sb) => {
    const client = dashboardOf(sb);
    try {
      await fn(sb, client);
    } finally {
      client.dispose();
    }
  });
}

async function callPetstore(sb: Sandbox, key: string): Promise<number> {
  const res = await fetch(`${sb.gatewayUrl ?? assert.fail('no Gateway')}/petstore/`, { headers: { Authorization: key } });
  await res.arrayBuffer();
  return res.status;
}

describe('tyk/client keyUsage', function () {
  this.timeout(10000);

  describe('against the sandbox', () => {
    let sb: Sandbox;
    let client: TykClient;
    before(async () => {
      sb = await startSandbox({ quiet: true });
      client = dashboardOf(sb);
    });
    after(async () => {
      client.dispose();
      await sb.close();
    });
    beforeEach(() => sb.reset());

    it('reads the calls made with the key, per UTC day: requests and errors over the last 7 days', async () => {
      const { key, usageId } = await newKey(client);
      assert.equal(await callPetstore(sb, key), 200);
      assert.equal(await callPetstore(sb, key), 200);
      sb.advanceClock(DAY);
      assert.equal(await callPetstore(sb, key), 200);
      assert.equal(await callPetstore(sb, 'not-a-key'), 403, 'another caller’s refusal is not this key’s');
      const range = lastDays(7, Date.now() + DAY);
      const answer = await client.keyUsage(usageId, range);
      assert.ok(answer.available);
      const usage = dailyUsage(answer.units, range);
      assert.deepEqual(
        usage.days.map((d) => [d.requests, d.errors]),
        [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [2, 0], [1, 0]],
      );
      assert.deepEqual(usage.totals, { requests: 3, errors: 0 });
      assert.equal(usage.noTraffic, false);
      // Dates as the spec's examples write them (unpadded), one unit per day, all at once; the key in one segment.
      const sent = sb.requests.filter((r) => r.path.startsWith('/api/activity/keys/'));
      assert.equal(sent.length, 1);
      const [from, to] = [range.from, range.to].map((d) => d.split('-').map(Number).reverse().join('/'));
      assert.equal(sent[0]?.path, `/api/activity/keys/${encodeURIComponent(usageId)}/${from}/${to}`);
      assert.deepEqual(sent[0]?.query, { res: 'day', p: '-1' });
    });

    it('a key that made no call: no units (the sandbox answers "data": null), no traffic', async () => {
      const { usageId } = await newKey(client);
      const range = lastDays(30, Date.now());
      const answer = await client.keyUsage(usageId, range);
      assert.deepEqual(answer, { available: true, units: [] });
      const usage = dailyUsage(answer.units, range);
      assert.equal(usage.days.length, 30);
      assert.equal(usage.noTraffic, true);
    });

    it('with hashed keys (tyk.conf.example), the key’s hash is what the analytics know', async () => {
      await withDashboard({ ...TYK_CONF_EXAMPLE }, async (hashed, c) => {
        const { key, usageId } = await newKey(c);
        assert.notEqual(usageId, key);
        assert.equal(await callPetstore(hashed, key), 200);
        const answer = await c.keyUsage(usageId, lastDays(7, Date.now()));
        assert.ok(answer.available);
        assert.equal(dailyUsage(answer.units, lastDays(7, Date.now())).totals.requests, 1);
      });
    });

    it('generated traffic (the sandbox of npm start) reads as 30 days with errors', async () => {
      await withDashboard({ generatedTraffic: true }, async (_gen, c) => {
        const { usageId } = await newKey(c);
        const answer = await c.keyUsage(usageId, lastDays(30, Date.now()));
        assert.ok(answer.available);
        const usage = dailyUsage(answer.units, lastDays(30, Date.now()));
        assert.ok(usage.totals.requests > 0 && usage.totals.errors > 0);
        assert.deepEqual(usage.undated, { requests: 0, errors: 0 });
      });
    });

    it('403 without the Analytics permission (RBAC): forbidden, saying which permission to ask for', async () => {
      await withDashboard({ analytics: false }, async (_denied, c) => {
        const e = await tykErrorOf(() => c.keyUsage('somehash', lastDays(7, Date.now())));
        assert.equal(e.kind, 'forbidden');
        assert.equal(e.status, 403);
        assert.match(e.message, /may not read this key’s analytics .*access denied.*Analytics permission/);
      });
    });

    it('a Gateway has no analytics API: it says so, and sends nothing', async () => {
      const gateway = createTykClient({ flavor: 'gateway', baseUrl: sb.gatewayUrl ?? '', credential: sb.gatewaySecret });
      try {
        const before = sb.requests.length;
        assert.deepEqual(await gateway.keyUsage('anything', lastDays(7, Date.now())), { available: false, reason: 'gateway' });
        assert.equal(sb.requests.length, before);
      } finally {
        gateway.dispose();
      }
    });
  });

  describe('answers the sandbox never gives', () => {
    let server: FaultServer;
    let client: DashboardClient;
    const logged: string[] = [];
    const range: DayRange = { from: '2026-01-30', to: '2026-02-05' };
    beforeEach(async () => {
      server = await startFaultServer();
      logged.length = 0;
      client = new DashboardClient({ baseUrl: server.url, credential: 'cred-1234', retryDelayMs: 1, log: (line) => logged.push(line) });
    });
    afterEach(async () => {
      client.dispose();
      await server.close();
    });

    it('"data": null, or no data at all, is no traffic; units of the spec’s example (day 0) count as undated', async () => {
      server.handle((_req, res) => json(res, 200, { data: null, pages: 0 }));
      assert.deepEqual(await client.keyUsage('h1', range), { available: true, units: [] });
      server.handle((_req, res) => json(res, 200, {}));
      assert.deepEqual(await client.keyUsage('h1', range), { available: true, units: [] });
      // The spec's aggregateAnalytics example: per endpoint, day/month/year 0.
      server.handle((_req, res) =>
        json(res, 200, {
          data: [{ error: 4, hits: 31, id: { api_id: '41351a6a94094da05f75146a695a16f6', api_name: 'Keyless', code: 404, day: 0, hour: 0, month: 0, path: '/anything', year: 0 }, success: 27 }],
          pages: 1,
        }),
      );
      const answer = await client.keyUsage('h1', range);
      assert.ok(answer.available);
      assert.deepEqual(answer.units, [{ hits: 31, errors: 4 }]);
      assert.deepEqual(dailyUsage(answer.units, range).undated, { requests: 31, errors: 4 });
    });

    it('dates across a month, unpadded; the key hash URL-encoded in its segment and masked in the log', async () => {
      server.handle((_req, res) => json(res, 200, { data: [{ hits: 2, error: 1, id: { year: 2026, month: 2, day: 1 } }] }));
      const answer = await client.keyUsage('eyJvcmciOiJhIn0=/+?#x', range);
      assert.deepEqual(answer, { available: true, units: [{ year: 2026, month: 2, day: 1, hits: 2, errors: 1 }] });
      assert.equal(server.requests[0]?.url, `/api/activity/keys/${encodeURIComponent('eyJvcmciOiJhIn0=/+?#x')}/30/1/2026/5/2/2026?res=day&p=-1`);
      assert.ok(logged.length > 0 && logged.every((l) => !l.includes('eyJvcmciOiJhIn0')), logged.join('\n'));
    });

    it('a malformed answer is a bad-response: wrong types, negative or fractional counts, not JSON, too many units', async () => {
      for (const body of [{ data: 'x' }, { data: [{ hits: -1 }] }, { data: [{ hits: 1.5 }] }, { data: [{ hits: '3' }] }, { data: [{ error: null, hits: 1 }, 7] }, []]) {
        server.handle((_req, res) => json(res, 200, body));
        const e = await tykErrorOf(() => client.keyUsage('h1', range));
        assert.equal(e.kind, 'bad-response', JSON.stringify(body));
      }
      server.handle((_req, res) => text(res, 200, '<html>login</html>'));
      assert.equal((await tykErrorOf(() => client.keyUsage('h1', range))).kind, 'bad-response');
      server.handle((_req, res) => json(res, 200, { data: Array.from({ length: MAX_USAGE_UNITS + 1 }, () => ({ hits: 1 })) }));
      assert.equal((await tykErrorOf(() => client.keyUsage('h1', range))).kind, 'bad-response');
    });

    it('a body larger than the usage bound is refused without reading it all', async () => {
      const small = new DashboardClient({ baseUrl: server.url, credential: 'cred-1234', retryDelayMs: 1 });
      try {
        const unit = JSON.stringify({ hits: 1, error: 0, id: { year: 2026, month: 2, day: 1, path: 'x'.repeat(200) } });
        const count = Math.ceil(MAX_USAGE_RESPONSE_BYTES / unit.length) + 10;
        server.handle((_req, res) => text(res, 200, `{"data":[${Array.from({ length: count }, () => unit).join(',')}]}`, 'application/json'));
        const e = await tykErrorOf(() => small.keyUsage('h1', range));
        assert.equal(e.code, 'TOO_LARGE');
      } finally {
        small.dispose();
      }
    });

    it('403 for owned analytics ("User does not have access to the API with ID.") is forbidden too; 401 is the credential', async () => {
      server.handle((_req, res) => json(res, 403, { Status: 'Error', Message: 'User does not have access to the API with ID.', Meta: null }));
      const e = await tykErrorOf(() => client.keyUsage('h1', range));
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.serverMessage, 'User does not have access to the API with ID.');
      server.handle((_req, res) => json(res, 401, { Status: 'Error', Message: 'Not authorised', Meta: null }));
      assert.equal((await tykErrorOf(() => client.keyUsage('h1', range))).kind, 'unauthorized');
    });

    it('refuses a range that is not one before any request', async () => {
      await assert.rejects(() => client.keyUsage('h1', { from: '2026-02-05', to: '2026-01-30' }), RangeError);
      await assert.rejects(() => client.keyUsage('h1', { from: '2026-02-30', to: '2026-03-01' }), RangeError);
      assert.equal(server.requests.length, 0);
    });
  });
});
