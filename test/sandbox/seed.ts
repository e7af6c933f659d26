/**
 * Seed data for the Tyk sandbox: a dozen realistic sample APIs (classic `api_definition`s as the Dashboard
 * returns them, one Tyk OAS API with two versions), two policies, and a deterministic generated catalog
 * ("Generated API 0001" …) for large-catalog and memory tests.
 *
 * Every id is fixed, so tests and docs can name sample APIs through `SAMPLE`.
 */
import { createHash } from 'node:crypto';

export type Json = Record<string, unknown>;

/** The organisation every seed object belongs to (24 hex, like a Mongo ObjectId). */
export const SANDBOX_ORG_ID = '5e9d9544a1dcd60001d0ed20';

interface SampleRef {
  apiId: string;
  id: string;
  name: string;
  listenPath: string;
}

/** Fixed ids of the seed APIs and policies. */
export const SAMPLE = {
  /** Classic, not versioned (`Default` only), auth token in `Authorization`. */
  petstore: { apiId: 'b0ecd12b02af70293cd452b4bf5e4e37', id: '3cda5beb7fd765d6ed96974f', name: 'Petstore', listenPath: '/petstore/' },
  /** Classic, versioned: v1 (default) and v2, version in header `x-api-version`. */
  payments: { apiId: '15ee07398c82a44fb7aa577183de3c1b', id: 'c8aea0a6a52b8ab2e8e9b7c6', name: 'Payments API', listenPath: '/payments/' },
  /** Tyk OAS base API (version "v1"); its versions v2 and v3 are separate APIs. */
  orders: { apiId: '53831f8beeee714f26d2d75a544685b3', id: '753135d14f6763ff4e2c37f8', name: 'Orders API', listenPath: '/orders/' },
  ordersV2: { apiId: '079f8fbb927ea22c0b01c3d2efcdea11', id: 'c5ad1623f7addd5ed8d10f9e', name: 'Orders API v2', listenPath: '/orders-v2/' },
  ordersV3: { apiId: 'af4978f5481c2bb4694bc9f4d2698b79', id: 'f814e9610c41e6c7d7ca8c19', name: 'Orders API v3', listenPath: '/orders-v3/' },
  /** Keyless (open) API. */
  weather: { apiId: 'f73ca10676158f192a87f3d31518c7ba', id: 'a796e539ae7ebc42e580a985', name: 'Weather (open)', listenPath: '/weather/' },
  /** Internal API (`internal: true`): reachable only from other APIs. */
  inventory: { apiId: 'a782f13f86f8e7aa330d6175481e6e7b', id: 'cce5618a195a94df0be8fd95', name: 'Inventory (internal)', listenPath: '/inventory/' },
  /** Inactive API (`active: false`). */
  legacyBilling: { apiId: 'd7d197c7a503fb01d5e53530cc405e5a', id: '47db13a32b9f783932948f19', name: 'Legacy Billing', listenPath: '/billing/' },
  /** JWT (RSA) API. */
  partnerJwt: { apiId: 'ed6b8baaeac51b588d4bc8570026959d', id: '0e9cd97afe1a782773e367ec', name: 'Partner API (JWT)', listenPath: '/partners/' },
  /** Basic auth API. */
  reportsBasic: { apiId: 'c334cfafadcfcca155d4be94d4b3fae0', id: '2af04f8701e210e17c4cc700', name: 'Reports (basic auth)', listenPath: '/reports/' },
  /** Auth token with HMAC request signing. */
  webhooksHmac: { apiId: '298514fd33473992bfae43cdb99f14d0', id: '5bc5d2936de3b8ed9d93ed12', name: 'Webhooks (HMAC)', listenPath: '/webhooks/' },
  /** Auth token in a custom header, `X-Api-Key`. */
  geoLookup: { apiId: 'ff622e29fe6103e792d72e2336045fe6', id: 'c78addcc0ed320cb773228e3', name: 'Geo Lookup', listenPath: '/geo/' },
  /** OAuth 2.0 API. */
  mobileOauth: { apiId: 'fd537a4cccda60ae5d98261381b9ad86', id: '3fa9fc79bb26a0c073abcde7', name: 'Mobile Backend (OAuth 2.0)', listenPath: '/mobile/' },
  policies: {
    /** Grants Petstore (Default) and Payments (v1, v2) with rate and quota limits. `id` equals `_id`. */
    gold: { id: '9f449b1c99dcdf8dc1adb7c1', mongoId: '9f449b1c99dcdf8dc1adb7c1', name: 'Gold plan' },
    /** Read-only (GET) access to Petstore. Its `id` (what keys reference) differs from its `_id`, as for policies created with a custom id. */
    readOnly: { id: 'petstore-read-only', mongoId: '4017a0ea7aa29443d5f3518f', name: 'Petstore read-only' },
  },
} as const;

