// Tyk: Rotate Key… — a new key with the same rights, limits, policies and expiry as the old one,
// delivered like any new key; the old one is revoked only after the user confirms.
import * as vscode from 'vscode';
import { formatApisOf } from '../domain/keyFormats';
import { grantedApis, resolveKey } from '../app/resolveKey';
import { sendAndDeliver } from '../app/createAndDeliver';
import { revokeResolved } from './revokeKey';
import type { Services } from '../app/services';

export async function rotateKey(services: Services, arg?: unknown): Promise<{ revokedOld: boolean } | undefined> {
  const old = await resolveKey(services, arg);
  const { details, node } = old;
  const known = services.catalog.peek(node.connection.id);
  const names = new Map(known.map((a) => [a.apiId, a.name]));
  const apiIds = details.accessRights.map((r) => r.apiId);
  const apiNames = details.accessRights.map((r) => r.apiName || names.get(r.apiId) || r.apiId);
  const created = await sendAndDeliver(services, {
    connection: node.connection,
    label: grantedApis(services, old),
    ...(details.alias ? { alias: details.alias } : {}),
    apiIds,
    apiNames,
    // For the insert formats: the catalog's APIs by id, else by name with `/` and `Authorization`.
    apis: formatApisOf(known, apiIds, apiNames),
    summary: `rotation of ${old.title}: same session`,
    // The same rights, limits and expiry; a suspended key's replacement is active (it replaces it).
    create: () => old.client.createKeyFromSession({ ...details.session, is_inactive: false }),
  });
  if (!created) {
    return undefined;
  }
  const revoke = await services.ui.confirm(
    vscode.l10n.t('Revoke the old key {0} now?', old.title),
    vscode.l10n.t('The new key has the same rights, limits and expiry. Revoke the old one once nothing uses it any more: calls made with it fail at once.'),
    vscode.l10n.t('Revoke Old Key'),
  );
  if (!revoke) {
    services.log.info(`Rotated ${old.title}; the old key was kept`);
    void services.ui.info(vscode.l10n.t('The old key {0} still works. Revoke it from the Tyk view when nothing uses it any more.', old.title));
    return { revokedOld: false };
  }
  await revokeResolved(services, old);
  void services.ui.info(vscode.l10n.t('Rotated: the old key {0} is revoked.', old.title));
  return { revokedOld: true };
}
