// From parsed Tyk responses to the extension's small model types.
import type { ApiDefinition, CertificateBasics, OasDocument, Policy, ResultUnit, SessionState } from './schemas';
import type { UsageUnit } from '../domain/usage';
import type {
  ApiProtocol,
  AuthKind,
  KeyDetails,
  KeyKind,
  NotRequestableReason,
  OasVersion,
  TykApi,
  TykCertificate,
  TykFlavor,
  TykPolicy,
} from '../domain/model';
import { boundedApi, boundedPolicy } from '../domain/limits';
import { mapInSlices } from './jsonSlices';

const DEFAULT_AUTH_HEADER = 'Authorization';

/** Where a definition comes from, for what only the server can say. */
export interface ApiSource {
  /** Default 'dashboard': `active: false` counts. A Gateway serves every definition it lists. */
  flavor?: TykFlavor;
  /** The Tyk OAS document (Dashboard wrapper's `oas`). */
  oas?: OasDocument | null;
  /** Listed by the Gateway only with `include_types=mcp`: an MCP proxy. */
  mcp?: boolean;
}

/** Every auth method the definition enables, in Tyk's order (keyless alone when set: Tyk ignores the rest). */
export function authKindsOf(def: ApiDefinition): AuthKind[] {
  if (def.use_keyless) {
    return ['keyless'];
  }
  const kinds: AuthKind[] = [];
  if (def.use_basic_auth) {
    kinds.push('basic');
  }
  if (def.enable_jwt) {
    kinds.push('jwt');
  }
  if (def.use_oauth2) {
    kinds.push('oauth2');
  }
  if (def.enable_signature_checking) {
    kinds.push('hmac');
  }
  if (def.use_openid) {
    kinds.push('oidc');
  }
  if (def.use_mutual_tls_auth) {
    kinds.push('mtls');
  }
  if (def.use_go_plugin_auth || def.enable_coprocess_auth || def.custom_plugin_auth_enabled) {
    kinds.push('custom');
  }
  if (def.use_standard_auth) {
    kinds.push('authToken');
  }
  // A classic API with no other method set authenticates with auth tokens.
  return kinds.length > 0 ? kinds : ['authToken'];
}

export function authKindOf(def: ApiDefinition): AuthKind {
  const kinds = authKindsOf(def);
  return kinds.length > 1 ? 'multiple' : kinds[0];
}

/** `base_identity_provided_by` values (apidef.AuthTypeEnum) and the key kind each one means. */
const BASE_IDENTITY: Record<string, AuthKind> = {
  auth_token: 'authToken',
  basic_auth_user: 'basic',
  hmac_key: 'hmac',
  jwt_claim: 'jwt',
  oidc_user: 'oidc',
  oauth_key: 'oauth2',
  custom_auth: 'custom',
};

/** Preference when a multi-auth API names no base identity: the methods whose session is a key come first. */
const KEY_PREFERENCE: AuthKind[] = ['authToken', 'basic', 'hmac', 'jwt', 'oauth2', 'oidc', 'custom', 'mtls'];

/** Whether auth tokens are bound to client certificates (dynamic mTLS): `auth_configs.authToken.use_certificate`. */
function tokenUsesCertificate(def: ApiDefinition, oas: OasDocument | null | undefined): boolean {
  const oasSchemes = oas?.['x-tyk-api-gateway']?.server?.authentication?.securitySchemes;
  if (oasSchemes && Object.values(oasSchemes).some((scheme) => scheme.enabled !== false && scheme.enableClientCertificate === true)) {
    return true;
  }
  return (def.auth_configs?.authToken ?? def.auth)?.use_certificate === true;
}

/** What Create Key does for the API (see KeyKind). */
export function keyKindOf(def: ApiDefinition, oas?: OasDocument | null): KeyKind {
  const kinds = authKindsOf(def);
  const base = def.base_identity_provided_by ? BASE_IDENTITY[def.base_identity_provided_by] : undefined;
  const identity = base && kinds.includes(base) ? base : kinds.length === 1 ? kinds[0] : KEY_PREFERENCE.find((k) => kinds.includes(k));
  switch (identity) {
    case 'authToken':
      return tokenUsesCertificate(def, oas) ? 'certificate' : 'authToken';
    case 'basic':
    case 'hmac':
    case 'jwt':
    case 'oauth2':
    case 'oidc':
    case 'keyless':
    case 'mtls':
    case 'custom':
      return identity;
    default:
      return 'authToken';
  }
}

function headerName(name: string | null | undefined): string | undefined {
  return name?.trim() || undefined;
}

/**
 * The header an auth token is read from, as Tyk's getAuthToken (gateway/middleware.go): the method's own
 * `auth_configs.authToken`, falling back to the deprecated `auth` only when that entry is missing; for Tyk
 * OAS APIs the token scheme's header in `x-tyk-api-gateway` (or the OAS apiKey scheme's `name`) first.
 */
