// The Tyk Dashboard API client (`/api/...`, header `authorization: <credential>`).
import type { KeyScan, ListAllOptions, LoadOptions, ScanKeysOptions, ScannedKey, TykClient, UpdateKeyOptions } from './client';
import { HASHED_LISTING_OFF, TykError, isTykError, keyWriteRefusal } from './errors';
import { plainText } from '../domain/displayText';
import * as l10n from '@vscode/l10n';
import { HttpTransport, type ConnectionOptions, type RequestOptions } from './http';
import { KeyCreation, createPath, toCreatedKey, type KeyRoute } from './keyCreation';
import { keyOperation, parseSession, pathSegment } from './keyOps';
import { toCertificates, toKeyDetails, toPolicies, toTykApi, toUsageUnits } from './mapping';
import { mapInSlices } from './jsonSlices';
import type { ApiPage, CreatedKey, KeyDetails, KeyPage, KeyRef, TykApi, TykCertificate, TykPolicy } from '../domain/model';
import { DEFAULT_LOAD_LIMITS, LoadBudget, MAX_PAGES, PAGE_CONCURRENCY, mapLimit, pageCount, remainingPages, uniqueBy, withinBudget, type LoadLimits, type LoadTruncated } from './paging';
import { AggregateAnalyticsData, type ApiDefinition, ApiDefinitionWrapper, DashboardCertificates, type OasDocument, ApiDefinitionsResponse, DashboardKeys, DashboardKeysDetailed, DashboardPolicies, KeyData, RawKeyData, StatusResponse } from './schemas';
import { productName } from '../domain/labels';
import { format } from '../domain/format';
import { maskKey } from '../domain/mask';
import { keyStatusOf } from '../domain/keyState';
import { dateParts, daysOf, type DayRange, type KeyUsageAnswer } from '../domain/usage';

/** The most bytes a usage answer may take (30 days of hourly units per API stay far below). */
export const MAX_USAGE_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Up to this estimated size (first page × pages), the rest of a catalog comes in one request. */
export const ALL_AT_ONCE_ESTIMATE_BYTES = 24 * 1024 * 1024;
/** Beyond it (big definitions), pages fetched at once. */
const LARGE_PAGE_CONCURRENCY = 8;
/** The most pages of `/api/keys/detailed` one scan of a Dashboard's keys reads (scanKeys). */
export const SCAN_MAX_PAGES = 10;

export class DashboardClient extends KeyCreation implements TykClient {
  readonly flavor = 'dashboard' as const;
  protected readonly http: HttpTransport;
  private readonly loadLimits: LoadLimits;

  constructor(options: Omit<ConnectionOptions, 'flavor'>) {
    super();
    this.http = new HttpTransport({ ...options, flavor: 'dashboard' });
    this.loadLimits = options.loadLimits ?? DEFAULT_LOAD_LIMITS;
  }

  async listApisPage(page: number, options?: RequestOptions): Promise<ApiPage> {
    const res = await this.apisPage(page, options, page < 0 ? this.http.maxBytes * 3 : this.http.maxBytes);
    return { apis: res.apis, page: res.page, pages: res.pages };
  }

