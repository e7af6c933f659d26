// Palette commands ask for what they did not get from the tree.
import * as vscode from 'vscode';
import type { Connection, ConnectionStore } from '../services/connections';
import { FlowCancelled } from './multiStepInput';

export class NoConnectionError extends Error {
  constructor() {
    super('No Tyk connection yet: run “Tyk: Add Connection…” first.');
    this.name = 'NoConnectionError';
  }
}

/** The only connection, or the one the user picks. */
export async function pickConnection(store: ConnectionStore, title: string): Promise<Connection> {
  const connections = store.list();
  if (connections.length === 0) {
    throw new NoConnectionError();
  }
  if (connections.length === 1 && connections[0]) {
    return connections[0];
  }
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: `${c.kind === 'dashboard' ? 'Dashboard' : 'Gateway'} · ${c.url}`, connection: c })),
    { title, placeHolder: 'Choose a connection', matchOnDescription: true },
  );
  if (!picked) {
    throw new FlowCancelled();
  }
  return picked.connection;
}
