// The HTTP layer shared by the Dashboard and Gateway clients: one axios instance per connection,
// an overall deadline, cancellation, bounded bodies, one retry for idempotent reads, and the
// mapping of every failure to a TykError whose message tells the user what to do.
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import type { Schema } from './schemas';
import { ErrorBody } from './schemas';
import type { TykFlavor } from '../domain/model';
import { TykError, credentialHint } from './errors';
import { mayRequest, trimTrailingSlashes } from '../domain/connectionSettings';
import * as l10n from '@vscode/l10n';
import type { LoadLimits } from './paging';
import { SecretRedactor } from './redactor';
import { productName } from '../domain/labels';
import { CancelledError, checkJson, decodeText, parseJson, Slicer, type Checked } from './jsonSlices';
import { format } from '../domain/format';

export interface ConnectionOptions {
  flavor: TykFlavor;
  /** `http(s)://host[:port]` of the Dashboard or Gateway (a path prefix is allowed, e.g. behind a proxy). */
  baseUrl: string;
  credential: string;
  /** Whole-request deadline, from sending to the last byte. Default 30 s. */
  timeoutMs?: number;
  /** PEM CA certificate(s) to trust for this connection only. */
  caCertificate?: string | Buffer;
  /** Accept a self-signed or otherwise untrusted certificate, for this connection only. */
  allowSelfSigned?: boolean;
  /**
   * The user confirmed plain http:// to a host that is not this machine (`tyk.connections[].allowInsecureHttp`).
   * Without it, such a request is refused before it is sent (see `mayRequest`), so the credential never
   * crosses the network unencrypted.
   */
  allowInsecureHttp?: boolean;
  /**
   * Secrets to hide from server texts quoted in messages, shared with the log: the connection's own
   * credential is always hidden; register listed keys in it (`addKeys`) to mask those too.
   */
  redactor?: SecretRedactor;
  /** Largest answer accepted. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Pause before the one retry of a read. Default 300 ms. */
  retryDelayMs?: number;
  /** The bounds of one load of many pages (default: MAX_LOAD_REQUESTS requests, MAX_LOAD_BYTES bytes). */
  loadLimits?: LoadLimits;
  /** Called once per request with a line safe to log (no credential, keys masked). */
  log?: (line: string) => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface Operation<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The path as it may be logged (keys masked). Defaults to `path`. */
  logPath?: string;
  query?: Record<string, string | number>;
  body?: unknown;
  schema: Schema<T>;
  /** What the user was doing, for messages, translated: l10n.t('list the APIs'), l10n.t('create the key'). */
  what: string;
  /** Maps a status to a TykError before the generic mapping; return undefined to fall through. */
  onStatus?: (status: number, message: string | undefined) => TykError | undefined;
  /** Told the size of a successful answer's body, in bytes (to plan the next requests). */
  onBodySize?: (bytes: number) => void;
  /** A larger bound than the connection's for this one request (a whole catalog at once). */
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/**
 * The most of an error answer (4xx, 5xx, 3xx) or of a successful answer that is not JSON that is read:
 * enough for a Tyk error body and for a quote; the rest is never read, so a huge error page costs
 * nothing (and its retry neither).
 */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);
/** Codes after which a write may have reached the server. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_BAD_RESPONSE']);

interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  dispose(): void;
}

function deadline(ms: number, outer: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, ms);
  const onOuterAbort = (): void => controller.abort();
  if (outer?.aborted) {
    controller.abort();
  } else {
    outer?.addEventListener('abort', onOuterAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => expired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Normalises a base URL: no trailing slash, no query, no fragment, no user info. Throws on anything else. */
export function normaliseBaseUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TykError('bad-request', l10n.t('The URL must start with http:// or https:// (got {0}).', url.protocol));
  }
  if (url.username || url.password) {
    throw new TykError('bad-request', l10n.t('Put the credential in the credential field, not in the URL.'));
  }
  return `${url.origin}${trimTrailingSlashes(url.pathname)}`;
}

