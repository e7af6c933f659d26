// What happens once a key is asked for, whichever command asked: the create is sent once, with a
// cancellable progress notification; the new key is logged masked, remembered (its hash; the key
// itself only if the user opted in), and delivered to the editor. A created key is never lost.
import * as vscode from 'vscode';
import type { Connection } from '../services/connections';
import { fingerprint } from '../services/knownKeys';
import { TykError, isTykError } from '../tyk/errors';
import { maskKey } from '../domain/mask';
import type { CreatedKey } from '../domain/model';
import { announceKey, deliverKey, showKeyModal, type KeyAction, type KeyToDeliver } from '../ui/insertKey';
import { showCancellableProgress } from '../ui/progress';
import { formatApisOf, gatewayBaseFor, keyFormatLabel, type FormatApi } from '../domain/keyFormats';
import { formatForInsertion } from '../ui/pickKeyFormat';
import { reportError } from './reportError';
import type { Services } from './services';

export interface NewKeyRequest {
  connection: Connection;
  /** What the key is for, in words: "Petstore" or "Petstore and 2 more APIs". */
  label: string;
  alias?: string;
  apiIds: string[];
  apiNames: string[];
  /**
   * The key's APIs, for the insert formats (header name, listen path, .env name); without them the
   * formats use `apiNames`, listen path `/` and the `Authorization` header.
   */
  apis?: readonly FormatApi[];
  /** One line for the log: limits, expiry, policies (no secret). */
  summary: string;
  create: () => Promise<CreatedKey>;
  /** Insert in the setting's or the file's own format, without the format pick (a key in one click). */
  noFormatPick?: boolean;
  /** More buttons on the notification after the key was delivered (Adjust Limits…, Undo). */
  actions?: (created: CreatedKey) => KeyAction[];
}

const STOPPED_WAITING = Symbol('stopped waiting');

/**
 * Sends the create once. Cancelling the progress stops the wait, not the request: a key the server
 * still creates is delivered when it arrives.
 */
export async function sendAndDeliver(services: Services, request: NewKeyRequest): Promise<CreatedKey | undefined> {
  const { log } = services;
  const aliasNote = request.alias ? ` (alias “${request.alias}”)` : '';
  log.info(`Creating a key for ${request.label}${aliasNote} on ${request.connection.name}: ${request.summary}`);
  const pending = request.create().then((created) => {
    log.redactor.addKey(created.key);
    log.info(`Created key ${maskKey(created.key)}${created.keyHash ? ` (hash ${created.keyHash})` : ''} for ${request.label}${aliasNote}`);
    return created;
  });
  // Recorded alongside the delivery, not before it: a secret storage waiting for its keyring to be
  // unlocked must not hold the key back.
  const recorded = pending.then(
    (created) => bookkeeping(services, request, created).catch((e: unknown) => log.warn(`Could not record the new key: ${String(e)}`)),
    () => undefined,
  );
  let outcome: CreatedKey | typeof STOPPED_WAITING;
  try {
    let stopWaiting: () => void = () => undefined;
    const stopped = new Promise<typeof STOPPED_WAITING>((resolve) => (stopWaiting = () => resolve(STOPPED_WAITING)));
    outcome = await showCancellableProgress(services.ui, vscode.l10n.t('Creating a key for {0}…', request.label), Promise.race([pending, stopped]), () => stopWaiting());
  } catch (e) {
    throw explainUnknownOutcome(e, request);
  }
  if (outcome === STOPPED_WAITING) {
    log.info(`Stopped waiting for the key for ${request.label}; it is still delivered if the server creates it.`);
    pending.then(
      (created) => deliver(services, request, created, true),
      // Not silent: the user may believe the key is on its way, or must check before creating another.
      (e: unknown) => reportError(explainUnknownOutcome(e, request), services, vscode.l10n.t('Tyk: Create Key'), request.connection),
    );
    return undefined;
  }
  await deliver(services, request, outcome, false);
  await recorded;
  return outcome;
}