export type SampleName = Exclude<keyof typeof SAMPLE, 'policies'>;

/**
 * With `tykShapes`: objects in the shapes Tyk itself publishes (see SOURCES in the comments below), added
 * after the seed APIs. Off by default, so the catalog the other suites count stays as it is.
 */
export const SAMPLE_SHAPES = {
  /** A file-based Gateway app as TykTechnologies/tyk apps/app_sample.json: no `active`, legacy `auth` only. */
  fileApp: { apiId: '0d8a1c6f2b3e4d5f8a9b0c1d2e3f4a5b', id: '6a1f0c2d3e4b5a6978877665', name: 'Quickstart (file)', listenPath: '/quickstart/' },
  /** Multi-auth: auth token + basic auth, identity from the token; the token in `auth_configs.authToken`'s header. */
  multiAuth: { apiId: '7c2e9a4b1d3f5e6a8b9c0d1e2f3a4b5c', id: '7b2f1d3e4c5a6b7988776655', name: 'Team API (token + basic)', listenPath: '/team/' },
  /** Auth tokens bound to client certificates (dynamic mTLS: `auth_configs.authToken.use_certificate`). */
  certBound: { apiId: '8d3f0b5c2e4a6f7b9c0d1e2f3a4b5c6d', id: '8c3a2e4f5d6b7c8a99887766', name: 'Partners (certificate-bound)', listenPath: '/partners-mtls/' },
  /** A TCP proxy: `protocol: tcp`, a tcp:// target; no HTTP request can be made. */
  tcpRedis: { apiId: '9e4a1c6d3f5b7a8c0d1e2f3a4b5c6d7e', id: '9d4b3f5a6e7c8d9b0a998877', name: 'Redis (TCP)', listenPath: '' },
  policies: {
    /** A Gateway policy file without `active` (a Gateway reads it back as `active: false`); usable. */
    file: { id: 'file-policy', mongoId: 'file-policy', name: 'File policy (no active field)' },
    /** A suspended policy: `is_inactive: true`. */
    suspended: { id: 'suspended-policy', mongoId: '5f1e2d3c4b5a697887766554', name: 'Suspended policy' },
  },
  /** A basic-auth user of the multi-auth API (password `demo-password`, stored hashed). */
  basicUser: { username: 'demo-user', password: 'demo-password' },
} as const;

/**
 * The body of Tyk's "create an API key" tutorial (Dashboard `POST /api/keys`), for the given API.
 * Used by the CLI's example curl and by the tests.
 */
export function tutorialKeyBody(apiId: string = SAMPLE.petstore.apiId, apiName: string = SAMPLE.petstore.name): Json {
  return {
    allowance: 1000,
    rate: 1000,
    per: 1,
    expires: -1,
    quota_max: -1,
    org_id: '1',
    quota_renews: 1449051461,
    quota_remaining: -1,
    quota_renewal_rate: 60,
    access_rights: {
      [apiId]: {
        api_id: apiId,
        api_name: apiName,
        versions: ['Default'],
      },
    },
    meta_data: {},
  };
}

// ---------------------------------------------------------------------------------------------------------
// Classic API definitions

interface ClassicOptions {
  ref: SampleRef;
  orgId: string;
  targetUrl: string;
  active?: boolean;
  internal?: boolean;
  isOas?: boolean;
  auth?: 'token' | 'keyless' | 'jwt' | 'basic' | 'hmac' | 'oauth2';
  authHeader?: string;
  versions?: { defaultVersion: string; names: string[]; expires?: Record<string, string> };
  /** OAS base API: version name of the base and the child versions (name → api_id). */
  oasVersioning?: { name: string; children: Record<string, string> };
  tags?: string[];
  extendedPaths?: Json;
}

