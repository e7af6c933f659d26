/**
 * The sandbox Dashboard's key analytics: `GET /api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/
 * {EndDay}/{EndMonth}/{EndYear}` (dashboard-swagger.yml getAnalyticsOfApiKey → `AggregateAnalyticsData`).
 *
 * What it aggregates: the calls the sandbox Gateway recorded through its listen paths (proxy.ts), as Tyk Pump
 * aggregates a Gateway's analytics records (TykTechnologies/tyk-pump analytics/aggregate.go incrementAggregate:
 * every call is a hit, a status of 400 or more an `error`, a 2xx a `success`; units carry `TimeID` year, month,
 * day and hour), plus generated traffic for the keys the sandbox created when `generatedTraffic` is on.
 *
 * Sandbox choices (the Dashboard is closed source; each uses a status the spec declares):
 * - One unit per UTC day with traffic (`res=day`, which the Dashboard's analytics calls pass), `hour` 0, the
 *   API fields empty (a day sums every API); `?res=hour` gives one unit per hour. Days with no traffic have
 *   no unit; no traffic at all is `"data": null` (a Go nil slice), `pages` 0.
 * - The dates are UTC days, the end day included. Dates that are not whole numbers of a real day, or an end
 *   before the start → 400 `Invalid date range.` in the ApiResponse shape.
 * - `{keyHash}`: the key's hash (what the sandbox Dashboard answers as `key_hash` for every key), or, when
 *   keys are not hashed, the key itself (Tyk's analytics then hold the raw key: gateway/analytics.go
 *   `storage.HashKey(record.APIKey, hash_keys)`). An unknown key has no traffic (analytics outlive keys:
 *   a revoked key's traffic is still served).
 * - `analytics: false` (a Dashboard user without the Analytics permission) → 403 RBAC.
 */
import type { ProxiedCall } from './proxy';

type Obj = Record<string, unknown>;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days of generated traffic: the 30 UTC days up to the day a key was created. */
export const GENERATED_DAYS = 30;

/** A stretch of traffic: `hits` calls, `errors` of them failed, all in the UTC hour or day starting at `time`. */
export interface TrafficCount {
  time: number;
  hits: number;
  errors: number;
  success: number;
}

/** A small seeded generator (mulberry32): the same seed, the same numbers. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/**
 * Deterministic traffic for a key (seeded by its hash): one count per UTC day for the GENERATED_DAYS days up
 * to `createdMs`'s day, quieter at weekends, a few idle days, some errors (4xx/5xx) most days.
 */
export function generatedTraffic(keyHash: string, createdMs: number): TrafficCount[] {
  const random = mulberry32(seedOf(keyHash));
  const lastDay = Math.floor(createdMs / DAY_MS) * DAY_MS;
  const counts: TrafficCount[] = [];
  for (let i = GENERATED_DAYS - 1; i >= 0; i--) {
    const time = lastDay - i * DAY_MS;
    const weekday = new Date(time).getUTCDay();
    const base = weekday === 0 || weekday === 6 ? 15 : 60;
    const idle = random() < 0.12;
    const hits = idle ? 0 : Math.round(base * (0.5 + random()));
    const errors = hits === 0 ? 0 : Math.floor(hits * random() * 0.15);
    if (hits > 0) {
      counts.push({ time, hits, errors, success: hits - errors });
    }
  }
  return counts;
}

/** Recorded calls as counts, one per call (a 2xx a success, a status ≥ 400 an error, as Tyk Pump counts). */
export function callCounts(calls: readonly ProxiedCall[]): TrafficCount[] {
  return calls.map((c) => ({ time: c.time, hits: 1, errors: c.status >= 400 ? 1 : 0, success: c.status >= 200 && c.status < 300 ? 1 : 0 }));
}

/** The range the path's dates name: from the start day's first ms to the end day's last, UTC; undefined when invalid. */
export function activityRange(params: Record<string, string>): { from: number; to: number } | undefined {
  const day = (d: string | undefined, m: string | undefined, y: string | undefined): number | undefined => {
    const [dd, mm, yy] = [d, m, y].map((v) => (v !== undefined && /^\d{1,4}$/.test(v) ? Number(v) : NaN));
    if (dd === undefined || mm === undefined || yy === undefined || [dd, mm, yy].some((n) => !Number.isInteger(n))) {
      return undefined;
    }
    const ms = Date.UTC(yy, mm - 1, dd);
    const back = new Date(ms);
    return yy >= 1970 && back.getUTCFullYear() === yy && back.getUTCMonth() === mm - 1 && back.getUTCDate() === dd ? ms : undefined;
  };
  const from = day(params.startDay, params.startMonth, params.startYear);
  const end = day(params.EndDay, params.EndMonth, params.EndYear);
  if (from === undefined || end === undefined || end < from) {
    return undefined;
  }
  return { from, to: end + DAY_MS - 1 };
}

/**
 * `AggregateAnalyticsData` for one key over a range: the counts in it summed per UTC day (or hour), each a
 * `ResultUnit` with every field the spec names, oldest first.
 */
export function keyActivity(
  counts: readonly TrafficCount[],
  range: { from: number; to: number },
  key: { id: string; alias: string },
  resolution: 'day' | 'hour',
): Obj {
  const step = resolution === 'hour' ? HOUR_MS : DAY_MS;
  const buckets = new Map<number, TrafficCount & { last: number }>();
  for (const c of counts) {
    if (c.time < range.from || c.time > range.to) {
      continue;
    }
    const start = Math.floor(c.time / step) * step;
    const b = buckets.get(start) ?? { time: start, hits: 0, errors: 0, success: 0, last: c.time };
    b.hits += c.hits;
    b.errors += c.errors;
    b.success += c.success;
    b.last = Math.max(b.last, c.time);
    buckets.set(start, b);
  }
  const units = [...buckets.values()]
    .sort((a, b) => a.time - b.time)
    .map((b) => {
      const t = new Date(b.time);
      return {
        error: b.errors,
        hits: b.hits,
        id: {
          alias: key.alias,
          api_id: '',
          api_name: '',
          code: 0,
          day: t.getUTCDate(),
          hour: resolution === 'hour' ? t.getUTCHours() : 0,
          iso_country: '',
          key: key.id,
          month: t.getUTCMonth() + 1,
          path: '',
          url: '',
          year: t.getUTCFullYear(),
        },
        last_hit: new Date(b.last).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        latency: 0,
        max_latency: 0,
        max_upstream_latency: 0,
        min_latency: 0,
        min_upstream_latency: 0,
        request_time: 0,
        success: b.success,
        upstream_latency: 0,
      };
    });
  return { data: units.length > 0 ? units : null, pages: units.length > 0 ? 1 : 0 };
}
