/**
 * The sandbox Dashboard's key analytics (analytics.ts): the calls its Gateway recorded, per UTC day, plus
 * generated traffic; every answer checked against the official spec's operation (closed objects).
 */
import * as assert from 'node:assert/strict';
import { startSandbox, withSandbox, TYK_CONF_EXAMPLE, type Sandbox } from './server';
import { SAMPLE } from './seed';
import { findPathTemplate, preloadSpecs, validateResponse } from './specValidator';
import { GENERATED_DAYS, activityRange, generatedTraffic } from './analytics';

type Obj = Record<string, unknown>;
interface Unit {
  hits: number;
  error: number;
  success: number;
  id: { year: number; month: number; day: number; hour: number; key: string; alias: string };
  last_hit: string;
}
interface Activity {
  data: Unit[] | null;
  pages: number;
}

const DAY = 86_400_000;

/** `d/m/y/d/m/y` of two instants, UTC. */
function datesOf(from: number, to: number): string {
  const part = (ms: number): string => {
    const d = new Date(ms);
    return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
  };
  return `${part(from)}/${part(to)}`;
}

/** GET the key's activity; the answer must be one the spec declares for the operation. */
async function activity(sb: Sandbox, keyHash: string, dates: string, opts: { query?: string; auth?: string | null } = {}): Promise<{ status: number; body: Obj }> {
  const path = `/api/activity/keys/${encodeURIComponent(keyHash)}/${dates}`;
  const headers: Record<string, string> = opts.auth === null ? {} : { authorization: opts.auth ?? sb.credential };
  const res = await fetch(`${sb.dashboardUrl}${path}${opts.query ?? ''}`, { headers });
  const body = (await res.json()) as Obj;
  const template = findPathTemplate('dashboard', 'GET', path);
  assert.equal(template, '/api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}');
  validateResponse('dashboard', 'GET', template, res.status, body, { closed: true });
  return { status: res.status, body };
}

async function call(sb: Sandbox, key: string): Promise<number> {
  const res = await fetch(`${sb.gatewayUrl ?? assert.fail('no Gateway')}/petstore/pets`, { headers: { Authorization: key } });
  await res.arrayBuffer();
  return res.status;
}

function petstoreKey(sb: Sandbox, extra: Obj = {}): { key: string; hash: string } {
  return sb.createKey({
    org_id: sb.orgId,
    alias: 'usage-key',
    rate: 1000,
    per: 1,
    quota_max: -1,
    expires: -1,
    access_rights: { [SAMPLE.petstore.apiId]: { api_id: SAMPLE.petstore.apiId, api_name: SAMPLE.petstore.name, versions: ['Default'] } },
    ...extra,
  });
}

