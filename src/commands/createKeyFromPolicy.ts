// Tyk: New Key from Policy… — a key that applies a policy (its rights, limits and expiry win
// over the key's own): from a policy node, or from the palette after choosing the policy.
import * as vscode from 'vscode';
import { plainText } from '../domain/displayText';
import type { CreatedKey } from '../domain/model';
import { TykError } from '../tyk/errors';
import { FlowCancelled } from '../ui/multiStepInput';
import { policyDetail } from '../ui/createKeyFlow';
import { PolicyNode } from '../app/nodes';
import { createKey } from './createKey';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export async function createKeyFromPolicy(services: Services, arg?: unknown): Promise<CreatedKey | undefined> {
  if (arg instanceof PolicyNode) {
    return createKey(services, arg);
  }
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Create a key from a policy of…'));
  const policies = (await services.policies.get(connection)).filter((p) => p.active);
  if (policies.length === 0) {
    throw new TykError('not-found', vscode.l10n.t('{0} has no active policy: create one in Tyk, or create a key by choosing APIs.', connection.name));
  }
  const picked = await vscode.window.showQuickPick(
    policies.map((policy) => ({
      label: plainText(policy.name),
      description: plainText(policy.apis.map((a) => a.apiName ?? a.apiId).join(', ')),
      detail: plainText(policyDetail(policy)),
      policy,
    })),
    {
      title: vscode.l10n.t('Create a key from a policy · {0}', connection.name),
      placeHolder: vscode.l10n.t('Choose the policy the key applies'),
      matchOnDescription: true,
    },
  );
  if (!picked) {
    throw new FlowCancelled();
  }
  return createKey(services, new PolicyNode(connection, picked.policy));
}
