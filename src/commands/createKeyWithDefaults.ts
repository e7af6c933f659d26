// Tyk: Create Key with Defaults — the key icon on an API (or version) row: a key for that API with
// Tyk's defaults (1,000 requests per second, no quota, never expires), inserted at once in the format
// of the file at hand. Two actions from the tree to a key in the file; the notification offers Adjust
// Limits… and Undo (revoke). APIs that take no key of this kind (basic auth, HMAC, JWT, OAuth…) and
// calls without a node go through the full Create Key… flow, which asks what they need.
import * as vscode from 'vscode';
import type { CreatedKey } from '../domain/model';
import { DEFAULT_LIMITS } from '../domain/keySpec';
import { ApiNode, KeyNode, VersionNode } from '../app/nodes';
import { sendAndDeliver } from '../app/createAndDeliver';
import type { Services } from '../app/services';
import { suggestAlias } from '../ui/createKeyFlow';
import { createKey } from './createKey';

export async function createKeyWithDefaults(services: Services, arg?: unknown): Promise<CreatedKey | undefined> {
  const node = arg instanceof ApiNode || arg instanceof VersionNode ? arg : undefined;
  if (!node || node.api.authKind !== 'authToken') {
    return createKey(services, arg);
  }
  const { connection, api } = node;
  const client = await services.clients.get(connection);
  const version = node instanceof VersionNode ? node.version : (api.defaultVersion ?? api.versions[0] ?? 'Default');
  const alias = suggestAlias([api], new Date());
  const spec = {
    ...DEFAULT_LIMITS,
    access: [{ apiId: api.apiId, apiName: api.name, versions: api.isOas ? ['Default'] : [version] }],
    alias,
    ...(api.orgId ? { orgId: api.orgId } : {}),
  };
  return sendAndDeliver(services, {
    connection,
    label: api.name,
    alias,
    apiIds: [api.apiId],
    apiNames: [api.name],
    apis: [api],
    summary: `Tyk's defaults (rate ${spec.rate}/${spec.per}s, no quota, never expires), in one click`,
    create: () => client.createKey(spec),
    noFormatPick: true,
    actions: (created) => {
      const keyNode = new KeyNode(connection, api, created.key, false, alias);
      return [
        { title: vscode.l10n.t('Adjust Limits…'), run: () => vscode.commands.executeCommand('tyk.updateKey', keyNode) },
        { title: vscode.l10n.t('Undo (Revoke)'), run: () => vscode.commands.executeCommand('tyk.revokeKey', keyNode) },
      ];
    },
  });
}