/** A create whose outcome is unknown is never retried blindly: the user is told how to look it up. */
function explainUnknownOutcome(e: unknown, request: NewKeyRequest): unknown {
  if (!isTykError(e) || !e.outcomeUnknown) {
    return e;
  }
  const lookup = request.alias
    ? request.connection.kind === 'dashboard'
      ? vscode.l10n.t('Before creating another, look for the alias “{0}” in the Dashboard’s Keys list.', request.alias)
      : vscode.l10n.t('Before creating another, look for the alias “{0}” in the Gateway’s keys.', request.alias)
    : vscode.l10n.t('Before creating another, check the newest keys of {0}.', request.label);
  return new TykError(e.kind, vscode.l10n.t('{0} The key may have been created: it was not sent again. {1}', e.message, lookup), {
    outcomeUnknown: true,
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.code !== undefined ? { code: e.code } : {}),
  });
}

async function bookkeeping(services: Services, request: NewKeyRequest, created: CreatedKey): Promise<void> {
  const { connection } = request;
  const createdAt = new Date().toISOString();
  for (const apiId of request.apiIds) {
    services.keyLists.invalidate(connection.id, apiId);
  }
  await services.knownKeys.remember({
    connectionId: connection.id,
    fingerprint: fingerprint(created.key),
    ...(created.keyHash ? { keyHash: created.keyHash } : {}),
    ...(request.alias ? { alias: request.alias } : {}),
    apiIds: request.apiIds,
    createdAt,
  });
  const saved = await services.savedKeys.saveIfEnabled({
    connectionId: connection.id,
    connectionName: connection.name,
    key: created.key,
    ...(created.keyHash ? { keyHash: created.keyHash } : {}),
    ...(request.alias ? { alias: request.alias } : {}),
    apiIds: request.apiIds,
    apiNames: request.apiNames,
    ...(request.apis ? { apis: request.apis.map(({ name, listenPath, authHeaderName }) => ({ name, listenPath, authHeaderName })) } : {}),
    createdAt,
  });
  if (saved) {
    services.log.info(`Saved the key ${maskKey(created.key)} in VS Code’s secret storage (tyk.rememberCreatedKeys is on)`);
  }
}

async function deliver(services: Services, request: NewKeyRequest, created: CreatedKey, late: boolean): Promise<void> {
  const warn = (m: string): void => services.log.warn(m);
  const k: KeyToDeliver = { key: created.key, text: created.key, label: request.label, warn };
  try {
    if (late) {
      // The user stopped waiting: no format pick now, and not at the cursor (it has moved on since).
      announceKey(services.ui, k, (await deliverKey(services.ui, k, { atCursor: false })).where);
      services.log.info(`Key for ${request.label} delivered after the wait was stopped`);
      return;
    }
    // How the key is written (setting or pick); Escape or a failure there gives the key alone.
    const formatted = await formatForInsertion(services.ui, 
      {
        key: created.key,
        apis: request.apis ?? formatApisOf([], request.apiIds, request.apiNames),
        gatewayBase: gatewayBaseFor(request.connection),
      },
      services.state,
      warn,
      { ask: request.noFormatPick !== true },
    );
    k.text = formatted.text;
    k.wholeLine = formatted.wholeLine;
    const delivered = await deliverKey(services.ui, k);
    services.log.info(
      `Key for ${request.label} delivered to the ${delivered.where === 'editor' ? 'active editor' : delivered.where === 'untitled' ? 'new document' : 'dialog'}` +
        (delivered.where === 'modal' ? '' : ` as: ${keyFormatLabel(formatted.format).label}`),
    );
    announceKey(services.ui, k, delivered.where, 'created', request.actions?.(created) ?? []);
  } catch (e) {
    warn(`Delivering the key failed: ${String(e)}`);
    await showKeyModal(services.ui, k);
  }
}
