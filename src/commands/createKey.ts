// Tyk: Create Key… — from the palette, the view's title bar, or an API / version node.
import * as vscode from 'vscode';
import type { CreatedKey, KeySpec } from '../tyk/model';
import { TykError } from '../tyk/errors';
import { maskKey } from '../tyk/mask';
import { runCreateKeyFlow } from '../ui/createKeyFlow';
import { announceKey, deliverKey, showKeyModal } from '../ui/insertKey';
import { pickConnection } from '../ui/pickers';
import { ApiNode, VersionNode } from '../views/nodes';
import { connectionOf } from './nodeArgs';
import type { Services } from './services';

/** Resolves when the key reached the user (or the user stopped waiting). */
export async function createKey(services: Services, arg?: unknown): Promise<CreatedKey | undefined> {
  const connection = connectionOf(arg) ?? (await pickConnection(services.store, 'Create a Tyk key on…'));
  const client = await services.clients.get(connection);
  const apis = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Loading the APIs of ${connection.name}…` },
    () => services.catalog.all(connection),
  );
  if (apis.length === 0) {
    throw new TykError('not-found', `${connection.name} has no APIs yet: create one in Tyk first, then a key for it.`);
  }
  const preselected = arg instanceof ApiNode || arg instanceof VersionNode ? [arg.api.apiId] : undefined;
  const choice = await runCreateKeyFlow({
    connectionName: connection.name,
    apis,
    ...(preselected ? { preselected } : {}),
    ...(arg instanceof VersionNode ? { preselectedVersion: { apiId: arg.api.apiId, version: arg.version } } : {}),
  });
  return sendAndDeliver(services, choice.spec, choice.label, () => client.createKey(choice.spec));
}

const STOPPED_WAITING = Symbol('stopped waiting');

/**
 * Sends the create once, with a cancellable progress notification. Cancelling stops the wait, not
 * the request: a key the server still creates is delivered when it arrives.
 */
export async function sendAndDeliver(
  services: Services,
  spec: KeySpec,
  label: string,
  create: () => Promise<CreatedKey>,
): Promise<CreatedKey | undefined> {
  const { log } = services;
  const aliasNote = spec.alias ? ` (alias “${spec.alias}”)` : '';
  log.info(`Creating a key for ${label}${aliasNote}: rate ${spec.rate}/${spec.per}s, quota ${spec.quotaMax}, expires ${spec.expires}`);
  const request = create().then((created) => {
    log.redactor.addKey(created.key);
    log.info(`Created key ${maskKey(created.key)}${created.keyHash ? ` (hash ${created.keyHash})` : ''} for ${label}${aliasNote}`);
    return created;
  });
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating a key for ${label}…`, cancellable: true },
    (_progress, token) =>
      Promise.race([
        request,
        new Promise<typeof STOPPED_WAITING>((resolve) => token.onCancellationRequested(() => resolve(STOPPED_WAITING))),
      ]),
  );
  if (outcome === STOPPED_WAITING) {
    log.info(`Stopped waiting for the key for ${label}; it is still delivered if the server creates it.`);
    request.then(
      (created) => deliver(services, created, label, true),
      (e: unknown) => log.warn(`The key for ${label} that was no longer awaited failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    return undefined;
  }
  await deliver(services, outcome, label, false);
  return outcome;
}

async function deliver(services: Services, created: CreatedKey, label: string, late: boolean): Promise<void> {
  const warn = (m: string): void => services.log.warn(m);
  const k = { key: created.key, text: created.key, label, warn };
  try {
    if (late) {
      await showKeyModal(k);
      return;
    }
    const delivered = await deliverKey(k);
    services.log.info(`Key for ${label} delivered to the ${delivered.where === 'editor' ? 'active editor' : delivered.where === 'untitled' ? 'new document' : 'dialog'}`);
    announceKey(k, delivered.where);
  } catch (e) {
    warn(`Delivering the key failed: ${String(e)}`);
    await showKeyModal(k);
  }
}
