/**
 * Tyk sandbox: a small, stateful, spec-true local stand-in for the Tyk Dashboard API and the open-source
 * Tyk Gateway API, for tests and for trying the extension without a Tyk installation.
 *
 * One state (APIs, policies, keys) is shared by both fronts, as in Tyk where the Dashboard writes keys into
 * the Gateway's store. Every response uses a status the official spec declares for the operation and matches
 * its schema (checked by test/sandbox/sandbox.test.ts; `checkSpec: true` checks every response at run time).
 *
 * Behaviour taken from Tyk (TykTechnologies/tyk gateway/api.go unless noted):
 * - Dashboard auth: raw credential in `authorization` (no "Bearer"); else 401 `Not authorised`.
 * - Gateway auth: `x-tyk-authorization: <secret>`; else 403 `Attempted administrative access with invalid or missing key!`.
 *   `GET /hello` needs none.
 * - `hashed`: any non-empty value means "the id is a hash" (`r.URL.Query().Get("hashed") != ""`), so
 *   `hashed=false` is hashed too. `suppress_reset` only counts when it is exactly `1`.
 * - Keys: `org_id + 32 hex` (legacy, `hash_key_function` empty) or base64 `{"org","id","h"}` when a hash
 *   function is set; key hashes are murmur3 (see hash.ts).
 * - `POST /tyk/keys/create`: bad JSON → 500 `Unmarshalling failed`; no access rights after policies →
 *   400 `Failed to create key, keys must have at least one Access Rights record set.`
 * - `POST /tyk/keys`, `POST|PUT /tyk/keys/{key}`: bad JSON → 400 `Request malformed`; no access rights →
 *   500 `Failed to create key, ensure security settings are correct.` (master keys disallowed).
 * - Access rights naming an API the Gateway does not know: stored anyway ("Can't find active API, storing anyway").
 * - Unknown policy in `apply_policies`: `policy not found: "<id>"` when it is the only one (create → 500
 *   `Failed to create key - policy not found: …`), skipped when there are several.
 * - `GET /tyk/keys`: hashed keys with listing disabled → 404 `Hashed key listing is disabled in config
 *   (enable_hashed_keys_listing)`; `filter` is a key prefix (ignored for hashed keys); `api_id` is ignored.
 * - `GET /tyk/keys/{key}?hashed=…` without hashing → 400 `Key requested by hash but key hashing is not enabled`.
 * - PUT keeps `date_created`; with `suppress_reset=1` keeps `quota_renews`, `last_updated` and the remaining quota,
 *   otherwise resets the quota; an `expires` in the past is replaced by the previous value.
 * - `is_inactive` (suspended) is stored as sent; a key outlives its `expires`: it is kept, listed and read
 *   like any other (Tyk stores a session without a TTL unless a session lifetime, or
 *   `session_lifetime_respects_key_expiration`, is set: user/session.go `Lifetime`), so an expired key is
 *   one whose expiry passed after it was written.
 * - Gateway create responses carry `key_hash` only with hashed keys (`if HashKeys { obj.KeyHash = … }`).
 * - A Dashboard-managed Gateway gets active APIs only: inactive ones are absent from `/tyk/apis`. An
 *   open-source Gateway (`openSourceGateway`) loads every file and never reads `active`: it lists them all.
 *   `sandbox.gatewayApis()` lists what the Gateway serves, `sandbox.apis()` the whole catalog.
 * - `hmac_enabled` on a new key: a fresh `hmac_string` whatever the client sent (GenerateHMACSecret).
 * - Basic-auth users (`basic_auth_data.password`): the password is stored hashed (`hash_type: bcrypt`; a
 *   bcrypt-like stand-in) on create, re-hashed on update only when it differs from the stored hash, kept when
 *   an update sends none, and blanked whenever a key is read (handleGetDetail). With hashed keys, a Gateway
 *   create of a basic-auth user answers `"key": ""` plus `key_hash` (handleAddOrUpdate).
 * - Custom keys (`POST /tyk/keys/{id}`) are stored as org id + id: a bare-id GET/PUT/DELETE finds them only
 *   with `?org_id=` (SessionDetail); PUT and DELETE answer with the key as stored. `DELETE …?api_id=-1`
 *   answers `null`. `?hashed=…` with hashing off finds the key as its own hash (GET still answers 400).
 * - `tykSeries: '5.12'`: key and policy bodies omit zero values (`omitzero`); '5.11' sends them all.
 * - A policy without `active` (a policy file) reads back `active: false` from a Gateway (user.Policy).
 * - The Gateway behaves as a Dashboard-managed one: API and policy writes answer 500 `Due to enabled … please
 *   use the Dashboard API`.
 * - The Gateway also serves each API's listen path, on the same port as its API, and enforces keys there as
 *   Tyk's middleware does (proxy.ts: auth header, access rights by API and version, rate limit → 429, quota →
 *   403, expired and inactive keys; messages and statuses from Tyk's Go code); every call is recorded
 *   (`sandbox.calls()`) for the Dashboard's usage charts. `advanceClock` lets time pass without waiting.
 * - The Dashboard's key analytics (`GET /api/activity/keys/{keyHash}/…`) aggregate those calls per UTC day as
 *   Tyk Pump does, plus generated traffic for the keys created while `generatedTraffic` is on (analytics.ts).
 *
 * Sandbox choices (Dashboard is closed source; each uses a status the spec declares):
 * - Lists: 10 a page, `p` from 1 (missing/invalid/0 → 1, negative → all), `pages` = ceil(total / 10).
 *   Default order is `created_at` descending, which is the catalog order: the seed APIs, then Generated API 0001…;
 *   `sort` accepts name, -name, created_at, -created_at, updated_at, -updated_at.
 * - `GET /api/apis/{id}` unknown → 400 `Could not retrieve API detail` (the spec declares no 404 there).
 * - `POST /api/keys` without rights or policies → 403 with the Gateway's message
 *   `Failed to create key, keys must have at least one Access Rights record set.`; naming an unknown API →
 *   403 `User does not have permission to add API to key Access Rights!` (Dashboard message from
 *   TykTechnologies/tyk#921). The Dashboard forces `org_id` to its organisation and fills `api_id`/`api_name`.
 * - Dashboard write operations the sandbox does not model (API and policy changes) → 403 RBAC
 *   `access denied: You do not have permission to access <path>`.
 * - Unknown routes → 404 in the front's error shape; undeclared methods → 405.
 */
import * as http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildCatalog, seedCertificates, seedPolicies, shapeKeySessions, SANDBOX_ORG_ID, type Catalog, type CatalogEntry } from './seed';
import { generateToken, hashKey, type HashKeyFunction } from './hash';
import { findPathTemplate, validateResponse, SpecViolation } from './specValidator';
import { GatewayProxy, type CallFilter, type ProxiedCall } from './proxy';
import { activityRange, callCounts, generatedTraffic, keyActivity } from './analytics';

export interface SandboxOptions {
  host?: string;
  /** Dashboard port; 0 = ephemeral (default from code; the CLI defaults to 3000). */
  port?: number;
  /** Dashboard API credential; default DEFAULT_CREDENTIAL. */
  credential?: string;
  /** Gateway port; 0 = ephemeral; undefined = also start one on an ephemeral port; null = no gateway. */
  gatewayPort?: number | null;
  gatewaySecret?: string;
  /** Total size of the API catalog: the seed APIs, then generated ones up to this count. */
  apis?: number;
  /** Approximate size in bytes of each generated API definition (padding in extended_paths). */
  definitionBytes?: number;
  /** Keys hashed: key_hash is the stored id. Default false. */
  hashKeys?: boolean;
  /** With hashKeys: whether key listing is enabled (default false → listing answers 404 as Tyk does). */
  hashedKeyListing?: boolean;
  /** Tyk's hash_key_function: '' (default) = legacy `org_id + 32 hex` keys hashed with murmur32. */
  hashKeyFunction?: HashKeyFunction;
  /** Artificial delay before every response. */
  latencyMs?: number;
  /** No request log on stderr. Default true from code (the CLI logs unless --quiet). */
  quiet?: boolean;
  /** Validate every response against the spec at run time; violations go to `specViolations` (and stderr). */
  checkSpec?: boolean;
  /** Organisation id; default SANDBOX_ORG_ID. */
  orgId?: string;
  /**
   * Which Tyk series the bodies follow: '5.11' (default) sends every key and policy field, zero values
   * included, as Tyk up to 5.11 does; '5.12' omits zero values (Go `omitzero`), as Tyk 5.12 and later do.
   */
  tykSeries?: TykSeries;
  /**
   * An open-source, file-based Gateway: it serves every definition it loaded, `active: false` included
   * (it never reads `active`). Default false: a Dashboard-managed Gateway, which gets active APIs only.
   */
  openSourceGateway?: boolean;
  /**
   * Adds the objects in every shape Tyk publishes (SAMPLE_SHAPES): a file-style Gateway app without `active`,
   * a multi-auth API, a certificate-bound API, a TCP API, policies as a Gateway reads them from files
   * (no `active`; one `is_inactive`), and keys applying a policy through `apply_policy_id`. Off by default:
   * the catalog's size and order stay what the other suites count on.
   */
  tykShapes?: boolean;
  /**
   * Each key created gets 30 days of made-up traffic (seeded by its hash, so the same key gets the same
   * numbers) in the Dashboard's key analytics, next to the calls really made. Default false from code (a
   * new key has no traffic until called); the CLI and `npm start` turn it on so the usage chart shows data.
   */
  generatedTraffic?: boolean;
  /** Whether the Dashboard user may read analytics (the Analytics permission). Default true; false → 403 RBAC. */
  analytics?: boolean;
}

