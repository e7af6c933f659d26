// One interface, two implementations: the Tyk Dashboard API and the open-source Gateway API.
import type { BasicAuthCredentials, ApiPage, CreatedKey, KeyDetails, KeyPage, KeyRef, KeySpec, KeyStatus, TykApi, TykCertificate, TykFlavor, TykPolicy } from '../domain/model';
import type { RequestOptions } from './http';
import type { LoadTruncated } from './paging';
import type { CopyKeyOptions } from './keyCreation';
import type { DayRange, KeyUsageAnswer } from '../domain/usage';

/** A load of many pages (a catalog, the policies): bounded in requests and bytes (see LoadBudget). */
export interface LoadOptions extends RequestOptions {
  /**
   * Called once when the load stopped before the end (the server claims more pages than one load reads,
   * or they hold more bytes): the result holds what was read; show `notice.message` to the user.
   */
  onTruncated?: (notice: LoadTruncated) => void;
}

export interface ListAllOptions extends LoadOptions {
  /** Called with each page as it arrives (the first one first), so a tree can show items early. */
  onPage?: (apis: TykApi[]) => void;
}

export interface ListKeysOptions extends RequestOptions {
  /**
   * Gateway: told of the keys of the page as each is found (before the page completes), to show them
   * early, with their state (the session each was read from).
   */
  onKeys?: (keys: string[], statuses: ReadonlyMap<string, KeyStatus>) => void;
}

/** A key read with its session while the connection's keys are scanned for their expiry (`scanKeys`). */
export interface ScannedKey {
  /** As listed: the key, or its hash on servers that hash keys. */
  id: string;
  status: KeyStatus;
  /** The APIs it grants. */
  apiIds: string[];
}

export interface KeyScan {
  keys: ScannedKey[];
  /** False when the scan stopped at its bound (`maxKeys`, or the pages one scan reads): there are more keys. */
  complete: boolean;
}

export interface ScanKeysOptions extends RequestOptions {
  /** At most this many keys are read. */
  maxKeys: number;
}

export interface UpdateKeyOptions extends RequestOptions {
  /** Keep the live quota (send `suppress_reset=1`). Default true. */
  suppressReset?: boolean;
}

export interface TykClient {
  readonly flavor: TykFlavor;
  readonly baseUrl: string;
  /** Proves the credential with one cheap authenticated read; resolves with the first page of APIs. */
  checkCredential(options?: RequestOptions): Promise<ApiPage>;
  /** One page (1-based) of the catalog. A Gateway does not page: page 1 holds everything. */
  listApisPage(page: number, options?: RequestOptions): Promise<ApiPage>;
  /** The whole catalog, or as much of it as one load reads (see `LoadOptions.onTruncated`). */
  listAllApis(options?: ListAllOptions): Promise<TykApi[]>;
  /** Search by name (server-side on a Dashboard; client-side on a Gateway). */
  searchApis(query: string, page?: number, options?: RequestOptions): Promise<ApiPage>;
  getApi(apiId: string, options?: RequestOptions): Promise<TykApi>;
  /**
   * Sends the create once (never retried). The result carries the new key (a basic-auth user on a hashing
   * Gateway: `key` "" and `keyHash`), the HMAC secret Tyk generated when `spec.hmac`, the username when
   * `spec.basicAuth`. `spec.customKeyId` and `spec.basicAuth` choose the id; `spec.certificate` binds it.
   */
  createKey(spec: KeySpec, options?: RequestOptions): Promise<CreatedKey>;
  /**
   * Creates a key from a whole session read back from the server (rotation): same rights, limits,
   * policies, expiry and metadata; the fields Tyk manages are dropped, and so are the HMAC secret (the
   * result carries the new one) and the certificate binding (`options.certificate` binds the copy).
   * A basic-auth user is refused: use `setBasicAuthPassword`. Sent once, never retried.
   */
  createKeyFromSession(session: Record<string, unknown>, options?: CopyKeyOptions): Promise<CreatedKey>;
  /** Rotates a basic-auth user: the same user with a new password (generated unless given). */
  setBasicAuthPassword(ref: KeyRef, password?: string, options?: RequestOptions): Promise<BasicAuthCredentials>;
  /** The certificates a key can be bound to (Dashboard `/api/certs`, Gateway `/tyk/certs`). */
  listCertificates(options?: RequestOptions): Promise<TykCertificate[]>;
  /**
   * Key ids (or hashes) granted access to an API, one page at a time. A Gateway reads at most
   * KEYS_READ_PER_PAGE keys a page (plus the id list on page 1); `options.onKeys` streams them as found,
   * and the page holds the `statuses` read. A Dashboard lists ids only (no `statuses`).
   */
  listKeys(apiId: string, page?: number, options?: ListKeysOptions): Promise<KeyPage>;
  /**
   * The connection's keys with their state and APIs (the expiry warning), bounded: a Dashboard reads
   * `/api/keys/detailed` (each key's session), at most SCAN_MAX_PAGES pages; a Gateway lists the ids and
   * reads each key, at most `maxKeys` of them.
   */
  scanKeys(options: ScanKeysOptions): Promise<KeyScan>;
  getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails>;
  updateKey(ref: KeyRef, session: Record<string, unknown>, options?: UpdateKeyOptions): Promise<void>;
  deleteKey(ref: KeyRef, options?: RequestOptions): Promise<void>;
  /** Every policy, each id once. */
  listPolicies(options?: LoadOptions): Promise<TykPolicy[]>;
  /**
   * A key's traffic over `range` (UTC days, both included), per day as the Dashboard's analytics hold it.
   * `keyId`: what the analytics know the key by, its hash on a server that hashes keys (`usageKeyId`).
   * A Gateway has no analytics API: it answers `{ available: false, reason: 'gateway' }` without a request.
   */
  keyUsage(keyId: string, range: DayRange, options?: RequestOptions): Promise<KeyUsageAnswer>;
  /** Closes the client's keep-alive sockets: call when the client is dropped (connection changed or removed). */
  dispose(): void;
}
