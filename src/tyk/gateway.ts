// The open-source Tyk Gateway API client (`/tyk/...`, header `x-tyk-authorization: <secret>`).
import type { KeyScan, ListAllOptions, ListKeysOptions, LoadOptions, ScanKeysOptions, TykClient, UpdateKeyOptions } from './client';
import { HASHED_LISTING_OFF, TykError, isTykError, keyWriteRefusal } from './errors';
import { plainText } from '../domain/displayText';
import * as l10n from '@vscode/l10n';
import { HttpTransport, type ConnectionOptions, type RequestOptions } from './http';
import { KeyCreation, createPath, toCreatedKey, type KeyRoute } from './keyCreation';
import { isAddressable, keyOperation, parseSession, pathSegment } from './keyOps';
import { toCertificates, toKeyDetails, toPolicies, toTykApi } from './mapping';
import { mapInSlices } from './jsonSlices';
import type { ApiPage, CreatedKey, KeyDetails, KeyPage, KeyRef, KeyStatus, TykApi, TykCertificate, TykPolicy } from '../domain/model';
import { keyStatusOf } from '../domain/keyState';
import { PAGE_CONCURRENCY, mapLimit, pageCount, uniqueBy } from './paging';
import { ApiDefinition, ApiModifyKeySuccess, GatewayApiList, GatewayCertificates, GatewayKeys, GatewayPolicies, RawSession } from './schemas';
import { productName } from '../domain/labels';
import type { DayRange, KeyUsageAnswer } from '../domain/usage';

/** Client-side search over a catalog the Gateway sends whole: name, api_id or listen path. */
export function matchesQuery(api: TykApi, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || api.name.toLowerCase().includes(q) || api.apiId.toLowerCase().includes(q) || api.listenPath.toLowerCase().includes(q);
}

/** Keys read (for their access rights) per page of an API's key list on a Gateway. */
export const KEYS_READ_PER_PAGE = 100;

/** How long the Gateway's list of key ids is reused by the next pages of a listing. */
export const KEY_LIST_REUSE_MS = 60_000;

export class GatewayClient extends KeyCreation implements TykClient {
  readonly flavor = 'gateway' as const;
  protected readonly http: HttpTransport;
  /** The ids of the last key listing, for its next pages. */
  private keyList?: { at: number; ids: string[] };
  /** Whether listed ids turned out to be hashes (a Gateway that hashes keys). */
  private listsHashes = false;

  constructor(options: Omit<ConnectionOptions, 'flavor'>) {
    super();
    this.http = new HttpTransport({ ...options, flavor: 'gateway' });
  }

  async listApisPage(page: number, options?: RequestOptions): Promise<ApiPage> {
    // The Gateway answers with the whole catalog: it is page 1 of 1.
    const apis = page === 1 ? await this.listAllApis(options) : [];
    return { apis, page, pages: 1 };
  }

  /**
   * The whole catalog. A Gateway lists MCP proxies only when asked (`include_types=mcp`, Tyk 5.12+; older
   * Gateways ignore the parameter), so both lists are read at once: what only the second holds is an MCP proxy.
   */
  async listAllApis(options: ListAllOptions = {}): Promise<TykApi[]> {
    const list = (query: Record<string, string> | undefined): Promise<ApiDefinition[] | null> =>
      this.http.request({ method: 'GET', path: '/tyk/apis', ...(query ? { query } : {}), schema: GatewayApiList, what: l10n.t('list the APIs'), onStatus: rpcModeHint }, options);
    const [plain, withMcp] = await Promise.all([
      list(undefined),
      // The MCP proxies are extra: a Gateway that fails this second read still lists its APIs.
      list({ include_types: 'mcp' }).catch(() => null),
    ]);
    const defs = plain ?? [];
    const known = new Set(defs.map((d) => d.api_id));
    const mcp = (withMcp ?? []).filter((d) => !known.has(d.api_id));
    const apis = [
      ...(await mapInSlices(defs, (d) => toTykApi(d, { flavor: 'gateway' }), options.signal)),
      ...(await mapInSlices(mcp, (d) => toTykApi(d, { flavor: 'gateway', mcp: true }), options.signal)),
    ];
    options.onPage?.(apis);
    return apis;
  }