export class HttpTransport {
  readonly flavor: TykFlavor;
  readonly baseUrl: string;
  readonly origin: string;
  private readonly axios: AxiosInstance;
  private readonly credential: string;
  private readonly timeoutMs: number;
  /** The largest answer accepted (the connection's bound). */
  readonly maxBytes: number;
  private readonly retryDelayMs: number;
  private readonly log: ((line: string) => void) | undefined;
  private readonly allowInsecureHttp: boolean;
  private readonly redactor: SecretRedactor;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: ConnectionOptions) {
    this.flavor = options.flavor;
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.origin = new URL(this.baseUrl).origin;
    this.credential = options.credential;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.retryDelayMs = options.retryDelayMs ?? 300;
    this.log = options.log;
    this.allowInsecureHttp = options.allowInsecureHttp === true;
    this.redactor = options.redactor ?? new SecretRedactor();
    this.agents = {
      http: new http.Agent({ keepAlive: true }),
      https: new https.Agent({
        keepAlive: true,
        ...(options.caCertificate ? { ca: options.caCertificate } : {}),
        rejectUnauthorized: options.allowSelfSigned !== true,
      }),
    };
    const authHeader = options.flavor === 'dashboard' ? 'authorization' : 'x-tyk-authorization';
    this.axios = axios.create({
      baseURL: this.baseUrl,
      // No credential (an address probe): no authorization header at all.
      headers: options.credential === '' ? { accept: 'application/json' } : { [authHeader]: options.credential, accept: 'application/json' },
      // Agents of this connection only: no process-wide TLS or proxy change. VS Code routes Node's
      // http/https through the user's proxy settings; axios's own env-proxy handling stays off.
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      proxy: false,
      // Never follow a redirect: the credential must not travel to another address.
      maxRedirects: 0,
      maxContentLength: this.maxBytes,
      maxBodyLength: 8 * 1024 * 1024,
      // Read as a stream, by readBody: bounded, and only as much of an error page as a message needs.
      responseType: 'stream',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /** Closes the connection's idle keep-alive sockets (and any in use): call when the client is dropped. */
  dispose(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** The server's name for messages: "Tyk Dashboard at https://…". */
  get label(): string {
    return l10n.t('{0} at {1}', productName(this.flavor), this.origin);
  }

  async request<T>(op: Operation<T>, options: RequestOptions = {}): Promise<T> {
    return this.retrying(op, options, () => this.once(op, options));
  }

  /**
   * Whatever the server answers to `op` (its status and the start of its body), whatever the status but
   * a redirect (refused as `request` refuses it): to learn what is at the address, not to read data.
   * Transport failures (refused, unknown host, timeout, TLS) throw as `request` throws them.
   */
  async answer(op: Omit<Operation<unknown>, 'schema'>, options: RequestOptions = {}): Promise<{ status: number; text: string; json: unknown }> {
    const full: Operation<unknown> = { ...op, schema: ErrorBody, maxResponseBytes: op.maxResponseBytes ?? MAX_ERROR_BODY_BYTES };
    return this.retrying(full, options, async () => {
      const { response, body } = await this.exchange(full, options);
      const text = decodeText(body.chunks);
      if (response.status >= 300 && response.status < 400) {
        throw this.statusError(full, response, text);
      }
      let json: unknown;
      try {
        json = body.notJson ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, text, json };
    });
  }

  /** `send`, and for a GET once more after a transient failure (a reset, a 502…). */
  private async retrying<R>(op: Operation<unknown>, options: RequestOptions, send: () => Promise<R>): Promise<R> {
    const idempotent = op.method === 'GET';
    const attempts = idempotent ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (e) {
        const retry = attempt < attempts && e instanceof RetryableError && !options.signal?.aborted;
        if (!retry) {
          throw e instanceof RetryableError ? e.error : e;
        }
        this.log?.(`${op.method} ${op.logPath ?? op.path}: retrying once after ${e.error.code ?? e.error.status}`);
        await sleep(this.retryDelayMs, options.signal);
      }
    }
  }

  private async once<T>(op: Operation<T>, options: RequestOptions): Promise<T> {
    const { response, body } = await this.exchange(op, options);
    if (response.status >= 200 && response.status < 300) {
      if (body.notJson) {
        throw this.notJson(op, response.status, decodeText(body.chunks));
      }
      op.onBodySize?.(body.bytes);
      return await this.parse(op, response.status, body.chunks, options.signal);
    }
    const error = this.statusError(op, response, decodeText(body.chunks));
    if (op.method === 'GET' && RETRYABLE_STATUS.has(response.status)) {
      throw new RetryableError(error);
    }
    throw error;
  }

  /** Sends `op` once and reads its answer's body (bounded); a transport failure throws a TykError (a RetryableError for a GET's transient one). */
  private async exchange<T>(op: Operation<T>, options: RequestOptions): Promise<{ response: AxiosResponse<Readable>; body: Body }> {
    if (options.signal?.aborted) {
      throw this.cancelled(undefined);
    }
    if (!mayRequest(this.baseUrl, this.allowInsecureHttp)) {
      throw new TykError(
        'tls',
        l10n.t(
          'Not sent: {0} is a plain http:// address of another machine, so the credential would cross the network unencrypted. Use https://, or confirm plain http for this connection (set "allowInsecureHttp": true in the setting tyk.connections).',
          this.origin,
        ),
        { code: 'INSECURE_HTTP' },
      );
    }
    const limit = deadline(this.timeoutMs, options.signal);
    const started = Date.now();
    const logPath = op.logPath ?? op.path;
    const maxBytes = op.maxResponseBytes ?? this.maxBytes;
    let response: AxiosResponse<Readable>;
    let body: Body;
    try {
      response = await this.axios.request<Readable>({
        method: op.method,
        url: op.path,
        params: op.query,
        data: op.body === undefined ? undefined : JSON.stringify(op.body),
        headers: op.body === undefined ? {} : { 'content-type': 'application/json' },
        signal: limit.signal,
        maxContentLength: maxBytes,
      });
      const success = response.status >= 200 && response.status < 300;
      body = await readBody(response.data, success ? maxBytes : MAX_ERROR_BODY_BYTES, success, limit.signal);
    } catch (e) {
      const error = this.transportError(e, op, limit.timedOut(), options.signal?.aborted === true, maxBytes);
      this.log?.(`${op.method} ${logPath} → ${error.code ?? error.kind} after ${Date.now() - started} ms`);
      if (op.method === 'GET' && error.code && RETRYABLE_CODES.has(error.code)) {
        throw new RetryableError(error);
      }
      throw error;
    } finally {
      limit.dispose();
    }
    this.log?.(`${op.method} ${logPath} → ${response.status} in ${Date.now() - started} ms (${body.bytes}${body.complete ? '' : '+'} bytes)`);
    return { response, body };
  }

  /** The answer checked against the operation's schema; a large one in slices (see jsonSlices.ts). */
  private async parse<T>(op: Operation<T>, status: number, body: readonly Buffer[], signal: AbortSignal | undefined): Promise<T> {
    const writeSucceeded = op.method !== 'GET';
    // An answer to a write is read to the end whatever happens: it may be the only copy of a new key.
    const slicer = new Slicer(writeSucceeded ? undefined : signal);
    let result: Checked<T>;
    try {
      result = await checkJson(op.schema, await parseJson(body, slicer), slicer);
    } catch (e) {
      if (e instanceof CancelledError) {
        throw this.cancelled(undefined);
      }
      throw this.notJson(op, status, decodeText(body, MAX_ERROR_BODY_BYTES));
    }
    if (!result.success) {
      const issue = result.issue;
      // The path may hold names the server chose (record keys): short, one line, never a secret.
      const where = issue.path.length > 0 ? this.redactor.excerpt(issue.path.map(String).join('.'), 80, [this.credential]) : '';
      const server = productName(this.flavor);
      throw new TykError(
        'bad-response',
        where
          ? l10n.t('The {0} answered "{1}" with data of an unexpected shape at {2} ({3}). Is this a {4}, and is its version supported?', this.label, op.what, where, issue.message, server)
          : l10n.t('The {0} answered "{1}" with data of an unexpected shape ({2}). Is this a {3}, and is its version supported?', this.label, op.what, issue.message, server),
        { status, outcomeUnknown: writeSucceeded },
      );
    }
    return result.data;
  }

  /** A successful answer that is not JSON (only its start was read when it did not even begin like JSON). */
  private notJson<T>(op: Operation<T>, status: number, body: string): TykError {
    return new TykError(
      'bad-response',
      looksLikeHtml(body)
        ? l10n.t(
            'The {0} answered "{1}" with something that is not JSON (an HTML page: is the URL the API address of the server, not a web page or a proxy’s?): {2}',
            this.label,
            op.what,
            this.quote(body),
          )
        : l10n.t('The {0} answered "{1}" with something that is not JSON: {2}', this.label, op.what, this.quote(body)),
      { status, outcomeUnknown: op.method !== 'GET' },
    );
  }

  private statusError<T>(op: Operation<T>, response: AxiosResponse<unknown>, body: string): TykError {
    const status = response.status;
    const serverMessage = this.serverMessage(body);
    const mapped = op.onStatus?.(status, serverMessage);
    if (mapped) {
      return mapped;
    }
    const details = { status, serverMessage };
    const label = this.label;
    const server = productName(this.flavor);
    if (status >= 300 && status < 400) {
      const location = typeof response.headers.location === 'string' ? response.headers.location : '';
      return new TykError(
        'bad-response',
        location
          ? l10n.t(
              'The {0} answered "{1}" with a redirect to {2} ({3}). The extension does not follow redirects, so the credential is never sent elsewhere: set the connection URL to the final address (for example https:// instead of http://).',
              label,
              op.what,
              originOf(location, this.baseUrl),
              status,
            )
          : l10n.t(
              'The {0} answered "{1}" with a redirect ({2}). The extension does not follow redirects, so the credential is never sent elsewhere: set the connection URL to the final address (for example https:// instead of http://).',
              label,
              op.what,
              status,
            ),
        details,
      );
    }
    if (status === 401 || (this.flavor === 'gateway' && status === 403 && /administrative access/i.test(serverMessage ?? ''))) {
      return new TykError(
        'unauthorized',
        l10n.t('The {0} rejected the credential: {1}, then run “Tyk: Update Credential…”.', server, credentialHint(this.flavor)),
        details,
      );
    }
    if (status === 403 && serverMessage && /malformed/i.test(serverMessage)) {
      // (A server message is there: it says "malformed".)
      return new TykError('bad-request', l10n.t('The {0} refused to {1}: the request was malformed (it said: "{2}").', label, op.what, serverMessage), details);
    }
    if (status === 403 && !/access denied|permission/i.test(serverMessage ?? 'access denied')) {
      // Other 403s carry a Gateway refusal passed through by the Dashboard (e.g. a key without rights).
      return new TykError(
        'bad-request',
        serverMessage ? l10n.t('The {0} refused to {1} (it said: "{2}").', label, op.what, serverMessage) : l10n.t('The {0} refused to {1}.', label, op.what),
        details,
      );
    }
    if (status === 403 && this.flavor === 'gateway') {
      // A Gateway has no users: a 403 that is not about the secret comes from something in front of it.
      return new TykError(
        'forbidden',
        serverMessage
          ? l10n.t('The {0} forbade it to {1} (it said: "{2}"): a proxy or firewall in front of the Gateway may block that path. Check with whoever runs it.', label, op.what, serverMessage)
          : l10n.t('The {0} forbade it to {1}: a proxy or firewall in front of the Gateway may block that path. Check with whoever runs it.', label, op.what),
        details,
      );
    }
    if (status === 403) {
      return new TykError(
        'forbidden',
        serverMessage
          ? l10n.t(
              'Your {0} user may not {1} (it said: "{2}"). Ask an administrator for that permission (Dashboard: Users → your user → Permissions).',
              server,
              op.what,
              serverMessage,
            )
          : l10n.t('Your {0} user may not {1}. Ask an administrator for that permission (Dashboard: Users → your user → Permissions).', server, op.what),
        details,
      );
    }
    if (status === 404) {
      if (!serverMessage) {
        return new TykError(
          'not-found',
          this.flavor === 'gateway'
            ? l10n.t('The {0} has no such address ({1}) when trying to {2}: is the URL the {3}’s own address, and is the Gateway not in RPC (worker) mode?', label, status, op.what, server)
            : l10n.t('The {0} has no such address ({1}) when trying to {2}: is the URL the {3}’s own address?', label, status, op.what, server),
          details,
        );
      }
      return new TykError(
        'not-found',
        l10n.t('Not found: the {0} could not {1} (it said: "{2}"). It may have been deleted: refresh and try again.', label, op.what, serverMessage),
        details,
      );
    }
    if (status === 429) {
      const retryAfter = retryAfterSeconds(response.headers['retry-after']);
      return new TykError(
        'rate-limited',
        retryAfter !== undefined
          ? l10n.t('The {0} is rate limiting requests: try again in {1}.', label, format().duration(retryAfter))
          : l10n.t('The {0} is rate limiting requests: try again in a moment.', label),
        { ...details, ...(retryAfter !== undefined ? { retryAfter } : {}) },
      );
    }
    if (status >= 400 && status < 500) {
      return new TykError(
        'bad-request',
        serverMessage ? l10n.t('The {0} refused to {1} ({2}) (it said: "{3}").', label, op.what, status, serverMessage) : l10n.t('The {0} refused to {1} ({2}).', label, op.what, status),
        details,
      );
    }
    const proxyPage = !serverMessage && looksLikeHtml(body);
    // The reason phrase is the server's text too: redacted and made plain like its body.
    const statusText = this.redactor.excerpt(response.statusText || '', 80, [this.credential]);
    return new TykError(
      'server',
      proxyPage
        ? (statusText
            ? l10n.t(
                'Something in front of the {0} answered {1} {2} with an HTML page while trying to {3}: {4}. Check the server or the proxy, then try again.',
                label,
                status,
                statusText,
                op.what,
                this.quote(body),
              )
            : l10n.t('Something in front of the {0} answered {1} with an HTML page while trying to {2}: {3}. Check the server or the proxy, then try again.', label, status, op.what, this.quote(body))
          ).replace(/ {2,}/g, ' ')
        : serverMessage
          ? l10n.t('The {0} failed to {1} ({2}) (it said: "{3}"). Try again later, or check the server’s logs.', label, op.what, status, serverMessage)
          : l10n.t('The {0} failed to {1} ({2}). Try again later, or check the server’s logs.', label, op.what, status),
      { ...details, outcomeUnknown: op.method !== 'GET' && status >= 500 },
    );
  }

  private transportError<T>(e: unknown, op: Operation<T>, timedOut: boolean, cancelled: boolean, maxBytes: number): TykError {
    const write = op.method !== 'GET';
    const code = errorCode(e);
    if (cancelled) {
      return this.cancelled(write ? op.what : undefined);
    }
    if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new TykError(
        'timeout',
        write
          ? l10n.t(
              'The {0} did not answer in time ({1}) to {2}. The request may have reached it, so it may have worked: check before trying again.',
              this.label,
              format().duration(Math.round(this.timeoutMs / 1000)),
              op.what,
            )
          : l10n.t('The {0} did not answer in time ({1}) to {2}. Check that the server is up and reachable, then try again.', this.label, format().duration(Math.round(this.timeoutMs / 1000)), op.what),
        // Our own deadline ends the request through its AbortSignal (axios says ERR_CANCELED): a timeout.
        { code: timedOut ? 'ETIMEDOUT' : (code ?? 'ETIMEDOUT'), outcomeUnknown: write },
      );
    }
    if (code && TLS_CODES.has(code)) {
      const selfSigned = /SELF_SIGNED|UNABLE_TO|UNTRUSTED/.test(code);
      const text =
        code === 'EPROTO'
          ? l10n.t('Could not open a secure connection to {0}: is it really an https:// address (and not http://)?', this.origin)
          : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
            ? l10n.t('The certificate of {0} is for another host name. Use the host name on the certificate.', this.origin)
            : code === 'CERT_HAS_EXPIRED'
              ? l10n.t('The certificate of {0} has expired.', this.origin)
              : selfSigned
                ? l10n.t(
                    'The certificate of {0} is not trusted (self-signed or from a private CA). Add the CA certificate to this connection, or allow self-signed certificates for this connection only.',
                    this.origin,
                  )
                : l10n.t('The certificate of {0} was rejected ({1}).', this.origin, code);
      return new TykError('tls', text, { code });
    }
    if (code === 'TOO_LARGE' || (code === 'ERR_BAD_RESPONSE' && e instanceof Error && /maxContentLength/.test(e.message))) {
      return new TykError(
        'bad-response',
        l10n.t("The {0}'s answer to {1} is larger than {2} MB, so it was not read. Is the URL right?", this.label, op.what, Math.max(1, Math.round(maxBytes / 1024 / 1024))),
        { code: 'TOO_LARGE', outcomeUnknown: write },
      );
    }
    const reason =
      code === 'ECONNREFUSED'
        ? l10n.t('the connection was refused: is the server running on that port?')
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? l10n.t('the host name was not found: check the URL.')
          : code === 'ECONNRESET' || code === 'EPIPE'
            ? l10n.t('the connection was closed in the middle of the answer.')
            : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
              ? l10n.t('the host cannot be reached from this machine (network or VPN?).')
              : l10n.t('the request failed ({0}).', code ?? l10n.t('unknown network error'));
    const maybeSent = write && code !== undefined && MAYBE_SENT_CODES.has(code);
    return new TykError(
      'network',
      maybeSent
        ? l10n.t('Could not {0} on the {1}: {2} The request may have reached the server: check before trying again.', op.what, this.label, reason)
        : l10n.t('Could not {0} on the {1}: {2}', op.what, this.label, reason),
      { code: code ?? 'ENETWORK', outcomeUnknown: maybeSent },
    );
  }

  /** `sentWrite`: what a write that was already sent was to do; its outcome is then unknown. */
  private cancelled(sentWrite: string | undefined): TykError {
    return sentWrite === undefined
      ? new TykError('cancelled', l10n.t('Cancelled before the server answered.'))
      : new TykError('cancelled', l10n.t('Cancelled while the request to {0} was under way: the {1} may have done it anyway. Refresh to see.', sentWrite, this.label), {
          outcomeUnknown: true,
        });
  }

  private serverMessage(body: string): string | undefined {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return undefined;
    }
    const parsed = ErrorBody.safeParse(json);
    if (!parsed.success) {
      return undefined;
    }
    const message = parsed.data.Message ?? parsed.data.message;
    return message ? this.redactor.excerpt(message, 300, [this.credential]) : undefined;
  }

  private quote(body: string): string {
    const text = this.redactor.excerpt(body, 200, [this.credential]);
    return text ? l10n.t('“{0}”', text) : l10n.t('(an empty body)');
  }
}

