// Tyk: Show Expiring Keys — the default connection's keys that expire within tyk.expiryWarningDays or
// have expired, the soonest first (the longest expired first); the one chosen opens with Show Key Details.
import * as vscode from 'vscode';
import { KeyNode } from '../app/nodes';
import { resolveConnection } from '../app/resolveConnection';
import type { Services } from '../app/services';
import { expiryWarningDays } from '../app/settings';
import { expiryPhrase } from '../domain/expiry';
import { format } from '../domain/format';
import { maskKey } from '../domain/mask';
import type { TykApi } from '../domain/model';
import type { Connection } from '../domain/connectionSettings';
import { SCAN_MAX_KEYS, type ExpiringKey } from '../services/expiringKeys';
import { MultiStepInput } from '../ui/multiStepInput';
import { withCancellableProgress } from '../ui/progress';

interface ExpiringItem extends vscode.QuickPickItem {
  key: ExpiringKey;
}

export async function showExpiringKeys(services: Services, arg?: unknown): Promise<void> {
  const title = vscode.l10n.t('Show Expiring Keys');
  const connection = await resolveConnection(services, arg, title);
  const days = expiryWarningDays();
  await withCancellableProgress(services.ui, vscode.l10n.t('Reading the keys of {0}…', connection.name), () => services.expiring.scan(connection));
  const list = services.expiring.list(connection, Date.now(), days);
  const within = format().duration(days * 86_400);
  if (list.keys.length === 0) {
    void services.ui.info(
      !list.known
        ? vscode.l10n.t('The keys of {0} could not be read (the Tyk log says why).', connection.name)
        : days > 0
          ? vscode.l10n.t('No key of {0} expires within {1} or has expired.', connection.name, within)
          : vscode.l10n.t('No key of {0} has expired (the warning of keys about to expire is off: tyk.expiryWarningDays is 0).', connection.name),
    );
    return;
  }
  // The APIs by name: from the catalog, loaded if it lacks one of them.
  const held = services.catalog.peek(connection.id);
  const apis = list.keys.some((k) => k.apiIds.some((id) => !held.some((a) => a.apiId === id))) ? (await services.catalog.snapshot(connection)).apis : held;
  const names = new Map(apis.map((a) => [a.apiId, a.name]));
  const items: ExpiringItem[] = list.keys.map((key) => {
    const masked = maskKey(key.id);
    const alias = key.status.alias;
    return {
      label: `${key.warning.kind === 'expired' ? '$(watch)' : '$(calendar)'} ${alias ?? masked}`,
      description: expiryPhrase(key.warning),
      detail: [key.apiIds.map((id) => names.get(id) ?? id).join(', ') || vscode.l10n.t('no API'), alias ? masked : '', format().dateTime(new Date(key.warning.expiry))]
        .filter(Boolean)
        .join(' · '),
      key,
    };
  });
  const placeholder = list.complete
    ? vscode.l10n.t('{0}: keys that expire within {1} or have expired — choose one to see its details', connection.name, within)
    : vscode.l10n.t('{0}: keys that expire within {1} or have expired, of the first {2} keys read — choose one to see its details', connection.name, within, format().count(SCAN_MAX_KEYS));
  const picked: { key?: ExpiringKey } = {};
  await MultiStepInput.run(services.ui, async (input) => {
    picked.key = (await input.pick({ title, placeholder, items, matchOnDescription: true, matchOnDetail: true })).key;
  });
  if (!picked.key) {
    return;
  }
  const key = picked.key;
  const api = await apiOf(services, connection, key.apiIds);
  await vscode.commands.executeCommand('tyk.showKeyDetails', new KeyNode(connection, api, key.id, false, key.status.alias, key.status));
}

/** The first of the key's APIs the catalog holds (loaded if need be), else read from the server. */
async function apiOf(services: Services, connection: Connection, apiIds: readonly string[]): Promise<TykApi> {
  const find = (apis: readonly TykApi[]): TykApi | undefined => apiIds.map((id) => apis.find((a) => a.apiId === id)).find((a) => a !== undefined);
  const found = find(services.catalog.peek(connection.id)) ?? find((await services.catalog.snapshot(connection)).apis);
  if (found) {
    return found;
  }
  const [first] = apiIds;
  if (first === undefined) {
    throw new Error(vscode.l10n.t('The key grants no API: it cannot be shown from here.'));
  }
  return (await services.clients.get(connection)).getApi(first);
}
