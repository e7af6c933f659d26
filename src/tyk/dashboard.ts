// The Tyk Dashboard API client (`/api/...`, header `authorization: <credential>`).
import type { ListAllOptions, TykClient, UpdateKeyOptions } from './client';
import { HASHED_LISTING_OFF, TykError, isTykError, keyWriteRefusal, serverName } from './errors';
import { t } from './l10n';
import { HttpTransport, type ConnectionOptions, type RequestOptions } from './http';
import { KeyCreation, createPath, toCreatedKey, type KeyRoute } from './keyCreation';
import { keyOperation, parseSession } from './keyOps';
import { toCertificates, toKeyDetails, toPolicies, toTykApi } from './mapping';
import type { ApiPage, CreatedKey, KeyDetails, KeyPage, KeyRef, TykApi, TykCertificate, TykPolicy } from './model';
import { PAGE_CONCURRENCY, mapLimit, pageCount, remainingPages, uniqueBy } from './paging';
import {
  type ApiDefinition,
  ApiDefinitionWrapper,
  DashboardCertificates,
  type OasDocument,
  ApiDefinitionsResponse,
  DashboardKeys,
  DashboardPolicies,
  KeyData,
  RawKeyData,
  StatusResponse,
} from './schemas';

/** Up to this estimated size (first page × pages), the rest of a catalog comes in one request. */
export const ALL_AT_ONCE_ESTIMATE_BYTES = 24 * 1024 * 1024;
/** Beyond it (big definitions), pages fetched at once. */
const LARGE_PAGE_CONCURRENCY = 8;

export class DashboardClient extends KeyCreation implements TykClient {
  readonly flavor = 'dashboard' as const;
  private readonly http: HttpTransport;

