// Expiry awareness: which keys expire soon (within `tyk.expiryWarningDays`) or have expired, and how to
// say it ("expires tomorrow", "expired 3 days ago"). Days are the user's calendar days (local time): a
// key expiring at 01:00 tomorrow "expires tomorrow" even when that is 2 hours away. When a key has
// expired is Tyk's rule (keyState.ts `expiryTime`: `expires` below 1 never expires, expired once now is
// after it), untouched here. Plain TypeScript.
import * as l10n from '@vscode/l10n';
import { format } from './format';
import { expiryTime, type KeyStateFields } from './keyState';

/** How the expiry of a key is told: it expires within the warning's days, or it has expired. */
export interface ExpiryWarning {
  kind: 'expiring' | 'expired';
  /** When it expires or expired, in milliseconds since the epoch. */
  expiry: number;
  /** Calendar days until the expiry (expiring: 0 = today) or since it (expired: 0 = today). */
  days: number;
}

/** The default of `tyk.expiryWarningDays`. */
export const DEFAULT_EXPIRY_WARNING_DAYS = 7;
/** The most `tyk.expiryWarningDays` may say (a year; more says nothing a list of every key would not). */
export const MAX_EXPIRY_WARNING_DAYS = 365;

/** The setting's value as a whole number of days, 0 (off) to MAX_EXPIRY_WARNING_DAYS; the default when it is not a number. */
export function warningDaysOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return DEFAULT_EXPIRY_WARNING_DAYS;
  }
  return Math.min(MAX_EXPIRY_WARNING_DAYS, Math.max(0, Math.floor(value)));
}

/** The local calendar day of a time, as a day count (independent of daylight saving). */
function dayNumber(ms: number): number {
  const d = new Date(ms);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

/** The start (local midnight) of the calendar day `offset` days after the day of `ms`. */
function startOfDay(ms: number, offset = 0): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset).getTime();
}

/**
 * The key's expiry as a warning at `now`: expired (now after its expiry, as Tyk decides), expiring (it
 * expires today or within `warningDays` calendar days: a key that expires exactly `warningDays` days
 * from now is included), or undefined (it never expires, expires later, or `warningDays` is 0: the
 * warning is off; an expired key is still told expired).
 */
export function expiryWarning(session: KeyStateFields, now: number, warningDays: number): ExpiryWarning | undefined {
  const expiry = expiryTime(session);
  if (expiry === undefined) {
    return undefined;
  }
  if (now > expiry) {
    return { kind: 'expired', expiry, days: dayNumber(now) - dayNumber(expiry) };
  }
  const days = dayNumber(expiry) - dayNumber(now);
  return warningDays > 0 && days <= warningDays ? { kind: 'expiring', expiry, days } : undefined;
}

/**
 * When the key's warning next changes, after `now` (milliseconds since the epoch): when it enters the
 * window (the local midnight `warningDays` days before its expiry's day), the next midnight while in it
 * ("in 2 days" becomes "tomorrow"), and its expiry (it becomes expired). Undefined when nothing changes
 * any more (it never expires, or has expired).
 */
export function nextExpiryChange(session: KeyStateFields, now: number, warningDays: number): number | undefined {
  const expiry = expiryTime(session);
  if (expiry === undefined || now > expiry) {
    return undefined;
  }
  // Expired from the millisecond after the expiry (keyState: now > expiry).
  const expired = expiry + 1;
  if (warningDays <= 0) {
    return expired;
  }
  const opens = startOfDay(expiry, -warningDays);
  return now < opens ? opens : Math.min(expired, startOfDay(now, 1));
}

/** "expires today", "expires tomorrow", "expires in 3 days"; "expired today", "expired yesterday", "expired 3 days ago". */
export function expiryPhrase(warning: ExpiryWarning): string {
  const { days } = warning;
  if (warning.kind === 'expiring') {
    return days <= 0 ? l10n.t('expires today') : days === 1 ? l10n.t('expires tomorrow') : l10n.t('expires in {0} days', format().count(days));
  }
  return days <= 0 ? l10n.t('expired today') : days === 1 ? l10n.t('expired yesterday') : l10n.t('expired {0} days ago', format().count(days));
}

/** The keys' warnings at `now`, the soonest expiry first (expired keys before expiring ones, longest expired first). */
export function byExpiry<T extends { warning: ExpiryWarning }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.warning.expiry - b.warning.expiry);
}

/** The status bar's count: "3", or "≥ 3" when not every key was read. */
export function expiryCountLabel(count: number, complete: boolean): string {
  return complete ? format().count(count) : l10n.t('≥ {0}', format().count(count));
}

/**
 * What the count means, for its tooltip: "staging: 3 keys expire within 7 days or have expired.", "at
 * least 3 keys … (not every key was read)" when the scan was cut.
 */
export function expirySummary(connectionName: string, count: number, complete: boolean, warningDays: number): string {
  const within = format().duration(warningDays * 86_400);
  if (!complete) {
    return l10n.t('{0}: at least {1} keys expire within {2} or have expired (not every key was read).', connectionName, format().count(count), within);
  }
  return count === 1
    ? l10n.t('{0}: 1 key expires within {1} or has expired.', connectionName, within)
    : l10n.t('{0}: {1} keys expire within {2} or have expired.', connectionName, format().count(count), within);
}

/** The count as a screen reader says it: "3 Tyk keys expiring or expired", "at least 3 …". */
export function expiryCountSpoken(count: number, complete: boolean): string {
  if (!complete) {
    return l10n.t('at least {0} Tyk keys expiring or expired', format().count(count));
  }
  return count === 1 ? l10n.t('1 Tyk key expiring or expired') : l10n.t('{0} Tyk keys expiring or expired', format().count(count));
}
