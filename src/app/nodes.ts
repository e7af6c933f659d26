// What a command acts on when it comes from the Tyk view: the tree's nodes, as data (src/views/nodes.ts
// turns them into tree items; src/views/apiTree.ts makes them).
import type * as vscode from 'vscode';
import type { Connection } from '../domain/connectionSettings';
import type { KeyStatus, TykApi, TykPolicy } from '../domain/model';

export class ConnectionNode {
  readonly type = 'connection';
  constructor(readonly connection: Connection) {}
}

export class ApiNode {
  readonly type = 'api';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    /** OAS version APIs shown under their base. */
    readonly oasChildren: readonly TykApi[] = [],
    /** Shown under this policy (an API it grants): a leaf, with its own tree id. */
    readonly viaPolicy?: string,
  ) {}
}

export class VersionNode {
  readonly type = 'version';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    readonly version: string,
  ) {}
}

export class KeysNode {
  readonly type = 'keys';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
  ) {}
}

export class KeyNode {
  readonly type = 'key';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    /** As listed: the key itself, or its hash. */
    readonly listedId: string,
    readonly hashed: boolean,
    readonly alias?: string,
    /** Its state as read with the list; undefined when it was not read. */
    readonly status?: KeyStatus,
  ) {}
}

export class PoliciesNode {
  readonly type = 'policies';
  constructor(readonly connection: Connection) {}
}

export class PolicyNode {
  readonly type = 'policy';
  constructor(
    readonly connection: Connection,
    readonly policy: TykPolicy,
  ) {}
}

export class MessageNode {
  readonly type = 'message';
  constructor(
    readonly connection: Connection,
    /** The row's text: one sentence. */
    readonly message: string,
    readonly kind: 'error' | 'info',
    /** The rest, in full (an error's whole message), in the tooltip. */
    readonly detail?: string,
    /** What activating the row does. */
    readonly command?: vscode.Command,
    /** Says so after the message ("click to retry"). */
    readonly hint?: string,
  ) {}
}

export type TykNode = ConnectionNode | ApiNode | VersionNode | KeysNode | KeyNode | PoliciesNode | PolicyNode | MessageNode;

