// The Tyk client library: usable from plain Node (no `vscode` import anywhere under src/tyk).
import type { TykClient } from './client';
import { DashboardClient } from './dashboard';
import { GatewayClient } from './gateway';
import type { ConnectionOptions } from './http';

export type { TykClient, ListAllOptions, ListKeysOptions, UpdateKeyOptions } from './client';
export type { ConnectionOptions, RequestOptions } from './http';
export { normaliseBaseUrl } from './http';
export * from '../domain/model';
export * from './errors';
export { maskKey, maskKeysIn } from '../domain/mask';
export { DEFAULT_LIMITS, buildSessionState, checkKeySpec, isBasicAuthSession, reusableSession, rotationSession } from '../domain/keySpec';
export { createsKey, keyKindAdvice, notRequestableMessage } from '../domain/keyKinds';
export { generatePassword, type CopyKeyOptions } from './keyCreation';
export { DashboardClient } from './dashboard';
export { GatewayClient, matchesQuery } from './gateway';
export { PROBE_TIMEOUT_MS, probeAddress, type AddressAnswer, type ProbeOptions } from './probe';

export function createTykClient(options: ConnectionOptions): TykClient {
  const { flavor, ...rest } = options;
  return flavor === 'dashboard' ? new DashboardClient(rest) : new GatewayClient(rest);
}
