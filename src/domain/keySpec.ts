// Turns what the user chose into the SessionState body Tyk expects, and refuses bad input before any
// request is made. Pure functions: the UI uses the same checks for inline validation.
import * as l10n from '@vscode/l10n';
import type { KeySpec } from './model';

/** Defaults of Tyk's own "create an API key" tutorial: 1000 requests per second, no quota, no expiry. */
export const DEFAULT_LIMITS = {
  rate: 1000,
  per: 1,
  quotaMax: -1,
  quotaRenewalRate: -1,
  expires: -1,
} as const;

export const MAX_ALIAS_LENGTH = 200;
const MAX_INT = Number.MAX_SAFE_INTEGER;

/** Returns why the spec cannot be sent, or undefined when it is fine. */
export function checkKeySpec(spec: KeySpec, nowSeconds = Math.floor(Date.now() / 1000)): string | undefined {
  const policies = spec.policies ?? [];
  if (spec.access.length === 0 && policies.length === 0) {
    return l10n.t('Choose at least one API (or a policy): Tyk refuses a key without access rights.');
  }
  for (const access of spec.access) {
    if (!access.apiId) {
      return l10n.t('An API without an id cannot be granted.');
    }
  }
  if (!Number.isFinite(spec.rate) || spec.rate < 0 || spec.rate > MAX_INT) {
    return l10n.t('The rate must be a number of requests, 0 or more (0 = no rate limit).');
  }
  if (!Number.isFinite(spec.per) || spec.per <= 0 || spec.per > MAX_INT) {
    return l10n.t('The rate period must be a number of seconds greater than 0.');
  }
  if (!Number.isInteger(spec.quotaMax) || (spec.quotaMax < 1 && spec.quotaMax !== -1) || spec.quotaMax > MAX_INT) {
    return l10n.t('The quota must be a whole number of requests, at least 1 (or -1 for unlimited).');
  }
  if (spec.quotaMax !== -1 && (!Number.isInteger(spec.quotaRenewalRate) || spec.quotaRenewalRate < 1 || spec.quotaRenewalRate > MAX_INT)) {
    return l10n.t('The quota period must be a whole number of seconds, at least 1.');
  }
  if (!Number.isInteger(spec.expires) || (spec.expires !== -1 && spec.expires <= nowSeconds) || spec.expires > MAX_INT) {
    return l10n.t('The expiry must be in the future (or never).');
  }
  if (spec.alias !== undefined && (spec.alias.length > MAX_ALIAS_LENGTH || hasControlCharacters(spec.alias))) {
    return l10n.t('The alias must be at most {0} printable characters.', MAX_ALIAS_LENGTH);
  }
  return checkKeyKind(spec);
}

