// Tyk: Switch Connection… — the status bar item, the view's title menu, the palette. Chooses the
// connection palette commands use without asking.
import * as vscode from 'vscode';
import type { Connection } from '../services/connections';
import { NoConnectionError, pickFrom } from '../ui/pickers';
import { connectionOf } from '../app/resolveConnection';
import type { Services } from '../app/services';

export async function switchConnection(services: Services, arg?: unknown): Promise<Connection> {
  const connections = services.store.list();
  if (connections.length === 0) {
    throw new NoConnectionError();
  }
  const connection =
    connectionOf(arg) ??
    (await pickFrom(
      services.ui,
      connections,
      services.active.chosen()?.id,
      services.active.current()?.id,
      vscode.l10n.t('Switch Connection'),
      vscode.l10n.t('The connection Tyk commands use without asking'),
    ));
  await services.active.set(connection.id);
  services.log.info(`The default connection is now “${connection.name}” (${connection.kind}, ${connection.url})`);
  return connection;
}
