// A key's usage over time: requests and errors per day, from the Tyk Dashboard's analytics
// (`GET /api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}`,
// `AggregateAnalyticsData` of the official dashboard-swagger.yml). Plain TypeScript.
//
// Days are UTC days. Tyk Pump aggregates a Gateway's analytics records per hour by the record's timestamp
// (TykTechnologies/tyk-pump analytics/aggregate.go: `TimeID.Year/Month/Day/Hour` from `record.TimeStamp`),
// and Tyk's containers and the Dashboard run on UTC; asking for UTC days and labelling them UTC says
// exactly what is shown, wherever the user is.
import * as l10n from '@vscode/l10n';
import type { KeyDetails } from './model';

/** The ranges the usage view offers, in days (today included). */
export const USAGE_RANGES = [7, 30] as const;
export type UsageRangeDays = (typeof USAGE_RANGES)[number];

/** The longest range a usage read covers, in days: the rows stay few whatever a caller asks. */
export const MAX_USAGE_DAYS = 366;

/** A range of UTC days, both ends included, each `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * One unit of Tyk's answer (`ResultUnit`), as the client maps it: the day it counts (its `id`'s year, month
 * and day; absent when the unit is not per day, as in the spec's per-endpoint example where they are 0),
 * `hits` and `error` (Tyk Pump: every request is a hit; a response code of 400 or more is an error).
 */
export interface UsageUnit {
  year?: number;
  month?: number;
  day?: number;
  hits: number;
  errors: number;
}

/** What the client answers: the units, or that this server has no analytics (a Gateway). */
export type KeyUsageAnswer = { available: true; units: UsageUnit[] } | { available: false; reason: 'gateway' };

export interface UsageDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  requests: number;
  errors: number;
}

export interface UsageCounts {
  requests: number;
  errors: number;
}

export interface DailyUsage {
  range: DayRange;
  /** One row per day of the range, oldest first; a day without traffic counts zeros. */
  days: UsageDay[];
  /** The sums of `days`. */
  totals: UsageCounts;
  /** Traffic the answer did not place on a day (units without a date): counted apart, never guessed. */
  undated: UsageCounts;
  /** True when the key made no request in the range (dated or not). */
  noTraffic: boolean;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day holding `ms`. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC day `YYYY-MM-DD` as year, month (1–12) and day, or undefined when it is not a real date. */
export function dateParts(date: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) {
    return undefined;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  return utcDate(ms) === date ? { year, month, day } : undefined;
}

function dayMs(date: string): number {
  const parts = dateParts(date);
  if (!parts) {
    throw new RangeError(`not a date: ${date}`);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day);
}

/** The last `days` UTC days up to the one holding `now` (ms since the epoch), today included. */
export function lastDays(days: number, now: number): DayRange {
  const count = Math.min(MAX_USAGE_DAYS, Math.max(1, Math.floor(days)));
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: utcDate(today - (count - 1) * DAY_MS), to: utcDate(today) };
}

/** Every day of the range, oldest first; throws a RangeError for a range that is not one (to before from, too long). */
export function daysOf(range: DayRange): string[] {
  const from = dayMs(range.from);
  const to = dayMs(range.to);
  const count = Math.round((to - from) / DAY_MS) + 1;
  if (count < 1 || count > MAX_USAGE_DAYS) {
    throw new RangeError(`not a range of 1 to ${MAX_USAGE_DAYS} days: ${range.from}..${range.to}`);
  }
  return Array.from({ length: count }, (_, i) => utcDate(from + i * DAY_MS));
}

/** The day a unit counts, `YYYY-MM-DD`, or undefined when its id carries no real date (Tyk's zeros). */
function unitDate(unit: UsageUnit): string | undefined {
  if (!unit.year || !unit.month || !unit.day) {
    return undefined;
  }
  const date = `${String(unit.year).padStart(4, '0')}-${String(unit.month).padStart(2, '0')}-${String(unit.day).padStart(2, '0')}`;
  return dateParts(date) ? date : undefined;
}

/**
 * One row per day of `range` (oldest first, missing days as zeros), summing the units of each day (an
 * answer may hold several a day: per hour, per API); units dated outside the range are left out, undated
 * ones counted in `undated`.
 */
export function dailyUsage(units: readonly UsageUnit[], range: DayRange): DailyUsage {
  const dates = daysOf(range);
  const byDate = new Map<string, UsageDay>(dates.map((date) => [date, { date, requests: 0, errors: 0 }]));
  const undated: UsageCounts = { requests: 0, errors: 0 };
  for (const unit of units) {
    const date = unitDate(unit);
    const row = date === undefined ? undated : byDate.get(date);
    if (row) {
      row.requests += unit.hits;
      row.errors += unit.errors;
    }
  }
  const days = dates.map((date) => byDate.get(date) ?? { date, requests: 0, errors: 0 });
  const totals = days.reduce((sum, d) => ({ requests: sum.requests + d.requests, errors: sum.errors + d.errors }), { requests: 0, errors: 0 });
  return { range, days, totals, undated, noTraffic: totals.requests + totals.errors + undated.requests + undated.errors === 0 };
}

/**
 * The id the Dashboard's analytics know a key by: its hash when the server hashes keys, else the key
 * itself (the Gateway records `storage.HashKey(token, hash_keys)`: TykTechnologies/tyk gateway/analytics.go).
 */
export function usageKeyId(key: Pick<KeyDetails, 'keyId' | 'keyHash'>): string {
  return key.keyHash || key.keyId;
}

/** Why a Gateway connection shows no usage. */
export function gatewayUsageMessage(): string {
  return l10n.t('A Tyk Gateway has no analytics API; usage is shown for Dashboard connections.');
}

/** The plain sentence for a key that made no request in the range. */
export function noTrafficMessage(days: number): string {
  return l10n.t('No requests with this key in the last {0} days (UTC).', days);
}