  constructor(options: Omit<ConnectionOptions, 'flavor'>) {
    super();
    this.http = new HttpTransport({ ...options, flavor: 'dashboard' });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  checkCredential(options?: RequestOptions): Promise<ApiPage> {
    return this.listApisPage(1, options);
  }

  async listApisPage(page: number, options?: RequestOptions, onBodySize?: (bytes: number) => void): Promise<ApiPage> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: '/api/apis',
        query: { p: page },
        schema: ApiDefinitionsResponse,
        what: t('list the APIs'),
        ...(onBodySize ? { onBodySize } : {}),
        // The whole catalog at once may be larger than one answer usually is.
        ...(page < 0 ? { maxResponseBytes: this.http.maxBytes * 3 } : {}),
      },
      options,
    );
    return toPage(res, page);
  }

  /**
   * The whole catalog, the first page first (so a tree can show it after one round trip), then the
   * rest: in one request (`p=-1`, which Tyk's own clients use) when the first page says the whole
   * answer stays small enough, else page by page, several at a time.
   */
  async listAllApis(options: ListAllOptions = {}): Promise<TykApi[]> {
    let firstBytes = 0;
    const first = await this.listApisPage(1, options, (bytes) => (firstBytes = bytes));
    options.onPage?.(first.apis);
    if (first.pages <= 1) {
      return first.apis;
    }
    if (firstBytes * first.pages <= ALL_AT_ONCE_ESTIMATE_BYTES) {
      try {
        const all = await this.listApisPage(-1, options);
        const seen = new Set(first.apis.map((a) => a.apiId));
        options.onPage?.(all.apis.filter((a) => !seen.has(a.apiId)));
        return dedupe(first.apis.concat(all.apis));
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
        const page = await this.listApisPage(p, options);
        options.onPage?.(page.apis);
        return page.apis;
      },
      (apis) => apis.length === 0,
    );
    return dedupe(first.apis.concat(...rest));
  }

  async searchApis(query: string, page = 1, options?: RequestOptions): Promise<ApiPage> {
    const res = await this.http.request(
      { method: 'GET', path: '/api/apis/search', query: { q: query, p: page }, schema: ApiDefinitionsResponse, what: t('search the APIs') },
      options,
    );
    return toPage(res, page);
  }

  async getApi(apiId: string, options?: RequestOptions): Promise<TykApi> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: `/api/apis/${encodeURIComponent(apiId)}`,
        schema: ApiDefinitionWrapper,
        what: t('read the API {0}', apiId),
        // The Dashboard answers an unknown id with 400 "Could not retrieve API detail".
        onStatus: (status, message) =>
          status === 404 || (status === 400 && /could not retrieve api/i.test(message ?? ''))
            ? new TykError('not-found', t('The API {0} was not found on the Dashboard: it may have been deleted. Refresh the Tyk view.', apiId), { status })
            : undefined,
      },
      options,
    );
    return toTykApi(res.api_definition, { oas: res.oas });
  }

  protected async postKey(body: Record<string, unknown>, options: RequestOptions | undefined, route: KeyRoute): Promise<CreatedKey> {
    const server = serverName(this.flavor);
    const res = await this.http.request(
      {
        method: 'POST',
        // A basic-auth user: POST /api/apis/keys/basic/{username}; a chosen id: POST /api/keys/{keyId}.
        ...createPath(route, '/api/keys', '/api/keys', '/api/apis/keys/basic'),
        body,
        schema: KeyData,
        what: route.kind === 'basic' ? t('create the basic-auth user') : t('create the key'),
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
          t('The Tyk Dashboard said the key was created but its answer holds no key id. Look the key up in the Dashboard (Keys) by its alias.'),
          { outcomeUnknown: true },
        ),
    );
  }

  async listCertificates(options?: RequestOptions): Promise<TykCertificate[]> {
    const res = await this.http.request(
      { method: 'GET', path: '/api/certs', query: { p: -1, mode: 'detailed' }, schema: DashboardCertificates, what: t('list the certificates') },
      options,
    );
    return toCertificates(res.cert_basics ?? (res.certs ?? []).map((id) => ({ id })));
  }

  async listKeys(apiId: string, page = 1, options?: RequestOptions): Promise<KeyPage> {
    const res = await this.http.request(
      {
        method: 'GET',
        path: `/api/apis/${encodeURIComponent(apiId)}/keys`,
        query: { p: page },
        schema: DashboardKeys,
        what: t('list the keys of the API'),
        // Tyk's own answer when keys are hashed and listing is off; any other 404 (an unknown API,
        // a wrong address) is the generic not-found.
        onStatus: (status, message) =>
          status === 404 && message !== undefined && HASHED_LISTING_OFF.test(message)
            ? new TykError(
                'hashed-listing-disabled',
                t('This Dashboard stores keys hashed and does not list them (hashed key listing is disabled), so the keys of an API cannot be listed.'),
                { status },
              )
            : undefined,
      },
      options,
    );
    return { keys: res.data?.keys ?? [], page, pages: pageCount(res.pages) };
  }

  async getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails> {
    const res = await this.http.request(keyOperation('read', '/api/keys', ref, RawKeyData, serverName(this.flavor)), options);
    const session = parseSession(res.data, serverName(this.flavor));
    return toKeyDetails(res.key_id || ref.id, res.key_hash ?? (ref.hashed ? ref.id : undefined), session, res.data);
  }

  async updateKey(ref: KeyRef, session: Record<string, unknown>, options: UpdateKeyOptions = {}): Promise<void> {
    await this.http.request(keyOperation('update', '/api/keys', ref, KeyData, serverName(this.flavor), { body: session, ...options }), options);
  }

  async deleteKey(ref: KeyRef, options?: RequestOptions): Promise<void> {
    await this.http.request(keyOperation('revoke', '/api/keys', ref, StatusResponse, serverName(this.flavor)), options);
  }

  async listPolicies(options?: RequestOptions): Promise<TykPolicy[]> {
    const page = async (p: number): Promise<{ policies: TykPolicy[]; pages: number }> => {
      const res = await this.http.request(
        { method: 'GET', path: '/api/portal/policies', query: { p }, schema: DashboardPolicies, what: t('list the policies') },
        options,
      );
      return { policies: toPolicies(res.Data), pages: pageCount(res.Pages) };
    };
    const first = await page(1);
    const rest = await mapLimit(remainingPages(first.pages), PAGE_CONCURRENCY, async (p) => (await page(p)).policies, (policies) => policies.length === 0);
    return first.policies.concat(...rest);
  }
}

function toPage(res: { apis: Array<{ api_definition: ApiDefinition; oas?: OasDocument | null }> | null; pages?: number | null }, page: number): ApiPage {
  return {
    apis: (res.apis ?? []).map((w) => toTykApi(w.api_definition, { oas: w.oas })),
    page,
    pages: pageCount(res.pages),
  };
}

/** Pages fetched apart may overlap when the catalog changes meanwhile: keep the first of each id. */
function dedupe(apis: TykApi[]): TykApi[] {
  return uniqueBy(apis, (api) => api.apiId);
}
