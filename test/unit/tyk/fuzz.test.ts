// Property-based tests (fast-check) of what the client reads and what it sends:
// - every parser the clients use gets 10,000 generated bodies (spec-true, mutated, truncated, arbitrary
//   JSON, not JSON at all) through HttpTransport's own parse() and the client's mapping, and 300 more
//   through the real DashboardClient/GatewayClient over loopback HTTP: each ends in a well-formed model,
//   or in a TykError('bad-response') whose message is one short line, quotes at most 200 characters of
//   the body and never the credential;
// - the key spec: refused with a message, or a SessionState that the official Dashboard spec accepts;
// - the input validators: they never throw, and what they accept keeps their contract.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { LoadOptions } from '../../../src/tyk/client';
import { DashboardClient } from '../../../src/tyk/dashboard';
import { markdownText, plainText } from '../../../src/domain/displayText';
import { MAX_NAME_LENGTH, MAX_PATH_LENGTH } from '../../../src/domain/limits';
import type { LoadTruncated } from '../../../src/tyk/paging';
import { TykError, type TykErrorKind } from '../../../src/tyk/errors';
import { GatewayClient } from '../../../src/tyk/gateway';
import { HttpTransport, normaliseBaseUrl, type Operation } from '../../../src/tyk/http';
import { DEFAULT_LIMITS, MAX_ALIAS_LENGTH, buildSessionState, checkKeySpec } from '../../../src/domain/keySpec';
import { keyOperation, parseSession } from '../../../src/tyk/keyOps';
import { toKeyDetails, toPolicies, toTykApi } from '../../../src/tyk/mapping';
import type { ApiPage, AuthKind, CreatedKey, KeyDetails, KeyPage, KeySpec, TykApi, TykPolicy } from '../../../src/domain/model';
import * as S from '../../../src/tyk/schemas';
import {
  MAX_COUNT,
  isLoopbackHost,
  parseAlias,
  parseBaseUrl,
  parseCount,
  parseCredential,
  parseExpiryDate,
  parseQuota,
  parseSeconds,
  parseHeaderName,
  parseListenPath,
} from '../../../src/domain/validation';
import { startFaultServer, type FaultServer } from '../../support/faultServer';
import { preloadSpecs, validateResponse, type SpecName } from '../../sandbox/specValidator';

const CREDENTIAL = 'fuzz-credential-7c1e9b2a4d6f8e0a';
const KEY = 'fuzzkey5b7d9f1a3c5e7a9b1d3f5a7c';
const FAST_RUNS = 10_000;
const CLIENT_RUNS = 300;
/** The longest message the client writes: ~260 characters of its own, a 200-character quote or a 300-character server message. */
const MAX_MESSAGE = 700;
/** Bodies claiming more pages than this are not fed to the calls that fetch every page (see "page counts" below). */
const MAX_FETCHED_PAGES = 3;

// ---------------------------------------------------------------------------------------------------------
// JSON documents with pieces JSON.stringify cannot write (1e400, -0, 20-digit integers, deep nesting)

class Raw {
  constructor(readonly text: string) {}
}
type J = null | boolean | number | string | Raw | J[] | JObject;
interface JObject {
  [key: string]: J | undefined;
}

function isObject(v: J | undefined): v is JObject {
  return typeof v === 'object' && v !== null && !(v instanceof Raw) && !Array.isArray(v);
}

function jsonText(v: J): string {
  if (v instanceof Raw) {
    return v.text;
  }
  if (Array.isArray(v)) {
    return `[${v.map(jsonText).join(',')}]`;
  }
  if (isObject(v)) {
    const members: string[] = [];
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined) {
        members.push(`${JSON.stringify(k)}:${jsonText(x)}`);
      }
    }
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(v);
}

function setOwn(target: JObject, key: string, value: J | undefined): void {
  // defineProperty: a "__proto__" member stays a member.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(v: J): J {
  if (Array.isArray(v)) {
    return v.map(clone);
  }
  if (isObject(v)) {
    const out: JObject = {};
    for (const [k, x] of Object.entries(v)) {
      setOwn(out, k, x === undefined ? undefined : clone(x));
    }
    return out;
  }
  return v;
}

interface Mutation {
  at: number;
  kind: 'drop' | 'rename' | 'replace' | 'null' | 'wrap' | 'quote';
  name: string;
  value: J;
}

type Slot = { kind: 'root' } | { kind: 'item'; parent: J[]; key: number } | { kind: 'member'; parent: JObject; key: string };

function slotsOf(root: J): Slot[] {
  const slots: Slot[] = [{ kind: 'root' }];
  const stack: J[] = [root];
  while (stack.length > 0 && slots.length < 5000) {
    const node = stack.pop() ?? null;
    if (Array.isArray(node)) {
      node.forEach((child, key) => {
        slots.push({ kind: 'item', parent: node, key });
        stack.push(child);
      });
    } else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (child !== undefined) {
          slots.push({ kind: 'member', parent: node, key });
          stack.push(child);
        }
      }
    }
  }
  return slots;
}

