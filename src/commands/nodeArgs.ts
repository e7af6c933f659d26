// Commands get tree nodes from menus, nothing from the palette, and anything from other callers.
import type { Connection } from '../services/connections';
import { ApiNode, ConnectionNode, KeyNode, KeysNode, MessageNode, PoliciesNode, PolicyNode, VersionNode } from '../views/nodes';

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
