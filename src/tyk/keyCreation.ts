// Key creation, the same on both APIs up to the request: inputs are checked before anything is sent.
import { TykError } from './errors';
import type { RequestOptions } from './http';
import { buildSessionState, checkKeySpec, checkSession, reusableSession } from './keySpec';
import type { CreatedKey, KeySpec } from './model';

export abstract class KeyCreation {
  createKey(spec: KeySpec, options?: RequestOptions): Promise<CreatedKey> {
    const problem = checkKeySpec(spec);
    if (problem) {
      return Promise.reject(new TykError('bad-request', problem));
    }
    return this.postKey(buildSessionState(spec), options);
  }

  createKeyFromSession(session: Record<string, unknown>, options?: RequestOptions): Promise<CreatedKey> {
    const problem = checkSession(session);
    if (problem) {
      return Promise.reject(new TykError('bad-request', problem));
    }
    return this.postKey(reusableSession(session), options);
  }

  /** Sends the SessionState once (never retried) and reads the new key from the answer. */
  protected abstract postKey(body: Record<string, unknown>, options?: RequestOptions): Promise<CreatedKey>;
}