/** Applies each mutation to one node of a copy of `doc`: drop, rename, wrong type, null, wrapped, quoted. */
function mutate(doc: J, mutations: readonly Mutation[]): J {
  let root = clone(doc);
  for (const m of mutations) {
    const slots = slotsOf(root);
    const slot: Slot = slots[m.at % slots.length] ?? { kind: 'root' };
    const current: J = (slot.kind === 'root' ? root : slot.kind === 'item' ? slot.parent[slot.key] : slot.parent[slot.key]) ?? null;
    const set = (value: J | undefined): void => {
      if (slot.kind === 'root') {
        root = value ?? {};
      } else if (slot.kind === 'item') {
        if (value === undefined) {
          slot.parent.splice(slot.key, 1);
        } else {
          slot.parent[slot.key] = value;
        }
      } else if (value === undefined) {
        delete slot.parent[slot.key];
      } else {
        setOwn(slot.parent, slot.key, value);
      }
    };
    switch (m.kind) {
      case 'drop':
        set(undefined);
        break;
      case 'rename':
        if (slot.kind === 'member') {
          delete slot.parent[slot.key];
          setOwn(slot.parent, m.name || slot.key.toUpperCase(), current);
        } else {
          set(m.value);
        }
        break;
      case 'replace':
        set(m.value);
        break;
      case 'null':
        set(null);
        break;
      case 'wrap':
        set(m.at % 2 === 0 ? [current] : { value: current });
        break;
      case 'quote':
        set(jsonText(current));
        break;
    }
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------
// Strings, numbers and values a server might send

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const trickyChar = fc.constantFrom(
  '\u202e', // right-to-left override
  '\u200f',
  '\u061c',
  'שלום',
  'مرحبا',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\ufeff',
  '\u200b',
  '"',
  '\\',
  '\n',
  '\t',
  'ﷺ',
  '👩‍💻',
  'e\u0301',
  '𝕏',
);
const shortString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(trickyChar, loneSurrogate, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', '__proto__', 'constructor', 'toString', 'null', 'NaN', '-0', '1e308', 'Default', CREDENTIAL, `Bearer ${CREDENTIAL}`),
  },
);
const longString = fc
  .tuple(fc.integer({ min: 201, max: 20_000 }), fc.constantFrom('x', 'é', '\u202e', '𝕏', ' \n', `${CREDENTIAL} `))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const text = fc.oneof({ weight: 15, arbitrary: shortString }, { weight: 1, arbitrary: longString });
const nonEmptyText = text.filter((s) => s.length > 0);
const hex = (min: number, max = min): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9a-f]{${min},${max}}$`));
const flag = fc.boolean();
const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

const someNumber: fc.Arbitrary<J> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom<J>(0, -1, 1, Number.MAX_SAFE_INTEGER, 1e308, new Raw('-0'), new Raw('1E+2'), new Raw('1000.000')),
);
const int64: fc.Arbitrary<J> = fc.oneof(
  fc.integer({ min: -1, max: 2_000_000_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom<J>(new Raw('9223372036854775807'), new Raw('-0'), -1),
);
const nested = fc.integer({ min: 10, max: 5000 }).chain((n) => fc.constantFrom(new Raw('['.repeat(n) + ']'.repeat(n)), new Raw('{"a":'.repeat(n) + 'null' + '}'.repeat(n))));
/** A value of the wrong type, an extreme number, a huge string, deep nesting. */
const oddValue: fc.Arbitrary<J> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<J>(null, true, false, 0, -1, 2.5, 1e308, -1e308, 5e-324, 'NaN', 'Infinity', '1e308', '', [], {}) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<J>(
      new Raw('1e400'),
      new Raw('-1e400'),
      new Raw('-0'),
      new Raw('123456789012345678901234567890'),
      new Raw('9007199254740993'),
      new Raw('0.1e-999'),
    ),
  },
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nested },
);
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('drop', 'rename', 'replace', 'replace', 'null', 'wrap', 'quote'),
  name: fc.oneof(text, fc.constantFrom('API_ID', 'apiId', 'Apis', 'data ', 'Keys')),
  value: oddValue,
});

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>' + 'x'.repeat(400) + '</body></html>';
const junk = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'true',
    '0',
    '""',
    '[]',
    '{}',
    '\ufeff{}',
    'NaN',
    'undefined',
    '{"a":1}{"b":2}',
    '{"apis":[',
    HTML_PAGE,
    `<html><body>credential ${CREDENTIAL} refused</body></html>`,
    `not json: ${CREDENTIAL}`,
  ),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary', minLength: 250, maxLength: 3000 }),
  text.map((s) => `<html><title>${s}</title></html>`),
);

interface Body {
  text: string;
  /** Follows the official spec (as Tyk sends it): the client must accept it. */
  valid: boolean;
}

function bodies(valid: fc.Arbitrary<J>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => ({ text: jsonText(v), valid: true })) },
    { weight: 4, arbitrary: fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([v, ms]) => ({ text: jsonText(mutate(v, ms)), valid: false })) },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), fc.option(junk, { nil: '' })).map(([v, n, tail]) => {
        const full = jsonText(v);
        return { text: full.slice(0, full.length > 1 ? n % (full.length - 1) : 0) + tail, valid: false };
      }),
    },
    { weight: 1, arbitrary: fc.json().map((t) => ({ text: t, valid: false })) },
    { weight: 1, arbitrary: fc.jsonValue({ stringUnit: 'binary' }).map((v) => ({ text: JSON.stringify(v), valid: false })) },
    { weight: 1, arbitrary: junk.map((t) => ({ text: t, valid: false })) },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Spec-true bodies (test/fixtures/tyk-specs): the fields the extension reads and some it ignores

const apiId = fc.oneof({ weight: 3, arbitrary: hex(32) }, { weight: 1, arbitrary: nonEmptyText });
const keyString = fc.oneof(hex(32, 56), nonEmptyText);
const strings = fc.option(fc.array(text, { maxLength: 3 }), { nil: null });
const versionInfo = fc.record(
  { name: text, expires: fc.constantFrom('', '2030-01-01 00:00'), use_extended_paths: flag, global_headers: fc.option(fc.dictionary(text, text, { maxKeys: 2 }), { nil: null }) },
  { requiredKeys: [] },
);
const apiDefinition = fc.record(
  {
    api_id: apiId,
    id: hex(24),
    name: text,
    org_id: hex(24),
    active: flag,
    internal: flag,
    is_oas: flag,
    use_keyless: flag,
    use_standard_auth: flag,
    use_basic_auth: flag,
    use_oauth2: flag,
    enable_jwt: flag,
    enable_signature_checking: flag,
    use_openid: flag,
    use_mutual_tls_auth: flag,
    use_go_plugin_auth: flag,
    enable_coprocess_auth: flag,
    custom_plugin_auth_enabled: flag,
    auth: fc.record({ auth_header_name: text, use_param: flag, param_name: text }, { requiredKeys: [] }),
    proxy: fc.record({ listen_path: text, target_url: fc.constantFrom('http://httpbin.org/', 'https://upstream.example.com/v1'), strip_listen_path: flag }, { requiredKeys: [] }),
    version_data: fc.record(
      { not_versioned: flag, default_version: text, versions: fc.option(fc.dictionary(text, versionInfo, { maxKeys: 3 }), { nil: null }) },
      { requiredKeys: [] },
    ),
    definition: fc.record(
      {
        enabled: flag,
        name: text,
        default: text,
        location: fc.constantFrom('header', 'url-param', 'url'),
        key: text,
        versions: fc.option(fc.dictionary(text, apiId, { maxKeys: 3 }), { nil: null }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['api_id'] },
);
const apiDefinitionWrapper = fc.record(
  { api_definition: apiDefinition, api_model: fc.constant({}), is_site: flag, sort_by: fc.integer(), created_at: fc.option(isoDate, { nil: null }), user_owners: strings },
  { requiredKeys: ['api_definition'] },
);
const pageCount = fc.integer({ min: 0, max: MAX_FETCHED_PAGES });
const apiDefinitionsResponse = fc.record(
  { apis: fc.option(fc.array(apiDefinitionWrapper, { maxLength: 4 }), { nil: null }), pages: pageCount },
  { requiredKeys: ['apis'] },
);
const accessDefinition = fc.record(
  {
    api_id: apiId,
    api_name: text,
    versions: strings,
    allowed_urls: fc.option(fc.array(fc.record({ url: text, methods: fc.array(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), { maxLength: 3 }) }), { maxLength: 2 }), {
      nil: null,
    }),
  },
  { requiredKeys: [] },
);
const sessionState = fc.record(
  {
    alias: text,
    access_rights: fc.option(fc.dictionary(text, accessDefinition, { maxKeys: 3 }), { nil: null }),
    allowance: someNumber,
    rate: someNumber,
    per: someNumber,
    throttle_interval: someNumber,
    quota_max: int64,
    quota_remaining: int64,
    quota_renewal_rate: int64,
    quota_renews: int64,
    expires: int64,
    is_inactive: flag,
    tags: strings,
    apply_policies: strings,
    org_id: hex(24),
    key_id: text,
    meta_data: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    date_created: isoDate,
    last_updated: text,
  },
  { requiredKeys: [] },
);
const keyData = fc.record({ key_id: keyString, key_hash: hex(8, 16), data: sessionState, api_model: fc.constant({}) }, { requiredKeys: ['key_id', 'data'] });
const apiModifyKeySuccess = fc.record(
  { key: keyString, key_hash: hex(8, 16), status: fc.constant('ok'), action: fc.constantFrom('added', 'modified', 'deleted') },
  { requiredKeys: ['key', 'status', 'action'] },
);
const dashboardKeys = fc.record(
  { data: fc.record({ keys: fc.option(fc.array(keyString, { maxLength: 5 }), { nil: null }) }, { requiredKeys: [] }), pages: pageCount },
  { requiredKeys: ['data'] },
);
const gatewayKeys = fc.record({ keys: fc.option(fc.array(keyString, { maxLength: 5 }), { nil: null }) }, { requiredKeys: [] });
const policy = fc.record(
  {
    _id: hex(24),
    id: text,
    name: text,
    org_id: hex(24),
    active: flag,
    is_inactive: flag,
    access_rights: fc.option(fc.dictionary(text, accessDefinition, { maxKeys: 3 }), { nil: null }),
    rate: someNumber,
    per: someNumber,
    quota_max: int64,
    quota_renewal_rate: int64,
    key_expires_in: int64,
    tags: strings,
    partitions: fc.record({ quota: flag, rate_limit: flag, acl: flag, per_api: flag }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const dashboardPolicies = fc.record({ Data: fc.option(fc.array(policy, { maxLength: 4 }), { nil: null }), Pages: pageCount }, { requiredKeys: ['Data'] });
const gatewayPolicies = fc.array(policy, { maxLength: 4 });
const dashboardError = fc.record(
  { Status: fc.constantFrom('Error', 'error', 'Failed'), Message: text, Meta: fc.constantFrom<J>(null, {}, 'x'), ID: hex(24) },
  { requiredKeys: ['Status', 'Message'] },
);
const gatewayError = fc.record({ status: fc.constant('error'), message: text }, { requiredKeys: ['status', 'message'] });
const errorBody: fc.Arbitrary<J> = fc.oneof(dashboardError, gatewayError);
const statusResponse = fc.record({ Status: fc.constant('OK'), Message: text, Meta: fc.constant(null) }, { requiredKeys: ['Status', 'Message'] });

// ---------------------------------------------------------------------------------------------------------
// What a good result and a good failure look like

const AUTH_KINDS: ReadonlySet<AuthKind> = new Set<AuthKind>(['authToken', 'keyless', 'basic', 'jwt', 'oauth2', 'hmac', 'oidc', 'mtls', 'custom', 'multiple']);

const isNonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
function optional(value: unknown, check: (v: unknown) => boolean, what: string): void {
  assert.ok(value === undefined || check(value), `${what}: ${String(value)}`);
}

/** C0 controls and DEL: what the alias checks refuse. */
const hasC0 = (s: string): boolean => [...s].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f');
const codePoints = (s: string): string => [...s].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

function checkApi(api: TykApi): void {
  assert.ok(isNonEmpty(api.apiId), 'apiId');
  assert.ok(isNonEmpty(api.name), 'name');
  assert.equal(typeof api.listenPath, 'string');
  assert.ok(AUTH_KINDS.has(api.authKind), `authKind ${api.authKind}`);
  assert.ok(isNonEmpty(api.authHeaderName) && api.authHeaderName === api.authHeaderName.trim(), 'authHeaderName');
  for (const b of [api.active, api.internal, api.isOas]) {
    assert.equal(typeof b, 'boolean');
  }
  assert.ok(isStrings(api.versions), 'versions');
  if (api.isOas) {
    assert.deepEqual(api.versions, [], 'OAS APIs have no classic versions');
  } else {
    assert.ok(api.versions.length >= 1, 'a classic API has a version to grant');
    assert.deepEqual(api.oasVersions, []);
  }
  optional(api.defaultVersion, (v) => typeof v === 'string' && api.versions.includes(v), 'defaultVersion is one of the versions');
  for (const v of api.oasVersions) {
    assert.ok(isNonEmpty(v.name) && isNonEmpty(v.apiId), 'OAS version');
  }
  optional(api.dbId, isNonEmpty, 'dbId');
  optional(api.orgId, isNonEmpty, 'orgId');
}

function checkPage(page: ApiPage, expectedPage: number): void {
  page.apis.forEach(checkApi);
  assert.equal(page.page, expectedPage);
  assert.ok(isCount(page.pages) && page.pages >= 1, `pages ${page.pages}`);
}

function checkPolicy(p: TykPolicy): void {
  assert.ok(isNonEmpty(p.id), 'policy id');
  assert.ok(isNonEmpty(p.name), 'policy name');
  assert.equal(typeof p.active, 'boolean');
  assert.ok(p.apis.every((a) => typeof a.apiId === 'string' && (a.apiName === undefined || isNonEmpty(a.apiName))), 'policy APIs');
  assert.ok(isStrings(p.tags), 'policy tags');
  for (const [name, value] of [
    ['rate', p.rate],
    ['per', p.per],
    ['quotaMax', p.quotaMax],
    ['quotaRenewalRate', p.quotaRenewalRate],
    ['keyExpiresIn', p.keyExpiresIn],
  ] as const) {
    optional(value, isCount, name);
  }
}

function checkKeyDetails(d: KeyDetails): void {
  assert.ok(isNonEmpty(d.keyId), 'keyId');
  optional(d.keyHash, (v) => typeof v === 'string', 'keyHash');
  for (const right of d.accessRights) {
    assert.equal(typeof right.apiId, 'string');
    assert.ok(isStrings(right.versions), 'access right versions');
    optional(right.apiName, (v) => typeof v === 'string', 'apiName');
  }
  assert.equal(typeof d.isInactive, 'boolean');
  assert.ok(isStrings(d.tags) && isStrings(d.policies), 'tags and policies');
  for (const [name, value] of [
    ['rate', d.rate],
    ['per', d.per],
    ['quotaMax', d.quotaMax],
    ['quotaRemaining', d.quotaRemaining],
    ['quotaRenewalRate', d.quotaRenewalRate],
    ['quotaRenews', d.quotaRenews],
    ['expires', d.expires],
  ] as const) {
    optional(value, isCount, name);
  }
  optional(d.alias, (v) => typeof v === 'string', 'alias');
  optional(d.orgId, (v) => typeof v === 'string', 'orgId');
  assert.ok(typeof d.session === 'object' && d.session !== null && !Array.isArray(d.session), 'the session is an object');
}

function checkKeyPage(p: KeyPage): void {
  assert.ok(isStrings(p.keys), 'keys');
  assert.ok(isCount(p.pages) && p.pages >= 1, `pages ${p.pages}`);
}

function checkCreated(c: CreatedKey): void {
  assert.ok(isNonEmpty(c.key), 'the created key');
  optional(c.keyHash, isNonEmpty, 'keyHash');
}

/** One line, bounded, no stack trace, no credential; quotes of at most 200 characters. */
function checkUserMessage(e: TykError): void {
  const m = e.message;
  assert.ok(m.length > 0 && m.length <= MAX_MESSAGE, `a message of ${m.length} characters: ${JSON.stringify(m.slice(0, 400))}…`);
  assert.doesNotMatch(m, /[\r\n\u2028\u2029]/, `one line: ${JSON.stringify(m.slice(0, 400))}`);
  assert.doesNotMatch(m, /\bat .*\(.*:\d+:\d+\)|\.[cm]?[jt]s:\d+:\d+|node:internal/, 'no stack trace');
  assert.ok(!m.includes(CREDENTIAL), `the credential is quoted: ${JSON.stringify(m.slice(0, 400))}`);
  for (const quote of m.matchAll(/“([^”]*)”/g)) {
    assert.ok((quote[1] ?? '').length <= 201, `a quote of ${quote[1]?.length} characters`);
  }
  if (e.serverMessage !== undefined) {
    assert.ok(e.serverMessage.length <= 301 && !/[\r\n]/.test(e.serverMessage), 'the server message is an excerpt');
    assert.ok(!e.serverMessage.includes(CREDENTIAL), 'the server message is redacted');
  }
}

/** A failure to read a 2xx answer: a TykError('bad-response') with a good message; anything else fails the property as is. */
function expectBadResponse(e: unknown, write: boolean): TykError {
  if (!(e instanceof TykError)) {
    throw e;
  }
  assert.equal(e.kind, 'bad-response', e.message);
  checkUserMessage(e);
  assert.equal(e.outcomeUnknown, write, 'a write whose answer cannot be read may have happened (and a read did nothing)');
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// The parsers, each with every use the clients make of it

/** HttpTransport's own parsing, reached without a network round trip (the methods are private). */
interface TransportInternals {
  parse<T>(op: Operation<T>, status: number, body: readonly Buffer[], signal: AbortSignal | undefined): Promise<T>;
  serverMessage(body: string): string | undefined;
}

function internals(transport: HttpTransport): TransportInternals {
  const inner = transport as unknown as TransportInternals;
  assert.equal(typeof inner.parse, 'function', 'HttpTransport.parse(op, status, body) is the parsing path under test');
  assert.equal(typeof inner.serverMessage, 'function', 'HttpTransport.serverMessage(body) is the error-body path under test');
  return inner;
}

const transports = {
  dashboard: new HttpTransport({ flavor: 'dashboard', baseUrl: 'http://127.0.0.1:9', credential: CREDENTIAL }),
  gateway: new HttpTransport({ flavor: 'gateway', baseUrl: 'http://127.0.0.1:9', credential: CREDENTIAL }),
};

interface FastUse {
  name: string;
  write: boolean;
  run(text: string): Promise<void>;
}

/** The body through `parse` exactly as the client's request would, then the client's mapping of the result. */
function through<T>(flavor: 'dashboard' | 'gateway', op: Operation<T>, map: (value: T) => void | Promise<void>): FastUse {
  return { name: `${op.method} ${op.path}`, write: op.method !== 'GET', run: async (body) => map(await internals(transports[flavor]).parse(op, 200, [Buffer.from(body)], undefined)) };
}

interface Clients {
  dashboard: DashboardClient;
  gateway: GatewayClient;
}

interface ClientUse {
  name: string;
  write: boolean;
  /** The field holding the page count when the call fetches every page. */
  paged?: 'pages' | 'Pages';
  run(clients: Clients): Promise<void>;
}

interface Parser {
  name: string;
  /** The responses of the official specs this parser reads. */
  spec: Array<{ api: SpecName; method: string; path: string; status: number }>;
  valid: fc.Arbitrary<J>;
  fast: FastUse[];
  client: ClientUse[];
  /** Hand-written bodies, tried first. */
  examples?: string[];
}

const SPEC: KeySpec = { access: [{ apiId: 'api-1', apiName: 'Petstore', versions: ['Default'] }], ...DEFAULT_LIMITS };
const REF = { id: KEY };
const get = <T>(path: string, schema: S.Schema<T>, what: string): Operation<T> => ({ method: 'GET', path, schema, what });
const dashboardPage = (res: { apis: Array<{ api_definition: S.ApiDefinition }> | null; pages?: number | null }): ApiPage => ({
  // as dashboard.ts toPage() does
  apis: (res.apis ?? []).map((w) => toTykApi(w.api_definition)),
  page: 1,
  pages: Math.max(1, res.pages ?? 1),
});
const LONG_KEY = `${CREDENTIAL}\n${'k'.repeat(400)}`;

const PARSERS: Parser[] = [
  {
    name: 'ApiDefinitionsResponse (GET /api/apis, /api/apis/search)',
    spec: [
      { api: 'dashboard', method: 'GET', path: '/api/apis', status: 200 },
      { api: 'dashboard', method: 'GET', path: '/api/apis/search', status: 200 },
    ],
    valid: apiDefinitionsResponse,
    fast: [
      through('dashboard', get('/api/apis', S.ApiDefinitionsResponse, 'list the APIs'), (res) => checkPage(dashboardPage(res), 1)),
      through('dashboard', get('/api/apis/search', S.ApiDefinitionsResponse, 'search the APIs'), (res) => checkPage(dashboardPage(res), 1)),
    ],
    client: [
      { name: 'listApisPage', write: false, run: async (c) => checkPage(await c.dashboard.listApisPage(1), 1) },
      { name: 'searchApis', write: false, run: async (c) => checkPage(await c.dashboard.searchApis('pet', 1), 1) },
      { name: 'listAllApis', write: false, paged: 'pages', run: async (c) => (await c.dashboard.listAllApis()).forEach(checkApi) },
    ],
    examples: ['{"apis":[{"api_definition":{"api_id":"a","version_data":{"versions":{"__proto__":{},"v1":{}}}}}],"pages":1}'],
  },
  {
    name: 'GatewayApiList (GET /tyk/apis)',
    spec: [{ api: 'gateway', method: 'GET', path: '/tyk/apis', status: 200 }],
    valid: fc.array(apiDefinition, { maxLength: 4 }),
    fast: [through('gateway', get('/tyk/apis', S.GatewayApiList, 'list the APIs'), (res) => (res ?? []).map((def) => toTykApi(def, { flavor: 'gateway' })).forEach(checkApi))],
    client: [
      { name: 'listAllApis', write: false, run: async (c) => (await c.gateway.listAllApis()).forEach(checkApi) },
      { name: 'listApisPage', write: false, run: async (c) => checkPage(await c.gateway.listApisPage(1), 1) },
      { name: 'searchApis', write: false, run: async (c) => checkPage(await c.gateway.searchApis('pet'), 1) },
    ],
  },
  {
    name: 'ApiDefinitionWrapper (GET /api/apis/{id})',
    spec: [{ api: 'dashboard', method: 'GET', path: '/api/apis/{apiId}', status: 200 }],
    valid: apiDefinitionWrapper,
    fast: [through('dashboard', get('/api/apis/api-1', S.ApiDefinitionWrapper, 'read the API api-1'), (res) => checkApi(toTykApi(res.api_definition)))],
    client: [{ name: 'getApi', write: false, run: async (c) => checkApi(await c.dashboard.getApi('api-1')) }],
  },
  {
    name: 'ApiDefinition (GET /tyk/apis/{id})',
    spec: [{ api: 'gateway', method: 'GET', path: '/tyk/apis/{apiID}', status: 200 }],
    valid: apiDefinition,
    fast: [through('gateway', get('/tyk/apis/api-1', S.ApiDefinition, 'read the API api-1'), (res) => checkApi(toTykApi(res)))],
    client: [{ name: 'getApi', write: false, run: async (c) => checkApi(await c.gateway.getApi('api-1')) }],
  },
  {
    name: 'KeyData (POST /api/keys, PUT /api/keys/{key})',
    spec: [
      { api: 'dashboard', method: 'POST', path: '/api/keys', status: 200 },
      { api: 'dashboard', method: 'PUT', path: '/api/keys/{keyId}', status: 200 },
    ],
    valid: keyData,
    fast: [
      through('dashboard', { method: 'POST', path: '/api/keys', body: {}, schema: S.KeyData, what: 'create the key' }, (res) => {
        for (const v of [res.key_id, res.key, res.key_hash, res.data?.key_id]) {
          optional(v ?? undefined, (x) => typeof x === 'string', 'key fields');
        }
      }),
      through('dashboard', keyOperation('update', '/api/keys', REF, S.KeyData, 'Tyk Dashboard', { body: {} }), () => undefined),
    ],
    client: [
      { name: 'createKey', write: true, run: async (c) => checkCreated(await c.dashboard.createKey(SPEC)) },
      { name: 'updateKey', write: true, run: (c) => c.dashboard.updateKey(REF, { rate: 1 }) },
    ],
    examples: [`{"key_id":"k","data":{"access_rights":{${JSON.stringify(LONG_KEY)}:0}}}`, '{"data":{"key_id":""}}'],
  },
  {
    name: 'RawKeyData + SessionState (GET /api/keys/{key})',
    spec: [{ api: 'dashboard', method: 'GET', path: '/api/keys/{keyId}', status: 200 }],
    valid: keyData,
    fast: [
      through('dashboard', keyOperation('read', '/api/keys', REF, S.RawKeyData, 'Tyk Dashboard'), (res) =>
        checkKeyDetails(toKeyDetails(res.key_id || KEY, res.key_hash ?? undefined, parseSession(res.data, 'Tyk Dashboard'), res.data)),
      ),
    ],
    client: [{ name: 'getKey', write: false, run: async (c) => checkKeyDetails(await c.dashboard.getKey(REF)) }],
    examples: [`{"data":{"access_rights":{${JSON.stringify(LONG_KEY)}:0}}}`],
  },
  {
    name: 'ApiModifyKeySuccess (POST /tyk/keys/create, PUT/DELETE /tyk/keys/{key})',
    spec: [
      { api: 'gateway', method: 'POST', path: '/tyk/keys/create', status: 200 },
      { api: 'gateway', method: 'PUT', path: '/tyk/keys/{keyID}', status: 200 },
      { api: 'gateway', method: 'DELETE', path: '/tyk/keys/{keyID}', status: 200 },
    ],
    valid: apiModifyKeySuccess,
    fast: [
      through('gateway', { method: 'POST', path: '/tyk/keys/create', body: {}, schema: S.ApiModifyKeySuccess, what: 'create the key' }, (res) =>
        optional(res.key ?? undefined, (x) => typeof x === 'string', 'key'),
      ),
      through('gateway', keyOperation('update', '/tyk/keys', REF, S.ApiModifyKeySuccess, 'Tyk Gateway', { body: {} }), () => undefined),
      through('gateway', keyOperation('revoke', '/tyk/keys', REF, S.ApiModifyKeySuccess, 'Tyk Gateway'), () => undefined),
    ],
    client: [
      { name: 'createKey', write: true, run: async (c) => checkCreated(await c.gateway.createKey(SPEC)) },
      { name: 'updateKey', write: true, run: (c) => c.gateway.updateKey(REF, { rate: 1 }) },
      { name: 'deleteKey', write: true, run: (c) => c.gateway.deleteKey(REF) },
    ],
  },
  {
    name: 'DashboardKeys (GET /api/apis/{id}/keys)',
    spec: [{ api: 'dashboard', method: 'GET', path: '/api/apis/{apiID}/keys', status: 200 }],
    valid: dashboardKeys,
    fast: [
      through('dashboard', get('/api/apis/api-1/keys', S.DashboardKeys, 'list the keys of the API'), (res) =>
        checkKeyPage({ keys: res.data?.keys ?? [], page: 1, pages: Math.max(1, res.pages ?? 1) }),
      ),
    ],
    client: [{ name: 'listKeys', write: false, run: async (c) => checkKeyPage(await c.dashboard.listKeys('api-1', 1)) }],
  },
  {
    name: 'GatewayKeys (GET /tyk/keys)',
    spec: [{ api: 'gateway', method: 'GET', path: '/tyk/keys', status: 200 }],
    valid: gatewayKeys,
    fast: [through('gateway', get('/tyk/keys', S.GatewayKeys, 'list the keys'), (res) => checkKeyPage({ keys: res.keys ?? [], page: 1, pages: 1 }))],
    client: [{ name: 'listKeys', write: false, run: async (c) => checkKeyPage(await c.gateway.listKeys('api-1', 1)) }],
  },
  {
    name: 'DashboardPolicies (GET /api/portal/policies)',
    spec: [{ api: 'dashboard', method: 'GET', path: '/api/portal/policies', status: 200 }],
    valid: dashboardPolicies,
    fast: [through('dashboard', get('/api/portal/policies', S.DashboardPolicies, 'list the policies'), async (res) => (await toPolicies(res.Data, 'dashboard')).forEach(checkPolicy))],
    client: [{ name: 'listPolicies', write: false, paged: 'Pages', run: async (c) => (await c.dashboard.listPolicies()).forEach(checkPolicy) }],
  },
  {
    name: 'GatewayPolicies (GET /tyk/policies)',
    spec: [{ api: 'gateway', method: 'GET', path: '/tyk/policies', status: 200 }],
    valid: gatewayPolicies,
    fast: [through('gateway', get('/tyk/policies', S.GatewayPolicies, 'list the policies'), async (res) => (await toPolicies(res, 'gateway')).forEach(checkPolicy))],
    client: [{ name: 'listPolicies', write: false, run: async (c) => (await c.gateway.listPolicies()).forEach(checkPolicy) }],
  },
  {
    name: 'RawSession + SessionState (GET /tyk/keys/{key})',
    spec: [{ api: 'gateway', method: 'GET', path: '/tyk/keys/{keyID}', status: 200 }],
    valid: sessionState,
    fast: [
      through('gateway', keyOperation('read', '/tyk/keys', REF, S.RawSession, 'Tyk Gateway'), (raw) =>
        checkKeyDetails(toKeyDetails(KEY, undefined, parseSession(raw, 'Tyk Gateway'), raw)),
      ),
    ],
    client: [{ name: 'getKey', write: false, run: async (c) => checkKeyDetails(await c.gateway.getKey(REF)) }],
  },
  {
    name: 'StatusResponse (DELETE /api/keys/{key})',
    spec: [{ api: 'dashboard', method: 'DELETE', path: '/api/keys/{keyId}', status: 200 }],
    valid: statusResponse,
    fast: [through('dashboard', keyOperation('revoke', '/api/keys', REF, S.StatusResponse, 'Tyk Dashboard'), () => undefined)],
    client: [{ name: 'deleteKey', write: true, run: (c) => c.dashboard.deleteKey(REF) }],
  },
];

/** The page count a body claims in `field` (0 when it claims none). */
function claimedPages(body: string, field: 'pages' | 'Pages'): number {
  try {
    const json: unknown = JSON.parse(body);
    const value = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[field] : undefined;
    return typeof value === 'number' ? value : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('tyk: property-based (fast-check)', () => {
  let server: FaultServer;
  let clients: Clients;
  let reply: { status: number; body: string; headers: Record<string, string> } = { status: 200, body: '{}', headers: {} };

  before(async () => {
    preloadSpecs();
    server = await startFaultServer();
    server.handle((_req, res) => {
      res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply.body), ...reply.headers });
      res.end(reply.body);
    });
    const options = { baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 0, timeoutMs: 5000 };
    clients = { dashboard: new DashboardClient(options), gateway: new GatewayClient(options) };
  });
  after(() => server.close());

  describe('the valid generators follow the official specs', () => {
    for (const parser of PARSERS) {
      it(parser.name, function () {
        this.timeout(60_000);
        fc.assert(
          fc.property(parser.valid, (doc) => {
            const parsed: unknown = JSON.parse(jsonText(doc));
            for (const s of parser.spec) {
              validateResponse(s.api, s.method, s.path, s.status, parsed);
            }
          }),
          { numRuns: 200 },
        );
      });
    }
    it('ErrorBody (Dashboard ApiResponse, Gateway ApiStatusMessage)', () => {
      fc.assert(
        fc.property(errorBody, (doc) => {
          const parsed = JSON.parse(jsonText(doc)) as Record<string, unknown>;
          if ('Status' in parsed) {
            validateResponse('dashboard', 'GET', '/api/apis', 401, parsed);
          } else {
            validateResponse('gateway', 'GET', '/tyk/apis', 403, parsed);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe(`responses: ${FAST_RUNS.toLocaleString('en-US')} bodies per parser through HttpTransport.parse and the client's mapping`, () => {
    for (const parser of PARSERS) {
      it(parser.name, async function () {
        this.timeout(120_000);
        const first = parser.fast[0];
        assert.ok(first);
        await fc.assert(
          fc.asyncProperty(bodies(parser.valid), fc.constantFrom(...parser.fast), async (body, use) => {
            try {
              await use.run(body.text);
            } catch (e) {
              const error = expectBadResponse(e, use.write);
              assert.ok(!body.valid, `${use.name}: a spec-valid body was refused: ${error.message}`);
            }
          }),
          { numRuns: FAST_RUNS, examples: (parser.examples ?? []).flatMap((t) => parser.fast.map((use): [Body, FastUse] => [{ text: t, valid: false }, use])) },
        );
      });
    }

    it('ErrorBody (every 4xx/5xx answer): the server message is an excerpt, redacted, on one line', function () {
      this.timeout(60_000);
      const { dashboard, gateway } = { dashboard: internals(transports.dashboard), gateway: internals(transports.gateway) };
      fc.assert(
        fc.property(bodies(errorBody), (body) => {
          for (const transport of [dashboard, gateway]) {
            const message = transport.serverMessage(body.text);
            if (message !== undefined) {
              assert.equal(typeof message, 'string');
              assert.ok(message.length <= 301, `an excerpt: ${message.length} characters`);
              assert.doesNotMatch(message, /[\r\n\u2028\u2029]/);
              assert.ok(!message.includes(CREDENTIAL), 'redacted');
            } else if (body.valid) {
              const parsed = JSON.parse(body.text) as Record<string, unknown>;
              assert.ok(!parsed.Message && !parsed.message, 'a spec-true error body gives its message');
            }
          }
        }),
        { numRuns: FAST_RUNS },
      );
    });
  });

  describe(`responses: ${CLIENT_RUNS} bodies per parser through the real clients over loopback HTTP`, () => {
    for (const parser of PARSERS) {
      it(parser.name, async function () {
        this.timeout(120_000);
        const first = parser.client[0];
        assert.ok(first);
        await fc.assert(
          fc.asyncProperty(bodies(parser.valid), fc.constantFrom(...parser.client), async (body, use) => {
            if (use.paged) {
              fc.pre(claimedPages(body.text, use.paged) <= MAX_FETCHED_PAGES);
            }
            reply = { status: 200, body: body.text, headers: {} };
            server.requests.length = 0;
            try {
              await use.run(clients);
            } catch (e) {
              const error = expectBadResponse(e, use.write);
              assert.ok(!body.valid, `${use.name}: a spec-valid body was refused: ${error.message}`);
            }
          }),
          {
            numRuns: CLIENT_RUNS,
            examples: (parser.examples ?? []).flatMap((t) => parser.client.filter((u) => !u.paged).map((use): [Body, ClientUse] => [{ text: t, valid: false }, use])),
          },
        );
      });
    }

    const KINDS_BY_STATUS: Record<number, readonly TykErrorKind[]> = {
      302: ['bad-response'],
      307: ['bad-response'],
      400: ['bad-request', 'not-found'],
      401: ['unauthorized'],
      403: ['unauthorized', 'forbidden', 'bad-request'],
      404: ['not-found', 'hashed-listing-disabled'],
      405: ['bad-request'],
      409: ['bad-request'],
      429: ['rate-limited'],
      500: ['server'],
      502: ['server'],
      503: ['server'],
      504: ['server'],
    };
    const allUses = PARSERS.flatMap((p) => p.client.filter((u) => !u.paged));

    it('ErrorBody: every error status, with any body, ends in the TykError of that status with a good message', async function () {
      this.timeout(120_000);
      const headers = fc.record(
        {
          location: fc.constantFrom('https://elsewhere.example.com/api/apis', '/relative', 'http://[bad', ''),
          'retry-after': fc.oneof(fc.nat().map(String), fc.constantFrom('1e308', '-5', 'soon', 'Wed, 21 Oct 2099 07:28:00 GMT', '')),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(KINDS_BY_STATUS).map(Number)),
          bodies(errorBody),
          headers,
          fc.constantFrom(...allUses),
          async (status, body, extra, use) => {
            reply = { status, body: body.text, headers: Object.fromEntries(Object.entries(extra).filter((e): e is [string, string] => typeof e[1] === 'string')) };
            try {
              await use.run(clients);
            } catch (e) {
              if (!(e instanceof TykError)) {
                throw e;
              }
              assert.ok(KINDS_BY_STATUS[status]?.includes(e.kind), `${status} → ${e.kind}: ${e.message}`);
              checkUserMessage(e);
              assert.ok(e.retryAfter === undefined || (Number.isInteger(e.retryAfter) && e.retryAfter >= 0), `retryAfter ${e.retryAfter}`);
              return;
            }
            assert.fail(`${use.name} resolved on a ${status}`);
          },
        ),
        { numRuns: CLIENT_RUNS },
      );
    });
  });

  describe('page counts a server sends', () => {
    it('become a whole number of pages, at least 1 (a count like 1e308 would make the next fetch-all loop without end)', async () => {
      const problems: string[] = [];
      for (const pages of [2.5, 1e308, 1e20, -3, 0]) {
        reply = { status: 200, body: JSON.stringify({ apis: [], pages, data: { keys: [] } }), headers: {} };
        for (const [name, call] of [
          ['listApisPage', () => clients.dashboard.listApisPage(1)],
          ['searchApis', () => clients.dashboard.searchApis('pet', 1)],
          ['listKeys', () => clients.dashboard.listKeys('api-1', 1)],
        ] as const) {
          const result = await call();
          if (!Number.isSafeInteger(result.pages) || result.pages < 1) {
            problems.push(`${name}: "pages": ${pages} → pages ${result.pages}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it('a server that claims far more pages than it has costs a bounded number of requests', async function () {
      this.timeout(30_000);
      const counts: string[] = [];
      for (const [name, body, call] of [
        ['listAllApis', { apis: [], pages: 100_000 }, (signal: AbortSignal) => clients.dashboard.listAllApis({ signal })],
        ['listPolicies', { Data: [], Pages: 100_000 }, (signal: AbortSignal) => clients.dashboard.listPolicies({ signal })],
      ] as const) {
        reply = { status: 200, body: JSON.stringify(body), headers: {} };
        server.requests.length = 0;
        const controller = new AbortController();
        const guard = setInterval(() => {
          if (server.requests.length > 200) {
            controller.abort();
          }
        }, 5);
        try {
          await call(controller.signal);
        } catch (e) {
          assert.ok(e instanceof TykError && e.kind === 'cancelled', String(e));
        } finally {
          clearInterval(guard);
        }
        if (server.requests.length > 50) {
          counts.push(`${name}: ${server.requests.length}${controller.signal.aborted ? '+ (stopped by the test)' : ''} requests for an empty list that claims 100,000 pages`);
        }
      }
      assert.deepEqual(counts, []);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // What the extension sends: the key spec

  describe('key spec → SessionState', () => {
    const NOW_S = 1_800_000_000;
    const weirdNumber = fc.oneof(
      fc.integer({ min: -5, max: 1_000_000 }),
      fc.double(),
      fc.constantFrom(0, -0, -1, 1, 0.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324),
    );
    const alias = fc.oneof(
      text,
      fc.string({ unit: 'binary-ascii', maxLength: 30 }),
      fc.tuple(fc.constantFrom(' ', '\t', '\u3000'), fc.string({ minLength: 190, maxLength: 205 })).map(([pad, s]) => `${pad}${s}${pad}`),
    );
    const access = fc.record(
      {
        apiId: fc.oneof({ weight: 4, arbitrary: apiId }, { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'hasOwnProperty') }),
        apiName: text,
        versions: fc.array(text, { maxLength: 3 }),
      },
      { noNullPrototype: true },
    );
    const keySpec: fc.Arbitrary<KeySpec> = fc.record(
      {
        access: fc.array(access, { maxLength: 4 }),
        rate: fc.oneof(fc.constant(1000), weirdNumber),
        per: fc.oneof(fc.constant(1), fc.constant(60), weirdNumber),
        quotaMax: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 1_000_000_000 }), weirdNumber),
        quotaRenewalRate: fc.oneof(fc.constant(-1), fc.constant(3600), weirdNumber),
        expires: fc.oneof(fc.constant(-1), fc.integer({ min: NOW_S - 10_000, max: NOW_S + 100_000_000 }), weirdNumber),
        alias,
        tags: fc.array(text, { maxLength: 3 }),
        policies: fc.array(nonEmptyText, { maxLength: 2 }),
        orgId: fc.oneof(hex(24), text),
        metaData: fc.dictionary(text, text, { maxKeys: 3 }),
      },
      { requiredKeys: ['access', 'rate', 'per', 'quotaMax', 'quotaRenewalRate', 'expires'], noNullPrototype: true },
    );

    it(`${FAST_RUNS.toLocaleString('en-US')} specs: refused with a message, or a body the Dashboard spec's SessionState accepts, allowance = rate`, function () {
      this.timeout(60_000);
      let accepted = 0;
      fc.assert(
        fc.property(keySpec, (spec) => {
          const refusal = checkKeySpec(spec, NOW_S);
          if (refusal !== undefined) {
            assert.ok(isNonEmpty(refusal), 'a refusal says why');
            return;
          }
          accepted++;
          const body = buildSessionState(spec);
          // What goes over the wire: NaN would become null, undefined would vanish.
          const sent = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
          validateResponse('dashboard', 'GET', '/api/keys/{keyId}', 200, { key_id: 'k', data: sent }, { closed: true });
          assert.equal(body.allowance, body.rate, 'allowance = rate');
          assert.ok(!('quota_remaining' in body) && !('quota_renews' in body), 'Tyk manages quota_remaining and quota_renews');
          const numbers = ['allowance', 'rate', 'per', 'expires', 'quota_max', 'quota_renewal_rate'].map((k) => body[k]);
          assert.ok(numbers.every((n) => typeof n === 'number' && Number.isFinite(n)), `finite numbers: ${numbers.join(', ')}`);
          assert.ok((body.rate as number) >= 0 && (body.per as number) > 0);
          const quotaMax = body.quota_max as number;
          assert.ok(quotaMax === -1 || (Number.isSafeInteger(quotaMax) && quotaMax >= 1), `quota_max ${quotaMax}`);
          assert.equal(body.quota_renewal_rate === -1, quotaMax === -1, 'a quota has a period, unlimited has none');
          const expires = body.expires as number;
          assert.ok(expires === -1 || (Number.isSafeInteger(expires) && expires > NOW_S), `expires ${expires}`);
          if ('alias' in body) {
            const a = body.alias as string;
            assert.ok(a.length > 0 && a.length <= MAX_ALIAS_LENGTH && a === a.trim(), `alias ${JSON.stringify(a)}`);
            assert.ok(!hasC0(a), `alias ${codePoints(a)}`);
          }
          for (const right of Object.values(sent.access_rights as Record<string, { versions: string[]; allowed_urls: unknown[] }>)) {
            assert.ok(right.versions.length > 0, 'every right names a version');
            assert.deepEqual(right.allowed_urls, []);
          }
          assert.deepEqual(body.apply_policies, spec.policies && spec.policies.length > 0 ? spec.policies : undefined);
        }),
        { numRuns: FAST_RUNS },
      );
      assert.ok(accepted >= FAST_RUNS / 10, `only ${accepted} of ${FAST_RUNS} specs were accepted: the property checked too few bodies`);
    });

    it('every API granted by a spec is a key of access_rights (api ids like "__proto__" included)', () => {
      fc.assert(
        fc.property(keySpec, (spec) => {
          if (checkKeySpec(spec, NOW_S) !== undefined) {
            return;
          }
          const sent = JSON.parse(JSON.stringify(buildSessionState(spec))) as { access_rights: Record<string, { api_id: string }> };
          for (const a of spec.access) {
            assert.ok(Object.prototype.hasOwnProperty.call(sent.access_rights, a.apiId), `the API ${JSON.stringify(a.apiId)} is not granted`);
            assert.equal(sent.access_rights[a.apiId]?.api_id, a.apiId);
          }
        }),
        { numRuns: FAST_RUNS, examples: [[{ ...SPEC, access: [{ apiId: '__proto__', apiName: 'Proto', versions: ['Default'] }] }]] },
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // The input validators

  describe('validators over arbitrary strings', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.oneof(trickyChar, loneSurrogate) }), longString);
    const digits = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
      fc.stringMatching(/^\s?[0-9][0-9,_ ]{0,18}\s?$/),
      fc.constantFrom('1e3', '0x10', '-5', '+5', '1.5', '１２３', '١٢٣', '00', '0', '1 000', '1,000,000', '1_000', '\u00a01000', '9007199254740993'),
    );
    const UNITS = ['', 's', 'sec', 'second', 'seconds', 'm', 'min', 'minute', 'minutes', 'h', 'hour', 'hours', 'd', 'day', 'days', 'D', 'Hours', 'w', 'ms'];

    it('parseCount: a safe whole number within range, exactly the digits typed', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, digits), fc.boolean(), (t, allowZero) => {
          const r = parseCount(t, 'Rate', allowZero);
          if (r.ok) {
            assert.ok(Number.isSafeInteger(r.value) && r.value <= MAX_COUNT && r.value >= (allowZero ? 0 : 1), `${JSON.stringify(t)} → ${r.value}`);
            assert.equal(r.value, Number(t.trim().replace(/[\s,_]/g, '')), 'no reinterpretation');
          } else {
            assert.ok(isNonEmpty(r.message));
          }
        }),
        { numRuns: FAST_RUNS },
      );
      fc.assert(
        fc.property(fc.integer({ min: 1, max: MAX_COUNT }), (n) => {
          const r = parseCount(n.toLocaleString('en-US'), 'Rate');
          assert.ok(r.ok && r.value === n, `${n} is accepted`);
        }),
        { numRuns: 1000 },
      );
    });

    it('parseSeconds: whole seconds from 1 to MAX_COUNT; every unit is a multiple', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, fc.tuple(digits, fc.constantFrom(' ', ''), fc.constantFrom(...UNITS)).map(([n, sp, u]) => `${n}${sp}${u}`)), (t) => {
          const r = parseSeconds(t, 'Period');
          if (r.ok) {
            assert.ok(Number.isSafeInteger(r.value) && r.value >= 1 && r.value <= MAX_COUNT, `${JSON.stringify(t)} → ${r.value}`);
          } else {
            assert.ok(isNonEmpty(r.message));
          }
        }),
        { numRuns: FAST_RUNS },
      );
      const factors: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('s', 'm', 'h', 'd'), (n, u) => {
          const r = parseSeconds(`${n}${u}`, 'Period');
          assert.ok(r.ok && r.value === n * (factors[u] ?? NaN), `${n}${u}`);
        }),
        { numRuns: 1000 },
      );
    });

    it('parseQuota: -1 (unlimited) or a safe whole number from 1 to MAX_COUNT', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, digits, fc.constantFrom('unlimited', 'UNLIMITED', ' none ', '-1', '-2', '0', '')), (t) => {
          const r = parseQuota(t);
          if (r.ok) {
            assert.ok(r.value === -1 || (Number.isSafeInteger(r.value) && r.value >= 1 && r.value <= MAX_COUNT), `${JSON.stringify(t)} → ${r.value}`);
          }
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('parseExpiryDate: unix seconds in the future, no later than 9999, for the very date and time typed', () => {
      const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
      const dateText = fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.option(fc.tuple(fc.constantFrom(' ', 'T'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })), { nil: undefined }),
        )
        .map(([y, mo, d, time]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}${time ? `${time[0]}${pad(time[1])}:${pad(time[2])}` : ''}`);
      const now = fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });
      fc.assert(
        fc.property(fc.oneof(anyText, dateText), now, (t, at) => {
          const r = parseExpiryDate(t, at);
          if (!r.ok) {
            assert.ok(isNonEmpty(r.message));
            return;
          }
          assert.ok(Number.isSafeInteger(r.value), 'whole seconds');
          assert.ok(r.value * 1000 > at.getTime(), 'in the future');
          const when = new Date(r.value * 1000);
          assert.ok(when.getFullYear() <= 9999);
          const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(t.trim());
          assert.ok(m, `accepted ${JSON.stringify(t)}`);
          assert.deepEqual(
            [when.getFullYear(), when.getMonth() + 1, when.getDate(), when.getHours(), when.getMinutes()],
            [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 23 : Number(m[4]), m[5] === undefined ? 59 : Number(m[5])],
            'the date and time typed',
          );
        }),
        { numRuns: FAST_RUNS },
      );
      // Any real local date and time more than a day ahead is accepted.
      fc.assert(
        fc.property(fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }), (d) => {
          const typed = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
          const r = parseExpiryDate(typed, new Date(d.getTime() - 86_400_000));
          assert.ok(r.ok, `${typed}: ${r.ok ? '' : r.message}`);
        }),
        { numRuns: 1000 },
      );
    });

    it('parseAlias: undefined for blank, else the trimmed text, at most 200 characters, no C0 control character', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, fc.string({ unit: 'binary-ascii' })), (t) => {
          const r = parseAlias(t);
          if (!r.ok) {
            assert.ok(isNonEmpty(r.message));
            return;
          }
          if (r.value === undefined) {
            assert.equal(t.trim(), '');
            return;
          }
          assert.equal(r.value, t.trim());
          assert.ok(r.value.length <= MAX_ALIAS_LENGTH);
          assert.ok(!hasC0(r.value), `alias ${codePoints(r.value)}`);
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('aliases (parseAlias and checkKeySpec) hold no control character at all, C1 (U+0080–U+009F) included', () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\u0085', '\u008d', '\u009b', '\u0080'), fc.string({ minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 }), (t) => {
          const r = parseAlias(t);
          if (r.ok && r.value !== undefined) {
            assert.doesNotMatch(r.value, /\p{Cc}/u, `parseAlias accepted ${codePoints(r.value)}`);
          }
          if (checkKeySpec({ ...SPEC, alias: t }) === undefined) {
            assert.doesNotMatch(t, /\p{Cc}/u, `checkKeySpec accepted the alias ${codePoints(t)}`);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('parseBaseUrl: an http(s) URL without user info, query or fragment, that the transport takes as it is', () => {
      const url = fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true } }),
        fc
          .tuple(
            fc.constantFrom('http://', 'https://', 'HTTPS://', 'ftp://', 'file://', 'javascript:', '', ' ', '//'),
            fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'dashboard.example.com', 'exa mple.com', 'ex\nample.com', 'tyk.例え.jp', 'user:pass@host', '', '0x7f.1', '10.0.0.1'),
            fc.constantFrom('', ':3000', ':0', ':99999', ':abc'),
            fc.constantFrom('', '/', '//', '/tyk', '/api/', '/proxy/tyk-dashboard/', '/a b', '/%2e%2e/', '/./x/../'),
            fc.constantFrom('', '?', '?q=1', '#', '#frag', ' '),
          )
          .map((parts) => parts.join('')),
        anyText,
      );
      fc.assert(
        fc.property(url, (t) => {
          const r = parseBaseUrl(t);
          if (!r.ok) {
            assert.ok(isNonEmpty(r.message));
            return;
          }
          const parsed = new URL(r.value.url);
          assert.ok(parsed.protocol === 'http:' || parsed.protocol === 'https:', r.value.url);
          assert.ok(parsed.hostname.length > 0);
          assert.equal(parsed.username + parsed.password, '', 'no user info');
          assert.equal(parsed.search + parsed.hash, '', 'no query or fragment');
          assert.ok(!r.value.url.endsWith('/'), 'no trailing slash');
          assert.equal(normaliseBaseUrl(r.value.url), r.value.url, 'the transport keeps it as it is');
          const again = parseBaseUrl(r.value.url);
          assert.ok(again.ok && again.value.url === r.value.url, 'checking it again changes nothing');
          assert.equal(r.value.insecure, parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname));
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('parseCredential: trimmed, not empty, no whitespace inside, no "Bearer"', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, fc.tuple(fc.constantFrom('', ' ', '\n', 'Bearer ', 'bearer\t'), hex(32), fc.constantFrom('', ' ', '\r\n', ' x')).map((p) => p.join(''))), (t) => {
          const r = parseCredential(t);
          if (!r.ok) {
            assert.ok(isNonEmpty(r.message));
            return;
          }
          assert.equal(r.value, t.trim());
          assert.ok(r.value.length > 0);
          assert.doesNotMatch(r.value, /\s/);
          assert.doesNotMatch(r.value, /^bearer\s/i);
        }),
        { numRuns: FAST_RUNS },
      );
      fc.assert(
        fc.property(fc.stringMatching(/^[A-Za-z0-9+/=._-]{1,100}$/), (token) => {
          assert.ok(parseCredential(` ${token}\n`).ok, `${token} is accepted`);
        }),
        { numRuns: 1000 },
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------
  // Hostile text in every field a user sees, hostile sizes and counts in every list (issue 14)

  describe('hostile text, sizes and counts', () => {
    /** Markup and link syntax a notification, a tooltip or a chat confirmation would render. */
    const markup = fc.constantFrom(
      '[Update Credential…](command:workbench.action.terminal.sendSequence?%7B%7D)',
      '![img](https://evil.example/x.png)',
      '<a href="command:tyk.removeConnection">x</a>',
      '`code`',
      '$(zap)',
      'https://evil.example',
      '[x] (command:y)',
      '[x]\n(command:y)',
      '\u202e\u2066',
      '\r\n',
    );
    const hostileText = fc.oneof(
      fc.array(fc.oneof(markup, shortString), { maxLength: 6 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary' }),
      longString,
    );
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff]/;

    function assertPlain(text: string, max: number, what: string): void {
      assert.ok(text.length <= max + 1, `${what}: ${text.length} characters`);
      assert.doesNotMatch(text, CONTROL, what);
      assert.doesNotMatch(text, /\]\(|\$\(/, what);
      assert.doesNotMatch(text, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, `${what}: a lone surrogate`);
    }

    it('plainText and markdownText: bounded, one line, no control character, no link, image, HTML or icon', () => {
      fc.assert(
        fc.property(hostileText, fc.integer({ min: 1, max: 400 }), (text, max) => {
          assertPlain(plainText(text, max), max, 'plainText');
          const md = markdownText(text, max);
          assert.doesNotMatch(md, CONTROL);
          assert.doesNotMatch(md.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/, `unescaped punctuation in ${md}`);
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('every error a server can cause: its message and server message are plain text, without the credential', function () {
      this.timeout(60_000);
      const { dashboard } = { dashboard: internals(transports.dashboard) };
      fc.assert(
        fc.property(hostileText, (message) => {
          const body = JSON.stringify({ Status: 'Error', Message: `${message} ${CREDENTIAL}` });
          const shown = dashboard.serverMessage(body) ?? '';
          assertPlain(shown, 300, 'serverMessage');
          assert.ok(!shown.includes(CREDENTIAL));
          const e = new TykError('server', `The server said: "${shown}" ${message}`, { serverMessage: message });
          assertPlain(e.message, 1000, 'TykError.message');
          assertPlain(e.serverMessage ?? '', 300, 'TykError.serverMessage');
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('names, paths and header names of APIs and policies: bounded whatever their size', async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, hostileText, hostileText, async (name, listenPath, header) => {
          const api = toTykApi({ api_id: 'a', name, proxy: { listen_path: listenPath }, auth: { auth_header_name: header } });
          assert.ok(api.name.length <= MAX_NAME_LENGTH && api.listenPath.length <= MAX_PATH_LENGTH && api.authHeaderName.length <= MAX_PATH_LENGTH);
          assertPlain(plainText(api.name), 300, 'an API name as shown');
          const [policy] = await toPolicies([{ id: 'p', name }], 'dashboard');
          assert.ok((policy?.name.length ?? 0) <= MAX_NAME_LENGTH);
          // What is written: refused, or a token / a URL path without any control character.
          const headerName = parseHeaderName(header);
          assert.ok(!headerName.ok || /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(headerName.value));
          const path = parseListenPath(listenPath);
          assert.ok(!path.ok || (!CONTROL.test(path.value) && !/\s/.test(path.value)));
        }),
        { numRuns: FAST_RUNS / 10 },
      );
    });

    it('ids: anything that is not one path segment is refused before a request is built', () => {
      fc.assert(
        fc.property(fc.oneof(fc.constantFrom('.', '..', '%2e', '%2E%2e', '.%2e', '%252E'), hostileText), (id) => {
          let op: Operation<unknown> | undefined;
          try {
            op = keyOperation('revoke', '/api/keys', { id }, S.StatusResponse as never, 'Tyk Dashboard');
          } catch (e) {
            assert.ok(e instanceof TykError);
            return;
          }
          const segment = op.path.slice('/api/keys/'.length);
          assert.ok(segment.length > 0 && !segment.includes('/'));
          assert.notEqual(new URL(op.path, 'http://h/').pathname.replace(/\/+$/, ''), '/api', `${id} resolves to another path`);
          assert.ok(new URL(op.path, 'http://h/').pathname.startsWith('/api/keys/'), id);
        }),
        { numRuns: FAST_RUNS },
      );
    });

    it('hostile page counts and list sizes: a load stays within its requests and bytes, and says it stopped', async function () {
      this.timeout(60_000);
      const limits = { maxRequests: 40, maxBytes: 256 * 1024 };
      const bounded = new DashboardClient({ baseUrl: server.url, credential: CREDENTIAL, retryDelayMs: 0, timeoutMs: 5000, loadLimits: limits });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant(1e9), fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 2, max: 5000 })),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 0, max: 20_000 }),
          async (pages, perPage, nameLength) => {
            const apis = Array.from({ length: perPage }, (_, i) => ({ api_definition: { api_id: `api-${i}`, name: 'n'.repeat(nameLength) } }));
            reply = { status: 200, body: JSON.stringify({ apis, pages, Data: apis.map((a) => ({ id: a.api_definition.api_id, name: a.api_definition.name })), Pages: pages }), headers: {} };
            for (const load of [(o: LoadOptions) => bounded.listAllApis(o), (o: LoadOptions) => bounded.listPolicies(o)]) {
              server.requests.length = 0;
              const notices: LoadTruncated[] = [];
              const items = await load({ onTruncated: (n) => notices.push(n) });
              assert.ok(server.requests.length <= limits.maxRequests, `${server.requests.length} requests`);
              assert.ok(notices.length <= 1);
              for (const notice of notices) {
                assert.ok(notice.bytes <= limits.maxBytes, `${notice.bytes} bytes held`);
                assert.equal(notice.shown, items.length);
                assertPlain(notice.message, 1000, 'the notice');
              }
              // Every page repeats the same ids: each is kept once.
              assert.equal(new Set(items.map((i) => ('apiId' in i ? i.apiId : i.id))).size, items.length);
            }
          },
        ),
        { numRuns: 25 },
      );
      bounded.dispose();
    });
  });
});