class RetryableError extends Error {
  constructor(readonly error: TykError) {
    super(error.message);
  }
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) {
    return undefined;
  }
  const direct = (e as { code?: unknown }).code;
  const cause = (e as { cause?: { code?: unknown } }).cause?.code;
  const code = typeof direct === 'string' && direct !== 'ERR_NETWORK' ? direct : typeof cause === 'string' ? cause : direct;
  // An answer cut off mid-body (the connection closed before the end of a chunked body) is what
  // axios calls "stream has been aborted" (ERR_BAD_RESPONSE): for the user it is a reset connection.
  if (code === 'ERR_BAD_RESPONSE' && e instanceof Error && /stream has been aborted/i.test(e.message)) {
    return 'ECONNRESET';
  }
  return typeof code === 'string' ? code : undefined;
}

export function looksLikeHtml(text: string): boolean {
  const body = text.slice(0, MAX_ERROR_BODY_BYTES);
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(body) || /<\/(html|body|h1|title)>/i.test(body);
}

interface Body {
  /** As read (decodeText gives the text). */
  chunks: Buffer[];
  /** Bytes read (all of them when `complete`). */
  bytes: number;
  /** False when reading stopped at the bound of an error page or of a body that is not JSON. */
  complete: boolean;
  /** A successful answer whose first character cannot begin JSON: only its start was read. */
  notJson: boolean;
}

