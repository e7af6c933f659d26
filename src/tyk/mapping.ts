// From parsed Tyk responses to the extension's small model types.
import type { ApiDefinition, Policy, SessionState } from './schemas';
import type { AuthKind, KeyDetails, OasVersion, TykApi, TykPolicy } from './model';
import { boundedApi, boundedPolicy } from './limits';

const DEFAULT_AUTH_HEADER = 'Authorization';

export function authKindOf(def: ApiDefinition): AuthKind {
  if (def.use_keyless) {
    return 'keyless';
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
  if (kinds.length > 1) {
    return 'multiple';
  }
  // A classic API with no other method set authenticates with auth tokens.
  return kinds[0] ?? 'authToken';
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

export function toTykApi(def: ApiDefinition): TykApi {
  const isOas = def.is_oas === true;
  const classic = isOas ? { versions: [] as string[] } : classicVersions(def);
  const api: TykApi = {
    apiId: def.api_id,
    name: def.name?.trim() || def.api_id,
    listenPath: def.proxy?.listen_path ?? '',
    authKind: authKindOf(def),
    authHeaderName: def.auth?.auth_header_name?.trim() || DEFAULT_AUTH_HEADER,
    active: def.active !== false,
    internal: def.internal === true,
    isOas,
    versions: classic.versions,
    oasVersions: isOas ? oasVersionsOf(def) : [],
  };
  if (def.id) {
    api.dbId = def.id;
  }
  if (classic.defaultVersion) {
    api.defaultVersion = classic.defaultVersion;
  }
  if (def.org_id) {
    api.orgId = def.org_id;
  }
  return boundedApi(api);
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
    policies: session.apply_policies ?? [],
    session: raw,
  };
  const optional: Array<[keyof KeyDetails, unknown]> = [
    ['keyHash', keyHash],
    ['alias', session.alias],
    ['rate', session.rate],
    ['per', session.per],
    ['quotaMax', session.quota_max],
    ['quotaRemaining', session.quota_remaining],
    ['quotaRenewalRate', session.quota_renewal_rate],
    ['quotaRenews', session.quota_renews],
    ['expires', session.expires],
    ['orgId', session.org_id],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined && value !== null && value !== '') {
      (details as unknown as Record<string, unknown>)[name] = value;
    }
  }
  return details;
}

export function toTykPolicy(policy: Policy): TykPolicy | undefined {
  const id = policy.id || policy._id;
  if (!id) {
    return undefined;
  }
  const result: TykPolicy = {
    id,
    name: policy.name?.trim() || id,
    active: policy.active !== false && policy.is_inactive !== true,
    apis: Object.entries(policy.access_rights ?? {}).map(([apiId, right]) => ({
      apiId: right.api_id || apiId,
      ...(right.api_name ? { apiName: right.api_name } : {}),
    })),
    tags: policy.tags ?? [],
  };
  if (policy.rate != null) {
    result.rate = policy.rate;
  }
  if (policy.per != null) {
    result.per = policy.per;
  }
  if (policy.quota_max != null) {
    result.quotaMax = policy.quota_max;
  }
  if (policy.quota_renewal_rate != null) {
    result.quotaRenewalRate = policy.quota_renewal_rate;
  }
  if (policy.key_expires_in != null) {
    result.keyExpiresIn = policy.key_expires_in;
  }
  return boundedPolicy(result);
}

export function toPolicies(list: Policy[] | null | undefined): TykPolicy[] {
  return (list ?? []).map(toTykPolicy).filter((p): p is TykPolicy => p !== undefined);
}
