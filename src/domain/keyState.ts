// A key's state as Tyk decides it when a call comes in with the key (TykTechnologies/tyk
// gateway/mw_key_expired_check.go): `is_inactive` first ("Key is inactive, please renew", 403), then the
// expiry (`AuthManager.KeyExpired`, gateway/auth_manager.go: `expires >= 1` and now after it, "Key has
// expired, please renew", 401). 0 or a negative `expires` never expires. Plain TypeScript.
import * as l10n from '@vscode/l10n';
import { capLength } from './displayText';
import { MAX_NAME_LENGTH } from './limits';
import type { KeyDetails, KeyStatus } from './model';

/** What Tyk does with a call made with the key: lets it through, or refuses it (suspended, expired). */
export type KeyState = 'active' | 'suspended' | 'expired';

/** The session fields the state is decided by. */
export type KeyStateFields = Pick<KeyStatus, 'isInactive' | 'expires'>;

/** When the key expires, in milliseconds since the epoch; undefined when it never does (`expires` below 1). */
export function expiryTime(session: KeyStateFields): number | undefined {
  const expires = session.expires;
  return expires !== undefined && Number.isFinite(expires) && expires >= 1 ? expires * 1000 : undefined;
}

/** The key's state at `now` (milliseconds since the epoch): suspended wins over expired, as in Tyk. */
export function keyState(session: KeyStateFields, now: number): KeyState {
  if (session.isInactive) {
    return 'suspended';
  }
  const expiry = expiryTime(session);
  return expiry !== undefined && now > expiry ? 'expired' : 'active';
}

/** The state in one word: "active", "suspended", "expired". */
export function keyStateLabel(state: KeyState): string {
  switch (state) {
    case 'active':
      return l10n.t('active');
    case 'suspended':
      return l10n.t('suspended');
    case 'expired':
      return l10n.t('expired');
  }
}

/** What a key list keeps of a key read while listing: its state fields and its alias (cut to MAX_NAME_LENGTH). */
export function keyStatusOf(details: KeyDetails): KeyStatus {
  return {
    isInactive: details.isInactive,
    ...(details.expires !== undefined ? { expires: details.expires } : {}),
    ...(details.alias ? { alias: capLength(details.alias, MAX_NAME_LENGTH) } : {}),
  };
}
