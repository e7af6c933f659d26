// Tyk: Create Key… — from the palette, the view's title bar, or an API / version node.
import * as vscode from 'vscode';
import type { CreatedKey } from '../tyk/model';
import { TykError } from '../tyk/errors';
import { runCreateKeyFlow } from '../ui/createKeyFlow';
import { pickConnection } from '../ui/pickers';
import { ApiNode, VersionNode } from '../views/nodes';
import { connectionOf } from './nodeArgs';
import { sendAndDeliver } from './newKey';
import type { Services } from './services';

/** Resolves when the key reached the user (or the user stopped waiting). */
export async function createKey(services: Services, arg?: unknown): Promise<CreatedKey | undefined> {
  const connection = connectionOf(arg) ?? (await pickConnection(services.store, 'Create a Tyk key on…'));
  const client = await services.clients.get(connection);
  const apis = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Loading the APIs of ${connection.name}…` },
    () => services.catalog.all(connection),
  );
  if (apis.length === 0) {
    throw new TykError('not-found', `${connection.name} has no APIs yet: create one in Tyk first, then a key for it.`);
  }
  const preselected = arg instanceof ApiNode || arg instanceof VersionNode ? [arg.api.apiId] : undefined;
  const choice = await runCreateKeyFlow({
    connectionName: connection.name,
    apis,
    ...(preselected ? { preselected } : {}),
    ...(arg instanceof VersionNode ? { preselectedVersion: { apiId: arg.api.apiId, version: arg.version } } : {}),
  });
  const { spec } = choice;
  return sendAndDeliver(services, {
    connection,
    label: choice.label,
    ...(spec.alias ? { alias: spec.alias } : {}),
    apiIds: choice.apis.map((a) => a.apiId),
    apiNames: choice.apis.map((a) => a.name),
    summary: `rate ${spec.rate}/${spec.per}s, quota ${spec.quotaMax}${spec.quotaMax > 0 ? `/${spec.quotaRenewalRate}s` : ''}, expires ${spec.expires === -1 ? 'never' : new Date(spec.expires * 1000).toISOString()}`,
    create: () => client.createKey(spec),
  });
}
