// Tyk: Copy API ID — on an API node.
import * as vscode from 'vscode';
import { plainText } from '../domain/displayText';
import { FlowCancelled } from '../ui/multiStepInput';
import { ApiNode, VersionNode } from '../app/nodes';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export async function copyApiId(services: Services, arg?: unknown): Promise<string> {
  let apiId: string;
  let name: string;
  if (arg instanceof ApiNode || arg instanceof VersionNode) {
    ({ apiId, name } = arg.api);
  } else {
    const connection = await resolveConnection(services, undefined, vscode.l10n.t('Copy the id of an API of…'));
    const apis = await services.catalog.all(connection);
    const picked = await vscode.window.showQuickPick(
      apis.map((api) => ({ label: plainText(api.name), description: plainText(api.listenPath), detail: plainText(api.apiId), api })),
      { title: vscode.l10n.t('Copy API ID'), placeHolder: vscode.l10n.t('Choose an API'), matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) {
      throw new FlowCancelled();
    }
    ({ apiId, name } = picked.api);
  }
  await services.ui.writeClipboard(apiId);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied the API ID of {0}: {1}', plainText(name, 80), plainText(apiId, 80)), 4000);
  return apiId;
}
