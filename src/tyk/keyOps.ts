// The key operations both APIs share: read, update and revoke one key, by key or by hash.
import { TykError } from './errors';
import type { Operation } from './http';
import { maskKey } from './mask';
import type { KeyRef } from './model';
import { SessionState, type Schema } from './schemas';

const VERBS = { read: ['GET', 'read'], update: ['PUT', 'update'], revoke: ['DELETE', 'revoke'] } as const;

/**
 * `{prefix}/{key}` with the key encoded in the path and masked in the log; `hashed=1` only for a
 * hash (Tyk reads any non-empty `hashed`, even "false", as true); `suppress_reset=1` on updates
 * unless a quota reset is asked for.
 */
export function keyOperation<T>(
  action: keyof typeof VERBS,
  prefix: string,
  ref: KeyRef,
  schema: Schema<T>,
  server: string,
  update: { body?: Record<string, unknown>; suppressReset?: boolean } = {},
): Operation<T> {
  const [method, verb] = VERBS[action];
  const query: Record<string, string> = ref.hashed ? { hashed: '1' } : {};
  if (action === 'update' && update.suppressReset !== false) {
    query.suppress_reset = '1';
  }
  return {
    method,
    path: `${prefix}/${encodeURIComponent(ref.id)}`,
    logPath: `${prefix}/${maskKey(ref.id)}`,
    query,
    ...(update.body ? { body: update.body } : {}),
    schema,
    what: `${verb} the key ${maskKey(ref.id)}`,
    onStatus: (status) =>
      status === 404
        ? new TykError('not-found', `The key ${maskKey(ref.id)} was not found on the ${server}: it may have been revoked or may have expired.`, { status })
        : undefined,
  };
}

/** The fields the extension reads from a key's session, checked. */
export function parseSession(raw: unknown, server: string): SessionState {
  const session = SessionState.safeParse(raw);
  if (!session.success) {
    throw new TykError('bad-response', `The ${server} answered with a key session of an unexpected shape (${session.error.issues[0]?.message ?? 'invalid'}).`);
  }
  return session.data;
}
