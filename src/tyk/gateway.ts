// The open-source Tyk Gateway API client (`/tyk/...`, header `x-tyk-authorization: <secret>`).
import type { ListAllOptions, TykClient, UpdateKeyOptions } from './client';
import { HASHED_LISTING_OFF, TykError, serverName } from './errors';
import { t } from './l10n';
import { HttpTransport, type ConnectionOptions, type RequestOptions } from './http';
import { KeyCreation } from './keyCreation';
import { keyOperation, parseSession } from './keyOps';
import { toKeyDetails, toPolicies, toTykApi } from './mapping';
import type { ApiPage, CreatedKey, KeyDetails, KeyPage, KeyRef, TykApi, TykPolicy } from './model';
import { ApiDefinition, ApiModifyKeySuccess, GatewayApiList, GatewayKeys, GatewayPolicies, RawSession } from './schemas';

/** Client-side search over a catalog the Gateway sends whole: name, api_id or listen path. */
export function matchesQuery(api: TykApi, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || api.name.toLowerCase().includes(q) || api.apiId.toLowerCase().includes(q) || api.listenPath.toLowerCase().includes(q);
}

export class GatewayClient extends KeyCreation implements TykClient {
  readonly flavor = 'gateway' as const;
  private readonly http: HttpTransport;

  constructor(options: Omit<ConnectionOptions, 'flavor'>) {
    super();
    this.http = new HttpTransport({ ...options, flavor: 'gateway' });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  checkCredential(options?: RequestOptions): Promise<ApiPage> {
    return this.listApisPage(1, options);
  }

  async listApisPage(page: number, options?: RequestOptions): Promise<ApiPage> {
    // The Gateway answers with the whole catalog: it is page 1 of 1.
    const apis = page === 1 ? await this.listAllApis(options) : [];
    return { apis, page, pages: 1 };
  }

  async listAllApis(options: ListAllOptions = {}): Promise<TykApi[]> {
    const res = await this.http.request(
      { method: 'GET', path: '/tyk/apis', schema: GatewayApiList, what: t('list the APIs'), onStatus: rpcModeHint },
      options,
    );
    const apis = (res ?? []).map(toTykApi);
    options.onPage?.(apis);
    return apis;
  }

  async searchApis(query: string, page = 1, options?: RequestOptions): Promise<ApiPage> {
    const all = page === 1 ? await this.listAllApis(options) : [];
    return { apis: all.filter((api) => matchesQuery(api, query)), page, pages: 1 };
  }

  async getApi(apiId: string, options?: RequestOptions): Promise<TykApi> {
    const def = await this.http.request(
      { method: 'GET', path: `/tyk/apis/${encodeURIComponent(apiId)}`, schema: ApiDefinition, what: t('read the API {0}', apiId) },
      options,
    );
    return toTykApi(def);
  }

  protected async postKey(body: Record<string, unknown>, options?: RequestOptions): Promise<CreatedKey> {
    const res = await this.http.request(
      { method: 'POST', path: '/tyk/keys/create', body, schema: ApiModifyKeySuccess, what: t('create the key'), onStatus: rpcModeHint },
      options,
    );
    if (!res.key) {
      throw new TykError(
        'bad-response',
        t('The Tyk Gateway said the key was created but its answer holds no key. Look it up by its alias before creating another.'),
        { outcomeUnknown: true },
      );
    }
    return res.key_hash ? { key: res.key, keyHash: res.key_hash } : { key: res.key };
  }

  async listKeys(apiId: string, page = 1, options?: RequestOptions): Promise<KeyPage> {
    // The Gateway lists every key it holds (its `filter` matches key ids, not APIs): one page.
    const res = await this.http.request(
      {
        method: 'GET',
        path: '/tyk/keys',
        query: { api_id: apiId },
        schema: GatewayKeys,
        what: t('list the keys'),
        onStatus: (status, message) =>
          status === 404 && message !== undefined && HASHED_LISTING_OFF.test(message)
            ? new TykError(
                'hashed-listing-disabled',
                t('This Gateway stores keys hashed and does not list them (enable_hashed_keys_listing is off), so keys cannot be listed.'),
                { status },
              )
            : undefined,
      },
      options,
    );
    return { keys: page === 1 ? (res.keys ?? []) : [], page, pages: 1 };
  }

  async getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails> {
    const raw = await this.http.request(keyOperation('read', '/tyk/keys', ref, RawSession, serverName(this.flavor)), options);
    return toKeyDetails(ref.id, ref.hashed ? ref.id : undefined, parseSession(raw, serverName(this.flavor)), raw);
  }

  async updateKey(ref: KeyRef, session: Record<string, unknown>, options: UpdateKeyOptions = {}): Promise<void> {
    await this.http.request(keyOperation('update', '/tyk/keys', ref, ApiModifyKeySuccess, serverName(this.flavor), { body: session, ...options }), options);
  }

  async deleteKey(ref: KeyRef, options?: RequestOptions): Promise<void> {
    await this.http.request(keyOperation('revoke', '/tyk/keys', ref, ApiModifyKeySuccess, serverName(this.flavor)), options);
  }

  async listPolicies(options?: RequestOptions): Promise<TykPolicy[]> {
    const res = await this.http.request({ method: 'GET', path: '/tyk/policies', schema: GatewayPolicies, what: t('list the policies') }, options);
    return toPolicies(res);
  }
}

/** In RPC (worker) mode the Gateway does not serve /tyk/apis or /tyk/keys/create. */
function rpcModeHint(status: number, message: string | undefined): TykError | undefined {
  if (status === 404 && !message) {
    return new TykError(
      'not-found',
      t('This Gateway does not serve its API management endpoints (it may be a worker Gateway in RPC mode, e.g. Tyk Cloud or hybrid). Connect to its Tyk Dashboard instead.'),
      { status },
    );
  }
  return undefined;
}
