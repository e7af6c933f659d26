// The shapes the extension works with: small, typed, and free of the raw Tyk definitions.

/** Which Tyk API a connection talks to. */
export type TykFlavor = 'dashboard' | 'gateway';

/** How an API authenticates its callers (from the classic definition's flags). */
export type AuthKind =
  | 'authToken'
  | 'keyless'
  | 'basic'
  | 'jwt'
  | 'oauth2'
  | 'hmac'
  | 'oidc'
  | 'mtls'
  | 'custom'
  | 'multiple';

/** One OAS version of an API: in Tyk OAS every version is an API of its own, with its own api_id. */
export interface OasVersion {
  name: string;
  apiId: string;
}

/** An API as the tree and the key wizard need it. */
export interface TykApi {
  /** `api_id`: the id used in access rights. */
  apiId: string;
  /** The internal database id (`id`), when the server sends it. */
  dbId?: string;
  name: string;
  listenPath: string;
  authKind: AuthKind;
  /** The header the API reads the key from (`auth.auth_header_name`), default `Authorization`. */
  authHeaderName: string;
  active: boolean;
  internal: boolean;
  isOas: boolean;
  /** Classic APIs: the version names a key can be granted (at least one). OAS APIs: empty. */
  versions: string[];
  /** Classic APIs: the default version, when versioned. */
  defaultVersion?: string;
  /** OAS base APIs: their versions, each its own api_id (the base's own version first). */
  oasVersions: OasVersion[];
  orgId?: string;
}

export interface ApiPage {
  apis: TykApi[];
  /** 1-based page number this page is. */
  page: number;
  /** How many pages the server reports (1 for servers that do not page). */
  pages: number;
}

/** One API (and the versions of it) a key may call. */
export interface KeyAccess {
  apiId: string;
  apiName: string;
  /** Classic: the version names granted. OAS: ignored by Tyk; send `["Default"]`. */
  versions: string[];
}

/** What the user asked for; the client turns it into a SessionState body. */
export interface KeySpec {
  access: KeyAccess[];
  /** Requests allowed per `per` seconds; 0 or less = no rate limit. */
  rate: number;
  per: number;
  /** Requests per quota period; -1 = unlimited. */
  quotaMax: number;
  /** Quota period in seconds; -1 when unlimited. */
  quotaRenewalRate: number;
  /** Unix seconds; -1 = never expires. */
  expires: number;
  alias?: string;
  tags?: string[];
  /** Policy ids (`id`, else `_id`): they override the key's own limits, rights and expiry. */
  policies?: string[];
  /** The organisation of the APIs; keys without it may not show in the Dashboard. */
  orgId?: string;
  metaData?: Record<string, string>;
}

/** A key the server created. `key` is the secret the caller uses; it cannot be read back later. */
export interface CreatedKey {
  key: string;
  keyHash?: string;
}

/** How to address an existing key: by the key itself, or by its hash. */
export interface KeyRef {
  id: string;
  hashed?: boolean;
}

export interface KeyPage {
  /** Key ids, or their hashes when the server hashes keys. */
  keys: string[];
  page: number;
  pages: number;
}

export interface KeyAccessRight {
  apiId: string;
  apiName?: string;
  versions: string[];
}

/** A key's session as read back from the server. */
export interface KeyDetails {
  keyId: string;
  keyHash?: string;
  alias?: string;
  accessRights: KeyAccessRight[];
  rate?: number;
  per?: number;
  quotaMax?: number;
  quotaRemaining?: number;
  quotaRenewalRate?: number;
  quotaRenews?: number;
  expires?: number;
  isInactive: boolean;
  tags: string[];
  policies: string[];
  orgId?: string;
  /** The whole SessionState as received (one key: small), for the details view and rotation. */
  session: Record<string, unknown>;
}

export interface TykPolicy {
  /** The id to put in `apply_policies` (`id`, else `_id`). */
  id: string;
  name: string;
  active: boolean;
  apis: Array<{ apiId: string; apiName?: string }>;
  rate?: number;
  per?: number;
  quotaMax?: number;
  quotaRenewalRate?: number;
  keyExpiresIn?: number;
  tags: string[];
}
