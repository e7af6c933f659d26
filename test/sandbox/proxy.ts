/**
 * The sandbox Gateway's proxy side: requests to an API's listen path go through the checks Tyk's middleware
 * chain makes, in its order (TykTechnologies/tyk gateway/api_loader.go processSpec: VersionCheck, then the
 * auth middleware, KeyExpired, AccessRightsCheck, GranularAccessMiddleware, RateLimitAndQuotaCheck), and a
 * request that passes them all gets an upstream stand-in's answer: `{api, api_id, path, method}` with the
 * listen path stripped (strip_listen_path). Every proxied call is recorded (time, API, key hash, status), as
 * the Gateway's analytics record does (gateway/handler_error.go HandleError, handler_success.go), for the
 * Dashboard's usage charts.
 *
 * Errors are rendered as Tyk's ErrorHandler does (gateway/handler_error.go with templates/error.json): the
 * status, `content-type: application/json`, `x-generator: tyk.io`, and a body `{"error": "<message>"}`.
 *
 * Authentication modelled: keyless (use_keyless), auth tokens (gateway/mw_auth_key.go) and basic auth
 * (gateway/mw_basic_auth.go), alone or together (multi-auth, the identity from base_identity_provided_by).
 * JWT, OAuth 2.0, OpenID Connect, HMAC signatures and custom plugins are answered plainly with 501: the
 * sandbox does not check them.
 */
import { generateToken, type HashKeyFunction } from './hash';

type Obj = Record<string, unknown>;

/** One proxied call, as the Gateway's analytics would record it. */
export interface ProxiedCall {
  /** When it was answered (ms since the epoch, on the sandbox's clock). */
  time: number;
  /** The API that answered (for a Tyk OAS version reached through its base, the version API). */
  apiId: string;
  apiName: string;
  /** The key's hash once a session was found (as analytics records the token), else ''. */
  keyHash: string;
  status: number;
  method: string;
  /** The request path, listen path included. */
  path: string;
}

/** Which calls: all of one key, one API, and/or a time range (ms since the epoch, both ends included). */
export interface CallFilter {
  keyHash?: string;
  apiId?: string;
  from?: number;
  to?: number;
}

