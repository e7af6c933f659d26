/**
 * Response validation against the official Tyk specs in test/fixtures/tyk-specs (OpenAPI 3.0.3).
 *
 * `validateResponse(api, method, pathTemplate, status, body)` throws a `SpecViolation` (with a readable list)
 * when the status is not declared for that operation or the body does not match the declared schema.
 *
 * OpenAPI 3.0 → JSON Schema: local `$ref: '#/components/schemas/X'` are resolved against the spec's components,
 * `nullable` becomes a `null` type, formats int64/double/duration/binary are registered, unknown keywords
 * (example, x-go-package, …) are ignored (ajv strict mode off). The x-tyk-api-gateway schema is draft-04.
 *
 * `closed: true` additionally rejects properties a schema does not declare (the specs themselves leave objects
 * open); the sandbox tests use it to keep the sandbox from inventing fields.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

export type SpecName = 'dashboard' | 'gateway';

export interface ValidateOptions {
  /** Reject properties not declared by the schema. */
  closed?: boolean;
}

export class SpecViolation extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}\n  - ${problems.join('\n  - ')}`);
    this.name = 'SpecViolation';
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const SPEC_FILES: Record<SpecName, string> = {
  dashboard: 'dashboard-swagger.yml',
  gateway: 'gateway-swagger.yml',
};

let specDirCache: string | undefined;

/** Finds test/fixtures/tyk-specs from the source or the compiled (out/) location. */
export function specDir(): string {
  if (specDirCache) {
    return specDirCache;
  }
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'test', 'fixtures', 'tyk-specs');
    if (existsSync(path.join(candidate, SPEC_FILES.dashboard))) {
      specDirCache = candidate;
      return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`test/fixtures/tyk-specs not found above ${__dirname}`);
}

interface Operation {
  responses: Obj;
}

interface PathEntry {
  template: string;
  regex: RegExp;
  staticSegments: number;
  methods: Map<string, Operation>;
}

interface LoadedSpec {
  name: SpecName;
  doc: Obj;
  paths: PathEntry[];
  ajvOpen: Ajv;
  ajvClosed: Ajv;
  compiled: Map<string, ValidateFunction>;
}

const loaded = new Map<SpecName, LoadedSpec>();

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** OpenAPI 3.0 schema → JSON Schema (draft-07 as ajv runs it). */
function convertSchema(node: unknown, baseUri: string, closed: boolean): unknown {
  if (Array.isArray(node)) {
    return node.map((n) => convertSchema(n, baseUri, closed));
  }
  if (!isObj(node)) {
    return node;
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties' && isObj(v)) {
      // property names are data, not keywords: convert each value only
      const props: Obj = {};
      for (const [pk, pv] of Object.entries(v)) {
        props[pk] = convertSchema(pv, baseUri, closed);
      }
      out[k] = props;
    } else if (k === '$ref' && typeof v === 'string' && v.startsWith('#/')) {
      out[k] = baseUri + v;
    } else if (k === 'example' || k === 'examples' || k === 'description' || k.startsWith('x-')) {
      // documentation only
    } else {
      out[k] = convertSchema(v, baseUri, closed);
    }
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.$ref === 'string') {
      const ref = out.$ref;
      delete out.$ref;
      return { anyOf: [{ $ref: ref }, { type: 'null' }], ...out };
    }
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
    }
    if (Array.isArray(out.enum)) {
      out.enum = [...(out.enum as unknown[]), null];
    }
  } else if (out.nullable === false) {
    delete out.nullable;
  }
  if (closed && isObj(out.properties) && out.additionalProperties === undefined && out.patternProperties === undefined && out.$ref === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, discriminator: false });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('duration', true);
  ajv.addFormat('binary', true);
  ajv.addFormat('byte', true);
  // A remote schema some OAS operations reference; the sandbox serves none of those operations.
  ajv.addSchema({}, 'https://raw.githubusercontent.com/TykTechnologies/tyk/refs/heads/master/apidef/oas/schema/3.0.json');
  return ajv;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function loadSpec(name: SpecName): LoadedSpec {
  const cached = loaded.get(name);
  if (cached) {
    return cached;
  }
  const raw: unknown = parseYaml(readFileSync(path.join(specDir(), SPEC_FILES[name]), 'utf8'));
  if (!isObj(raw) || !isObj(raw.paths) || !isObj(raw.components) || !isObj(raw.components.schemas)) {
    throw new Error(`${SPEC_FILES[name]}: not an OpenAPI document with paths and components.schemas`);
  }
  const doc = raw;
  const schemas = raw.components.schemas;
  const paths: PathEntry[] = [];
  for (const [template, item] of Object.entries(raw.paths)) {
    if (!isObj(item)) {
      continue;
    }
    const methods = new Map<string, Operation>();
    for (const m of HTTP_METHODS) {
      const op = item[m];
      if (isObj(op) && isObj(op.responses)) {
        methods.set(m.toUpperCase(), { responses: op.responses });
      }
    }
    const segments = template.split('/').filter((s) => s !== '');
    const regex = new RegExp('^/' + segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '([^/]+)' : escapeRegex(s))).join('/') + '/?$');
    paths.push({ template, regex, staticSegments: segments.filter((s) => !s.startsWith('{')).length, methods });
  }
  const ajvOpen = makeAjv();
  const ajvClosed = makeAjv();
  const openUri = `https://tyk-keys.sandbox/${name}.json`;
  const closedUri = `https://tyk-keys.sandbox/${name}-closed.json`;
  ajvOpen.addSchema({ components: { schemas: convertSchema(schemas, openUri, false) } }, openUri);
  ajvClosed.addSchema({ components: { schemas: convertSchema(schemas, closedUri, true) } }, closedUri);
  const spec: LoadedSpec = { name, doc, paths, ajvOpen, ajvClosed, compiled: new Map() };
  loaded.set(name, spec);
  return spec;
}

