// Tyk: Remove Connection — removes it from the settings and deletes its credential.
import * as vscode from 'vscode';
import { FlowCancelled } from '../ui/multiStepInput';
import type { Services } from '../app/services';
import { resolveConnection } from '../app/resolveConnection';

export async function removeConnection(services: Services, arg?: unknown): Promise<void> {
  const connection = await resolveConnection(services, arg, vscode.l10n.t('Remove the connection…'), { ask: true });
  const confirmed = await services.ui.confirm(
    vscode.l10n.t('Remove the connection “{0}”?', connection.name),
    vscode.l10n.t('Its credential is deleted from VS Code’s secret storage. Nothing changes on {0}: its APIs and keys stay.', connection.url),
    vscode.l10n.t('Remove'),
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
  const wasDefault = services.active.current()?.id === connection.id && services.store.list().length > 1;
  await services.store.remove(connection.id);
  await services.active.forget(connection.id);
  await services.knownKeys.forgetConnection(connection.id);
  await services.savedKeys.forgetConnection(connection.id);
  services.log.info(`Removed the connection “${connection.name}” and its credential`);
  const now = services.active.current();
  void services.ui.info(
    !wasDefault
      ? vscode.l10n.t('Removed {0}.', connection.name)
      : now
        ? vscode.l10n.t('Removed {0}, the default connection: commands now use {1}, the only one left.', connection.name, now.name)
        : vscode.l10n.t('Removed {0}, the default connection: commands will ask which connection until you choose one (Tyk: Switch Connection…).', connection.name),
  );
}
