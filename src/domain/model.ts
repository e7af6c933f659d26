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

/**
 * What Create Key does for an API, from the method that provides the caller's identity (Tyk's
 * `base_identity_provided_by` on multi-auth APIs, else the one method enabled):
 * - `authToken`: a key (today's flow); `certificate`: a key bound to a client certificate (pick one);
 * - `basic`: a basic-auth user (username + password); `hmac`: a key id plus the HMAC secret Tyk issues;
 * - `jwt`, `oauth2`, `oidc`, `keyless`, `mtls` (static mTLS allow list), `custom` (plugin): Tyk does not use
 *   a created key there; see `keyKindAdvice` for what to do instead.
 */
export type KeyKind = 'authToken' | 'certificate' | 'basic' | 'hmac' | 'jwt' | 'oauth2' | 'oidc' | 'keyless' | 'mtls' | 'custom';

/**
 * What kind of API it is: `http` (REST, GraphQL…), `tcp`/`tls` (Tyk's TCP proxy: no HTTP request can be
 * made) or `mcp` (an MCP proxy: JSON-RPC over HTTP).
 */
export type ApiProtocol = 'http' | 'tcp' | 'tls' | 'mcp';

/** Why no literal HTTP request (curl line, .http file) can be written for an API. */
export type NotRequestableReason = 'tcp' | 'regex-path' | 'secret-path';

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
  /** Every method enabled, in Tyk's order (one for most APIs; several on multi-auth APIs). */
  authKinds: AuthKind[];
  /** What Create Key must make (or explain) for this API. */
  keyKind: KeyKind;
  /**
   * The header the API reads an auth token from, as Tyk does: Tyk OAS `x-tyk-api-gateway` token header,
   * else `auth_configs.authToken.auth_header_name`, else the legacy `auth.auth_header_name`; default `Authorization`.
   */
  authHeaderName: string;
  /**
   * Whether the API is served. On a Gateway always true: the Gateway serves every definition it loaded and
   * never reads `active`. On a Dashboard, `active: false` (the Dashboard does not hand it to Gateways).
   */
  active: boolean;
  protocol: ApiProtocol;
  /** Whether an HTTP request (curl line, header, `.http` file) can be written for it. */
  requestable: boolean;
  /** Why not, when `requestable` is false. */
  notRequestableReason?: NotRequestableReason;
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
  /**
   * A key id of the user's choosing (teams migrating keys): sent as `POST /api/keys/{id}` or
   * `POST /tyk/keys/{id}`. Tyk stores it as org id + id.
   */
  customKeyId?: string;
  /** A basic-auth user instead of a key (APIs with basic auth): Tyk stores the password hashed. */
  basicAuth?: { username: string; password: string };
  /** An HMAC-signing key: Tyk generates the secret (`CreatedKey.hmacSecret`). */
  hmac?: boolean;
  /** A certificate-bound key (dynamic mTLS): the certificate id (`TykCertificate.id`). */
  certificate?: string;
}

/** A key the server created. `key` is the secret the caller uses; it cannot be read back later. */
export interface CreatedKey {
  /**
   * The key id. For a basic-auth user on a Gateway that hashes keys Tyk answers `""` (the user logs in with
   * username and password; manage it by `keyHash`).
   */
  key: string;
  keyHash?: string;
  /** HMAC keys: the secret Tyk generated (shown once, used with `key` to sign requests). */
  hmacSecret?: string;
  /** Basic-auth users: the username (the password is the one sent). */
  username?: string;
}

/** A rotated basic-auth user: same user, new password. */
export interface BasicAuthCredentials {
  username: string;
  password: string;
}

/** A certificate the Dashboard holds (`/api/certs?mode=detailed`), to bind a key to. */
export interface TykCertificate {
  id: string;
  subject?: string;
  issuer?: string;
  notAfter?: string;
  hasPrivateKey?: boolean;
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
  /** The listed keys whose session the listing read (a Gateway reads each key it lists), by listed id. */
  statuses?: ReadonlyMap<string, KeyStatus>;
}

/** What the tree shows of a listed key besides its id, from its session (see domain/keyState.ts). */
export interface KeyStatus {
  /** `is_inactive`: suspended. */
  isInactive: boolean;
  /** `expires`: unix seconds; 0 or less = never. */
  expires?: number;
  alias?: string;
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
  /** The policies Tyk applies: `apply_policies`, else the legacy `apply_policy_id` (Tyk's PolicyIDs). */
  policies: string[];
  orgId?: string;
  /** What kind of key it is: a basic-auth user, an HMAC key, a certificate-bound key, or an auth token. */
  kind: 'authToken' | 'basic' | 'hmac' | 'certificate';
  /** Basic-auth users: the username (Tyk blanks the password when a key is read). */
  username?: string;
  /** HMAC keys: the secret, when the server sends it back. */
  hmacSecret?: string;
  /** Certificate-bound keys: the certificate id. */
  certificate?: string;
  /** The whole SessionState as received (one key: small), for the details view and rotation. */
  session: Record<string, unknown>;
}

export interface TykPolicy {
  /** The id to put in `apply_policies` (`id`, else `_id`). */
  id: string;
  name: string;
  /**
   * Whether keys may use it: Tyk enforces `is_inactive` only. A Gateway writes `active: false` for a
   * policy file without `active`, so there `active` means nothing; a Dashboard's `active: false` (a draft) counts.
   */
  active: boolean;
  apis: Array<{ apiId: string; apiName?: string }>;
  rate?: number;
  per?: number;
  quotaMax?: number;
  quotaRenewalRate?: number;
  keyExpiresIn?: number;
  tags: string[];
}
