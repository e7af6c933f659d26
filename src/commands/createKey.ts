// Tyk: Create Key… — from the palette, the view's title bar, or an API / version node.
import * as vscode from 'vscode';
import type { CreatedKey, TykApi } from '../domain/model';
import { TykError } from '../tyk/errors';
import { runCreateKeyFlow } from '../ui/createKeyFlow';
import { ApiNode, PolicyNode, VersionNode } from '../app/nodes';
import { sendAndDeliver } from '../app/createAndDeliver';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

/** Resolves when the key reached the user (or the user stopped waiting). */
export async function createKey(services: Services, arg?: unknown): Promise<CreatedKey | undefined> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Create a Tyk key on…'));
  const client = await services.clients.get(connection);
  const policyNode = arg instanceof PolicyNode ? arg : undefined;
  const nodeApi = arg instanceof ApiNode || arg instanceof VersionNode ? arg.api : undefined;
  // Open the picker with what is loaded (the first page at least); while a big catalog is still
  // loading, the picker asks the server for what the user types.
  // Policies are offered only when the user did not start from an API; they load alongside (a
  // failure there just leaves them out).
  const wantPolicies = !nodeApi && !policyNode;
  const [snapshot, policies] = await services.ui.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading the APIs of {0}…', connection.name) },
    () =>
      Promise.all([
        services.catalog.snapshot(connection, { retryFailed: true }),
        wantPolicies ? services.policies.get(connection).catch(() => []) : Promise.resolve([]),
      ]),
  );
  if (snapshot.error) {
    throw snapshot.error;
  }
  if (snapshot.apis.length === 0 && snapshot.complete) {
    throw new TykError('not-found', vscode.l10n.t('{0} has no APIs yet: create one in Tyk first, then a key for it.', connection.name));
  }
  const apis = nodeApi && !snapshot.apis.some((a) => a.apiId === nodeApi.apiId) ? [nodeApi, ...snapshot.apis] : [...snapshot.apis];
  const choice = await runCreateKeyFlow({
    ui: services.ui,
    connectionName: connection.name,
    apis,
    ...(nodeApi ? { preselected: [nodeApi.apiId] } : {}),
    ...(arg instanceof VersionNode ? { preselectedVersion: { apiId: arg.api.apiId, version: arg.version } } : {}),
    ...(policyNode ? { policy: policyNode.policy } : { policies }),
    ...(snapshot.complete
      ? {}
      : {
          searchServer: async (q: string) => (await client.searchApis(q)).apis,
          onMoreApis: (listener: (apis: readonly TykApi[]) => void) =>
            services.catalog.onDidChange((id) => (id === connection.id ? listener(services.catalog.peek(id)) : undefined)),
        }),
  });
  const { spec } = choice;
  return sendAndDeliver(services, {
    connection,
    label: choice.label,
    ...(spec.alias ? { alias: spec.alias } : {}),
    apiIds: choice.apis.map((a) => a.apiId),
    apiNames: choice.apis.map((a) => a.name),
    apis: choice.apis,
    summary: choice.policy
      ? `from the policy ${choice.policy.name} (${choice.policy.id}): its rights, limits and expiry apply`
      : `rate ${spec.rate}/${spec.per}s, quota ${spec.quotaMax}${spec.quotaMax > 0 ? `/${spec.quotaRenewalRate}s` : ''}, expires ${spec.expires === -1 ? 'never' : new Date(spec.expires * 1000).toISOString()}`,
    create: () => client.createKey(spec),
  });
}