  async searchApis(query: string, page = 1, options?: RequestOptions): Promise<ApiPage> {
    const all = page === 1 ? await this.listAllApis(options) : [];
    return { apis: all.filter((api) => matchesQuery(api, query)), page, pages: 1 };
  }

  async getApi(apiId: string, options?: RequestOptions): Promise<TykApi> {
    const def = await this.http.request(
      { method: 'GET', path: `/tyk/apis/${pathSegment(apiId, l10n.t('API id'))}`, schema: ApiDefinition, what: l10n.t('read the API {0}', plainText(apiId, 80)) },
      options,
    );
    return toTykApi(def, { flavor: 'gateway' });
  }

  protected async postKey(body: Record<string, unknown>, options: RequestOptions | undefined, route: KeyRoute): Promise<CreatedKey> {
    const server = productName(this.flavor);
    const res = await this.http.request(
      {
        method: 'POST',
        // A chosen id or a basic-auth username: POST /tyk/keys/{keyName} (Tyk stores org id + name).
        ...createPath(route, '/tyk/keys/create', '/tyk/keys', '/tyk/keys'),
        body,
        schema: ApiModifyKeySuccess,
        what: route.kind === 'basic' ? l10n.t('create the basic-auth user') : l10n.t('create the key'),
        onStatus: (status, message) => keyWriteRefusal(status, message, server) ?? rpcModeHint(status, message),
      },
      options,
    );
    return toCreatedKey(
      { key: res.key ?? undefined, keyHash: res.key_hash },
      route,
      () =>
        new TykError('bad-response', l10n.t('The Tyk Gateway said the key was created but its answer holds no key. Look it up by its alias before creating another.'), {
          outcomeUnknown: true,
        }),
    );
  }

  async listCertificates(options?: RequestOptions): Promise<TykCertificate[]> {
    const res = await this.http.request(
      { method: 'GET', path: '/tyk/certs', query: { mode: 'detailed' }, schema: GatewayCertificates, what: l10n.t('list the certificates') },
      options,
    );
    return toCertificates(res.certs);
  }

  /**
   * The Gateway lists every key it holds (it ignores `api_id`; its `filter` matches key ids), so the
   * keys of one API are found by reading each key's access rights: `KEYS_READ_PER_PAGE` keys a page,
   * a few at once; the next page reads the next keys. Bounded and progressive: page 1 reads the id list
   * (once; later pages of the same listing reuse it for KEY_LIST_REUSE_MS) plus at most
   * `KEYS_READ_PER_PAGE` keys; each later page at most `KEYS_READ_PER_PAGE` reads; `options.onKeys` hears
   * of each granting key as soon as it is read.
   */
  async listKeys(apiId: string, page = 1, options?: ListKeysOptions): Promise<KeyPage> {
    const all = await this.keyIds(page === 1, options);
    const pages = pageCount(Math.ceil(all.length / KEYS_READ_PER_PAGE));
    const scanned = all.slice((page - 1) * KEYS_READ_PER_PAGE, page * KEYS_READ_PER_PAGE);
    // Each key is read anyway (for its access rights): its state comes with it.
    const statuses = new Map<string, KeyStatus>();
    const grants = await mapLimit(scanned, PAGE_CONCURRENCY, async (id) => {
      const details = await this.grants(id, apiId, options);
      if (details) {
        const status = keyStatusOf(details);
        statuses.set(id, status);
        options?.onKeys?.([id], new Map([[id, status]]));
      }
      return details !== undefined;
    });
    return { keys: scanned.filter((_, i) => grants[i]), page, pages, statuses };
  }

  /** The ids the Gateway lists: read afresh for a first page, else reused while recent. */
  private async keyIds(fresh: boolean, options?: RequestOptions): Promise<string[]> {
    if (!fresh && this.keyList && Date.now() - this.keyList.at < KEY_LIST_REUSE_MS) {
      return this.keyList.ids;
    }
    const res = await this.http.request(
      {
        method: 'GET',
        path: '/tyk/keys',
        schema: GatewayKeys,
        what: l10n.t('list the keys'),
        onStatus: (status, message) =>
          status === 404 && message !== undefined && HASHED_LISTING_OFF.test(message)
            ? new TykError(
                'hashed-listing-disabled',
                l10n.t('This Gateway stores keys hashed and does not list them (enable_hashed_keys_listing is off), so keys cannot be listed.'),
                { status },
              )
            : undefined,
      },
      options,
    );
    // An id that cannot be put in an address cannot be read (nor used): left out.
    const ids = (res.keys ?? []).filter(isAddressable);
    this.keyList = { at: Date.now(), ids };
    return ids;
  }

