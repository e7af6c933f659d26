// Hands out one Tyk client per connection, built on first use and dropped (its sockets closed) when the
// connection or its credential changes. Every client shares the log's redactor: a credential or a key
// listed in the tree is hidden in what any server echoes back, as in the log.
import * as vscode from 'vscode';
import type { TykClient } from '../tyk/client';
import { createTykClient, probeAddress } from '../tyk';
import { readCaFile } from '../tyk/tls';
import { TykError, credentialHint, isTykError, type AddressProblem, type CredentialProblem } from '../tyk/errors';
import type { Connection, ConnectionStore } from './connections';
import type { Log } from './log';
import { productName } from '../domain/labels';

export class ClientProvider implements vscode.Disposable {
  private readonly cache = new Map<string, { fingerprint: string; credential: string; client: TykClient }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: Log,
    /** How long a request may take (tyk.requestTimeoutSeconds, from the environment). */
    readonly timeoutMs: () => number,
  ) {
    this.subscription = store.onDidChange(() => this.forget());
  }

  async get(connection: Connection): Promise<TykClient> {
    const { credential, moved } = await this.store.storedCredential(connection.id);
    if (moved) {
      throw new TykError(
        'unauthorized',
        vscode.l10n.t('The address of “{0}” changed since its credential was entered, so the credential was not sent to {1}: run “Tyk: Update Credential…” to enter it for this address.', connection.name, connection.url),
      );
    }
    if (!credential) {
      throw new TykError('unauthorized', vscode.l10n.t('No credential is stored for “{0}”: run “Tyk: Update Credential…” to add it.', connection.name));
    }
    this.log.redactor.addCredential(credential);
    const fingerprint = JSON.stringify([connection.kind, connection.url, connection.caFile, connection.allowSelfSigned, connection.allowInsecureHttp, this.timeoutMs()]);
    const cached = this.cache.get(connection.id);
    if (cached && cached.fingerprint === fingerprint && cached.credential === credential) {
      return cached.client;
    }
    cached?.client.dispose();
    const caCertificate = connection.caFile ? await this.readCa(connection) : undefined;
    const client = createTykClient({
      flavor: connection.kind,
      baseUrl: connection.url,
      credential,
      timeoutMs: this.timeoutMs(),
      ...(caCertificate ? { caCertificate } : {}),
      ...(connection.allowSelfSigned ? { allowSelfSigned: true } : {}),
      // Plain http to another machine only when the user confirmed it (checked again at each request).
      ...(connection.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      redactor: this.log.redactor,
      log: (line) => this.log.debug(`[${connection.name}] ${line}`),
    });
    this.cache.set(connection.id, { fingerprint, credential, client });
    return client;
  }

  private async readCa(connection: Connection): Promise<Buffer> {
    try {
      return await readCaFile(connection.caFile ?? '');
    } catch (e) {
      if (!isTykError(e)) {
        throw e;
      }
      // readCaFile says what is wrong with the file; say which connection and where to fix it.
      throw new TykError('tls', vscode.l10n.t('{0} (connection “{1}”: fix the path in the setting tyk.connections.)', e.message, connection.name), {
        ...(e.code ? { code: e.code } : {}),
      });
    }
  }

  /** Keys listed in the tree: masked from now on in the log and in every server message. */
  rememberListedKeys(keys: readonly string[]): void {
    this.log.redactor.addKeys(keys);
  }

  /** Drops the cached clients, closing their kept-alive sockets. */
  private forget(): void {
    for (const { client } of this.cache.values()) {
      client.dispose();
    }
    this.cache.clear();
  }

  dispose(): void {
    this.subscription.dispose();
    this.forget();
  }
}

/**
 * Asks the server whether a credential works, before anything is saved. Resolves with why it does
 * not (401, 403, unreachable, TLS…), or undefined when it does.
 */
export async function verifyCredential(
  target: { kind: Connection['kind']; url: string; caFile?: string; allowSelfSigned?: boolean; allowInsecureHttp?: boolean },
  credential: string,
  log: Log,
  timeoutMs: number,
): Promise<CredentialProblem | undefined> {
  log.redactor.addCredential(credential);
  try {
    const caCertificate = target.caFile ? await readCaFile(target.caFile) : undefined;
    const client = createTykClient({
      flavor: target.kind,
      baseUrl: target.url,
      credential,
      timeoutMs,
      ...(caCertificate ? { caCertificate } : {}),
      ...(target.allowSelfSigned ? { allowSelfSigned: true } : {}),
      ...(target.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      redactor: log.redactor,
      log: (line) => log.debug(`[check ${target.url}] ${line}`),
    });
    try {
      const page = await client.checkCredential();
      log.info(`Credential accepted by ${target.url} (${page.pages} page(s) of APIs)`);
      return undefined;
    } finally {
      client.dispose();
    }
  } catch (e) {
    const found = problemOf(e);
    log.warn(`Credential check against ${target.url} failed: ${found.message}`);
    // The user is typing the credential right now: the fix is to paste it again here (not to run
    // Update Credential…, as the server's refusal says).
    return isTykError(e) && e.kind === 'unauthorized' && e.status !== undefined
      ? { ...found, message: vscode.l10n.t('The {0} rejected the credential: {1}, and paste it here.', productName(target.kind), credentialHint(target.kind)) }
      : found;
  }
}

/** A failed check's problem: the TykError's message, kind and code. */
function problemOf(e: unknown): CredentialProblem {
  const message = e instanceof Error ? e.message : String(e);
  return isTykError(e) ? { message, kind: e.kind, ...(e.code ? { code: e.code } : {}) } : { message, kind: 'unknown' };
}

/**
 * Asks the address whether a Tyk of `target.kind` answers there, sending no credential (Add
 * Connection's address step). Resolves with why not — refused, unknown host, timeout, TLS, a server
 * that is not a Tyk (`not-tyk`), cancelled through `signal` — or undefined when one does.
 */
export async function checkAddress(
  target: { kind: Connection['kind']; url: string; caFile?: string; allowSelfSigned?: boolean },
  log: Log,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<AddressProblem | undefined> {
  try {
    const caCertificate = target.caFile ? await readCaFile(target.caFile) : undefined;
    const answer = await probeAddress(
      {
        flavor: target.kind,
        baseUrl: target.url,
        timeoutMs,
        ...(caCertificate ? { caCertificate } : {}),
        ...(target.allowSelfSigned ? { allowSelfSigned: true } : {}),
        log: (line) => log.debug(`[address ${target.url}] ${line}`),
      },
      signal ? { signal } : {},
    );
    if (!answer.tyk) {
      log.warn(`Address check: ${answer.message}`);
      return { message: answer.message, kind: 'not-tyk' };
    }
    log.info(`Address check: a ${productName(target.kind)} answers at ${target.url}`);
    return undefined;
  } catch (e) {
    const found = problemOf(e);
    log.warn(`Address check of ${target.url} failed: ${found.message}`);
    return found;
  }
}