/** Tyk takes a custom key id or a username from the request path: one path segment of printable text. */
const PATH_ID = /^[^\s/\\?#%\p{Cc}]{1,200}$/u;

/** Why `username` cannot name a basic-auth user, or undefined (the same check as the create's). */
export function usernameProblem(username: string): string | undefined {
  return PATH_ID.test(username) ? undefined : l10n.t('The username must be 1 to 200 characters without spaces, slashes, ?, # or %.');
}

/** Why `id` cannot be a custom key id, or undefined (the same check as the create's). */
export function customKeyIdProblem(id: string): string | undefined {
  return PATH_ID.test(id) ? undefined : l10n.t('The key id must be 1 to 200 characters without spaces, slashes, ?, # or %.');
}

/** The checks of a basic-auth user, a custom key id and a certificate binding. */
function checkKeyKind(spec: KeySpec): string | undefined {
  if (spec.basicAuth) {
    if (!PATH_ID.test(spec.basicAuth.username)) {
      return l10n.t('The username must be 1 to 200 characters without spaces, slashes, ?, # or %.');
    }
    if (spec.basicAuth.password.length === 0 || hasControlCharacters(spec.basicAuth.password)) {
      return l10n.t('The password must not be empty (nor hold control characters).');
    }
    if (spec.customKeyId !== undefined || spec.hmac || spec.certificate) {
      return l10n.t('A basic-auth user is named by its username: it takes no custom key id, HMAC secret or certificate.');
    }
  }
  if (spec.customKeyId !== undefined && !PATH_ID.test(spec.customKeyId)) {
    return l10n.t('The key id must be 1 to 200 characters without spaces, slashes, ?, # or %.');
  }
  if (spec.certificate !== undefined && spec.certificate.trim() === '') {
    return l10n.t('Choose the certificate the key is bound to.');
  }
  return undefined;
}

/**
 * The SessionState body for a new key. `allowance` equals `rate`; `quota_remaining` and `quota_renews`
 * are never sent (Tyk manages them).
 */
export function buildSessionState(spec: KeySpec): Record<string, unknown> {
  // fromEntries: an id such as "__proto__" becomes a right like any other, not the object's prototype.
  const accessRights = Object.fromEntries(
    spec.access.map((access) => [
      access.apiId,
      { api_id: access.apiId, api_name: access.apiName, versions: access.versions.length > 0 ? [...access.versions] : ['Default'], allowed_urls: [] },
    ]),
  );
  const body: Record<string, unknown> = {
    allowance: spec.rate,
    rate: spec.rate,
    per: spec.per,
    expires: spec.expires,
    quota_max: spec.quotaMax,
    quota_renewal_rate: spec.quotaMax === -1 ? -1 : spec.quotaRenewalRate,
    access_rights: accessRights,
    meta_data: { ...(spec.metaData ?? {}) },
  };
  const alias = spec.alias?.trim();
  if (alias) {
    body.alias = alias;
  }
  if (spec.tags && spec.tags.length > 0) {
    body.tags = [...spec.tags];
  }
  if (spec.policies && spec.policies.length > 0) {
    body.apply_policies = [...spec.policies];
  }
  if (spec.orgId) {
    body.org_id = spec.orgId;
  }
  if (spec.hmac) {
    // Tyk generates the secret itself (gateway/api.go: GenerateHMACSecret): none is sent.
    body.hmac_enabled = true;
  }
  if (spec.certificate) {
    body.certificate = spec.certificate;
  }
  if (spec.basicAuth) {
    body.basic_auth_data = { password: spec.basicAuth.password };
  }
  return body;
}

/** Whether a session read back is a basic-auth user: Tyk keeps `basic_auth_data.hash_type`, blanks the password. */
export function isBasicAuthSession(session: Record<string, unknown>): boolean {
  const data = session.basic_auth_data;
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const { hash_type: hashType, password } = data as { hash_type?: unknown; password?: unknown };
  return (typeof hashType === 'string' && hashType !== '') || (typeof password === 'string' && password !== '');
}

/** Why a whole session cannot be sent as a new key (no rights and no policies; a basic-auth user), or undefined. */
export function checkSession(session: Record<string, unknown>): string | undefined {
  if (isBasicAuthSession(session)) {
    return l10n.t('A basic-auth user is not copied (Tyk never gives its password back): set a new password for the same user instead.');
  }
  const rights = session.access_rights;
  const policies = session.apply_policies;
  const hasRights = typeof rights === 'object' && rights !== null && Object.keys(rights).length > 0;
  const hasPolicies = Array.isArray(policies) && policies.length > 0;
  return hasRights || hasPolicies ? undefined : l10n.t('The key grants no API and no policy: Tyk would refuse a copy of it.');
}

/**
 * A session read back from the server, made fit to send again (update or rotation): the fields Tyk
 * manages itself are removed.
 */
export function reusableSession(session: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...session };
  for (const managed of ['quota_remaining', 'quota_renews', 'date_created', 'last_updated', 'last_check', 'key_id']) {
    delete copy[managed];
  }
  return copy;
}

/**
 * A session made fit to become a new key (rotation): what `reusableSession` drops, plus what must not be
 * copied blindly: the HMAC secret (Tyk issues a new one), the certificate binding (Tyk allows one key per
 * certificate: "Key with given certificate already found"; `certificate` rebinds on purpose) and the
 * legacy `apply_policy_id` when `apply_policies` already holds the policies.
 */
export function rotationSession(session: Record<string, unknown>, certificate?: string): Record<string, unknown> {
  const copy = reusableSession(session);
  delete copy.hmac_string;
  delete copy.certificate;
  delete copy.basic_auth_data;
  if (certificate) {
    copy.certificate = certificate;
  }
  return copy;
}

/** Control characters (C0, DEL, C1): not printable, refused in aliases. */
export function hasControlCharacters(text: string): boolean {
  return /\p{Cc}/u.test(text);
}