export interface ProxyRequest {
  method: string;
  /** The URL path as received (percent-encoded). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface ProxyAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A stored key as the proxy needs it: its hash and its live session (the proxy updates the quota in it). */
export interface SessionRecord {
  hash: string;
  session: Obj;
}

/** What the proxy reads from the sandbox's state. */
export interface GatewayStore {
  /** The definitions the Gateway serves (active ones; all on a file-based Gateway). They never change. */
  servedApis(): Obj[];
  /** A key as the auth middleware finds it (SessionDetail: the key, else org id + key). */
  findSession(key: string, orgId: string): SessionRecord | undefined;
  /** Whether the certificate store holds this certificate id. */
  hasCertificate(id: string): boolean;
  /** Whether a basic-auth user's stored password matches (bcrypt or plain, as `hash_type` says). */
  passwordMatches(session: Obj, password: string): boolean;
  hashFunction: HashKeyFunction;
  /** The sandbox's clock, ms since the epoch. */
  now(): number;
}

/** A refusal from one of the middleware: the status and message Tyk's Go code returns. */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// Messages, each as the named Go file has it.
/** gateway/handler_error.go MsgAuthFieldMissing (ErrAuthAuthorizationFieldMissing, 401). */
export const MSG_AUTH_FIELD_MISSING = 'Authorization field missing';
/** gateway/handler_error.go MsgApiAccessDisallowed: unknown key (mw_auth_key.go, 403) and no access rights (mw_access_rights.go). */
export const MSG_API_ACCESS_DISALLOWED = 'Access to this API has been disallowed';
/** gateway/mw_key_expired_check.go: `is_inactive` (403). */
export const MSG_KEY_INACTIVE = 'Key is inactive, please renew';
/** gateway/mw_key_expired_check.go: `expires` passed (401). */
export const MSG_KEY_EXPIRED = 'Key has expired, please renew';
/** gateway/mw_granular_access.go (403). */
export const MSG_RESOURCE_DISALLOWED = 'Access to this resource has been disallowed';
/** gateway/mw_rate_limiting.go handleRateLimitFailure (429). */
export const MSG_RATE_LIMIT = 'Rate limit exceeded';
/** gateway/mw_rate_limiting.go handleQuotaFailure (403). */
export const MSG_QUOTA = 'Quota exceeded';
/** gateway/api_definition.go RequestStatus values the VersionCheck middleware answers with. */
export const MSG_VERSION_NOT_FOUND = 'Version information not found';
export const MSG_VERSION_DOES_NOT_EXIST = 'This API version does not seem to exist';
export const MSG_VERSION_EXPIRED = 'Api Version has expired, please check documentation or contact administrator';
/** gateway/mw_basic_auth.go handleAuthFail (401, with WWW-Authenticate). */
export const MSG_USER_NOT_AUTHORISED = 'User not authorised';

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function header(req: ProxyRequest, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function cookie(req: ProxyRequest, name: string): string {
  for (const part of header(req, 'cookie').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return part.slice(eq + 1).trim();
    }
  }
  return '';
}

/** gateway/mw_auth_key.go stripBearer: a case-insensitive "Bearer " prefix is dropped. */
export function stripBearer(token: string): string {
  return token.length > 6 && token.slice(0, 7).toUpperCase() === 'BEARER ' ? token.slice(7) : token;
}

/**
 * gateway/middleware.go getAuthToken: the auth config of the kind (`auth_configs.authToken`, else the
 * deprecated `auth`), the header it names (`Authorization` when empty) unless `disable_header`, then the
 * query parameter (`use_param`) and the cookie (`use_cookie`) when they hold a value.
 */
function authToken(api: Obj, req: ProxyRequest): { token: string; config: Obj } {
  const configs = obj(api.auth_configs);
  const config = isObj(configs.authToken) ? configs.authToken : obj(api.auth);
  let defaultName = 'Authorization';
  let token = '';
  if (config.disable_header !== true) {
    const name = str(config.auth_header_name);
    if (name !== '') {
      defaultName = name;
    }
    token = header(req, defaultName);
  }
  if (config.use_param === true) {
    const value = req.query.get(str(config.param_name) || defaultName) ?? '';
    if (value !== '') {
      token = value;
    }
  }
  if (config.use_cookie === true) {
    const value = cookie(req, str(config.cookie_name) || defaultName);
    if (value !== '') {
      token = value;
    }
  }
  return { token, config };
}

/** gateway/api_definition.go getVersionFromRequest: the version from the header, query parameter or first path segment. */
function versionFromRequest(api: Obj, req: ProxyRequest, upstreamPath: string): string {
  const def = obj(api.definition);
  const key = str(def.key);
  switch (str(def.location)) {
    case 'url-param':
      return req.query.get(key) ?? '';
    case 'url':
      return upstreamPath.split('/').filter((s) => s !== '')[0] ?? '';
    default:
      return header(req, key);
  }
}

/** Version `expires` ("2006-01-02 15:04", UTC) before now: apidef.VersionInfo.Expired. */
function versionExpired(expires: string, now: number): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(expires);
  if (!m) {
    return false;
  }
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return now > at;
}