/** Loads (and caches) both specs; call once up front to keep the parsing cost out of timed tests. */
export function preloadSpecs(): void {
  loadSpec('dashboard');
  loadSpec('gateway');
}

/** The spec's path template for a concrete path and method (static segments win over parameters). */
export function findPathTemplate(api: SpecName, method: string, concretePath: string): string | undefined {
  const spec = loadSpec(api);
  const p = concretePath.split('?')[0];
  const candidates = spec.paths.filter((e) => e.regex.test(p));
  candidates.sort((a, b) => b.staticSegments - a.staticSegments);
  const withMethod = candidates.find((c) => c.methods.has(method.toUpperCase()));
  return (withMethod ?? candidates[0])?.template;
}

/** The statuses the spec declares for an operation (empty when the operation does not exist). */
export function declaredStatuses(api: SpecName, method: string, pathTemplate: string): number[] {
  const spec = loadSpec(api);
  const op = spec.paths.find((e) => e.template === pathTemplate)?.methods.get(method.toUpperCase());
  if (!op) {
    return [];
  }
  return Object.keys(op.responses)
    .filter((s) => /^\d{3}$/.test(s))
    .map(Number);
}

function resolveResponse(spec: LoadedSpec, response: unknown): unknown {
  // responses may be `$ref: '#/components/responses/X'`
  if (isObj(response) && typeof response.$ref === 'string' && response.$ref.startsWith('#/')) {
    let node: unknown = spec.doc;
    for (const part of response.$ref.slice(2).split('/')) {
      node = isObj(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return node;
  }
  return response;
}

function formatErrors(errors: ErrorObject[] | null | undefined, body: unknown): string[] {
  if (!errors || errors.length === 0) {
    return ['(no detail)'];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const at = e.instancePath === '' ? '(root)' : e.instancePath;
    let detail = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties' && isObj(e.params) && typeof e.params.additionalProperty === 'string') {
      detail = `has undeclared property "${e.params.additionalProperty}"`;
    }
    const line = `${at} ${detail}`;
    if (!seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
    if (out.length >= 25) {
      out.push(`… (${errors.length} errors in all)`);
      break;
    }
  }
  const preview = JSON.stringify(body);
  out.push(`body: ${preview.length > 400 ? preview.slice(0, 400) + '…' : preview}`);
  return out;
}

/**
 * Throws a SpecViolation unless `status` is declared for `method pathTemplate` in the `api` spec and `body`
 * (parsed JSON) matches that response's application/json schema.
 */
export function validateResponse(api: SpecName, method: string, pathTemplate: string, status: number, body: unknown, options: ValidateOptions = {}): void {
  const spec = loadSpec(api);
  const m = method.toUpperCase();
  const where = `${api} ${m} ${pathTemplate} → ${status}`;
  const entry = spec.paths.find((e) => e.template === pathTemplate);
  if (!entry) {
    throw new SpecViolation(where, [`path ${pathTemplate} is not in the ${api} spec`]);
  }
  const op = entry.methods.get(m);
  if (!op) {
    throw new SpecViolation(where, [`${m} is not declared for ${pathTemplate} (declared: ${[...entry.methods.keys()].join(', ')})`]);
  }
  const response = resolveResponse(spec, op.responses[String(status)] ?? op.responses.default);
  if (!isObj(response)) {
    throw new SpecViolation(where, [`status ${status} is not declared (declared: ${declaredStatuses(api, m, pathTemplate).join(', ')})`]);
  }
  const content = response.content;
  const media = isObj(content) ? content['application/json'] : undefined;
  if (!isObj(media) || media.schema === undefined) {
    return; // no JSON schema declared for this response: nothing more to check
  }
  const closed = options.closed === true;
  const cacheKey = `${closed ? 'c' : 'o'} ${m} ${pathTemplate} ${status}`;
  let validate = spec.compiled.get(cacheKey);
  if (!validate) {
    const uri = `https://tyk-keys.sandbox/${api}${closed ? '-closed' : ''}.json`;
    const schema = convertSchema(media.schema, uri, closed);
    validate = (closed ? spec.ajvClosed : spec.ajvOpen).compile(isObj(schema) ? schema : {});
    spec.compiled.set(cacheKey, validate);
  }
  if (!validate(body)) {
    throw new SpecViolation(where, formatErrors(validate.errors, body));
  }
}

let tykExtensionValidator: ValidateFunction | undefined;

/** Validates an `x-tyk-api-gateway` object against x-tyk-api-gateway.schema.json (draft-04, run by ajv 8). */
export function validateTykExtension(extension: unknown): void {
  if (!tykExtensionValidator) {
    const raw: unknown = JSON.parse(readFileSync(path.join(specDir(), 'x-tyk-api-gateway.schema.json'), 'utf8'));
    if (!isObj(raw)) {
      throw new Error('x-tyk-api-gateway.schema.json is not an object');
    }
    const schema: Obj = { ...raw };
    delete schema.$schema; // draft-04 meta-schema: ajv 8 validates the same keywords without it
    tykExtensionValidator = makeAjv().compile(schema);
  }
  if (!tykExtensionValidator(extension)) {
    throw new SpecViolation('x-tyk-api-gateway', formatErrors(tykExtensionValidator.errors, extension));
  }
}