/** The bytes JSON may begin with, after whitespace: { [ " - 0-9 t f n. */
function mayStartJson(byte: number): boolean {
  return byte === 0x7b || byte === 0x5b || byte === 0x22 || byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e;
}

const BOM = [0xef, 0xbb, 0xbf];

class BodyError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Reads an answer's body, chunk by chunk (no step longer than one chunk), holding at most `cap` bytes.
 * `success`: a larger body is an error (TOO_LARGE), and a body that does not begin like JSON is read only
 * to MAX_ERROR_BODY_BYTES; otherwise (an error page) reading stops at `cap`, and what was read is kept.
 */
function readBody(stream: Readable, cap: number, success: boolean, signal: AbortSignal): Promise<Body> {
  return new Promise<Body>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let limit = cap;
    let sniffed = !success;
    let notJson = false;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) {
        return;
      }
      settled = true;
      signal.removeEventListener('abort', onAbort);
      stream.removeListener('data', onData);
      outcome();
    };
    const done = (complete: boolean): void => settle(() => resolve({ chunks, bytes, complete, notJson }));
    const fail = (error: unknown): void => settle(() => reject(error instanceof Error ? error : new Error(String(error))));
    const stop = (): void => {
      stream.destroy();
    };
    function onAbort(): void {
      fail(new BodyError('aborted', 'ECONNABORTED'));
      stop();
    }
    function onData(chunk: Buffer): void {
      if (!sniffed) {
        for (let i = 0; i < chunk.length && !sniffed; i++) {
          const at = bytes + i;
          const byte = chunk[i] ?? 0;
          if ((at < 3 && byte === BOM[at]) || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) {
            continue;
          }
          sniffed = true;
          if (!mayStartJson(byte)) {
            notJson = true;
            limit = Math.min(limit, MAX_ERROR_BODY_BYTES);
          }
        }
      }
      if (bytes + chunk.length > limit) {
        if (success && !notJson) {
          fail(new BodyError(`larger than ${limit} bytes`, 'TOO_LARGE'));
        } else {
          chunks.push(chunk.subarray(0, limit - bytes));
          bytes = limit;
          done(false);
        }
        stop();
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    }
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', () => done(true));
    stream.once('error', (e) => fail(e));
    // Closed without an end: the connection went away in the middle of the body.
    stream.once('close', () => fail(new BodyError('stream has been aborted', 'ECONNRESET')));
  });
}

function retryAfterSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function originOf(location: string, base: string): string {
  try {
    return new URL(location, base).origin;
  } catch {
    return l10n.t('another address');
  }
}
