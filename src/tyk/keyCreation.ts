// Key creation, the same on both APIs up to the request: inputs are checked before anything is sent.
import { randomBytes } from 'node:crypto';
import type { UpdateKeyOptions } from './client';
import { TykError } from './errors';
import type { HttpTransport, RequestOptions } from './http';
import { buildSessionState, checkKeySpec, checkSession, hasControlCharacters, reusableSession, rotationSession } from '../domain/keySpec';
import * as l10n from '@vscode/l10n';
import { maskKey } from '../domain/mask';
import type { ApiPage, BasicAuthCredentials, CreatedKey, KeyDetails, KeyRef, KeySpec } from '../domain/model';

/** A new basic-auth password: 24 random bytes, URL-safe base64 (32 characters). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Where a create is sent: a generated key, a key id of the user's choosing, or a basic-auth user. */
export type KeyRoute = { kind: 'generated' } | { kind: 'custom'; id: string } | { kind: 'basic'; username: string };

/** The path a create is posted to, per route: `{prefix}` for a generated key, `{prefix}/{id}` for a chosen one. */
export function createPath(route: KeyRoute, generated: string, custom: string, basic: string): { path: string; logPath: string } {
  switch (route.kind) {
    case 'generated':
      return { path: generated, logPath: generated };
    case 'custom':
      return { path: `${custom}/${encodeURIComponent(route.id)}`, logPath: `${custom}/${maskKey(route.id)}` };
    case 'basic':
      return { path: `${basic}/${encodeURIComponent(route.username)}`, logPath: `${basic}/${encodeURIComponent(route.username)}` };
  }
}

/**
 * The created key from a create's answer. Only a basic-auth user may come without a key id (a Gateway that
 * hashes keys answers `"key": ""` with `key_hash`: gateway/api.go handleAddOrUpdate); else `missing` is thrown.
 */
export function toCreatedKey(
  answer: { key: string | undefined; keyHash: string | null | undefined; hmacSecret?: string | null },
  route: KeyRoute,
  missing: () => TykError,
): CreatedKey {
  const key = answer.key ?? '';
  if (!key && !(route.kind === 'basic' && answer.keyHash)) {
    throw missing();
  }
  const created: CreatedKey = { key };
  if (answer.keyHash) {
    created.keyHash = answer.keyHash;
  }
  if (answer.hmacSecret) {
    created.hmacSecret = answer.hmacSecret;
  }
  if (route.kind === 'basic') {
    created.username = route.username;
  }
  return created;
}

export interface CopyKeyOptions extends RequestOptions {
  /**
   * Rotation of a certificate-bound key: the certificate the new key is bound to. The old binding is never
   * copied (Tyk allows one key per certificate); without this the copy is an unbound key.
   */
  certificate?: string;
}

/** What the Dashboard and Gateway clients share: their transport, the credential check, and creating keys. */
export abstract class KeyCreation {
  protected abstract readonly http: HttpTransport;

  abstract listApisPage(page: number, options?: RequestOptions): Promise<ApiPage>;

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Closes the client's kept-alive sockets. */
  dispose(): void {
    this.http.dispose();
  }

  /** The first page of APIs: the cheapest call that needs the credential. */
  checkCredential(options?: RequestOptions): Promise<ApiPage> {
    return this.listApisPage(1, options);
  }

  async createKey(spec: KeySpec, options?: RequestOptions): Promise<CreatedKey> {
    const problem = checkKeySpec(spec);
    if (problem) {
      throw new TykError('bad-request', problem);
    }
    const route: KeyRoute = spec.basicAuth
      ? { kind: 'basic', username: spec.basicAuth.username }
      : spec.customKeyId !== undefined
        ? { kind: 'custom', id: spec.customKeyId }
        : { kind: 'generated' };
    const created = await this.postKey(buildSessionState(spec), options, route);
    return this.withHmacSecret(created, spec.hmac === true, options);
  }

  async createKeyFromSession(session: Record<string, unknown>, options: CopyKeyOptions = {}): Promise<CreatedKey> {
    const problem = checkSession(session);
    if (problem) {
      throw new TykError('bad-request', problem);
    }
    const created = await this.postKey(rotationSession(session, options.certificate), options, { kind: 'generated' });
    return this.withHmacSecret(created, session.hmac_enabled === true, options);
  }

  /**
   * The secret Tyk generated for an HMAC key (gateway/api.go: GenerateHMACSecret, whatever the client
   * sent), read back when the create's answer does not carry it. A failed read leaves it out: the key
   * exists, and its details show the secret.
   */
  private async withHmacSecret(created: CreatedKey, hmac: boolean, options: RequestOptions | undefined): Promise<CreatedKey> {
    if (!hmac || created.hmacSecret) {
      return created;
    }
    const ref: KeyRef | undefined = created.key ? { id: created.key } : created.keyHash ? { id: created.keyHash, hashed: true } : undefined;
    if (!ref) {
      return created;
    }
    try {
      const secret = (await this.getKey(ref, options)).hmacSecret;
      return secret ? { ...created, hmacSecret: secret } : created;
    } catch {
      // Even cancelled: the key exists and must reach the user.
      return created;
    }
  }

  /**
   * Rotates a basic-auth user as Tyk means it: the same user with a new password (Tyk hashes it on PUT
   * when it differs from the stored hash, gateway/api.go handleAddOrUpdate). The session is sent back as
   * read, with the quota kept; a password is generated unless one is given.
   */
  async setBasicAuthPassword(ref: KeyRef, password: string = generatePassword(), options?: RequestOptions): Promise<BasicAuthCredentials> {
    if (password.length === 0 || hasControlCharacters(password)) {
      throw new TykError('bad-request', l10n.t('The password must not be empty (nor hold control characters).'));
    }
    const details = await this.getKey(ref, options);
    if (details.kind !== 'basic') {
      throw new TykError('bad-request', l10n.t('The key {0} is not a basic-auth user: it has no password to set.', maskKey(ref.id)));
    }
    const session = reusableSession(details.session);
    const basic = session.basic_auth_data;
    session.basic_auth_data = { ...(typeof basic === 'object' && basic !== null ? basic : {}), password };
    await this.updateKey(ref, session, { ...options, suppressReset: true });
    return { username: details.username ?? details.keyId, password };
  }

  abstract getKey(ref: KeyRef, options?: RequestOptions): Promise<KeyDetails>;
  abstract updateKey(ref: KeyRef, session: Record<string, unknown>, options?: UpdateKeyOptions): Promise<void>;

  /** Sends the SessionState once (never retried) and reads the new key from the answer. */
  protected abstract postKey(body: Record<string, unknown>, options: RequestOptions | undefined, route: KeyRoute): Promise<CreatedKey>;
}
