// What the key commands share: the key node they act on, read from the server.
import * as vscode from 'vscode';
import type { TykClient } from '../tyk/client';
import { maskKey } from '../domain/mask';
import type { KeyDetails, KeyRef } from '../domain/model';
import { readListedKey } from '../services/keyLists';
import { withCancellableProgress } from '../ui/progress';
import { KeyNode } from '../app/nodes';
import type { Services } from './services';

export interface ResolvedKey {
  node: KeyNode;
  client: TykClient;
  details: KeyDetails;
  /** The reference that worked (the listed id as a key, or as a hash). */
  ref: KeyRef;
  /** "“mobile-app” (abcd…9f2e)" or "abcd…9f2e". */
  title: string;
}

export function keyNodeOf(arg: unknown): KeyNode {
  if (!(arg instanceof KeyNode)) {
    throw new Error(vscode.l10n.t('Run this command on a key in the Tyk view.'));
  }
  return arg;
}

export async function resolveKey(services: Services, arg: unknown): Promise<ResolvedKey> {
  const node = keyNodeOf(arg);
  const client = await services.clients.get(node.connection);
  const { details, ref } = await withCancellableProgress(services.ui, vscode.l10n.t('Reading the key {0}…', maskKey(node.listedId)), (signal) =>
    readListedKey(client, { id: node.listedId, hashed: node.hashed }, signal),
  );
  const masked = maskKey(node.listedId);
  const alias = details.alias ?? node.alias;
  return { node, client, details, ref, title: alias ? `“${alias}” (${masked})` : masked };
}

/** "Petstore, Payments API" from a key's access rights, names from the catalog when missing. */
export function grantedApis(services: Services, key: ResolvedKey): string {
  const names = new Map(services.catalog.peek(key.node.connection.id).map((a) => [a.apiId, a.name]));
  const list = key.details.accessRights.map((r) => r.apiName || names.get(r.apiId) || r.apiId);
  return list.length > 0 ? list.join(', ') : key.details.policies.length > 0 ? vscode.l10n.t('the APIs of its policies') : vscode.l10n.t('no API');
}
