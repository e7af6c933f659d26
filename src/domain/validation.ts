// Input checks for the quick inputs, as pure functions (tested from plain Node). Each returns either
// a value or a message that says what is expected; the UI shows the message inline as the user types.
import { isLoopbackHostname, trimTrailingSlashes } from './connectionSettings';
import { plainText } from './displayText';
import { MAX_ALIAS_LENGTH, hasControlCharacters } from './keySpec';
import * as l10n from '@vscode/l10n';
import { format } from './format';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The value of a check the UI already passed (inline validation ran first). */
export function mustParse<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return parsed.value;
}

/** The message of a failed check, for an input box's inline validation; undefined when fine. */
export function problem(parsed: Parsed<unknown>): string | undefined {
  return parsed.ok ? undefined : parsed.message;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Largest count accepted: Tyk stores these as 64-bit numbers; stay exact in JavaScript. */
export const MAX_COUNT = 1_000_000_000_000;

/**
 * A whole number of requests, 0 allowed when `allowZero`. Accepts `1,000`, `1 000` and `1_000`, and a
 * number grouped as the user's locale shows it (`10.000` in German: see format.ts).
 */
export function parseCount(text: string, what: string, allowZero = false): Parsed<number> {
  const clean = ungrouped(text.trim()).replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(clean)) {
    return no(allowZero ? l10n.t('{0}: enter a whole number (0 or more).', what) : l10n.t('{0}: enter a whole number greater than 0.', what));
  }
  const value = Number(clean);
  if (!Number.isSafeInteger(value) || value > MAX_COUNT) {
    return no(l10n.t('{0}: at most {1}.', what, format().count(MAX_COUNT)));
  }
  if (value === 0 && !allowZero) {
    return no(l10n.t('{0}: must be greater than 0.', what));
  }
  return ok(value);
}

/** `text` without the locale's group separators when it is grouped by them (thousands: `10.000`, `1.000.000`). */
function ungrouped(text: string): string {
  const separator = format().groupSeparator();
  if (separator === '' || /[\s,_]/.test(separator)) {
    return text;
  }
  const parts = text.split(separator);
  return parts.length > 1 && /^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p)) ? parts.join('') : text;
}

const UNITS: Record<string, number> = { s: 1, sec: 1, second: 1, seconds: 1, m: 60, min: 60, minute: 60, minutes: 60, h: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400 };

/** A duration in seconds: `60`, `60s`, `5m`, `1h`, `1 day`. */
export function parseSeconds(text: string, what: string): Parsed<number> {
  const match = /^(\d[\d,_]*)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match?.[2]?.toLowerCase() ?? '';
  const factor = unit === '' ? 1 : UNITS[unit];
  if (!match || factor === undefined) {
    return no(l10n.t('{0}: enter seconds, or a number with s, m, h or d (e.g. 60, 5m, 1h, 1d).', what));
  }
  const count = parseCount(match[1] ?? '', what);
  if (!count.ok) {
    return count;
  }
  const value = count.value * factor;
  return value > MAX_COUNT ? no(l10n.t('{0}: too long.', what)) : ok(value);
}

/** A quota: empty, `unlimited` (or the word in the user's language) or `-1` mean unlimited (-1); otherwise a count. */
export function parseQuota(text: string): Parsed<number> {
  const typed = text.trim().toLowerCase();
  if (typed === '' || typed === 'unlimited' || typed === l10n.t('unlimited').toLowerCase() || typed === '-1' || typed === 'none') {
    return ok(-1);
  }
  return parseCount(typed, l10n.t('Quota'));
}

/**
 * A day as the expiry input takes it (`YYYY-MM-DD`), in local time like `parseExpiryDate` reads it: the
 * date prefilled is the date the key gets (a UTC date would be a day off near midnight).
 */
export function expiryDateText(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * An expiry date typed by the user: `YYYY-MM-DD` (end of that day, local time) or `YYYY-MM-DD HH:MM`.
 * Returns unix seconds; refuses the past and anything beyond year 9999.
 */
export function parseExpiryDate(text: string, now: Date = new Date()): Parsed<number> {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) {
    return no(l10n.t('Enter a date as YYYY-MM-DD, optionally with a time: YYYY-MM-DD HH:MM.'));
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hasTime = match[4] !== undefined;
  const [hours, minutes] = hasTime ? [Number(match[4]), Number(match[5])] : [23, 59];
  const date = new Date(year, month - 1, day, hours, minutes, hasTime ? 0 : 59);
  if (
    date.getFullYear() !== year ||
    date.getMonth() !== month - 1 ||
    date.getDate() !== day ||
    date.getHours() !== hours ||
    date.getMinutes() !== minutes
  ) {
    return no(l10n.t('That date does not exist.'));
  }
  if (date.getTime() <= now.getTime()) {
    return no(l10n.t('The expiry must be in the future.'));
  }
  return ok(Math.floor(date.getTime() / 1000));
}

/** An alias: optional, at most MAX_ALIAS_LENGTH printable characters. */
export function parseAlias(text: string): Parsed<string | undefined> {
  const typed = text.trim();
  if (typed === '') {
    return ok(undefined);
  }
  if (typed.length > MAX_ALIAS_LENGTH) {
    return no(l10n.t('At most {0} characters.', MAX_ALIAS_LENGTH));
  }
  if (hasControlCharacters(typed)) {
    return no(l10n.t('The alias cannot contain control characters.'));
  }
  return ok(typed);
}

export interface BaseUrlCheck {
  url: string;
  /** Plain http to a host that is not this machine: the credential would cross the network unencrypted. */
  insecure: boolean;
}

/** Whether a host name is this machine (one rule with the HTTP client's: `isLoopbackHostname`). */
export function isLoopbackHost(hostname: string): boolean {
  return isLoopbackHostname(hostname);
}

/**
 * The scheme of an address typed without one: http:// for this machine (localhost, 127.0.0.0/8, ::1:
 * Tyk's local Dashboard on :3000 and Gateway on :8080 are plain http), https:// for any other host.
 * `text` is the address after the scheme would be (`localhost:3000`, `dash.example.com/tyk-dash`).
 */
export function defaultScheme(text: string): 'http://' | 'https://' {
  try {
    return isLoopbackHostname(new URL(`https://${text}`).hostname) ? 'http://' : 'https://';
  } catch {
    return 'https://';
  }
}

/** Whether an address was typed with its scheme (`https://…`, `ftp://…`), not left to `defaultScheme`. */
export function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim());
}

