// Tyk: Create Key… — from the palette, the view's title bar, or an API / version node.
import * as vscode from 'vscode';
import type { CreatedKey, KeySpec, TykApi } from '../domain/model';
import { TykError } from '../tyk/errors';
import { runCreateKeyFlow } from '../ui/createKeyFlow';
import { ApiNode, PolicyNode, VersionNode } from '../app/nodes';
import { sendAndDeliver } from '../app/createAndDeliver';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';
import { createsKey, keyKindAdvice } from '../domain/keyKinds';

/** The log's note of what kind of key is made (no secret): ", basic-auth user alice", ", HMAC"… */
function kindNote(spec: KeySpec): string {
  return [
    spec.basicAuth ? `, basic-auth user ${spec.basicAuth.username}` : '',
    spec.hmac ? ', HMAC' : '',
    spec.certificate ? `, bound to the certificate ${spec.certificate}` : '',
    spec.customKeyId !== undefined ? ', custom key id' : '',
  ].join('');
}

/**
 * Resolves when the key reached the user (or the user stopped waiting); undefined when the API takes no
 * created key (JWT, OAuth 2.0, OpenID Connect, keyless…: the user is told what to do instead).
 * `customKeyId`: ask for the key id (New Key with Custom ID…).
 */
export async function createKey(services: Services, arg?: unknown, { customKeyId = false }: { customKeyId?: boolean } = {}): Promise<CreatedKey | undefined> {
  const policyNode = arg instanceof PolicyNode ? arg : undefined;
  const nodeApi = arg instanceof ApiNode || arg instanceof VersionNode ? arg.api : undefined;
  if (nodeApi && !createsKey(nodeApi.keyKind)) {
    // Tyk would not use a key made here: say what to do instead, rather than make one that cannot work.
    const advice = keyKindAdvice(nodeApi.keyKind) ?? '';
    services.log.info(`Create Key on ${nodeApi.name}: no key made (${nodeApi.keyKind}): ${advice}`);
    void services.ui.info(vscode.l10n.t('No key was created for {0}. {1}', nodeApi.name, advice));
    return undefined;
  }
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Create a Tyk key on…'));
  const client = await services.clients.get(connection);
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
    listCertificates: () => client.listCertificates(),
    customKeyId,
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
    summary:
      (choice.policy
        ? `from the policy ${choice.policy.name} (${choice.policy.id}): its rights, limits and expiry apply`
        : `rate ${spec.rate}/${spec.per}s, quota ${spec.quotaMax}${spec.quotaMax > 0 ? `/${spec.quotaRenewalRate}s` : ''}, expires ${spec.expires === -1 ? 'never' : new Date(spec.expires * 1000).toISOString()}`) +
      kindNote(spec),
    // A basic-auth user's password is the one chosen here: Tyk keeps only its hash.
    create: async () => ({ ...(await client.createKey(spec)), ...(spec.basicAuth ? { password: spec.basicAuth.password } : {}) }),
  });
}