/** httputil.StripListenPath: the path after the listen path, starting with `/`. */
function stripListenPath(listenPath: string, path: string): string {
  const rest = path.startsWith(listenPath) ? path.slice(listenPath.length) : path;
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** An API limit with nothing set (user.APILimit.IsEmpty): the session's own limits apply. */
function limitIsEmpty(limit: Obj): boolean {
  return ['rate', 'per', 'throttle_interval', 'throttle_retry_limit', 'max_query_depth', 'quota_max', 'quota_renews', 'quota_remaining', 'quota_renewal_rate'].every(
    (f) => num(limit[f]) === 0,
  );
}

interface Served {
  api: Obj;
  listenPath: string;
}

export class GatewayProxy {
  private readonly recorded: ProxiedCall[] = [];
  /** Allowed requests' times per rate-limiter key (allowance scope + key hash), oldest first. */
  private readonly windows = new Map<string, number[]>();
  private table: Served[] | undefined;
  private byId: Map<string, Obj> | undefined;

  constructor(private readonly store: GatewayStore) {}

  /**
   * The answer to a request on a listen path, or undefined when no API listens there. Tyk routes by
   * `PathPrefix(listen_path)` (gateway/api_loader.go loadHTTPService), the longest listen path first;
   * internal APIs (reachable only through `tyk://` loops) and TCP APIs have no HTTP route.
   */
  handle(req: ProxyRequest): ProxyAnswer | undefined {
    const served = this.routes().find((s) => req.path.startsWith(s.listenPath));
    if (!served) {
      return undefined;
    }
    const outcome = this.serve(served.api, req, stripListenPath(served.listenPath, req.path));
    this.recorded.push({
      time: this.store.now(),
      apiId: str(outcome.api.api_id),
      apiName: str(outcome.api.name),
      keyHash: outcome.keyHash,
      status: outcome.answer.status,
      method: req.method,
      path: req.path,
    });
    return outcome.answer;
  }

  /** The calls recorded so far that match the filter, oldest first (copies). */
  calls(filter: CallFilter = {}): ProxiedCall[] {
    return this.recorded
      .filter(
        (c) =>
          (filter.keyHash === undefined || c.keyHash === filter.keyHash) &&
          (filter.apiId === undefined || c.apiId === filter.apiId) &&
          (filter.from === undefined || c.time >= filter.from) &&
          (filter.to === undefined || c.time <= filter.to),
      )
      .map((c) => ({ ...c }));
  }

  reset(): void {
    this.recorded.length = 0;
    this.windows.clear();
  }

  private routes(): Served[] {
    if (!this.table) {
      const apis = this.store.servedApis();
      this.byId = new Map(apis.map((a) => [str(a.api_id), a]));
      this.table = apis
        .filter((a) => a.internal !== true && ['', 'http', 'https', 'h2c'].includes(str(a.protocol)) && str(obj(a.proxy).listen_path) !== '')
        .map((a) => ({ api: a, listenPath: str(obj(a.proxy).listen_path) }))
        .sort((a, b) => b.listenPath.length - a.listenPath.length);
    }
    return this.table;
  }

  private serve(api: Obj, req: ProxyRequest, upstreamPath: string): { api: Obj; keyHash: string; answer: ProxyAnswer } {
    let keyHash = '';
    try {
      // VersionCheck (gateway/mw_version_check.go): a Tyk OAS base API hands a request for another
      // version to that version's API, with the base's listen path stripped.
      const child = this.versionApi(api, req, upstreamPath);
      if (child) {
        return this.serve(child, req, upstreamPath);
      }
      this.checkClassicVersion(api, req, upstreamPath);
      if (api.use_keyless !== true) {
        const found = this.authenticate(api, req);
        keyHash = found.hash;
        this.checkSession(api, req, upstreamPath, found);
      }
      return {
        api,
        keyHash,
        answer: { status: 200, body: { api: str(api.name), api_id: str(api.api_id), path: upstreamPath, method: req.method }, headers: {} },
      };
    } catch (err) {
      if (err instanceof Refused) {
        return { api, keyHash, answer: { status: err.status, body: { error: err.message }, headers: { 'x-generator': 'tyk.io', ...err.headers } } };
      }
      throw err;
    }
  }

  /**
   * Tyk OAS versioning (`definition.enabled`, gateway/mw_version_check.go): the version named in the
   * request, else `default`; the base's own name or `self` is the base; another goes to its version API
   * (`fallback_to_default` falls back to the default when the name is unknown). No name at all →
   * 403 "Version information not found"; an unknown one → 404 "This API version does not seem to exist".
   */
  private versionApi(api: Obj, req: ProxyRequest, upstreamPath: string): Obj | undefined {
    const def = obj(api.definition);
    if (def.enabled !== true) {
      return undefined;
    }
    const versions = obj(def.versions);
    const base = str(def.name);
    let target = versionFromRequest(api, req, upstreamPath) || str(def.default);
    if (target === 'self' || target === base) {
      return undefined;
    }
    if (target === '') {
      throw new Refused(403, MSG_VERSION_NOT_FOUND);
    }
    if (!(target in versions) && def.fallback_to_default === true) {
      target = str(def.default);
      if (target === 'self' || target === base) {
        return undefined;
      }
    }
    this.routes();
    const child = this.byId?.get(str(versions[target]));
    if (!child) {
      throw new Refused(404, MSG_VERSION_DOES_NOT_EXIST);
    }
    return child;
  }

  /**
   * Classic versioning (gateway/api_definition.go Version and RequestValid): unless `not_versioned`, the
   * version named in the request, else `default_version`; none → 403 "Version information not found", an
   * unknown one → 403 "This API version does not seem to exist" (unless `fallback_to_default`), one whose
   * `expires` has passed → 403 "Api Version has expired, …".
   */
  private checkClassicVersion(api: Obj, req: ProxyRequest, upstreamPath: string): void {
    const data = obj(api.version_data);
    if (data.not_versioned !== false) {
      return;
    }
    const versions = obj(data.versions);
    const name = this.requestedVersion(api, req, upstreamPath);
    if (name === '') {
      throw new Refused(403, MSG_VERSION_NOT_FOUND);
    }
    let info = versions[name];
    if (!isObj(info) && obj(api.definition).fallback_to_default === true) {
      info = versions[str(data.default_version)];
    }
    if (!isObj(info)) {
      throw new Refused(403, MSG_VERSION_DOES_NOT_EXIST);
    }
    if (versionExpired(str(info.expires), this.store.now())) {
      throw new Refused(403, MSG_VERSION_EXPIRED);
    }
  }

  private requestedVersion(api: Obj, req: ProxyRequest, upstreamPath: string): string {
    return versionFromRequest(api, req, upstreamPath) || str(obj(api.version_data).default_version);
  }

  /**
   * The auth middleware the API enables, in processSpec's order (basic auth before the token); every one
   * must pass. The session the later checks use comes from `base_identity_provided_by` (unset: the last).
   */
  private authenticate(api: Obj, req: ProxyRequest): SessionRecord {
    const unsupported: string[] = [];
    if (api.use_oauth2 === true) {
      unsupported.push('OAuth 2.0');
    }
    if (obj(api.external_oauth).enabled === true) {
      unsupported.push('external OAuth');
    }
    if (api.enable_signature_checking === true) {
      unsupported.push('HMAC request signatures');
    }
    if (api.enable_jwt === true) {
      unsupported.push('JWT');
    }
    if (api.use_openid === true) {
      unsupported.push('OpenID Connect');
    }
    if (api.custom_plugin_auth_enabled === true || api.use_go_plugin_auth === true || api.enable_coprocess_auth === true) {
      unsupported.push('custom authentication plugins');
    }
    if (unsupported.length > 0) {
      throw new Refused(501, `The sandbox Gateway does not check ${unsupported.join(', ')}: only keyless, auth token and basic auth APIs can be called through it`);
    }
    const passed: Array<{ identity: string; found: SessionRecord }> = [];
    if (api.use_basic_auth === true) {
      passed.push({ identity: 'basic_auth_user', found: this.basicAuth(api, req) });
    }
    if (api.use_standard_auth === true || passed.length === 0) {
      // AuthKey: enabled by use_standard_auth, and the default when no other auth is.
      passed.push({ identity: 'auth_token', found: this.authKey(api, req) });
    }
    const identity = str(api.base_identity_provided_by);
    return (passed.find((p) => p.identity === identity) ?? passed[passed.length - 1]).found;
  }

  /** gateway/mw_auth_key.go AuthKey.ProcessRequest. */
  private authKey(api: Obj, req: ProxyRequest): SessionRecord {
    const { token, config } = authToken(api, req);
    if (token === '') {
      // No header, parameter or cookie (and no client certificate: the sandbox serves plain HTTP).
      throw new Refused(401, MSG_AUTH_FIELD_MISSING);
    }
    const found = this.store.findSession(stripBearer(token), str(api.org_id));
    if (!found) {
      throw new Refused(403, MSG_API_ACCESS_DISALLOWED);
    }
    if (config.use_certificate === true && !this.store.hasCertificate(str(found.session.certificate))) {
      // ErrAuthCertNotFound: the key's certificate is not in the store.
      throw new Refused(403, MSG_API_ACCESS_DISALLOWED);
    }
    return found;
  }

  /** gateway/mw_basic_auth.go BasicAuthKeyIsValid: `Authorization: Basic base64(user:password)`. */
  private basicAuth(api: Obj, req: ProxyRequest): SessionRecord {
    const challenge = { 'www-authenticate': `Basic realm="${str(api.name)}"` };
    const value = header(req, 'Authorization');
    if (value === '') {
      throw new Refused(401, MSG_AUTH_FIELD_MISSING, challenge);
    }
    const bits = value.split(' ');
    if (bits.length !== 2) {
      throw new Refused(400, 'Attempted access with malformed header, header not in basic auth format');
    }
    // Go's base64.StdEncoding: padded, standard alphabet, nothing else.
    if (bits[1].length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(bits[1])) {
      throw new Refused(400, 'Attempted access with malformed header, auth data not encoded correctly');
    }
    const values = Buffer.from(bits[1], 'base64').toString('utf8').split(':');
    if (values.length !== 2) {
      throw new Refused(400, 'Attempted access with malformed header, values not in basic auth format');
    }
    const [username, password] = values;
    const orgId = str(api.org_id);
    const found = this.store.findSession(generateToken(orgId, username, this.store.hashFunction), orgId);
    if (!found || !this.store.passwordMatches(found.session, password)) {
      throw new Refused(401, MSG_USER_NOT_AUTHORISED, challenge);
    }
    return found;
  }

  /** What runs after authentication, in processSpec's order. */
  private checkSession(api: Obj, req: ProxyRequest, upstreamPath: string, found: SessionRecord): void {
    const s = found.session;
    const now = this.store.now();
    // KeyExpired (gateway/mw_key_expired_check.go; AuthManager.KeyExpired: expires >= 1 and in the past).
    if (s.is_inactive === true) {
      throw new Refused(403, MSG_KEY_INACTIVE);
    }
    if (num(s.expires) >= 1 && now > num(s.expires) * 1000) {
      throw new Refused(401, MSG_KEY_EXPIRED);
    }
    // AccessRightsCheck (gateway/mw_access_rights.go): no rights at all lets the key through; else the API
    // must be there and, when versioned, the version (or the default with fallback_to_default).
    const rights = obj(s.access_rights);
    const apiId = str(api.api_id);
    if (Object.keys(rights).length > 0) {
      const right = rights[apiId];
      if (!isObj(right)) {
        throw new Refused(403, MSG_API_ACCESS_DISALLOWED);
      }
      const data = obj(api.version_data);
      if (data.not_versioned === false) {
        const granted = Array.isArray(right.versions) ? right.versions : [];
        const target = this.requestedVersion(api, req, upstreamPath);
        const fallback = obj(api.definition).fallback_to_default === true && granted.includes(str(data.default_version));
        if (!granted.includes(target) && !fallback) {
          throw new Refused(403, MSG_API_ACCESS_DISALLOWED);
        }
      }
      this.checkAllowedUrls(right, req);
    }
    if (api.disable_rate_limit !== true || api.disable_quota !== true) {
      this.checkLimits(api, found, isObj(rights[apiId]) ? rights[apiId] : undefined, now);
    }
  }

  /**
   * GranularAccessMiddleware (gateway/mw_granular_access.go, the default "legacy" matching): with
   * `allowed_urls`, some entry listing the method must match the full request path as an unanchored regex
   * (`{param}` standing for one segment, httputil.PreparePathRegexp); an entry that does not compile is skipped.
   */
  private checkAllowedUrls(right: Obj, req: ProxyRequest): void {
    const allowed = Array.isArray(right.allowed_urls) ? right.allowed_urls.filter(isObj) : [];
    if (allowed.length === 0) {
      return;
    }
    for (const entry of allowed) {
      if (!(Array.isArray(entry.methods) && entry.methods.includes(req.method))) {
        continue;
      }
      let pattern: RegExp;
      try {
        pattern = new RegExp(str(entry.url).replace(/\{[^/{}]+\}/g, '([^/]+)'));
      } catch {
        continue;
      }
      if (pattern.test(req.path)) {
        return;
      }
    }
    throw new Refused(403, MSG_RESOURCE_DISALLOWED);
  }

  /**
   * RateLimitAndQuotaCheck (gateway/mw_rate_limiting.go) with SessionLimiter.ForwardMessage
   * (gateway/session_manager.go): the access right's own limit when it sets one (per-API limits), else the
   * session's. Rate: at most `rate` requests in any `per` seconds (one Gateway: the leaky bucket), shared by
   * every API of the key unless the right has an `allowance_scope`; the next → 429. Quota (`quota_max` > 0):
   * each request uses one; none left before `quota_renews` (or never renewing) → 403; once `quota_renews`
   * has passed it renews. `disable_rate_limit` / `disable_quota` on the API switch either off.
   */
  private checkLimits(api: Obj, found: SessionRecord, right: Obj | undefined, now: number): void {
    const s = found.session;
    const own = right && isObj(right.limit) && !limitIsEmpty(right.limit) ? right.limit : undefined;
    const limit = own ?? s;
    const scope = right ? str(right.allowance_scope) : '';
    const rate = num(limit.rate);
    const per = num(limit.per);
    if (api.disable_rate_limit !== true && rate > 0 && per > 0) {
      const windowKey = `${scope}-${found.hash}`;
      const times = (this.windows.get(windowKey) ?? []).filter((t) => t > now - per * 1000);
      if (times.length >= rate) {
        this.windows.set(windowKey, times);
        throw new Refused(429, MSG_RATE_LIMIT);
      }
      times.push(now);
      this.windows.set(windowKey, times);
    }
    const quotaMax = num(limit.quota_max);
    if (api.disable_quota === true || quotaMax <= 0) {
      return;
    }
    const renewalRate = num(limit.quota_renewal_rate);
    const nowSeconds = Math.floor(now / 1000);
    if (renewalRate > 0 && nowSeconds > num(limit.quota_renews)) {
      limit.quota_remaining = quotaMax;
      limit.quota_renews = nowSeconds + renewalRate;
    }
    const remaining = num(limit.quota_remaining);
    if (remaining <= 0) {
      throw new Refused(403, MSG_QUOTA);
    }
    limit.quota_remaining = remaining - 1;
    if (own && scope === '') {
      // RedisQuotaExceeded: the unscoped counter is the session's too.
      s.quota_remaining = limit.quota_remaining;
      s.quota_renews = limit.quota_renews;
    }
  }
}