  /**
   * The listed key's details (a key, or its hash when the Gateway hashes keys) when it grants `apiId`. A key gone
   * meanwhile, or one the Gateway will not read back (refused, or not a session), is not listed; any
   * other failure (credential, network, cancel) fails the listing. Once a listed id has been read as a
   * hash, the others are read as hashes first (one request each instead of two).
   */
  private async grants(listedId: string, apiId: string, options?: RequestOptions): Promise<KeyDetails | undefined> {
    const details = await this.readListed(listedId, options);
    return details?.accessRights.some((r) => r.apiId === apiId) ? details : undefined;
  }

  /**
   * The ids the Gateway lists (afresh), then each key read, at most `maxKeys` of them, a few at once; a key
   * gone meanwhile or not readable is left out (as in `listKeys`).
   */
  async scanKeys(options: ScanKeysOptions): Promise<KeyScan> {
    const all = await this.keyIds(true, options);
    const read = await mapLimit(all.slice(0, options.maxKeys), PAGE_CONCURRENCY, async (id) => {
      const details = await this.readListed(id, options);
      return details ? { id, status: keyStatusOf(details), apiIds: details.accessRights.map((r) => r.apiId) } : undefined;
    });
    return { keys: read.filter((k) => k !== undefined), complete: all.length <= options.maxKeys };
  }

  /** A listed key's details (read as a key or as a hash, see `grants`); undefined when it is gone or not a session. */
  private async readListed(listedId: string, options?: RequestOptions): Promise<KeyDetails | undefined> {
    const order = this.listsHashes ? [true, false] : [false, true];
    for (const hashed of order) {
      try {
        const details = await this.getKey({ id: listedId, hashed }, options);
        this.listsHashes = hashed;
        return details;
      } catch (e) {
        if (!isTykError(e) || !['not-found', 'bad-request', 'bad-response'].includes(e.kind)) {
          throw e;
        }
      }
    }
    return undefined;
  }

  async getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails> {
    const raw = await this.http.request(keyOperation('read', '/tyk/keys', ref, RawSession, productName(this.flavor)), options);
    return toKeyDetails(ref.id, ref.hashed ? ref.id : undefined, parseSession(raw, productName(this.flavor)), raw);
  }

  async updateKey(ref: KeyRef, session: Record<string, unknown>, options: UpdateKeyOptions = {}): Promise<void> {
    await this.http.request(keyOperation('update', '/tyk/keys', ref, ApiModifyKeySuccess, productName(this.flavor), { body: session, ...options }), options);
  }

  async deleteKey(ref: KeyRef, options?: RequestOptions): Promise<void> {
    await this.http.request(keyOperation('revoke', '/tyk/keys', ref, ApiModifyKeySuccess, productName(this.flavor)), options);
  }

  /** Every policy, each id once (one request: the Gateway does not page). */
  async listPolicies(options?: LoadOptions): Promise<TykPolicy[]> {
    const res = await this.http.request({ method: 'GET', path: '/tyk/policies', schema: GatewayPolicies, what: l10n.t('list the policies') }, options);
    // A Gateway's `active` means nothing (a policy file without it reads as false): is_inactive decides.
    return uniqueBy(await toPolicies(res, 'gateway', options?.signal), (policy) => policy.id);
  }

  /**
   * A Gateway keeps no analytics it can be asked about (its records go to Tyk Pump, and only a Dashboard
   * serves them: the Gateway spec has no analytics path), so no request is made.
   */
  keyUsage(_keyId: string, _range: DayRange, _options?: RequestOptions): Promise<KeyUsageAnswer> {
    return Promise.resolve({ available: false, reason: 'gateway' });
  }
}

/** In RPC (worker) mode the Gateway does not serve /tyk/apis or /tyk/keys/create. */
function rpcModeHint(status: number, message: string | undefined): TykError | undefined {
  if (status === 404 && !message) {
    return new TykError(
      'not-found',
      l10n.t('This Gateway does not serve its API management endpoints (it may be a worker Gateway in RPC mode, e.g. Tyk Cloud or hybrid). Connect to its Tyk Dashboard instead.'),
      { status },
    );
  }
  return undefined;
}