/**
 * A Dashboard or Gateway base URL: http(s), a host, no credentials, query or fragment. Typed without a
 * scheme, it gets `defaultScheme`'s.
 */
export function parseBaseUrl(text: string): Parsed<BaseUrlCheck> {
  const typed = text.trim();
  if (typed === '') {
    return no(l10n.t('Enter the URL, e.g. https://dashboard.example.com or http://localhost:3000.'));
  }
  let url: URL;
  try {
    url = new URL(hasScheme(typed) ? typed : `${defaultScheme(typed)}${typed}`);
  } catch {
    return no(l10n.t('That is not a URL: e.g. https://dashboard.example.com.'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return no(l10n.t('Use an http:// or https:// URL.'));
  }
  if (!url.hostname) {
    return no(l10n.t('The URL needs a host name.'));
  }
  if (url.username || url.password) {
    return no(l10n.t('Do not put a user or password in the URL: the credential is asked for next.'));
  }
  if (url.search || url.hash) {
    return no(l10n.t('Remove the ?query or #fragment: enter only the server’s address.'));
  }
  if (/\/(api|tyk)(\/|$)/i.test(url.pathname)) {
    return no(l10n.t('Enter the server’s address without /api or /tyk: the extension adds the paths.'));
  }
  const path = trimTrailingSlashes(url.pathname);
  return ok({ url: `${url.origin}${path}`, insecure: url.protocol === 'http:' && !isLoopbackHost(url.hostname) });
}

/** A credential pasted by the user: trimmed; refused when empty or with spaces inside. */
export function parseCredential(text: string): Parsed<string> {
  const typed = text.trim();
  if (typed === '') {
    return no(l10n.t('Paste the credential.'));
  }
  if (/^bearer\s/i.test(typed)) {
    return no(l10n.t('Paste the credential alone, without “Bearer”: Tyk expects the raw value.'));
  }
  if (/\s/.test(typed)) {
    return no(l10n.t('The credential has spaces or line breaks inside: copy it again.'));
  }
  return ok(typed);
}

/**
 * What is never written into a file: C0 and C1 controls and DEL (CR, LF, NUL, NEL, escape…), the Unicode
 * line and paragraph separators (an editor starts a new line there) and the bidi controls that reorder
 * what a line shows.
 */
const UNWRITABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Whether `text` can be written into a file as it is: no control character, line break or bidi control. */
export function isWritableText(text: string): boolean {
  return !UNWRITABLE.test(text);
}

/** A Gateway address to write (into a request file or a curl command): refused when it holds a control character or a line break. */
export function parseGatewayBase(text: string): Parsed<string> {
  return isWritableText(text)
    ? ok(text)
    : no(l10n.t('The Gateway address “{0}” has control characters or line breaks: it cannot be written into a file.', plainText(text, 80)));
}

/** RFC 9110 `token` (tchar+): what an HTTP header name may be. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 3986 path characters (pchar and `/`): unreserved, percent-encoded, sub-delims, `:` and `@`. */
const URL_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/** Whether `name` can be an HTTP header name (RFC 9110 token): no space, colon, control character or non-ASCII. */
export function isHttpToken(name: string): boolean {
  return HTTP_TOKEN.test(name);
}

/** Whether `path` can be written as the path of a URL as it is (RFC 3986): no space, control character, quote, `{`, `#`, `?` or non-ASCII. */
export function isUrlPath(path: string): boolean {
  return URL_PATH.test(path);
}

/**
 * A header name to write (an API's `auth.auth_header_name`, into a header line, a .http file or a curl
 * command): refused unless it is an RFC 9110 token, so it can never add a line or another header.
 */
export function parseHeaderName(text: string): Parsed<string> {
  const name = text.trim();
  if (name === '') {
    return no(l10n.t('The header name is empty.'));
  }
  if (name.length > 256 || !isHttpToken(name)) {
    return no(l10n.t('The header name “{0}” is not a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only).', plainText(name, 60)));
  }
  return ok(name);
}

/**
 * A listen path to write (into a URL, a .http file or a curl command): refused unless every character
 * may appear in a URL path (RFC 3986), so it can never add a line, a query or a shell word.
 */
export function parseListenPath(text: string): Parsed<string> {
  const path = text.trim() || '/';
  if (path.length > 2048 || !isUrlPath(path)) {
    return no(l10n.t('The listen path “{0}” has characters that cannot appear in a URL path as they are.', plainText(path, 60)));
  }
  return ok(path.startsWith('/') ? path : `/${path}`);
}