describe('sandbox Dashboard: key analytics (GET /api/activity/keys/…)', function () {
  this.timeout(10000);
  let sb: Sandbox;

  before(async () => {
    preloadSpecs();
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it('sums the calls made with the key per UTC day: hits, errors (≥ 400) and successes (2xx), oldest first', async () => {
    const { key, hash } = petstoreKey(sb, { quota_max: 3, quota_renewal_rate: 10 * DAY / 1000 });
    const first = Date.now();
    // Day 1: 3 allowed, 1 over quota (403 Quota exceeded: an error).
    assert.deepEqual([await call(sb, key), await call(sb, key), await call(sb, key), await call(sb, key)], [200, 200, 200, 403]);
    sb.advanceClock(2 * DAY);
    assert.equal(await call(sb, key), 403);
    const other = petstoreKey(sb);
    assert.equal(await call(sb, other.key), 200, 'another key’s call is not this key’s');
    const last = Date.now() + 2 * DAY;
    const { status, body } = await activity(sb, hash, datesOf(first - 3 * DAY, last));
    assert.equal(status, 200);
    const { data, pages } = body as unknown as Activity;
    assert.ok(data);
    assert.equal(pages, 1);
    assert.deepEqual(
      data.map((u) => [u.id.year, u.id.month, u.id.day, u.hits, u.error, u.success]),
      [
        [new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() + 1, new Date(first).getUTCDate(), 4, 1, 3],
        [new Date(last).getUTCFullYear(), new Date(last).getUTCMonth() + 1, new Date(last).getUTCDate(), 1, 1, 0],
      ],
    );
    assert.ok(data.every((u) => u.id.key === hash && u.id.alias === 'usage-key' && u.id.hour === 0));
    assert.equal(sb.calls({ keyHash: hash }).length, 5, 'the same calls the Gateway recorded');
    // A range that leaves a day out leaves its calls out; the end day is included.
    const onlyLast = (await activity(sb, hash, datesOf(last, last))).body as unknown as Activity;
    assert.deepEqual(onlyLast.data?.map((u) => u.hits), [1]);
    // Hourly units on request (res=hour).
    const hourly = (await activity(sb, hash, datesOf(first, last), { query: '?res=hour&p=-1' })).body as unknown as Activity;
    assert.equal(hourly.data?.reduce((s, u) => s + u.hits, 0), 5);
  });

  it('no traffic: "data": null, pages 0; a key created without generatedTraffic has none', async () => {
    const { hash } = petstoreKey(sb);
    const { status, body } = await activity(sb, hash, datesOf(Date.now() - 29 * DAY, Date.now()));
    assert.equal(status, 200);
    assert.deepEqual(body, { data: null, pages: 0 });
    // An unknown key: no traffic either (analytics are not a key lookup).
    assert.deepEqual((await activity(sb, 'no-such-key-hash', datesOf(Date.now(), Date.now()))).body, { data: null, pages: 0 });
  });

  it('keys by hash (what key_hash says), or by the key itself when keys are not hashed; only by hash when hashed', async () => {
    const { key, hash } = petstoreKey(sb);
    await call(sb, key);
    const today = datesOf(Date.now(), Date.now());
    const hits = async (s: Sandbox, id: string): Promise<number | undefined> => ((await activity(s, id, today)).body as unknown as Activity).data?.[0]?.hits;
    assert.equal(await hits(sb, hash), 1);
    assert.equal(await hits(sb, key), 1);
    await withSandbox({ ...TYK_CONF_EXAMPLE }, async (hashed) => {
      const k = petstoreKey(hashed);
      assert.equal(await call(hashed, k.key), 200);
      assert.equal(await hits(hashed, k.hash), 1);
      assert.equal(await hits(hashed, k.key), undefined, 'a hashing Tyk’s analytics hold hashes only');
    });
  });

  it('400 for dates that name no day or a reversed range; 401 without the credential; 403 without the Analytics permission', async () => {
    const { hash } = petstoreKey(sb);
    for (const dates of ['x/1/2026/2/1/2026', '31/2/2026/1/3/2026', '2/1/2026/1/1/2026', '1/13/2026/1/1/2027', '1.5/1/2026/2/1/2026']) {
      assert.deepEqual(await activity(sb, hash, dates), { status: 400, body: { Status: 'Error', Message: 'Invalid date range.', Meta: null } }, dates);
    }
    assert.equal((await activity(sb, hash, '1/1/2026/2/1/2026', { auth: null })).status, 401);
    assert.equal((await activity(sb, hash, '1/1/2026/2/1/2026', { auth: 'wrong' })).status, 401);
    await withSandbox({ analytics: false }, async (denied) => {
      const r = await activity(denied, hash, '1/1/2026/2/1/2026');
      assert.equal(r.status, 403);
      assert.match(String(r.body.Message), /access denied: You do not have permission to access \/api\/activity\/keys\//);
    });
  });

  it('generatedTraffic: a new key gets 30 days of seeded traffic up to its creation day, with some errors, next to its real calls', async () => {
    await withSandbox({ generatedTraffic: true }, async (gen) => {
      const { key, hash } = petstoreKey(gen);
      assert.equal(await call(gen, key), 200);
      const now = Date.now();
      const body = (await activity(gen, hash, datesOf(now - (GENERATED_DAYS - 1) * DAY, now))).body as unknown as Activity;
      assert.ok(body.data && body.data.length >= GENERATED_DAYS / 2, 'most days have traffic');
      const expected = generatedTraffic(hash, now);
      const hits = body.data.reduce((s, u) => s + u.hits, 0);
      assert.equal(hits, expected.reduce((s, c) => s + c.hits, 0) + 1, 'the generated traffic plus the real call');
      assert.ok(body.data.some((u) => u.error > 0), 'some errors');
      assert.ok(body.data.every((u) => u.success === u.hits - u.error), 'a call is a success (2xx) or an error (≥ 400)');
      // Seeded: the same key, the same numbers.
      assert.deepEqual((await activity(gen, hash, datesOf(now - 40 * DAY, now))).body, body);
      // Nothing before the 30 days.
      assert.deepEqual((await activity(gen, hash, datesOf(now - 60 * DAY, now - GENERATED_DAYS * DAY))).body, { data: null, pages: 0 });
      // Forgotten on reset, like the keys.
      gen.reset();
      assert.deepEqual((await activity(gen, hash, datesOf(now - 40 * DAY, now))).body, { data: null, pages: 0 });
    });
  });

  it('activityRange: UTC days, the end day included', () => {
    assert.deepEqual(activityRange({ startDay: '1', startMonth: '1', startYear: '2026', EndDay: '1', EndMonth: '1', EndYear: '2026' }), {
      from: Date.UTC(2026, 0, 1),
      to: Date.UTC(2026, 0, 2) - 1,
    });
    assert.equal(activityRange({ startDay: '29', startMonth: '2', startYear: '2026', EndDay: '1', EndMonth: '3', EndYear: '2026' }), undefined);
  });
});