export function authHeaderNameOf(def: ApiDefinition, oas?: OasDocument | null): string {
  const schemes = oas?.['x-tyk-api-gateway']?.server?.authentication?.securitySchemes;
  if (schemes) {
    for (const [name, scheme] of Object.entries(schemes)) {
      if (scheme.enabled === false) {
        continue;
      }
      const fromTyk = scheme.header?.enabled !== false ? headerName(scheme.header?.name) : undefined;
      const declared = oas?.components?.securitySchemes?.[name];
      const fromOas = declared?.type === 'apiKey' && declared.in === 'header' ? headerName(declared.name) : undefined;
      if (fromTyk ?? fromOas) {
        return (fromTyk ?? fromOas) as string;
      }
    }
  }
  const config = def.auth_configs?.authToken ?? def.auth;
  return headerName(config?.auth_header_name) ?? DEFAULT_AUTH_HEADER;
}

/** tcp:// and tls:// targets, or `protocol` tcp/tls: Tyk's TCP proxy. */
function protocolOf(def: ApiDefinition, source: ApiSource): ApiProtocol {
  if (source.mcp) {
    return 'mcp';
  }
  const declared = def.protocol?.trim().toLowerCase();
  if (declared === 'tcp' || declared === 'tls') {
    return declared;
  }
  const target = def.proxy?.target_url?.trim().toLowerCase() ?? '';
  return target.startsWith('tcp://') ? 'tcp' : target.startsWith('tls://') ? 'tls' : 'http';
}

/** Tyk's secret references (env://, secrets://, vault://, consul://, conf://): resolved by the Gateway, not text. */
const SECRET_REFERENCE = /(^|\/)(env|secrets|vault|consul|conf):\/\//i;

/** Why no literal request can be written: a TCP API, a listen path with a `{…}` pattern or a secret reference. */
export function notRequestableReason(protocol: ApiProtocol, listenPath: string): NotRequestableReason | undefined {
  if (protocol === 'tcp' || protocol === 'tls') {
    return 'tcp';
  }
  if (SECRET_REFERENCE.test(listenPath)) {
    return 'secret-path';
  }
  return /[{}]/.test(listenPath) ? 'regex-path' : undefined;
}

function classicVersions(def: ApiDefinition): { versions: string[]; defaultVersion?: string } {
  const data = def.version_data;
  const names = data?.versions ? Object.keys(data.versions) : [];
  if (names.length === 0) {
    return { versions: ['Default'] };
  }
  const defaultVersion = data?.default_version && names.includes(data.default_version) ? data.default_version : undefined;
  return { versions: names, defaultVersion: data?.not_versioned ? undefined : defaultVersion };
}

function oasVersionsOf(def: ApiDefinition): OasVersion[] {
  const vd = def.definition;
  if (!vd?.enabled || !vd.versions) {
    return [];
  }
  const children = Object.entries(vd.versions)
    .filter(([name, apiId]) => name.length > 0 && apiId.length > 0 && apiId !== def.api_id)
    .map(([name, apiId]) => ({ name, apiId }));
  if (children.length === 0) {
    return [];
  }
  return [{ name: vd.name || 'Default', apiId: def.api_id }, ...children];
}

export function toTykApi(def: ApiDefinition, source: ApiSource = {}): TykApi {
  const isOas = def.is_oas === true;
  const classic = isOas ? { versions: [] as string[] } : classicVersions(def);
  const authKinds = authKindsOf(def);
  const listenPath = def.proxy?.listen_path ?? '';
  const protocol = protocolOf(def, source);
  const reason = notRequestableReason(protocol, listenPath);
  const api: TykApi = {
    apiId: def.api_id,
    name: def.name?.trim() || def.api_id,
    listenPath,
    authKind: authKinds.length > 1 ? 'multiple' : authKinds[0],
    authKinds,
    keyKind: keyKindOf(def, source.oas),
    authHeaderName: authHeaderNameOf(def, source.oas),
    // The Gateway never reads `active` (it serves every definition it loaded); the Dashboard's counts.
    active: source.flavor === 'gateway' || def.active !== false,
    internal: def.internal === true,
    isOas,
    versions: classic.versions,
    oasVersions: isOas ? oasVersionsOf(def) : [],
    protocol,
    requestable: reason === undefined,
  };
  return boundedApi(assignPresent(api, { notRequestableReason: reason, dbId: def.id, defaultVersion: classic.defaultVersion, orgId: def.org_id }));
}

/** Sets each optional field that has a value (not undefined, null or ""), so absent ones stay absent. */
function assignPresent<T extends object>(target: T, values: { [K in keyof T]?: T[K] | null }): T {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') {
      (target as Record<string, unknown>)[name] = value;
    }
  }
  return target;
}