export type TykSeries = '5.11' | '5.12';

/**
 * Tyk's shipped tyk.conf.example (TykTechnologies/tyk): `hash_keys: true`, `hash_key_function: "murmur64"`,
 * `enable_hashed_keys_listing: false`. A standard mode of the suites: `startSandbox({ ...TYK_CONF_EXAMPLE })`.
 */
export const TYK_CONF_EXAMPLE = { hashKeys: true, hashKeyFunction: 'murmur64', hashedKeyListing: false } as const satisfies SandboxOptions;

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  server: 'dashboard' | 'gateway';
  /** The response status (0 until the response is sent). */
  status: number;
}

export interface StoredKey {
  key: string;
  hash: string;
  session: Record<string, unknown>;
}

export interface Sandbox {
  dashboardUrl: string;
  gatewayUrl?: string;
  credential: string;
  gatewaySecret: string;
  orgId: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Spec violations found at run time (only with `checkSpec`). */
  specViolations: string[];
  keys(): StoredKey[];
  /** All classic api_definitions of the catalog (what the Dashboard holds, inactive ones included). */
  apis(): Array<Record<string, unknown>>;
  /** The definitions the Gateway serves: active APIs only (Tyk does not load inactive ones). */
  gatewayApis(): Array<Record<string, unknown>>;
  policies(): Array<Record<string, unknown>>;
  /** Adds a policy as the Dashboard stores one (`_id` = `id`, this org); `reset()` removes it again. */
  addPolicy(policy: { id: string; name: string; access_rights: Record<string, unknown> }): void;
  setLatency(ms: number): void;
  /** Stores a key directly, as the Gateway's `POST /tyk/keys/create` would (throws on refusal). */
  createKey(session: Record<string, unknown>): StoredKey;
  /** Simulates traffic: uses `requests` of the key's quota (found by key or hash). */
  consumeQuota(keyOrHash: string, requests?: number): void;
  /**
   * The calls made through the Gateway's listen paths (time, API, key hash, status), oldest first; with a
   * filter, those of one key, one API and/or a time range.
   */
  calls(filter?: CallFilter): ProxiedCall[];
  /** Moves the sandbox's clock forward: keys expire, quotas renew and rate windows pass without waiting. */
  advanceClock(ms: number): void;
  /** Forgets all keys (the `tykShapes` seed keys are stored again), recorded requests and calls, and the clock's advance. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_CREDENTIAL = 'c7f3a9e24b1d4f08a6e5d3c2b1a09f87';
/** Tyk's well-known sample secret from tyk.conf. */
export const DEFAULT_GATEWAY_SECRET = '352d20ee67be67f6340b4c0605b044b7';
export const PAGE_SIZE = 10;

type Obj = Record<string, unknown>;
type Front = 'dashboard' | 'gateway';

interface Reply {
  status: number;
  body: unknown;
  /** A routing-level answer (unknown route, undeclared method) or a proxied call: no spec operation to check against. */
  offSpec?: boolean;
  /** Headers beyond the usual ones (a proxied call's `x-generator`, `www-authenticate`). */
  headers?: Record<string, string>;
}

interface Ctx {
  front: Front;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}


function dashError(status: number, message: string): Reply {
  return { status, body: { Status: 'Error', Message: message, Meta: null } };
}

function gwError(status: number, message: string): Reply {
  return { status, body: { status: 'error', message } };
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

// ---------------------------------------------------------------------------------------------------------
// SessionState: Go-like decoding (type errors = malformed request) and encoding (all fields, zero values)

const INT_FIELDS = [
  'last_check',
  'throttle_retry_limit',
  'max_query_depth',
  'expires',
  'quota_max',
  'quota_renews',
  'quota_remaining',
  'quota_renewal_rate',
  'data_expires',
  'id_extractor_deadline',
  'session_lifetime',
  'post_expiry_grace_period',
];
const NUM_FIELDS = ['allowance', 'rate', 'per', 'throttle_interval'];
const STR_FIELDS = ['org_id', 'oauth_client_id', 'certificate', 'hmac_string', 'apply_policy_id', 'alias', 'last_updated', 'rsa_certificate_id', 'post_expiry_action'];
const BOOL_FIELDS = ['hmac_enabled', 'is_inactive', 'enable_detailed_recording', 'enable_detail_recording', 'enable_http_signature_validation'];
const STR_ARRAY_FIELDS = ['apply_policies', 'tags', 'mtls_static_certificate_bindings'];
const OBJ_FIELDS = ['basic_auth_data', 'jwt_data', 'monitor', 'smoothing', 'oauth_keys', 'meta_data'];
const KNOWN_SESSION_FIELDS = new Set([...INT_FIELDS, ...NUM_FIELDS, ...STR_FIELDS, ...BOOL_FIELDS, ...STR_ARRAY_FIELDS, ...OBJ_FIELDS, 'access_rights', 'date_created']);

/** Zero values of the fields both specs' SessionState declare, as Go encodes an empty user.SessionState. */
function sessionDefaults(): Obj {
  return {
    last_check: 0,
    allowance: 0,
    rate: 0,
    per: 0,
    throttle_interval: 0,
    throttle_retry_limit: 0,
    max_query_depth: 0,
    date_created: '0001-01-01T00:00:00Z',
    expires: 0,
    quota_max: 0,
    quota_renews: 0,
    quota_remaining: 0,
    quota_renewal_rate: 0,
    access_rights: null,
    org_id: '',
    oauth_client_id: '',
    oauth_keys: null,
    certificate: '',
    basic_auth_data: { password: '', hash_type: '' },
    jwt_data: { secret: '' },
    hmac_enabled: false,
    hmac_string: '',
    is_inactive: false,
    apply_policy_id: '',
    apply_policies: null,
    data_expires: 0,
    monitor: { trigger_limits: null },
    enable_detailed_recording: false,
    meta_data: null,
    tags: null,
    alias: '',
    last_updated: '',
    id_extractor_deadline: 0,
    session_lifetime: 0,
  };
}

function limitDefaults(): Obj {
  return {
    rate: 0,
    per: 0,
    throttle_interval: 0,
    throttle_retry_limit: 0,
    max_query_depth: 0,
    quota_max: 0,
    quota_renews: 0,
    quota_remaining: 0,
    quota_renewal_rate: 0,
  };
}

function accessDefaults(): Obj {
  return {
    api_name: '',
    api_id: '',
    versions: null,
    allowed_urls: null,
    restricted_types: null,
    allowed_types: null,
    disable_introspection: false,
    limit: limitDefaults(),
    field_access_rights: null,
    allowance_scope: '',
  };
}

function isStringArray(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Go's json.Unmarshal into user.SessionState fails on these; returns the first problem. */
function sessionTypeProblem(s: Obj): string | undefined {
  for (const f of INT_FIELDS) {
    if (s[f] != null && !(typeof s[f] === 'number' && Number.isInteger(s[f]))) {
      return `${f}: not an integer`;
    }
  }
  for (const f of NUM_FIELDS) {
    if (s[f] != null && typeof s[f] !== 'number') {
      return `${f}: not a number`;
    }
  }
  for (const f of STR_FIELDS) {
    if (s[f] != null && typeof s[f] !== 'string') {
      return `${f}: not a string`;
    }
  }
  for (const f of BOOL_FIELDS) {
    if (s[f] != null && typeof s[f] !== 'boolean') {
      return `${f}: not a boolean`;
    }
  }
  for (const f of STR_ARRAY_FIELDS) {
    if (s[f] != null && !isStringArray(s[f])) {
      return `${f}: not an array of strings`;
    }
  }
  for (const f of OBJ_FIELDS) {
    if (s[f] != null && !isObj(s[f])) {
      return `${f}: not an object`;
    }
  }
  if (s.date_created != null && (typeof s.date_created !== 'string' || Number.isNaN(Date.parse(s.date_created)))) {
    return 'date_created: not an RFC 3339 time';
  }
  const rights = s.access_rights;
  if (rights != null) {
    if (!isObj(rights)) {
      return 'access_rights: not an object';
    }
    for (const [id, ar] of Object.entries(rights)) {
      if (!isObj(ar)) {
        return `access_rights.${id}: not an object`;
      }
      for (const f of ['api_id', 'api_name', 'allowance_scope']) {
        if (ar[f] != null && typeof ar[f] !== 'string') {
          return `access_rights.${id}.${f}: not a string`;
        }
      }
      if (ar.versions != null && !isStringArray(ar.versions)) {
        return `access_rights.${id}.versions: not an array of strings`;
      }
      if (ar.allowed_urls != null) {
        if (!Array.isArray(ar.allowed_urls)) {
          return `access_rights.${id}.allowed_urls: not an array`;
        }
        for (const u of ar.allowed_urls) {
          if (!isObj(u) || (u.url != null && typeof u.url !== 'string') || (u.methods != null && !isStringArray(u.methods))) {
            return `access_rights.${id}.allowed_urls: entries must be {url, methods}`;
          }
        }
      }
      if (ar.limit != null) {
        if (!isObj(ar.limit)) {
          return `access_rights.${id}.limit: not an object`;
        }
        for (const [k, v] of Object.entries(ar.limit)) {
          if (k !== 'set_by_policy' && k !== 'smoothing' && v != null && typeof v !== 'number') {
            return `access_rights.${id}.limit.${k}: not a number`;
          }
        }
      }
    }
  }
  return undefined;
}

type Parsed = { ok: true; value: Obj } | { ok: false; problem: string };

function parseSessionBody(body: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : 'invalid JSON' };
  }
  if (raw === null) {
    raw = {}; // Go: unmarshalling null into a struct is a no-op
  }
  if (!isObj(raw)) {
    return { ok: false, problem: 'not a JSON object' };
  }
  const problem = sessionTypeProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: raw };
}

