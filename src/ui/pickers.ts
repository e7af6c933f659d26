// Palette commands ask for what they did not get from the tree.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { ActiveConnection } from '../services/activeConnection';
import type { Connection, ConnectionStore } from '../services/connections';
import { connectionDescription } from '../views/nodes';
import { MultiStepInput } from './multiStepInput';

export class NoConnectionError extends Error {
  constructor() {
    super(vscode.l10n.t('No Tyk connection yet: run “Tyk: Add Connection…” first.'));
    this.name = 'NoConnectionError';
  }
}

export interface ConnectionItem extends vscode.QuickPickItem {
  connection: Connection;
}

/** "Dashboard · https://…", with "● default ·" in front for the default connection. */
export function connectionItems(connections: readonly Connection[], defaultId: string | undefined): ConnectionItem[] {
  return connections.map((c) => ({
    label: c.name,
    description: connectionDescription(c, c.id === defaultId),
    connection: c,
  }));
}

/**
 * The connection a palette command works on: the default (Tyk: Switch Connection…) when one is set
 * and still exists, else the only connection, else the one the user picks. With `ask`, the user
 * always picks when there are several (for commands that change or remove a connection).
 */
export async function pickConnection(
  { store, active, ui }: { store: ConnectionStore; active: ActiveConnection; ui: Ui },
  title: string,
  options: { ask?: boolean } = {},
): Promise<Connection> {
  const connections = store.list();
  if (connections.length === 0) {
    throw new NoConnectionError();
  }
  if (connections.length === 1 && connections[0]) {
    return connections[0];
  }
  const chosen = active.chosen();
  if (chosen && options.ask !== true) {
    return chosen;
  }
  return pickFrom(ui, connections, chosen?.id, chosen?.id, title, vscode.l10n.t('Choose a connection'));
}

/** A one-step quick pick of connections (the default marked, `activeId` highlighted); FlowCancelled on Escape. */
export async function pickFrom(
  ui: Ui,
  connections: readonly Connection[],
  defaultId: string | undefined,
  activeId: string | undefined,
  title: string,
  placeholder: string,
): Promise<Connection> {
  const items = connectionItems(connections, defaultId);
  const active = items.find((i) => i.connection.id === activeId);
  const picked: { connection?: Connection } = {};
  await MultiStepInput.run(ui, async (input) => {
    picked.connection = (
      await input.pick({ title, step: 1, totalSteps: 1, placeholder, items, matchOnDescription: true, ...(active ? { activeItem: active } : {}) })
    ).connection;
  });
  if (!picked.connection) {
    throw new Error(vscode.l10n.t('no connection was picked'));
  }
  return picked.connection;
}
