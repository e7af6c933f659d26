// Which connection a command, the tree, a chat tool or the walkthrough acts on: one rule, here.
//   - the connection of the tree node it was run on;
//   - else the default (Tyk: Switch Connection…), else the only connection;
//   - else the user picks (commands that change or remove a connection always ask when there are several).
import * as vscode from 'vscode';
import type { Connection } from '../domain/connectionSettings';
import { NoConnectionError, pickFrom } from '../ui/pickers';
import { ApiNode, ConnectionNode, KeyNode, KeysNode, MessageNode, PoliciesNode, PolicyNode, VersionNode } from '../app/nodes';
import type { Services } from './services';

/** The connection of a tree node (commands get nodes from menus, nothing from the palette). */
export function connectionOf(arg: unknown): Connection | undefined {
  if (
    arg instanceof ConnectionNode ||
    arg instanceof ApiNode ||
    arg instanceof VersionNode ||
    arg instanceof KeysNode ||
    arg instanceof KeyNode ||
    arg instanceof PoliciesNode ||
    arg instanceof PolicyNode ||
    arg instanceof MessageNode
  ) {
    return arg.connection;
  }
  return undefined;
}

/** The connection used without asking: the default, else the only one; undefined when the user would have to choose. */
export function connectionWithoutAsking(services: Pick<Services, 'active'>, arg?: unknown): Connection | undefined {
  return connectionOf(arg) ?? services.active.current();
}

/** The connection a command acts on (see the top of this file); NoConnectionError when there is none. */
export async function resolveConnection(
  services: Pick<Services, 'active' | 'store' | 'ui'>,
  arg: unknown,
  title: string,
  options: { ask?: boolean } = {},
): Promise<Connection> {
  const fromNode = connectionOf(arg);
  if (fromNode) {
    return fromNode;
  }
  const connections = services.store.list();
  if (connections.length === 0) {
    throw new NoConnectionError();
  }
  if (connections.length === 1 && connections[0]) {
    return connections[0];
  }
  const chosen = services.active.chosen();
  if (chosen && options.ask !== true) {
    return chosen;
  }
  return pickFrom(services.ui, connections, chosen?.id, chosen?.id, title, vscode.l10n.t('Choose a connection'));
}