/** Known fields only (Go drops unknown ones), zero values for missing ones, access rights normalised. */
function normaliseSession(input: Obj): Obj {
  const s = sessionDefaults();
  for (const [k, v] of Object.entries(input)) {
    if (KNOWN_SESSION_FIELDS.has(k) && v !== undefined) {
      s[k] = v === null && k in s ? s[k] : clone(v);
    }
  }
  if (isObj(input.access_rights)) {
    const rights: Obj = {};
    for (const [id, ar] of Object.entries(input.access_rights)) {
      if (!isObj(ar)) {
        continue;
      }
      const d = accessDefaults();
      for (const [k, v] of Object.entries(ar)) {
        if (k in d && v !== undefined && v !== null) {
          d[k] = clone(v);
        }
      }
      d.limit = { ...limitDefaults(), ...(isObj(ar.limit) ? clone(ar.limit) : {}) };
      rights[id] = d;
    }
    s.access_rights = rights;
  }
  return s;
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function accessRightsOf(s: Obj): Record<string, Obj> {
  const out: Record<string, Obj> = {};
  if (isObj(s.access_rights)) {
    for (const [k, v] of Object.entries(s.access_rights)) {
      if (isObj(v)) {
        out[k] = v;
      }
    }
  }
  return out;
}

/** Tyk's ResetQuota + `QuotaRenews = now + QuotaRenewalRate`, session and per-API limits (`now` in seconds). */
function resetQuota(s: Obj, now: number): void {
  s.quota_remaining = num(s.quota_max);
  s.quota_renews = now + num(s.quota_renewal_rate);
  for (const ar of Object.values(accessRightsOf(s))) {
    if (isObj(ar.limit)) {
      const lim = ar.limit;
      if (num(lim.quota_max) !== 0) {
        lim.quota_remaining = num(lim.quota_max);
        lim.quota_renews = now + num(lim.quota_renewal_rate);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sandbox state

interface KeyRecord {
  key: string;
  hash: string;
  session: Obj;
}

interface Refusal {
  refused: true;
  /** Which Tyk check refused the key. */
  reason: 'no-access-rights' | 'policy' | 'unknown-api' | 'certificate-taken' | 'certificate-missing' | 'certificate-unknown';
  message: string;
}

class State {
  readonly catalog: Catalog;
  readonly policies: Obj[];
  readonly byHash = new Map<string, KeyRecord>();
  readonly byKey = new Map<string, KeyRecord>();
  series: TykSeries = '5.11';
  openSourceGateway = false;
  /** The certificate store (`/api/certs`, `/tyk/certs`): what keys can be bound to. */
  readonly certificates: Obj[];
  /** How far the sandbox's clock runs ahead of the machine's (`advanceClock`). */
  clockOffsetMs = 0;
  /** Whether new keys get generated traffic (`generatedTraffic`), and when those that got it were created, by hash. */
  generatedTraffic = false;
  readonly trafficSince = new Map<string, number>();
  /** Whether the Dashboard user may read analytics. */
  analytics = true;
  /**
   * The Gateway's listen paths (proxy.ts) and the calls made through them: `gateway.calls({keyHash, from,
   * to})` is what the Dashboard's analytics aggregate.
   */
  readonly gateway: GatewayProxy;

  constructor(
    readonly orgId: string,
    readonly hashKeys: boolean,
    readonly hashedListing: boolean,
    readonly hashFunction: HashKeyFunction,
    catalogOptions: { apis?: number; definitionBytes?: number; tykShapes?: boolean },
  ) {
    this.catalog = buildCatalog({ ...catalogOptions, orgId });
    this.policies = seedPolicies(orgId, catalogOptions.tykShapes === true);
    this.certificates = seedCertificates(orgId);
    this.gateway = new GatewayProxy({
      // Read on the first proxied request, after the options (openSourceGateway) are set.
      servedApis: () => this.catalog.entries.filter((e) => e.active || this.openSourceGateway).map((e) => e.definition()),
      findSession: (key, org) => this.findKey(key, false, org),
      hasCertificate: (id) => this.certificates.some((c) => c.id === id),
      passwordMatches: (session, password) => {
        const stored = basicAuthPassword(session);
        const hashType = isObj(session.basic_auth_data) ? session.basic_auth_data.hash_type : '';
        return stored !== '' && (hashType === 'bcrypt' ? stored === hashPassword(password) : stored === password);
      },
      hashFunction: this.hashFunction,
      now: () => this.nowMs(),
    });
  }

  /** The sandbox's clock, ms since the epoch. */
  nowMs(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  findApi(idOrApiId: string): CatalogEntry | undefined {
    return this.catalog.byApiId.get(idOrApiId) ?? this.catalog.byId.get(idOrApiId);
  }

  /** Policies by the id keys use (`id`, which Tyk fills from `_id` when empty). */
  findPolicy(id: string): Obj | undefined {
    return this.policies.find((p) => (typeof p.id === 'string' && p.id !== '' ? p.id : p._id) === id);
  }

  /**
   * Looks a key up as Tyk does: by hash when `byHash`, else by the key itself (hashed installs hash it first);
   * custom keys are also found by their org-prefixed form.
   */
  findKey(id: string, byHash: boolean, orgId?: string): KeyRecord | undefined {
    if (byHash) {
      // Without hashing a key is its own hash (storage.HashKey returns it as is): `?hashed=true` finds it.
      return this.hashKeys ? this.byHash.get(id) : this.byKey.get(id);
    }
    // A custom key (or basic-auth user) is stored as org id + id: found by its bare id only with the org
    // (DefaultSessionManager.SessionDetail tries generateToken(orgID, key) then the key itself).
    return this.byKey.get(id) ?? (orgId ? this.byKey.get(generateToken(orgId, id, this.hashFunction)) : undefined);
  }

  storeKey(rec: KeyRecord): void {
    const previous = this.byKey.get(rec.key);
    if (previous) {
      this.byHash.delete(previous.hash);
    }
    this.byKey.set(rec.key, rec);
    this.byHash.set(rec.hash, rec);
  }

  deleteKey(rec: KeyRecord): void {
    this.byKey.delete(rec.key);
    this.byHash.delete(rec.hash);
  }

  /** The id a key is listed and stored under: its hash in hashed installs. */
  storedId(rec: KeyRecord): string {
    return this.hashKeys ? rec.hash : rec.key;
  }

  newKeyFor(orgId: string, id: string): { key: string; hash: string } {
    const key = generateToken(orgId, id, this.hashFunction);
    return { key, hash: hashKey(key) };
  }

  /**
   * A simplified Tyk ApplyPolicies: ACL (union of the policies' access rights, replacing the key's own),
   * rate, quota, tags, meta data and inactive state, honouring partitions. Returns an error message or undefined.
   */
  applyPolicies(s: Obj): string | undefined {
    const ids: string[] = Array.isArray(s.apply_policies) ? s.apply_policies.filter((x): x is string => typeof x === 'string') : [];
    if (typeof s.apply_policy_id === 'string' && s.apply_policy_id !== '' && !ids.includes(s.apply_policy_id)) {
      ids.push(s.apply_policy_id);
    }
    if (ids.length === 0) {
      return undefined;
    }
    const rights: Record<string, Obj> = {};
    let didAcl = false;
    let didRate = false;
    let didQuota = false;
    const tags = new Set<string>(Array.isArray(s.tags) ? s.tags.filter((t): t is string => typeof t === 'string') : []);
    let inactive = false;
    for (const id of ids) {
      const pol = this.findPolicy(id);
      if (!pol) {
        if (ids.length > 1) {
          continue;
        }
        return `policy not found: "${id}"`;
      }
      const parts = isObj(pol.partitions) ? pol.partitions : {};
      const usePartitions = ['quota', 'rate_limit', 'acl', 'complexity', 'per_api'].some((p) => parts[p] === true);
      if (!usePartitions || parts.acl === true) {
        didAcl = true;
        for (const [apiId, ar] of Object.entries(accessRightsOf(pol))) {
          const existing = rights[apiId];
          if (existing) {
            const versions = new Set([...(Array.isArray(existing.versions) ? existing.versions : []), ...(Array.isArray(ar.versions) ? ar.versions : [])]);
            existing.versions = [...versions];
            existing.allowed_urls = [...(Array.isArray(existing.allowed_urls) ? existing.allowed_urls : []), ...(Array.isArray(ar.allowed_urls) ? clone(ar.allowed_urls) : [])];
          } else {
            rights[apiId] = { ...accessDefaults(), ...clone(ar), limit: { ...limitDefaults(), ...(isObj(ar.limit) ? clone(ar.limit) : {}) } };
          }
        }
      }
      if (!usePartitions || parts.rate_limit === true) {
        if (!didRate || num(pol.rate) > num(s.rate)) {
          s.rate = num(pol.rate);
          s.per = num(pol.per);
          s.allowance = num(pol.rate);
          s.throttle_interval = num(pol.throttle_interval);
          s.throttle_retry_limit = num(pol.throttle_retry_limit);
          s.max_query_depth = num(pol.max_query_depth);
        }
        didRate = true;
      }
      if (!usePartitions || parts.quota === true) {
        const q = num(pol.quota_max);
        if (!didQuota || q === -1 || (num(s.quota_max) !== -1 && q > num(s.quota_max))) {
          s.quota_max = q;
          s.quota_renewal_rate = num(pol.quota_renewal_rate);
        }
        didQuota = true;
      }
      if (Array.isArray(pol.tags)) {
        for (const t of pol.tags) {
          if (typeof t === 'string') {
            tags.add(t);
          }
        }
      }
      if (isObj(pol.meta_data)) {
        s.meta_data = { ...(isObj(s.meta_data) ? s.meta_data : {}), ...clone(pol.meta_data) };
      }
      if (pol.is_inactive === true) {
        inactive = true;
      }
      if (pol.hmac_enabled === true) {
        s.hmac_enabled = true;
      }
    }
    if (didAcl) {
      s.access_rights = rights;
    }
    s.tags = tags.size > 0 ? [...tags] : s.tags;
    s.is_inactive = inactive || s.is_inactive === true;
    return undefined;
  }

  /** Policies' key_expires_in on new keys (Tyk's checkAndApplyTrialPeriod). */
  applyTrialPeriod(s: Obj): void {
    const ids: unknown[] = Array.isArray(s.apply_policies) ? s.apply_policies : [];
    for (const id of ids) {
      const pol = typeof id === 'string' ? this.findPolicy(id) : undefined;
      if (pol && num(pol.key_expires_in) > 0) {
        s.expires = this.nowSeconds() + num(pol.key_expires_in);
      }
    }
  }

  /**
   * Creates (or with `update`, replaces) a key the way Tyk's handlers do. `front` decides the Dashboard's
   * extra checks and org handling. Returns the record or a refusal.
   */
  saveKey(
    input: Obj,
    opts: { front: Front; existing?: KeyRecord; suppressReset?: boolean; customId?: string },
  ): KeyRecord | Refusal {
    const s = normaliseSession(input);
    if (opts.front === 'dashboard') {
      s.org_id = this.orgId;
      for (const [apiId, ar] of Object.entries(accessRightsOf(s))) {
        const api = this.findApi(apiId);
        if (!api) {
          return { refused: true, reason: 'unknown-api', message: 'User does not have permission to add API to key Access Rights!' };
        }
        if (ar.api_id === '') {
          ar.api_id = api.apiId;
        }
        if (ar.api_name === '') {
          ar.api_name = api.name;
        }
      }
    }
    const policyError = this.applyPolicies(s);
    if (policyError) {
      return { refused: true, reason: 'policy', message: `Failed to create key - ${policyError}` };
    }
    if (Object.keys(accessRightsOf(s)).length === 0) {
      return { refused: true, reason: 'no-access-rights', message: 'Failed to create key, keys must have at least one Access Rights record set.' };
    }
    const certificateProblem = this.certificateProblem(s, opts.existing?.session);
    if (certificateProblem) {
      return certificateProblem;
    }
    const now = this.nowSeconds();
    const original = opts.existing?.session;
    if (input.allowance == null) {
      s.allowance = num(s.rate);
    }
    if (original) {
      s.date_created = original.date_created;
      if (opts.suppressReset) {
        s.quota_renews = original.quota_renews;
        s.last_updated = original.last_updated;
        s.quota_remaining = Math.min(num(original.quota_remaining), num(s.quota_max) < 0 ? Number.MAX_SAFE_INTEGER : num(s.quota_max));
        const before = accessRightsOf(original);
        for (const [apiId, ar] of Object.entries(accessRightsOf(s))) {
          const prev = before[apiId];
          if (prev && isObj(prev.limit) && isObj(ar.limit)) {
            ar.limit.quota_renews = prev.limit.quota_renews;
            ar.limit.quota_remaining = prev.limit.quota_remaining;
          }
        }
      } else {
        s.last_updated = String(now);
        resetQuota(s, now);
      }
    } else {
      s.date_created = new Date(this.nowMs()).toISOString();
      s.last_updated = String(now);
      this.applyTrialPeriod(s);
      resetQuota(s, now);
    }
    // an expiry in the past is replaced by the previous one (0 for new keys)
    const expires = num(s.expires);
    if (expires > 1 && expires < now) {
      s.expires = original ? original.expires : 0;
    }
    if (!original && s.hmac_enabled === true) {
      // Tyk generates the secret whatever the client sent (gateway/api.go: GenerateHMACSecret).
      s.hmac_string = generateHmacSecret();
    }
    keepBasicAuthHashed(s, original);
    let rec: KeyRecord;
    if (opts.existing) {
      rec = { key: opts.existing.key, hash: opts.existing.hash, session: s };
    } else {
      const org = typeof s.org_id === 'string' ? s.org_id : '';
      // A certificate-bound key is named after its certificate (createKeyHandler: generateToken(org, certificate)).
      const chosen = opts.customId ?? (typeof s.certificate === 'string' && s.certificate !== '' ? s.certificate : undefined);
      const id = chosen !== undefined ? (chosen.startsWith(org) ? chosen.slice(org.length) : chosen) : randomBytes(16).toString('hex');
      const created = this.newKeyFor(org, id);
      rec = { key: created.key, hash: created.hash, session: s };
      if (this.generatedTraffic) {
        this.trafficSince.set(rec.hash, this.nowMs());
      }
    }
    this.storeKey(rec);
    return rec;
  }

  /**
   * Tyk's certificate checks: one key per certificate on create ("Key with given certificate already
   * found", createKeyHandler); on update a bound key keeps a certificate, and only one Tyk holds
   * (handleAddOrUpdate).
   */
  certificateProblem(s: Obj, original: Obj | undefined): Refusal | undefined {
    const certificate = typeof s.certificate === 'string' ? s.certificate : '';
    if (!original) {
      if (certificate === '') {
        return undefined;
      }
      const org = typeof s.org_id === 'string' ? s.org_id : '';
      const existing = this.byKey.get(generateToken(org, certificate.startsWith(org) ? certificate.slice(org.length) : certificate, this.hashFunction));
      return existing
        ? { refused: true, reason: 'certificate-taken', message: `Failed to create key - Key with given certificate already found:${existing.key}` }
        : undefined;
    }
    if (certificate === (original.certificate ?? '')) {
      return undefined;
    }
    if (certificate === '') {
      return { refused: true, reason: 'certificate-missing', message: 'Key cannot be used without a certificate' };
    }
    return this.certificates.some((c) => c.id === certificate)
      ? undefined
      : { refused: true, reason: 'certificate-unknown', message: 'Key must be used with an existent certificate' };
  }

  listKeyIds(filter: (rec: KeyRecord) => boolean): string[] {
    const out: string[] = [];
    for (const rec of this.byKey.values()) {
      if (filter(rec)) {
        out.push(this.storedId(rec));
      }
    }
    return out;
  }
}

function isRefusal(v: KeyRecord | Refusal): v is Refusal {
  return 'refused' in v;
}

/** Tyk's keyGen.GenerateHMACSecret: a random id, base64-encoded. */
function generateHmacSecret(): string {
  return Buffer.from(randomBytes(16).toString('hex')).toString('base64');
}

function basicAuthPassword(s: Obj): string {
  return isObj(s.basic_auth_data) && typeof s.basic_auth_data.password === 'string' ? s.basic_auth_data.password : '';
}

/** A bcrypt-like hash (the sandbox's stand-in for bcrypt: what matters is that the password is not kept). */
function hashPassword(password: string): string {
  return `$2a$10$${createHash('sha256').update(password).digest('base64').slice(0, 53)}`;
}

/**
 * Tyk's handling of basic-auth passwords (gateway/api.go handleAddOrUpdate, setBasicAuthSessionPassword):
 * hashed (bcrypt by default) on create, and on update when it differs from the stored hash; an update
 * without a password keeps the stored one.
 */
function keepBasicAuthHashed(s: Obj, original: Obj | undefined): void {
  const password = basicAuthPassword(s);
  if (password !== '') {
    if (!original || password !== basicAuthPassword(original)) {
      s.basic_auth_data = { ...(isObj(s.basic_auth_data) ? s.basic_auth_data : {}), password: hashPassword(password), hash_type: 'bcrypt' };
    }
  } else if (original && basicAuthPassword(original) !== '') {
    s.basic_auth_data = clone(original.basic_auth_data);
  }
}

/** Whether a session is a basic-auth user (user.SessionState.IsBasicAuth: a password is set). */
function isBasicAuth(s: Obj): boolean {
  return basicAuthPassword(s) !== '';
}

/** Go's zero values, as `omitzero` drops them (5.12+); struct-typed fields whose fields are all zero too. */
const STRUCT_FIELDS = new Set(['basic_auth_data', 'jwt_data', 'monitor', 'limit', 'smoothing', 'partitions']);

function omitZero(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    let value = v;
    if (isObj(v) && STRUCT_FIELDS.has(k)) {
      value = omitZero(v);
      if (Object.keys(value as Obj).length === 0) {
        continue;
      }
    } else if (isObj(v) && k === 'access_rights') {
      value = Object.fromEntries(Object.entries(v).map(([id, ar]) => [id, isObj(ar) ? omitZero(ar) : ar]));
    }
    if (value === null || value === '' || value === 0 || value === false || value === '0001-01-01T00:00:00Z') {
      continue;
    }
    out[k] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Projections

const DASHBOARD_ONLY_POLICY_FIELDS = new Set(['date_created']);

/**
 * A policy as each front sends it. A Gateway decodes policy files into user.Policy, whose `active` has no
 * omitempty: a file without `active` reads back as `active: false` up to 5.11 (5.12+ omits it).
 */
function policyFor(front: Front, p: Obj, series: TykSeries): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(p)) {
    if (front === 'gateway' && DASHBOARD_ONLY_POLICY_FIELDS.has(k)) {
      continue;
    }
    out[k] = clone(v);
  }
  if (front === 'gateway' && (out.id === '' || out.id === undefined)) {
    out.id = out._id;
  }
  if (front === 'gateway' && out.active === undefined) {
    out.active = false;
  }
  if (front === 'dashboard' && out.active === undefined) {
    out.active = true;
  }
  return series === '5.12' ? omitZero(out) : out;
}

/**
 * A session as Tyk sends it back: the basic-auth password blanked (handleGetDetail), zero values omitted
 * from 5.12 on (`omitzero`).
 */
function sessionOut(session: Obj, series: TykSeries): Obj {
  const out = clone(session);
  if (isBasicAuth(out) && isObj(out.basic_auth_data)) {
    out.basic_auth_data.password = '';
  }
  return series === '5.12' ? omitZero(out) : out;
}

function keyData(keyId: string, rec: KeyRecord, series: TykSeries): Obj {
  return { key_id: keyId, key_hash: rec.hash, data: sessionOut(rec.session, series), api_model: {} };
}

// ---------------------------------------------------------------------------------------------------------
// Paging and API lists

function pageParam(q: URLSearchParams): number {
  const raw = q.get('p');
  if (raw === null || raw === '') {
    return 1;
  }
  const n = Number.parseInt(raw, 10);
  if (Number.isNaN(n) || n === 0) {
    return 1;
  }
  return n;
}

function paginate<T>(items: T[], page: number): { items: T[]; pages: number } {
  const pages = Math.ceil(items.length / PAGE_SIZE);
  if (page < 0) {
    return { items, pages };
  }
  const start = (page - 1) * PAGE_SIZE;
  return { items: items.slice(start, start + PAGE_SIZE), pages };
}

function sortEntries(entries: CatalogEntry[], sort: string | null): CatalogEntry[] {
  const list = [...entries];
  switch (sort) {
    case 'name':
      return list.sort((a, b) => a.name.localeCompare(b.name) || a.apiId.localeCompare(b.apiId));
    case '-name':
      return list.sort((a, b) => b.name.localeCompare(a.name) || a.apiId.localeCompare(b.apiId));
    case 'created_at':
      return list.sort((a, b) => a.createdAt - b.createdAt);
    case 'updated_at':
      return list.sort((a, b) => a.updatedAt - b.updatedAt);
    case '-updated_at':
      return list.sort((a, b) => b.updatedAt - a.updatedAt);
    default:
      // '-created_at', Tyk's default: the catalog is stored newest first
      return list;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Routing

type Handler = (ctx: Ctx) => Reply;

interface Route {
  template: string;
  segments: string[];
  /** Methods the spec declares for this path. */
  declared: string[];
  handlers: Partial<Record<string, Handler>>;
}

function route(template: string, declared: string[], handlers: Partial<Record<string, Handler>>): Route {
  return { template, segments: template.split('/').filter((s) => s !== ''), declared, handlers };
}

function matchRoute(routes: Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter((s) => s !== '');
  let best: { route: Route; params: Record<string, string>; statics: number } | undefined;
  for (const r of routes) {
    if (r.segments.length !== parts.length) {
      continue;
    }
    const params: Record<string, string> = {};
    let statics = 0;
    let matched = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = r.segments[i];
      if (seg.startsWith('{')) {
        let value: string;
        try {
          value = decodeURIComponent(parts[i]);
        } catch {
          value = parts[i];
        }
        params[seg.slice(1, -1)] = value;
      } else if (seg === parts[i]) {
        statics++;
      } else {
        matched = false;
        break;
      }
    }
    if (matched && (!best || statics > best.statics)) {
      best = { route: r, params, statics };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// The two fronts

function dashboardRoutes(state: State): Route[] {
  const rbac = (ctx: Ctx): Reply => dashError(403, `access denied: You do not have permission to access ${ctx.path}`);

  const listApis = (ctx: Ctx): Reply => {
    const q = (ctx.query.get('q') ?? '').toLowerCase();
    const baseOnly = (ctx.query.get('base_apis') ?? '') !== '';
    let entries = state.catalog.entries;
    if (q !== '') {
      entries = entries.filter((e) => e.name.toLowerCase().includes(q));
    }
    if (baseOnly) {
      entries = entries.filter((e) => !e.isVersionChild);
    }
    const page = paginate(sortEntries(entries, ctx.query.get('sort')), pageParam(ctx.query));
    return ok({ apis: page.items.map((e) => e.wrapper()), pages: page.pages });
  };

  const keyIdParam = (ctx: Ctx): string => ctx.params.keyId ?? ctx.params.keyID ?? '';

  // The Dashboard knows its organisation: a custom key is found by its bare id.
  const lookup = (ctx: Ctx): KeyRecord | undefined => state.findKey(keyIdParam(ctx), (ctx.query.get('hashed') ?? '') !== '', state.orgId);

  const getKey = (ctx: Ctx): Reply => {
    const rec = lookup(ctx);
    return rec ? ok(keyData(keyIdParam(ctx), rec, state.series)) : dashError(404, 'Could not retrieve key detail.');
  };

  const putKey = (ctx: Ctx): Reply => {
    const parsed = parseSessionBody(ctx.body);
    if (!parsed.ok) {
      return dashError(403, 'Request body malformed.');
    }
    const rec = lookup(ctx);
    if (!rec) {
      return dashError(404, 'Could not retrieve key detail.');
    }
    const saved = state.saveKey(parsed.value, { front: 'dashboard', existing: rec, suppressReset: ctx.query.get('suppress_reset') === '1' });
    if (isRefusal(saved)) {
      return dashError(saved.reason === 'policy' || saved.reason === 'certificate-taken' ? 500 : 400, saved.message);
    }
    return ok(keyData(keyIdParam(ctx), saved, state.series));
  };

  const deleteKey = (ctx: Ctx): Reply => {
    const rec = lookup(ctx);
    if (!rec) {
      return dashError(404, 'Could not retrieve key detail.');
    }
    state.deleteKey(rec);
    return ok({ Status: 'OK', Message: 'Key deleted successfully.', Meta: null });
  };

  const createKey = (ctx: Ctx, customId?: string): Reply => {
    const parsed = parseSessionBody(ctx.body);
    if (!parsed.ok) {
      return dashError(403, 'Request body malformed.');
    }
    const saved = state.saveKey(parsed.value, { front: 'dashboard', customId });
    if (isRefusal(saved)) {
      return dashError(saved.reason === 'policy' || saved.reason === 'certificate-taken' ? 500 : 403, saved.message);
    }
    return ok(keyData(saved.key, saved, state.series));
  };

  const listApiKeys = (ctx: Ctx, search: boolean): Reply => {
    if (state.hashKeys && !state.hashedListing) {
      // the search operation declares no 404
      return search ? dashError(400, 'Could not search keys.') : dashError(404, 'Could not retrieve keys.');
    }
    const api = state.findApi(ctx.params.apiID ?? ctx.params.apiId ?? '');
    const apiId = api?.apiId ?? ctx.params.apiID ?? ctx.params.apiId ?? '';
    const q = ctx.query.get('q') ?? '';
    const ids = state.listKeyIds((rec) => apiId in accessRightsOf(rec.session)).filter((id) => q === '' || id.includes(q));
    const page = paginate(ids, pageParam(ctx.query));
    return ok({ data: { keys: page.items }, pages: page.pages });
  };

  /** The key's analytics (analytics.ts): recorded calls plus generated traffic, per UTC day (or hour). */
  const keyAnalytics = (ctx: Ctx): Reply => {
    if (!state.analytics) {
      return rbac(ctx);
    }
    const range = activityRange(ctx.params);
    if (!range) {
      return dashError(400, 'Invalid date range.');
    }
    const id = ctx.params.keyHash ?? '';
    // The hash the Dashboard answers as key_hash, or (keys not hashed) the key itself.
    const rec = state.hashKeys ? state.byHash.get(id) : (state.byKey.get(id) ?? state.byHash.get(id));
    const hash = rec?.hash ?? id;
    const since = state.trafficSince.get(hash);
    const counts = [...callCounts(state.gateway.calls({ keyHash: hash, from: range.from, to: range.to })), ...(since === undefined ? [] : generatedTraffic(hash, since))];
    const alias = typeof rec?.session.alias === 'string' ? rec.session.alias : '';
    return ok(keyActivity(counts, range, { id, alias }, ctx.query.get('res') === 'hour' ? 'hour' : 'day'));
  };

  const policies = (ctx: Ctx, q: string): Reply => {
    const activeOnly = (ctx.query.get('active') ?? '') !== '';
    const list = state.policies
      .filter((p) => !activeOnly || p.active === true)
      .filter((p) => q === '' || String(p.name).toLowerCase().includes(q.toLowerCase()))
      .map((p) => policyFor('dashboard', p, state.series));
    const page = paginate(list, pageParam(ctx.query));
    return ok({ Data: page.items, Pages: page.pages });
  };

  return [
    route('/api/apis', ['GET', 'POST'], { GET: listApis, POST: rbac }),
    route('/api/apis/search', ['GET'], { GET: listApis }),
    route('/api/apis/keys', ['GET'], {
      GET: (ctx) => {
        if (state.hashKeys && !state.hashedListing) {
          // the Dashboard cannot read the Gateway's 404 as a key list
          return dashError(500, 'Failed to unmarshal keys data from Tyk API.');
        }
        const page = paginate(
          state.listKeyIds(() => true),
          pageParam(ctx.query),
        );
        return ok({ data: { keys: page.items }, pages: page.pages });
      },
    }),
    route('/api/apis/{apiId}', ['GET', 'PUT', 'DELETE'], {
      GET: (ctx) => {
        const api = state.findApi(ctx.params.apiId);
        return api ? ok(api.wrapper()) : dashError(400, 'Could not retrieve API detail');
      },
      PUT: rbac,
      DELETE: rbac,
    }),
    route('/api/apis/{apiID}/keys', ['GET'], { GET: (ctx) => listApiKeys(ctx, false) }),
    route('/api/apis/{apiId}/keys/search', ['GET'], { GET: (ctx) => listApiKeys(ctx, true) }),
    route('/api/apis/{apiID}/keys/{keyID}', ['GET', 'PUT', 'DELETE'], { GET: getKey, PUT: putKey, DELETE: deleteKey }),
    route('/api/keys', ['POST'], { POST: (ctx) => createKey(ctx) }),
    // A basic-auth user: the username is the key's id (stored as org id + username).
    route('/api/apis/keys/basic/{username}', ['POST'], { POST: (ctx) => createKey(ctx, ctx.params.username) }),
    route('/api/keys/detailed', ['GET'], {
      GET: (ctx) => {
        if (state.hashKeys && !state.hashedListing) {
          return dashError(404, 'Could not retrieve keys.');
        }
        const q = ctx.query.get('q') ?? '';
        const list: Obj[] = [];
        for (const rec of state.byKey.values()) {
          const id = state.storedId(rec);
          if (q === '' || id.includes(q)) {
            list.push(keyData(id, rec, state.series));
          }
        }
        return ok({ keys: list, pages: 1 });
      },
    }),
    route('/api/keys/preview', ['POST'], { POST: rbac }),
    route('/api/keys/{keyId}', ['GET', 'PUT', 'DELETE', 'POST'], {
      GET: getKey,
      PUT: putKey,
      DELETE: deleteKey,
      POST: (ctx) => createKey(ctx, ctx.params.keyId),
    }),
    route('/api/portal/policies', ['GET', 'POST'], { GET: (ctx) => policies(ctx, ''), POST: rbac }),
    // Certificates (`mode=detailed`: CertificateBasics; else CertificateList); uploads are not modelled.
    route('/api/certs', ['GET', 'POST'], {
      GET: (ctx) =>
        ok(ctx.query.get('mode') === 'detailed' ? { cert_basics: clone(state.certificates), pages: 1 } : { certs: state.certificates.map((c) => c.id), pages: 1 }),
      POST: rbac,
    }),
    route('/api/portal/policies/search', ['GET'], { GET: (ctx) => policies(ctx, ctx.query.get('q') ?? '') }),
    route('/api/portal/policies/{id}', ['GET', 'PUT', 'DELETE'], {
      GET: (ctx) => {
        const p = state.policies.find((x) => x._id === ctx.params.id || x.id === ctx.params.id);
        return p ? ok(policyFor('dashboard', p, state.series)) : dashError(404, 'Could not retrieve portal object.');
      },
      PUT: rbac,
      DELETE: rbac,
    }),
    route('/api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}', ['GET'], { GET: keyAnalytics }),
  ];
}

function gatewayRoutes(state: State): Route[] {
  const managed = (): Reply => gwError(500, 'Due to enabled use_db_app_configs, please use the Dashboard API');
  const managedPolicies = (): Reply => gwError(500, 'Due to enabled service policy source, please use the Dashboard API');
  const isHashed = (ctx: Ctx): boolean => (ctx.query.get('hashed') ?? '') !== '';

  // A Dashboard-managed Gateway gets active APIs only; an open-source one serves every file it loaded.
  const activeEntries = (): CatalogEntry[] => state.catalog.entries.filter((e) => e.active || state.openSourceGateway);
  // The org a bare custom key id is looked up with: `org_id` of the query (gateway/api.go keyHandler).
  const findKey = (ctx: Ctx): KeyRecord | undefined => state.findKey(ctx.params.keyID, isHashed(ctx), ctx.query.get('org_id') ?? undefined);

  const modifyReply = (key: string, action: string, hash?: string): Reply => {
    const body: Obj = { key, status: 'ok', action };
    if (hash !== undefined) {
      body.key_hash = hash;
    }
    return ok(body);
  };

  /** POST /tyk/keys and POST /tyk/keys/{keyID}: Tyk's handleAddOrUpdate on create. */
  const addOrUpdateCreate = (ctx: Ctx, customId?: string): Reply => {
    const parsed = parseSessionBody(ctx.body);
    if (!parsed.ok) {
      return gwError(400, 'Request malformed');
    }
    const saved = state.saveKey(parsed.value, { front: 'gateway', customId });
    if (isRefusal(saved)) {
      return gwError(500, saved.reason === 'certificate-taken' ? saved.message : 'Failed to create key, ensure security settings are correct.');
    }
    // With hashed keys a basic-auth user's create answers no key, only its hash (handleAddOrUpdate).
    return modifyReply(state.hashKeys && isBasicAuth(saved.session) ? '' : saved.key, 'added', state.hashKeys ? saved.hash : undefined);
  };

  return [
    route('/hello', ['GET'], {
      GET: () =>
        ok({
          status: 'pass',
          version: 'v5.8.0-sandbox',
          description: 'Tyk GW',
          details: { redis: { status: 'pass', componentType: 'datastore', time: new Date().toISOString() } },
        }),
    }),
    route('/tyk/apis', ['GET', 'POST'], { GET: () => ok(activeEntries().map((e) => e.definition())), POST: managed }),
    route('/tyk/apis/{apiID}', ['GET', 'PUT', 'DELETE'], {
      GET: (ctx) => {
        const api = state.catalog.byApiId.get(ctx.params.apiID);
        if (!api || !(api.active || state.openSourceGateway)) {
          return gwError(404, 'API not found');
        }
        return ok(api.definition());
      },
      PUT: managed,
      DELETE: managed,
    }),
    route('/tyk/keys', ['GET', 'POST'], {
      GET: (ctx) => {
        if (state.hashKeys) {
          if (!state.hashedListing) {
            return gwError(404, 'Hashed key listing is disabled in config (enable_hashed_keys_listing)');
          }
          return ok({ keys: state.listKeyIds(() => true) }); // no filter for hashed keys
        }
        const filter = ctx.query.get('filter') ?? '';
        return ok({ keys: state.listKeyIds((rec) => rec.key.startsWith(filter)) });
      },
      POST: (ctx) => addOrUpdateCreate(ctx),
    }),
    route('/tyk/keys/create', ['POST'], {
      POST: (ctx) => {
        const parsed = parseSessionBody(ctx.body);
        if (!parsed.ok) {
          return gwError(500, 'Unmarshalling failed');
        }
        const saved = state.saveKey(parsed.value, { front: 'gateway' });
        if (isRefusal(saved)) {
          return saved.reason === 'no-access-rights' ? gwError(400, saved.message) : gwError(500, saved.message);
        }
        return modifyReply(saved.key, 'added', state.hashKeys ? saved.hash : undefined);
      },
    }),
    route('/tyk/keys/preview', ['POST'], {
      POST: (ctx) => {
        const parsed = parseSessionBody(ctx.body);
        if (!parsed.ok) {
          return gwError(500, 'Unmarshalling failed');
        }
        const s = normaliseSession(parsed.value);
        s.last_updated = String(state.nowSeconds());
        s.date_created = new Date(state.nowMs()).toISOString();
        state.applyPolicies(s);
        return ok(s);
      },
    }),
    route('/tyk/keys/{keyID}', ['GET', 'PUT', 'DELETE', 'POST'], {
      GET: (ctx) => {
        if (isHashed(ctx) && !state.hashKeys) {
          return gwError(400, 'Key requested by hash but key hashing is not enabled');
        }
        const rec = findKey(ctx);
        return rec ? ok(sessionOut(rec.session, state.series)) : gwError(404, 'Key not found');
      },
      PUT: (ctx) => {
        const parsed = parseSessionBody(ctx.body);
        if (!parsed.ok) {
          return gwError(400, 'Request malformed');
        }
        const rec = findKey(ctx);
        if (!rec) {
          return gwError(404, 'Key is not found');
        }
        const saved = state.saveKey(parsed.value, { front: 'gateway', existing: rec, suppressReset: ctx.query.get('suppress_reset') === '1' });
        if (isRefusal(saved)) {
          return saved.reason === 'certificate-missing' || saved.reason === 'certificate-unknown'
            ? gwError(400, saved.message)
            : gwError(500, 'Failed to create key, ensure security settings are correct.');
        }
        // The answer names the key as stored (keyName = key.KeyID): a custom key with its org id.
        return modifyReply(state.storedId(saved), 'modified');
      },
      DELETE: (ctx) => {
        const rec = findKey(ctx);
        if (!rec) {
          return gwError(404, 'There is no such key found');
        }
        state.deleteKey(rec);
        // `api_id=-1` deletes the key across all APIs and answers `null` (handleDeleteKey).
        return ctx.query.get('api_id') === '-1' ? ok(null) : modifyReply(state.storedId(rec), 'deleted');
      },
      POST: (ctx) => addOrUpdateCreate(ctx, ctx.params.keyID),
    }),
    route('/tyk/policies', ['GET', 'POST'], { GET: () => ok(state.policies.map((p) => policyFor('gateway', p, state.series))), POST: managedPolicies }),
    route('/tyk/policies/{polID}', ['GET', 'PUT', 'DELETE'], {
      GET: (ctx) => {
        const p = state.findPolicy(ctx.params.polID);
        return p ? ok(policyFor('gateway', p, state.series)) : gwError(404, 'Policy not found');
      },
      PUT: managedPolicies,
      DELETE: managedPolicies,
    }),
    route('/tyk/certs', ['GET', 'POST'], {
      GET: (ctx) => ok({ certs: ctx.query.get('mode') === 'detailed' ? clone(state.certificates) : state.certificates.map((c) => c.id) }),
      POST: () => gwError(405, 'Method not supported'),
    }),
    route('/tyk/reload', ['GET'], { GET: () => ok({ status: 'ok', message: '' }) }),
    route('/tyk/reload/group', ['GET'], { GET: () => ok({ status: 'ok', message: '' }) }),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// HTTP plumbing

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    return '127.0.0.1';
  }
  return host.includes(':') ? `[${host}]` : host;
}

/** The operations the sandbox serves (path templates as in the specs, with the methods the spec declares). */
export function routeTable(): Array<{ server: Front; template: string; methods: string[] }> {
  const state = new State(SANDBOX_ORG_ID, false, false, '', {});
  const out: Array<{ server: Front; template: string; methods: string[] }> = [];
  for (const server of ['dashboard', 'gateway'] as const) {
    for (const r of server === 'dashboard' ? dashboardRoutes(state) : gatewayRoutes(state)) {
      out.push({ server, template: r.template, methods: [...r.declared] });
    }
  }
  return out;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const credential = options.credential ?? DEFAULT_CREDENTIAL;
  const gatewaySecret = options.gatewaySecret ?? DEFAULT_GATEWAY_SECRET;
  const orgId = options.orgId ?? SANDBOX_ORG_ID;
  const quiet = options.quiet ?? true;
  let latency = Math.max(0, options.latencyMs ?? 0);
  const state = new State(orgId, options.hashKeys ?? false, options.hashedKeyListing ?? false, options.hashKeyFunction ?? '', {
    apis: options.apis,
    definitionBytes: options.definitionBytes,
    tykShapes: options.tykShapes,
  });
  state.series = options.tykSeries ?? '5.11';
  state.openSourceGateway = options.openSourceGateway ?? false;
  state.generatedTraffic = options.generatedTraffic ?? false;
  state.analytics = options.analytics ?? true;
  const seedKeys = (): void => {
    for (const { session, customId } of options.tykShapes ? shapeKeySessions(orgId) : []) {
      state.saveKey(session, { front: 'gateway', ...(customId ? { customId } : {}) });
    }
  };
  seedKeys();
  const requests: RecordedRequest[] = [];
  /** The ids of the policies `addPolicy` added, removed by `reset`. */
  const added: string[] = [];
  const specViolations: string[] = [];
  const routes: Record<Front, Route[]> = { dashboard: dashboardRoutes(state), gateway: gatewayRoutes(state) };
  const proxy = state.gateway;

  const authorised = (front: Front, req: http.IncomingMessage): boolean => {
    if (front === 'dashboard') {
      return req.headers.authorization === credential;
    }
    return req.headers['x-tyk-authorization'] === gatewaySecret;
  };

  const dispatch = (front: Front, req: http.IncomingMessage, ctx: Omit<Ctx, 'params'>): Reply => {
    const found = matchRoute(routes[front], ctx.path);
    if (!found && front === 'gateway') {
      // The Gateway serves the APIs' listen paths on the same port as its own API (proxy.ts).
      const answer = proxy.handle({ method: ctx.method, path: ctx.path, query: ctx.query, headers: req.headers });
      if (answer) {
        return { status: answer.status, body: answer.body, headers: answer.headers, offSpec: true };
      }
    }
    if (!found) {
      return { ...(front === 'dashboard' ? dashError(404, 'Not Found') : gwError(404, 'Not Found')), offSpec: true };
    }
    const isHello = front === 'gateway' && found.route.template === '/hello';
    if (!isHello && !authorised(front, req)) {
      return front === 'dashboard' ? dashError(401, 'Not authorised') : gwError(403, 'Attempted administrative access with invalid or missing key!');
    }
    const handler = found.route.handlers[ctx.method];
    if (!handler) {
      if (isHello) {
        return { ...gwError(405, 'Method Not Allowed'), offSpec: true };
      }
      // every method the spec declares has a handler: this one is not in the spec
      return { ...(front === 'dashboard' ? dashError(405, 'Method Not Allowed') : gwError(405, 'Method not supported')), offSpec: true };
    }
    return handler({ ...ctx, params: found.params });
  };

  const handle = async (front: Front, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const body = await readBody(req);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) {
      if (!(k in query)) {
        query[k] = v;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      query,
      headers: { ...req.headers },
      body,
      server: front,
      status: 0,
    };
    requests.push(record);
    let reply: Reply;
    try {
      reply = dispatch(front, req, { front, method: record.method, path: url.pathname, query: url.searchParams, body });
    } catch (err) {
      reply = front === 'dashboard' ? dashError(500, 'Failed to marshal data.') : gwError(500, 'Unexpected error');
      if (!quiet) {
        process.stderr.write(`[sandbox] handler error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      }
    }
    if (latency > 0) {
      await sleep(latency);
    }
    if (options.checkSpec && !reply.offSpec) {
      const template = findPathTemplate(front, record.method, url.pathname);
      try {
        if (!template) {
          throw new SpecViolation(`${front} ${record.method} ${url.pathname}`, ['no operation in the spec']);
        }
        validateResponse(front, record.method, template, reply.status, reply.body);
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        specViolations.push(text);
        process.stderr.write(`[sandbox] spec violation: ${text}\n`);
      }
    }
    const payload = JSON.stringify(reply.body) + '\n';
    record.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'cache-control': 'no-cache, no-store, must-revalidate',
      'x-content-type-options': 'nosniff',
      ...reply.headers,
    });
    res.end(payload);
    if (!quiet) {
      process.stderr.write(`[sandbox] ${front === 'dashboard' ? 'dash' : 'gw  '} ${record.method} ${record.url} → ${reply.status}\n`);
    }
  };

  const makeServer = (front: Front): http.Server =>
    http.createServer((req, res) => {
      handle(front, req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
        }
        res.end(JSON.stringify(front === 'dashboard' ? { Status: 'Error', Message: String(err), Meta: null } : { status: 'error', message: String(err) }));
      });
    });

  const dashboardServer = makeServer('dashboard');
  const dashboardPort = await listen(dashboardServer, host, options.port ?? 0);
  let gatewayServer: http.Server | undefined;
  let gatewayUrl: string | undefined;
  if (options.gatewayPort !== null) {
    gatewayServer = makeServer('gateway');
    try {
      const gatewayPort = await listen(gatewayServer, host, options.gatewayPort ?? 0);
      gatewayUrl = `http://${urlHost(host)}:${gatewayPort}`;
    } catch (err) {
      await closeServer(dashboardServer);
      throw err;
    }
  }

  const findAny = (id: string): KeyRecord | undefined => state.byKey.get(id) ?? state.byHash.get(id);

  return {
    dashboardUrl: `http://${urlHost(host)}:${dashboardPort}`,
    gatewayUrl,
    credential,
    gatewaySecret,
    orgId,
    requests,
    specViolations,
    keys: () => [...state.byKey.values()].map((r) => ({ key: r.key, hash: r.hash, session: clone(r.session) })),
    apis: () => state.catalog.entries.map((e) => e.definition()),
    gatewayApis: () => state.catalog.entries.filter((e) => e.active || state.openSourceGateway).map((e) => e.definition()),
    policies: () => state.policies.map((p) => clone(p)),
    addPolicy: (policy) => {
      added.push(policy.id);
      state.policies.push({ _id: policy.id, org_id: orgId, active: true, is_inactive: false, rate: 0, per: 0, quota_max: -1, tags: [], ...clone(policy) });
    },
    setLatency: (ms: number) => {
      latency = Math.max(0, ms);
    },
    createKey: (session: Record<string, unknown>) => {
      const problem = sessionTypeProblem(session);
      if (problem) {
        throw new Error(`Request malformed: ${problem}`);
      }
      const saved = state.saveKey(session, { front: 'gateway' });
      if (isRefusal(saved)) {
        throw new Error(saved.message);
      }
      return { key: saved.key, hash: saved.hash, session: clone(saved.session) };
    },
    consumeQuota: (keyOrHash: string, n = 1) => {
      const rec = findAny(keyOrHash);
      if (!rec) {
        throw new Error(`no such key: ${keyOrHash}`);
      }
      const use = (o: Obj): void => {
        if (num(o.quota_max) > 0) {
          o.quota_remaining = Math.max(0, num(o.quota_remaining) - n);
        }
      };
      use(rec.session);
      for (const ar of Object.values(accessRightsOf(rec.session))) {
        if (isObj(ar.limit)) {
          use(ar.limit);
        }
      }
    },
    calls: (filter?: CallFilter) => proxy.calls(filter),
    advanceClock: (ms: number) => {
      state.clockOffsetMs += Math.max(0, ms);
    },
    reset: () => {
      state.clockOffsetMs = 0;
      state.byKey.clear();
      state.byHash.clear();
      state.trafficSince.clear();
      seedKeys();
      for (let i = state.policies.length - 1; i >= 0; i--) {
        if (added.includes(String(state.policies[i]?.id))) {
          state.policies.splice(i, 1);
        }
      }
      added.length = 0;
      proxy.reset();
      requests.length = 0;
      specViolations.length = 0;
    },
    close: async () => {
      await Promise.all([closeServer(dashboardServer), gatewayServer ? closeServer(gatewayServer) : Promise.resolve()]);
    },
  };
}

/** Starts a sandbox, runs `fn` with it, and closes it whatever happens. */
export async function withSandbox(options: SandboxOptions, fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox(options);
  try {
    await fn(sb);
  } finally {
    await sb.close();
  }
}