export function toKeyDetails(keyId: string, keyHash: string | undefined, session: SessionState, raw: Record<string, unknown>): KeyDetails {
  const details: KeyDetails = {
    keyId,
    accessRights: Object.entries(session.access_rights ?? {}).map(([id, right]) => ({
      apiId: right.api_id || id,
      apiName: right.api_name ?? undefined,
      versions: right.versions ?? [],
    })),
    isInactive: session.is_inactive === true,
    tags: session.tags ?? [],
    policies: policyIdsOf(session),
    kind: sessionKindOf(session),
    session: raw,
  };
  return assignPresent(details, {
    keyHash,
    alias: session.alias,
    rate: session.rate,
    per: session.per,
    quotaMax: session.quota_max,
    quotaRemaining: session.quota_remaining,
    quotaRenewalRate: session.quota_renewal_rate,
    quotaRenews: session.quota_renews,
    expires: session.expires,
    orgId: session.org_id,
    hmacSecret: session.hmac_enabled ? session.hmac_string : undefined,
    certificate: session.certificate,
    username: details.kind === 'basic' ? usernameOf(keyId, session.org_id ?? '') : undefined,
  });
}

/** Tyk's SessionState.PolicyIDs (user/session.go): `apply_policies`, else the legacy `apply_policy_id`. */
export function policyIdsOf(session: Pick<SessionState, 'apply_policies' | 'apply_policy_id'>): string[] {
  const list = (session.apply_policies ?? []).filter((id) => id !== '');
  if (list.length > 0) {
    return [...new Set(list)];
  }
  return session.apply_policy_id ? [session.apply_policy_id] : [];
}

/**
 * A basic-auth user keeps `basic_auth_data.hash_type` (Tyk blanks only the password on read); an HMAC key
 * has `hmac_enabled`; a certificate-bound key names its `certificate`.
 */
export function sessionKindOf(session: SessionState): KeyDetails['kind'] {
  const basic = session.basic_auth_data;
  if (basic && (basic.hash_type || basic.password)) {
    return 'basic';
  }
  if (session.hmac_enabled) {
    return 'hmac';
  }
  return session.certificate ? 'certificate' : 'authToken';
}

/**
 * A basic-auth user's name from its key id: Tyk stores org id + username (legacy keys), or a base64 JSON
 * `{"org","id","h"}` when a hash_key_function is set (storage.GenerateToken).
 */
export function usernameOf(keyId: string, orgId: string): string | undefined {
  if (orgId && keyId.startsWith(orgId) && keyId.length > orgId.length) {
    return keyId.slice(orgId.length);
  }
  try {
    const decoded: unknown = JSON.parse(Buffer.from(keyId, 'base64').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null && typeof (decoded as { id?: unknown }).id === 'string') {
      return (decoded as { id: string }).id;
    }
  } catch {
    // not a base64 JSON key
  }
  return undefined;
}

/**
 * `flavor` decides what `active` means: Tyk enforces only `is_inactive` (internal/policy/apply.go), and a
 * Gateway loading a policy file without `active` writes `active: false` (user.Policy has no omitempty), so
 * on a Gateway `active` is ignored. A Dashboard's `active: false` is a policy its users set aside.
 */
export function toTykPolicy(policy: Policy, flavor: TykFlavor = 'dashboard'): TykPolicy | undefined {
  const id = policy.id || policy._id;
  if (!id) {
    return undefined;
  }
  const result: TykPolicy = {
    id,
    name: policy.name?.trim() || id,
    active: policy.is_inactive !== true && (flavor === 'gateway' || policy.active !== false),
    apis: Object.entries(policy.access_rights ?? {}).map(([apiId, right]) => ({
      apiId: right.api_id || apiId,
      ...(right.api_name ? { apiName: right.api_name } : {}),
    })),
    tags: policy.tags ?? [],
  };
  return boundedPolicy(
    assignPresent(result, {
    rate: policy.rate,
    per: policy.per,
    quotaMax: policy.quota_max,
    quotaRenewalRate: policy.quota_renewal_rate,
    keyExpiresIn: policy.key_expires_in,
    }),
  );
}

/** The policies a list holds (those without an id left out), mapped in slices: a list may hold thousands. */
export async function toPolicies(list: Policy[] | null | undefined, flavor: TykFlavor, signal?: AbortSignal): Promise<TykPolicy[]> {
  const policies = await mapInSlices(list ?? [], (p) => toTykPolicy(p, flavor), signal);
  return policies.filter((p): p is TykPolicy => p !== undefined);
}

export function toCertificates(list: CertificateBasics[] | null | undefined): TykCertificate[] {
  return (list ?? []).map((c) =>
    assignPresent<TykCertificate>({ id: c.id }, { subject: c.subject_cn, issuer: c.issuer_cn, notAfter: c.not_after, hasPrivateKey: c.has_private }),
  );
}

/** Tyk's `ResultUnit`s as usage units: a missing count is 0; a date part of 0 (not per day) is no date. */
export function toUsageUnits(units: readonly ResultUnit[] | null | undefined): UsageUnit[] {
  return (units ?? []).map((u) => ({
    ...(u.id?.year ? { year: u.id.year } : {}),
    ...(u.id?.month ? { month: u.id.month } : {}),
    ...(u.id?.day ? { day: u.id.day } : {}),
    hits: u.hits ?? 0,
    errors: u.error ?? 0,
  }));
}
