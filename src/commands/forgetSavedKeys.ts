// Tyk: Forget Saved Keys — deletes every saved key from VS Code's secret storage (not from Tyk).
import * as vscode from 'vscode';
import { FlowCancelled } from '../ui/multiStepInput';
import type { Services } from '../app/services';

export async function forgetSavedKeys(services: Services): Promise<void> {
  const count = (await services.savedKeys.list()).length;
  if (count === 0) {
    void services.ui.info(vscode.l10n.t('There are no saved keys.'));
    return;
  }
  const confirmed = await services.ui.confirm(
    count === 1 ? vscode.l10n.t('Forget 1 saved key?') : vscode.l10n.t('Forget {0} saved keys?', count),
    vscode.l10n.t('They are deleted from VS Code’s secret storage only: the keys keep working in Tyk (revoke them from the Tyk view).'),
    vscode.l10n.t('Forget'),
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
  await services.savedKeys.clear();
  services.log.info(`Forgot ${count} saved key(s)`);
  void services.ui.info(vscode.l10n.t('Saved keys forgotten.'));
}