function versionInfo(name: string, expires = '', extendedPaths: Json = {}): Json {
  return {
    name,
    expires,
    paths: { ignored: [], white_list: [], black_list: [] },
    use_extended_paths: true,
    extended_paths: extendedPaths,
    global_headers: {},
    global_headers_remove: [],
    global_headers_disabled: false,
    global_response_headers: {},
    global_response_headers_remove: [],
    global_response_headers_disabled: false,
    ignore_endpoint_case: false,
    global_size_limit: 0,
    override_target: '',
  };
}

function authConfig(headerName: string): Json {
  return {
    name: '',
    use_param: false,
    param_name: '',
    use_cookie: false,
    cookie_name: '',
    disable_header: false,
    auth_header_name: headerName,
    use_certificate: false,
    validate_signature: false,
  };
}

export function classicDefinition(o: ClassicOptions): Json {
  const auth = o.auth ?? 'token';
  const header = o.authHeader ?? 'Authorization';
  const slug = o.ref.listenPath.replace(/^\/|\/$/g, '') || 'api';
  const versionNames = o.versions?.names ?? ['Default'];
  const versions: Json = {};
  for (const v of versionNames) {
    versions[v] = versionInfo(v, o.versions?.expires?.[v] ?? '', o.extendedPaths ?? {});
  }
  const authConfigs: Json = { authToken: authConfig(header) };
  if (auth === 'jwt') {
    authConfigs.jwt = authConfig(header);
  } else if (auth === 'basic') {
    authConfigs.basic = authConfig(header);
  } else if (auth === 'hmac') {
    authConfigs.hmac = authConfig(header);
  } else if (auth === 'oauth2') {
    authConfigs.oauth = authConfig(header);
  }
  return {
    id: o.ref.id,
    name: o.ref.name,
    slug,
    listen_port: 0,
    protocol: '',
    enable_proxy_protocol: false,
    api_id: o.ref.apiId,
    org_id: o.orgId,
    use_keyless: auth === 'keyless',
    use_oauth2: auth === 'oauth2',
    use_openid: false,
    openid_options: { providers: [], segregate_by_client: false },
    oauth_meta: {
      allowed_access_types: auth === 'oauth2' ? ['authorization_code', 'refresh_token'] : [],
      allowed_authorize_types: auth === 'oauth2' ? ['code'] : [],
      auth_login_redirect: auth === 'oauth2' ? 'https://login.example.com/authorize' : '',
    },
    auth: authConfig(header),
    auth_configs: authConfigs,
    use_basic_auth: auth === 'basic',
    basic_auth: { disable_caching: false, cache_ttl: 0, extract_from_body: false, body_user_regexp: '', body_password_regexp: '' },
    use_mutual_tls_auth: false,
    client_certificates: [],
    upstream_certificates: {},
    pinned_public_keys: {},
    enable_jwt: auth === 'jwt',
    use_standard_auth: auth === 'token',
    use_go_plugin_auth: false,
    enable_coprocess_auth: false,
    custom_plugin_auth_enabled: false,
    jwt_signing_method: auth === 'jwt' ? 'rsa' : '',
    jwt_source: auth === 'jwt' ? 'aHR0cHM6Ly9wYXJ0bmVycy5leGFtcGxlLmNvbS8ud2VsbC1rbm93bi9qd2tzLmpzb24=' : '',
    jwt_identity_base_field: auth === 'jwt' ? 'sub' : '',
    jwt_client_base_field: '',
    jwt_policy_field_name: auth === 'jwt' ? 'pol' : '',
    jwt_default_policies: auth === 'jwt' ? [SAMPLE.policies.gold.id] : [],
    jwt_issued_at_validation_skew: 0,
    jwt_expires_at_validation_skew: 0,
    jwt_not_before_validation_skew: 0,
    jwt_skip_kid: false,
    jwt_scope_to_policy_mapping: {},
    jwt_scope_claim_name: '',
    enable_signature_checking: auth === 'hmac',
    hmac_allowed_clock_skew: auth === 'hmac' ? 1000 : -1,
    hmac_allowed_algorithms: auth === 'hmac' ? ['hmac-sha256', 'hmac-sha512'] : [],
    base_identity_provided_by: auth === 'hmac' ? 'auth_token' : '',
    definition: o.oasVersioning
      ? {
          enabled: true,
          name: o.oasVersioning.name,
          default: o.oasVersioning.name,
          location: 'header',
          key: 'x-api-version',
          strip_path: false,
          strip_versioning_data: false,
          url_versioning_pattern: '',
          fallback_to_default: true,
          versions: o.oasVersioning.children,
        }
      : {
          enabled: false,
          name: '',
          default: '',
          location: 'header',
          key: 'x-api-version',
          strip_path: false,
          strip_versioning_data: false,
          url_versioning_pattern: '',
          fallback_to_default: false,
          versions: {},
        },
    version_data: {
      not_versioned: o.versions === undefined,
      default_version: o.versions?.defaultVersion ?? '',
      versions,
    },
    proxy: {
      preserve_host_header: false,
      listen_path: o.ref.listenPath,
      target_url: o.targetUrl,
      disable_strip_slash: false,
      strip_listen_path: true,
      enable_load_balancing: false,
      target_list: [],
      check_host_against_uptime_tests: false,
    },
    disable_rate_limit: false,
    disable_quota: false,
    custom_middleware_bundle: '',
    cache_options: {
      cache_timeout: 60,
      enable_cache: true,
      cache_all_safe_requests: false,
      cache_response_codes: [],
      enable_upstream_cache_control: false,
      cache_control_ttl_header: '',
      cache_by_headers: [],
    },
    session_lifetime: 0,
    active: o.active ?? true,
    internal: o.internal ?? false,
    auth_provider: { name: '', storage_engine: '', meta: {} },
    session_provider: { name: '', storage_engine: '', meta: null },
    event_handlers: { events: {} },
    enable_batch_request_support: false,
    enable_ip_whitelisting: false,
    allowed_ips: [],
    enable_ip_blacklisting: false,
    blacklisted_ips: [],
    dont_set_quota_on_create: false,
    expire_analytics_after: 0,
    response_processors: [],
    CORS: {
      enable: false,
      allowed_origins: [],
      allowed_methods: [],
      allowed_headers: [],
      exposed_headers: [],
      allow_credentials: false,
      max_age: 24,
      options_passthrough: false,
      debug: false,
    },
    domain: '',
    certificates: [],
    do_not_track: false,
    enable_context_vars: false,
    config_data: {},
    config_data_disabled: false,
    tag_headers: [],
    strip_auth_data: false,
    enable_detailed_recording: false,
    tags: o.tags ?? [],
    is_oas: o.isOas ?? false,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Tyk OAS documents

function oasDocument(ref: SampleRef, orgId: string, upstream: string, title: string, version: string, versioning?: { name: string; children: Record<string, string> }): Json {
  const info: Json = {
    id: ref.apiId,
    dbId: ref.id,
    orgId,
    name: ref.name,
    state: { active: true, internal: false },
  };
  if (versioning) {
    info.versioning = {
      enabled: true,
      name: versioning.name,
      default: versioning.name,
      location: 'header',
      key: 'x-api-version',
      versions: Object.entries(versioning.children).map(([name, id]) => ({ name, id })),
      stripVersioningData: false,
      fallbackToDefault: true,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title, version },
    servers: [{ url: `http://localhost:8080${ref.listenPath}` }],
    security: [{ authToken: [] }],
    paths: {
      '/orders': {
        get: { operationId: 'listOrders', summary: 'List orders', responses: { '200': { description: 'The orders' } } },
        post: { operationId: 'createOrder', summary: 'Create an order', responses: { '201': { description: 'Created' } } },
      },
      '/orders/{orderId}': {
        get: {
          operationId: 'getOrder',
          parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'One order' }, '404': { description: 'Not found' } },
        },
      },
    },
    components: {
      securitySchemes: { authToken: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    },
    'x-tyk-api-gateway': {
      info,
      upstream: { url: upstream },
      server: {
        listenPath: { value: ref.listenPath, strip: true },
        authentication: { enabled: true, securitySchemes: { authToken: { enabled: true } } },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Catalog

/** One API of the catalog. Generated entries build their (possibly large) wrapper on demand. */
export interface CatalogEntry {
  apiId: string;
  id: string;
  name: string;
  /** Tyk OAS version API (a child of a base API): hidden by `base_apis`. */
  isVersionChild: boolean;
  /** `active` of the definition: inactive APIs are not loaded by the Gateway. */
  active: boolean;
  /** Unix ms; the default listing order is created_at descending, which is the catalog order. */
  createdAt: number;
  updatedAt: number;
  /** The Dashboard wrapper `{api_definition, created_at, …, oas?}`; a fresh object on every call. */
  wrapper(): Json;
  /** The classic api_definition (what the Gateway serves); a fresh object on every call. */
  definition(): Json;
}

export interface CatalogOptions {
  /** Adds the SAMPLE_SHAPES APIs after the seed ones. */
  tykShapes?: boolean;
  /** Total size of the catalog; generated APIs fill it up after the seed ones. Default: the seed only. */
  apis?: number;
  /** Approximate JSON size of each generated api_definition, in bytes. */
  definitionBytes?: number;
  orgId?: string;
}

export interface Catalog {
  entries: CatalogEntry[];
  byApiId: Map<string, CatalogEntry>;
  byId: Map<string, CatalogEntry>;
}

/** Newest entry; each following entry is one minute older. */
const CATALOG_EPOCH = Date.UTC(2025, 5, 2, 9, 30, 0);

function clone<T>(value: T): T {
  return structuredClone(value);
}

function wrapperOf(definition: Json, createdAt: number, updatedAt: number, oas?: Json): Json {
  const w: Json = {
    api_definition: definition,
    hook_references: [],
    is_site: false,
    sort_by: 0,
    user_group_owners: [],
    user_owners: [],
    categories: [],
    api_model: {},
    created_at: new Date(createdAt).toISOString(),
    updated_at: new Date(updatedAt).toISOString(),
  };
  if (oas) {
    w.oas = oas;
  }
  return w;
}

interface SeedSpec {
  def: Json;
  oas?: Json;
  child: boolean;
}

function seedSpecs(orgId: string): SeedSpec[] {
  const s = SAMPLE;
  const ordersChildren = { v2: s.ordersV2.apiId, v3: s.ordersV3.apiId };
  const specs: SeedSpec[] = [
    {
      def: classicDefinition({ ref: s.petstore, orgId, targetUrl: 'https://petstore.swagger.io/v2', tags: ['public', 'demo'] }),
      child: false,
    },
    {
      def: classicDefinition({
        ref: s.payments,
        orgId,
        targetUrl: 'https://payments.internal.example.com',
        versions: { defaultVersion: 'v1', names: ['v1', 'v2'], expires: { v1: '2027-12-31 23:59' } },
        tags: ['finance'],
      }),
      child: false,
    },
    {
      def: classicDefinition({
        ref: s.orders,
        orgId,
        targetUrl: 'https://orders.example.com/v1',
        isOas: true,
        oasVersioning: { name: 'v1', children: ordersChildren },
        tags: ['oas'],
      }),
      oas: oasDocument(s.orders, orgId, 'https://orders.example.com/v1', 'Orders API', '1.0.0', { name: 'v1', children: ordersChildren }),
      child: false,
    },
    {
      def: classicDefinition({ ref: s.ordersV2, orgId, targetUrl: 'https://orders.example.com/v2', isOas: true, tags: ['oas'] }),
      oas: oasDocument(s.ordersV2, orgId, 'https://orders.example.com/v2', 'Orders API', '2.0.0'),
      child: true,
    },
    {
      def: classicDefinition({ ref: s.ordersV3, orgId, targetUrl: 'https://orders.example.com/v3', isOas: true, tags: ['oas', 'beta'] }),
      oas: oasDocument(s.ordersV3, orgId, 'https://orders.example.com/v3', 'Orders API', '3.0.0-beta'),
      child: true,
    },
    { def: classicDefinition({ ref: s.weather, orgId, targetUrl: 'https://api.open-meteo.com/v1', auth: 'keyless', tags: ['public'] }), child: false },
    { def: classicDefinition({ ref: s.inventory, orgId, targetUrl: 'http://inventory.svc.cluster.local:8080', internal: true }), child: false },
    { def: classicDefinition({ ref: s.legacyBilling, orgId, targetUrl: 'http://billing-legacy.example.com', active: false, tags: ['deprecated'] }), child: false },
    { def: classicDefinition({ ref: s.partnerJwt, orgId, targetUrl: 'https://partners.example.com/api', auth: 'jwt', tags: ['partners'] }), child: false },
    { def: classicDefinition({ ref: s.reportsBasic, orgId, targetUrl: 'https://reports.example.com', auth: 'basic' }), child: false },
    { def: classicDefinition({ ref: s.webhooksHmac, orgId, targetUrl: 'https://hooks.example.com', auth: 'hmac' }), child: false },
    { def: classicDefinition({ ref: s.geoLookup, orgId, targetUrl: 'https://geo.example.com', authHeader: 'X-Api-Key', tags: ['public'] }), child: false },
    { def: classicDefinition({ ref: s.mobileOauth, orgId, targetUrl: 'https://mobile-backend.example.com', auth: 'oauth2' }), child: false },
  ];
  return specs;
}

/** The SAMPLE_SHAPES APIs, each a seed definition changed the way Tyk's own objects differ. */
function shapeSpecs(orgId: string): SeedSpec[] {
  const x = SAMPLE_SHAPES;
  // TykTechnologies/tyk apps/app_sample.json: what a file-based Gateway loads (no `active`, no `auth_configs`).
  const fileApp: Json = {
    name: x.fileApp.name,
    api_id: x.fileApp.apiId,
    org_id: orgId,
    definition: { location: 'header', key: 'version' },
    auth: { auth_header_name: 'authorization' },
    use_keyless: false,
    version_data: { not_versioned: true, versions: { Default: { name: 'Default', expires: '3000-01-02 15:04', use_extended_paths: true, extended_paths: {} } } },
    proxy: { listen_path: x.fileApp.listenPath, target_url: 'http://httpbin.org/', strip_listen_path: true },
    enable_batch_request_support: false,
  };
  const multi = classicDefinition({ ref: x.multiAuth, orgId, targetUrl: 'http://team.internal:8080/' });
  multi.use_basic_auth = true;
  multi.base_identity_provided_by = 'auth_token';
  // Tyk reads auth_configs.authToken first; `auth` is the deprecated fallback (gateway/middleware.go).
  multi.auth_configs = { authToken: authConfig('X-Team-Token'), basic: authConfig('Authorization') };
  const cert = classicDefinition({ ref: x.certBound, orgId, targetUrl: 'https://partners.internal/' });
  cert.auth_configs = { authToken: { ...authConfig('Authorization'), use_certificate: true } };
  const tcp = classicDefinition({ ref: x.tcpRedis, orgId, targetUrl: 'tcp://redis.internal:6379', auth: 'keyless' });
  tcp.protocol = 'tcp';
  tcp.listen_port = 6380;
  return [fileApp, multi, cert, tcp].map((def) => ({ def, child: false }));
}

/**
 * Keys in the shapes Tyk's own scripts make (with `tykShapes`): one applying a policy through the legacy
 * `apply_policy_id` (TykTechnologies/tyk-demo), a basic-auth user of the multi-auth API, an HMAC key.
 */
export function shapeKeySessions(orgId: string = SANDBOX_ORG_ID): Array<{ session: Json; customId?: string }> {
  const right = (ref: SampleRef): Json => ({ [ref.apiId]: { api_id: ref.apiId, api_name: ref.name, versions: ['Default'] } });
  const limits = { rate: 100, per: 60, quota_max: -1, quota_renewal_rate: -1, expires: -1 };
  return [
    { session: { ...limits, org_id: orgId, alias: 'demo-apply-policy-id', apply_policy_id: SAMPLE.policies.gold.id } },
    {
      session: { ...limits, org_id: orgId, alias: 'demo-basic-user', basic_auth_data: { password: SAMPLE_SHAPES.basicUser.password }, access_rights: right(SAMPLE_SHAPES.multiAuth) },
      customId: SAMPLE_SHAPES.basicUser.username,
    },
    { session: { ...limits, org_id: orgId, alias: 'demo-hmac', hmac_enabled: true, access_rights: right(SAMPLE.webhooksHmac) } },
  ];
}

/** The certificate store: two client certificates keys can be bound to (ids are org id + SHA-256, as Tyk's). */
export const SAMPLE_CERTIFICATES = [
  { subject: 'client-a.example.com', sha: '8edce514c2d0a866063550c64d6c90be99d01561ac5aa7e82b8610b7e273d37d' },
  { subject: 'client-b.example.com', sha: '7c440d66ebb0a4629d21329808dce9091acf5f2fde328067a6e60e5347271d90' },
] as const;

export function seedCertificates(orgId: string = SANDBOX_ORG_ID): Json[] {
  return SAMPLE_CERTIFICATES.map((c) => ({
    id: `${orgId}${c.sha}`,
    dns_names: [c.subject],
    has_private: false,
    is_ca: false,
    issuer_cn: 'Sandbox Client CA',
    not_after: '2030-01-01T00:00:00Z',
    not_before: '2025-01-01T00:00:00Z',
    subject_cn: c.subject,
  }));
}

function md5Hex(input: string): string {
  return createHash('md5').update(input).digest('hex');
}

function paddingEntries(index: string, count: number): Json[] {
  const out: Json[] = [];
  for (let j = 0; j < count; j++) {
    out.push({
      path: `/resource-${index}/items/${j}/{id}`,
      method: '',
      ignore_case: false,
      disabled: false,
      method_actions: { GET: { action: 'no_action', code: 200, data: '', headers: {} } },
    });
  }
  return out;
}

export function buildCatalog(options: CatalogOptions = {}): Catalog {
  const orgId = options.orgId ?? SANDBOX_ORG_ID;
  const entries: CatalogEntry[] = [];
  const specs = options.tykShapes ? [...seedSpecs(orgId), ...shapeSpecs(orgId)] : seedSpecs(orgId);
  specs.forEach((spec, i) => {
    const createdAt = CATALOG_EPOCH - i * 60_000;
    const updatedAt = createdAt + 3_600_000;
    const def = spec.def;
    const oas = spec.oas;
    entries.push({
      apiId: String(def.api_id),
      id: String(def.id),
      name: String(def.name),
      isVersionChild: spec.child,
      active: def.active !== false,
      createdAt,
      updatedAt,
      wrapper: () => wrapperOf(clone(def), createdAt, updatedAt, oas ? clone(oas) : undefined),
      definition: () => clone(def),
    });
  });

  const total = options.apis ?? 0;
  const generated = Math.max(0, total - specs.length);
  const width = Math.max(4, String(generated).length);
  // Size the padding once: measure a generated definition without padding and one padding entry.
  const sampleIndex = '0'.repeat(width);
  const bare = generatedDefinition(orgId, 1, sampleIndex, 0);
  const bareSize = JSON.stringify(bare).length;
  const entrySize = JSON.stringify(paddingEntries(sampleIndex, 1)[0]).length + 1;
  const target = options.definitionBytes ?? 0;
  const padCount = target > bareSize ? Math.ceil((target - bareSize) / entrySize) : 0;

  for (let n = 1; n <= generated; n++) {
    const index = String(n).padStart(width, '0');
    const createdAt = CATALOG_EPOCH - (specs.length + n - 1) * 60_000;
    const updatedAt = createdAt;
    const apiId = md5Hex(`tyk-keys-sandbox/generated/${n}`);
    entries.push({
      apiId,
      id: md5Hex(`tyk-keys-sandbox/generated-id/${n}`).slice(0, 24),
      name: `Generated API ${index}`,
      isVersionChild: false,
      active: true,
      createdAt,
      updatedAt,
      wrapper: () => wrapperOf(generatedDefinition(orgId, n, index, padCount), createdAt, updatedAt),
      definition: () => generatedDefinition(orgId, n, index, padCount),
    });
  }

  const byApiId = new Map<string, CatalogEntry>();
  const byId = new Map<string, CatalogEntry>();
  for (const e of entries) {
    byApiId.set(e.apiId, e);
    byId.set(e.id, e);
  }
  return { entries, byApiId, byId };
}

const GENERATED_AUTH: Array<NonNullable<ClassicOptions['auth']>> = ['token', 'token', 'token', 'jwt', 'token', 'keyless', 'token', 'basic', 'token', 'hmac'];

function generatedDefinition(orgId: string, n: number, index: string, padCount: number): Json {
  const ref: SampleRef = {
    apiId: md5Hex(`tyk-keys-sandbox/generated/${n}`),
    id: md5Hex(`tyk-keys-sandbox/generated-id/${n}`).slice(0, 24),
    name: `Generated API ${index}`,
    listenPath: `/generated-api-${index}/`,
  };
  const extendedPaths: Json = padCount > 0 ? { white_list: paddingEntries(index, padCount) } : {};
  return classicDefinition({
    ref,
    orgId,
    targetUrl: `http://upstream-${index}.internal.example:8080/`,
    auth: GENERATED_AUTH[n % GENERATED_AUTH.length],
    tags: n % 3 === 0 ? ['generated', 'team-a'] : ['generated'],
    extendedPaths,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Policies

function accessRight(apiId: string, apiName: string, versions: string[], allowedUrls: Json[] = []): Json {
  return {
    api_id: apiId,
    api_name: apiName,
    versions,
    allowed_urls: allowedUrls,
    restricted_types: [],
    allowed_types: [],
    disable_introspection: false,
    field_access_rights: [],
    allowance_scope: '',
  };
}

/** The seed policies (with `tykShapes`, the SAMPLE_SHAPES ones too), in the stored (superset) form; the fronts project them. */
export function seedPolicies(orgId: string = SANDBOX_ORG_ID, tykShapes = false): Json[] {
  const p = SAMPLE.policies;
  return [
    ...seedPolicyList(orgId, p),
    ...(tykShapes ? shapePolicies(orgId) : []),
  ];
}

/** Policies as a Gateway loads them from files: no `active` (it reads back false); one suspended (`is_inactive`). */
function shapePolicies(orgId: string): Json[] {
  const x = SAMPLE_SHAPES.policies;
  const rights = { [SAMPLE.petstore.apiId]: accessRight(SAMPLE.petstore.apiId, SAMPLE.petstore.name, ['Default']) };
  const base = { org_id: orgId, rate: 50, per: 1, quota_max: -1, quota_renewal_rate: -1, access_rights: rights, tags: [], key_expires_in: 0 };
  return [
    { ...base, _id: x.file.mongoId, id: x.file.id, name: x.file.name, is_inactive: false },
    { ...base, _id: x.suspended.mongoId, id: x.suspended.id, name: x.suspended.name, active: true, is_inactive: true },
  ];
}

function seedPolicyList(orgId: string, p: typeof SAMPLE.policies): Json[] {
  return [
    {
      _id: p.gold.mongoId,
      id: p.gold.id,
      name: p.gold.name,
      org_id: orgId,
      rate: 100,
      per: 60,
      quota_max: 10000,
      quota_renewal_rate: 3600,
      throttle_interval: -1,
      throttle_retry_limit: -1,
      max_query_depth: -1,
      access_rights: {
        [SAMPLE.petstore.apiId]: accessRight(SAMPLE.petstore.apiId, SAMPLE.petstore.name, ['Default']),
        [SAMPLE.payments.apiId]: accessRight(SAMPLE.payments.apiId, SAMPLE.payments.name, ['v1', 'v2']),
      },
      hmac_enabled: false,
      active: true,
      is_inactive: false,
      tags: ['gold'],
      key_expires_in: 0,
      partitions: { quota: false, rate_limit: false, complexity: false, acl: false, per_api: false },
      last_updated: '1748856600',
      date_created: '2025-06-02T09:30:00Z',
      meta_data: { plan: 'gold' },
    },
    {
      _id: p.readOnly.mongoId,
      id: p.readOnly.id,
      name: p.readOnly.name,
      org_id: orgId,
      rate: 10,
      per: 60,
      quota_max: -1,
      quota_renewal_rate: -1,
      throttle_interval: -1,
      throttle_retry_limit: -1,
      max_query_depth: -1,
      access_rights: {
        [SAMPLE.petstore.apiId]: accessRight(SAMPLE.petstore.apiId, SAMPLE.petstore.name, ['Default'], [
          { url: '/pet/{petId}', methods: ['GET'] },
          { url: '/store/inventory', methods: ['GET'] },
        ]),
      },
      hmac_enabled: false,
      active: true,
      is_inactive: false,
      tags: ['read-only'],
      key_expires_in: 2592000,
      partitions: { quota: false, rate_limit: false, complexity: false, acl: false, per_api: false },
      last_updated: '1748856600',
      date_created: '2025-06-02T09:30:00Z',
      meta_data: {},
    },
  ];
}
