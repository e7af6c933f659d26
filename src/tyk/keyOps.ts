// The key operations both APIs share: read, update and revoke one key, by key or by hash.
import { plainText } from '../domain/displayText';
import { TykError, keyWriteRefusal } from './errors';
import * as l10n from '@vscode/l10n';
import type { Operation } from './http';
import { maskKey } from '../domain/mask';
import type { KeyRef } from '../domain/model';
import { SessionState, type Schema } from './schemas';

const METHODS = { read: 'GET', update: 'PUT', revoke: 'DELETE' } as const;

/** What the user was doing, for messages: "read the key abcd…9f2e". */
function whatOf(action: keyof typeof METHODS, masked: string): string {
  switch (action) {
    case 'read':
      return l10n.t('read the key {0}', masked);
    case 'update':
      return l10n.t('update the key {0}', masked);
    case 'revoke':
      return l10n.t('revoke the key {0}', masked);
  }
}

/**
 * `{prefix}/{key}` with the key encoded in the path and masked in the log; `hashed=1` only for a
 * hash (Tyk reads any non-empty `hashed`, even "false", as true); `suppress_reset=1` on updates
 * unless a quota reset is asked for.
 */
export function keyOperation<T>(
  action: keyof typeof METHODS,
  prefix: string,
  ref: KeyRef,
  schema: Schema<T>,
  server: string,
  update: { body?: Record<string, unknown>; suppressReset?: boolean } = {},
): Operation<T> {
  const method = METHODS[action];
  const query: Record<string, string> = ref.hashed ? { hashed: '1' } : {};
  if (action === 'update' && update.suppressReset !== false) {
    query.suppress_reset = '1';
  }
  if (!isAddressable(ref.id)) {
    throw new TykError(
      'bad-response',
      l10n.t('The key {0} (as the {1} listed it) cannot be put in an address: it is empty, “.” or “..”, or not valid text.', maskKey(ref.id), server),
    );
  }
  return {
    method,
    path: `${prefix}/${encodeURIComponent(ref.id)}`,
    logPath: `${prefix}/${maskKey(ref.id)}`,
    query,
    ...(update.body ? { body: update.body } : {}),
    schema,
    what: whatOf(action, maskKey(ref.id)),
    onStatus: (status, message) =>
      status === 404
        ? new TykError('not-found', l10n.t('The key {0} was not found on the {1}: it may have been revoked or may have expired.', maskKey(ref.id), server), { status })
        : action === 'update'
          ? keyWriteRefusal(status, message, server)
          : undefined,
  };
}

/**
 * Whether an id can be one segment of a URL path: not empty (that addresses the collection), not a dot
 * segment (`.`, `..`, or one written with percent-encoded dots, `%2e`, `%2E%2e`, `%252e`…: a URL resolves
 * it to another path, so `DELETE /api/keys/..` would be `DELETE /api/`), and valid text (a lone UTF-16
 * surrogate cannot be encoded).
 */
export function isAddressable(id: string): boolean {
  const dots = id.replace(/%(?:25)*2e/gi, '.');
  if (id === '' || dots === '.' || dots === '..') {
    return false;
  }
  try {
    encodeURIComponent(id);
    return true;
  } catch {
    return false;
  }
}

/** `id` encoded as one segment of a URL path; a TykError('bad-request') when it cannot be one (see `isAddressable`). */
export function pathSegment(id: string, what: string): string {
  if (!isAddressable(id)) {
    throw new TykError('bad-request', l10n.t('The {0} “{1}” cannot be put in an address: it is empty, “.” or “..”, or not valid text.', what, plainText(id, 80)));
  }
  return encodeURIComponent(id);
}

/** The fields the extension reads from a key's session, checked. */
export function parseSession(raw: unknown, server: string): SessionState {
  const session = SessionState.safeParse(raw);
  if (!session.success) {
    throw new TykError('bad-response', l10n.t('The {0} answered with a key session of an unexpected shape ({1}).', server, session.error.issues[0]?.message ?? l10n.t('invalid')));
  }
  return session.data;
}