  /** One page, read with at most `maxResponseBytes`; `claimed`: the page count as the server sent it. */
  private async apisPage(
    page: number,
    options: RequestOptions | undefined,
    maxResponseBytes: number,
    onBodySize?: (bytes: number) => void,
  ): Promise<ApiPage & { claimed: number }> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: '/api/apis',
        query: { p: page },
        schema: ApiDefinitionsResponse,
        what: l10n.t('list the APIs'),
        ...(onBodySize ? { onBodySize } : {}),
        // The whole catalog at once (p=-1) may be larger than one answer usually is.
        maxResponseBytes,
      },
      options,
    );
    return { ...(await toPage(res, page, options?.signal)), claimed: typeof res.pages === 'number' ? res.pages : 1 };
  }

  /**
   * The whole catalog, the first page first (so a tree can show it after one round trip), then the
   * rest: in one request (`p=-1`, which Tyk's own clients use) when the first page says the whole
   * answer stays small enough, else page by page, several at a time. One load makes at most
   * MAX_LOAD_REQUESTS requests and holds at most MAX_LOAD_BYTES: beyond, it stops with what it read and
   * says so (`onTruncated`).
   */
  async listAllApis(options: ListAllOptions = {}): Promise<TykApi[]> {
    const budget = new LoadBudget(this.loadLimits);
    const cap = this.http.maxBytes;
    let firstBytes = 0;
    const first = await withinBudget(budget, cap, 1, (max, size) =>
      this.apisPage(1, options, max, (bytes) => {
        firstBytes = bytes;
        size(bytes);
      }),
    );
    if (!first) {
      return [];
    }
    options.onPage?.(first.apis);
    if (first.pages <= 1) {
      return first.apis;
    }
    // Estimated from the page count the server claims (not the one the load is bounded to).
    if (firstBytes * first.claimed <= ALL_AT_ONCE_ESTIMATE_BYTES) {
      try {
        const all = await withinBudget(budget, cap * 3, 1, (max, size) => this.apisPage(-1, options, max, size));
        if (all) {
          const seen = new Set(first.apis.map((a) => a.apiId));
          options.onPage?.(all.apis.filter((a) => !seen.has(a.apiId)));
          return dedupe(first.apis.concat(all.apis));
        }
      } catch (e) {
        // Bigger than the first page suggested: fall back to pages.
        if (!(isTykError(e) && e.code === 'TOO_LARGE')) {
          throw e;
        }
      }
    }
    const rest = await mapLimit(
      remainingPages(first.pages),
      LARGE_PAGE_CONCURRENCY,
      async (p) => {
        const page = await withinBudget(budget, cap, LARGE_PAGE_CONCURRENCY, (max, size) => this.apisPage(p, options, max, size));
        if (page) {
          options.onPage?.(page.apis);
        }
        return page?.apis;
      },
      (apis) => apis === undefined || apis.length === 0,
    );
    const apis = dedupe(first.apis.concat(...rest.filter((a): a is TykApi[] => a !== undefined)));
    const last = rest[rest.length - 1];
    if (budget.stopped || (first.claimed > MAX_PAGES && last !== undefined && last.length > 0)) {
      options.onTruncated?.(
        this.truncated(budget, first.claimed, apis.length, (n, pages, requests, mb) =>
          l10n.t(
            'Showing the first {0} APIs of the {1}: it reports {2} pages, more than one load reads (at most {3} requests and {4} MB). Search to find the others.',
            n,
            this.http.label,
            pages,
            requests,
            mb,
          ),
        ),
      );
    }
    return apis;
  }

  private truncated(
    budget: LoadBudget,
    claimed: number,
    shown: number,
    message: (shown: number, pages: string, requests: number, mb: number) => string,
  ): LoadTruncated {
    const pages = Number.isFinite(claimed) ? format().count(claimed) : String(claimed);
    const notice: LoadTruncated = {
      shown,
      pages: claimed,
      requests: budget.requests,
      bytes: budget.bytes,
      reason: budget.stopped ?? 'requests',
      message: message(shown, pages, budget.limits.maxRequests, Math.round(budget.limits.maxBytes / 1024 / 1024)),
    };
    return notice;
  }

  async searchApis(query: string, page = 1, options?: RequestOptions): Promise<ApiPage> {
    const res = await this.http.request(
      { method: 'GET', path: '/api/apis/search', query: { q: query, p: page }, schema: ApiDefinitionsResponse, what: l10n.t('search the APIs') },
      options,
    );
    return toPage(res, page, options?.signal);
  }

  async getApi(apiId: string, options?: RequestOptions): Promise<TykApi> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: `/api/apis/${pathSegment(apiId, l10n.t('API id'))}`,
        schema: ApiDefinitionWrapper,
        what: l10n.t('read the API {0}', plainText(apiId, 80)),
        // The Dashboard answers an unknown id with 400 "Could not retrieve API detail".
        onStatus: (status, message) =>
          status === 404 || (status === 400 && /could not retrieve api/i.test(message ?? ''))
            ? new TykError('not-found', l10n.t('The API {0} was not found on the Dashboard: it may have been deleted. Refresh the Tyk view.', plainText(apiId, 80)), { status })
            : undefined,
      },
      options,
    );
    return toTykApi(res.api_definition, { oas: res.oas });
  }

  protected async postKey(body: Record<string, unknown>, options: RequestOptions | undefined, route: KeyRoute): Promise<CreatedKey> {
    const server = productName(this.flavor);
    const res = await this.http.request(
      {
        method: 'POST',
        // A basic-auth user: POST /api/apis/keys/basic/{username}; a chosen id: POST /api/keys/{keyId}.
        ...createPath(route, '/api/keys', '/api/keys', '/api/apis/keys/basic'),
        body,
        schema: KeyData,
        what: route.kind === 'basic' ? l10n.t('create the basic-auth user') : l10n.t('create the key'),
        onStatus: (status, message) => keyWriteRefusal(status, message, server),
      },
      options,
    );
    return toCreatedKey(
      { key: res.key_id || res.key || res.data?.key_id || undefined, keyHash: res.key_hash, hmacSecret: res.data?.hmac_enabled ? res.data.hmac_string : undefined },
      route,
      () =>
        new TykError(
          'bad-response',
          l10n.t('The Tyk Dashboard said the key was created but its answer holds no key id. Look the key up in the Dashboard (Keys) by its alias.'),
          { outcomeUnknown: true },
        ),
    );
  }

  async listCertificates(options?: RequestOptions): Promise<TykCertificate[]> {
    const res = await this.http.request(
      { method: 'GET', path: '/api/certs', query: { p: -1, mode: 'detailed' }, schema: DashboardCertificates, what: l10n.t('list the certificates') },
      options,
    );
    return toCertificates(res.cert_basics ?? (res.certs ?? []).map((id) => ({ id })));
  }

  async listKeys(apiId: string, page = 1, options?: RequestOptions): Promise<KeyPage> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: `/api/apis/${pathSegment(apiId, l10n.t('API id'))}/keys`,
        query: { p: page },
        schema: DashboardKeys,
        what: l10n.t('list the keys of the API'),
        // Tyk's own answer when keys are hashed and listing is off; any other 404 (an unknown API,
        // a wrong address) is the generic not-found.
        onStatus: (status, message) =>
          status === 404 && message !== undefined && HASHED_LISTING_OFF.test(message)
            ? new TykError(
                'hashed-listing-disabled',
                l10n.t('This Dashboard stores keys hashed and does not list them (hashed key listing is disabled), so the keys of an API cannot be listed.'),
                { status },
              )
            : undefined,
      },
      options,
    );
    return { keys: res.data?.keys ?? [], page, pages: pageCount(res.pages) };
  }

  /**
   * `/api/keys/detailed?p=N` (the spec's KeysDetailed: each key with its session), page after page, until
   * the last page, `maxKeys` keys or SCAN_MAX_PAGES pages. A page that brings no key not seen yet ends it
   * (a server that ignores `p` answers the same page again).
   */
  async scanKeys(options: ScanKeysOptions): Promise<KeyScan> {
    const keys = new Map<string, ScannedKey>();
    for (let page = 1; page <= SCAN_MAX_PAGES; page++) {
      const res = await this.http.request(
        { method: 'GET', path: '/api/keys/detailed', query: { p: page }, schema: DashboardKeysDetailed, what: l10n.t('list the keys with their expiry') },
        options,
      );
      const before = keys.size;
      for (const key of res.keys ?? []) {
        const id = key.key_id || key.key_hash;
        if (id && key.data && !keys.has(id)) {
          const details = toKeyDetails(id, key.key_hash ?? undefined, key.data, {});
          keys.set(id, { id, status: keyStatusOf(details), apiIds: details.accessRights.map((r) => r.apiId) });
        }
      }
      if (keys.size >= options.maxKeys) {
        return { keys: [...keys.values()].slice(0, options.maxKeys), complete: keys.size === options.maxKeys && page >= pageCount(res.pages) };
      }
      if (page >= pageCount(res.pages) || keys.size === before) {
        return { keys: [...keys.values()], complete: true };
      }
    }
    return { keys: [...keys.values()], complete: false };
  }

  async getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails> {
    const res = await this.http.request(keyOperation('read', '/api/keys', ref, RawKeyData, productName(this.flavor)), options);
    const session = parseSession(res.data, productName(this.flavor));
    return toKeyDetails(res.key_id || ref.id, res.key_hash ?? (ref.hashed ? ref.id : undefined), session, res.data);
  }

  async updateKey(ref: KeyRef, session: Record<string, unknown>, options: UpdateKeyOptions = {}): Promise<void> {
    await this.http.request(keyOperation('update', '/api/keys', ref, KeyData, productName(this.flavor), { body: session, ...options }), options);
  }

  async deleteKey(ref: KeyRef, options?: RequestOptions): Promise<void> {
    await this.http.request(keyOperation('revoke', '/api/keys', ref, StatusResponse, productName(this.flavor)), options);
  }

  /**
   * `GET /api/activity/keys/{keyHash}/{startDay}/{startMonth}/{startYear}/{EndDay}/{EndMonth}/{EndYear}`
   * (dashboard-swagger.yml getAnalyticsOfApiKey): the dates as the spec's examples write them, unpadded
   * ("15", "1", "2024"), UTC days. `res=day` asks for one unit per day (the resolution the Dashboard's own
   * analytics calls pass, e.g. `/api/errors/count/…?res=day&p=-1` in the CVE-2023-42284 report and users'
   * scripts reading `/api/activity/keys/{key}/…?res=day&p=-1`; the spec lists no query parameters here and
   * its example, per endpoint, has day 0: such units are counted as undated, see domain/usage.ts), `p=-1`
   * all of it in one answer. The end day is included (a one-day range, start = end, reads that day).
   */
  async keyUsage(keyId: string, range: DayRange, options?: RequestOptions): Promise<KeyUsageAnswer> {
    daysOf(range);
    const from = dateParts(range.from);
    const to = dateParts(range.to);
    if (!from || !to) {
      throw new RangeError(`not a day range: ${range.from}..${range.to}`);
    }
    const dates = [from.day, from.month, from.year, to.day, to.month, to.year].join('/');
    const masked = maskKey(keyId);
    const res = await this.http.request(
      {
        method: 'GET',
        path: `/api/activity/keys/${pathSegment(keyId, l10n.t('key hash'))}/${dates}`,
        logPath: `/api/activity/keys/${masked}/${dates}`,
        query: { res: 'day', p: -1 },
        schema: AggregateAnalyticsData,
        what: l10n.t('read the usage of the key {0}', masked),
        maxResponseBytes: Math.min(MAX_USAGE_RESPONSE_BYTES, this.http.maxBytes),
        // 403: RBAC (no Analytics permission) or owned analytics ("User does not have access to the API with ID.").
        onStatus: (status, message) =>
          status === 403
            ? new TykError(
                'forbidden',
                message
                  ? l10n.t('Your Tyk Dashboard user may not read this key’s analytics (it said: "{0}"). Ask an administrator for the Analytics permission (Dashboard: Users → your user → Permissions).', message)
                  : l10n.t('Your Tyk Dashboard user may not read this key’s analytics. Ask an administrator for the Analytics permission (Dashboard: Users → your user → Permissions).'),
                { status, ...(message ? { serverMessage: message } : {}) },
              )
            : undefined,
      },
      options,
    );
    return { available: true, units: toUsageUnits(res.data) };
  }

  /** Every policy, each id once; bounded like `listAllApis` (see `LoadOptions.onTruncated`). */
  async listPolicies(options: LoadOptions = {}): Promise<TykPolicy[]> {
    const budget = new LoadBudget(this.loadLimits);
    const cap = this.http.maxBytes;
    const page = (p: number, parallel: number): Promise<{ policies: TykPolicy[]; pages: number; claimed: number } | undefined> =>
      withinBudget(budget, cap, parallel, async (maxResponseBytes, onBodySize) => {
        const res = await this.http.request(
          { method: 'GET', path: '/api/portal/policies', query: { p }, schema: DashboardPolicies, what: l10n.t('list the policies'), maxResponseBytes, onBodySize },
          options,
        );
        return { policies: await toPolicies(res.Data, 'dashboard', options.signal), pages: pageCount(res.Pages), claimed: typeof res.Pages === 'number' ? res.Pages : 1 };
      });
    const first = await page(1, 1);
    if (!first) {
      return [];
    }
    const rest = await mapLimit(
      remainingPages(first.pages),
      PAGE_CONCURRENCY,
      async (p) => (await page(p, PAGE_CONCURRENCY))?.policies,
      (policies) => policies === undefined || policies.length === 0,
    );
    const policies = uniqueBy(first.policies.concat(...rest.filter((r): r is TykPolicy[] => r !== undefined)), (policy) => policy.id);
    const last = rest[rest.length - 1];
    if (budget.stopped || (first.claimed > MAX_PAGES && last !== undefined && last.length > 0)) {
      options.onTruncated?.(
        this.truncated(budget, first.claimed, policies.length, (n, pages, requests, mb) =>
          l10n.t('Showing the first {0} policies of the {1}: it reports {2} pages, more than one load reads (at most {3} requests and {4} MB).', n, this.http.label, pages, requests, mb),
        ),
      );
    }
    return policies;
  }
}

async function toPage(
  res: { apis: Array<{ api_definition: ApiDefinition; oas?: OasDocument | null }> | null; pages?: number | null },
  page: number,
  signal: AbortSignal | undefined,
): Promise<ApiPage> {
  return {
    apis: await mapInSlices(res.apis ?? [], (w) => toTykApi(w.api_definition, { oas: w.oas }), signal),
    page,
    pages: pageCount(res.pages),
  };
}

/** Pages fetched apart may overlap when the catalog changes meanwhile: keep the first of each id. */
function dedupe(apis: TykApi[]): TykApi[] {
  return uniqueBy(apis, (api) => api.apiId);
}
