// What happens once a key is asked for, whichever command asked: the create is sent once, with a
// cancellable progress notification; the new key is logged masked, remembered (its hash; the key
// itself only if the user opted in), and delivered to the editor (or, Copy only, to the clipboard).
// A created key is never lost.
import * as vscode from 'vscode';
import type { Connection } from '../services/connections';
import { fingerprint } from '../services/knownKeys';
import { TykError, isTykError } from '../tyk/errors';
import { maskKey } from '../domain/mask';
import type { CreatedKey } from '../domain/model';
import { announceKey, copyKeyOnly, deliverKey, showKeyModal, type DeliveredKey, type KeyAction, type KeyToDeliver } from '../ui/insertKey';
import { showCancellableProgress } from '../ui/progress';
import { credentialProblem, credentialText, formatApisOf, gatewayBaseFor, keyFormatLabel, type Credential, type FormatApi, type KeyFormatInput } from '../domain/keyFormats';
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
  create: () => Promise<NewCredential>;
  /** The progress notification's title; default “Creating a key for …”. */
  progressTitle?: string;
  /** A basic-auth user's password set on an existing user (rotation), not a new user. */
  passwordOnly?: boolean;
  /** Insert in the setting's or the file's own format, without the format pick (a key in one click). */
  noFormatPick?: boolean;
  /** More buttons on the notification after the key was delivered (Adjust Limits…, Undo). */
  actions?: (created: CreatedKey) => KeyAction[];
}

/** What a create made: a key, plus a basic-auth user's password (the one sent: Tyk keeps only its hash). */
export interface NewCredential extends CreatedKey {
  password?: string;
}

/** The basic-auth user or HMAC key a create made, for the formats; undefined for a key. */
export function credentialOf(created: NewCredential): Credential | undefined {
  if (created.username !== undefined && created.password !== undefined) {
    return { kind: 'basic', username: created.username, password: created.password };
  }
  return created.hmacSecret ? { kind: 'hmac', secret: created.hmacSecret } : undefined;
}

/** The log's name of what was made: a key masked, or a basic-auth user by its username (never a secret). */
function madeName(created: NewCredential): string {
  if (created.username !== undefined) {
    return `basic-auth user ${created.username}${created.key ? ` (key ${maskKey(created.key)})` : ''}`;
  }
  return `${created.hmacSecret ? 'HMAC key' : 'key'} ${maskKey(created.key)}`;
}

const STOPPED_WAITING = Symbol('stopped waiting');

/**
 * Sends the create once. Cancelling the progress stops the wait, not the request: a key the server
 * still creates is delivered when it arrives.
 */
export async function sendAndDeliver(services: Services, request: NewKeyRequest): Promise<NewCredential | undefined> {
  const { log } = services;
  const aliasNote = request.alias ? ` (alias “${request.alias}”)` : '';
  log.info(`Creating a key for ${request.label}${aliasNote} on ${request.connection.name}: ${request.summary}`);
  const pending = request.create().then((created) => {
    for (const secret of [created.key, created.password, created.hmacSecret]) {
      if (secret) {
        log.redactor.addKey(secret);
      }
    }
    const verb = request.passwordOnly ? 'Set a new password for' : 'Created';
    log.info(`${verb} ${madeName(created)}${created.keyHash ? ` (hash ${created.keyHash})` : ''} for ${request.label}${aliasNote}`);
    return created;
  });
  // Recorded alongside the delivery, not before it: a secret storage waiting for its keyring to be
  // unlocked must not hold the key back.
  const recorded = pending.then(
    (created) => bookkeeping(services, request, created).catch((e: unknown) => log.warn(`Could not record the new key: ${String(e)}`)),
    () => undefined,
  );
  let outcome: NewCredential | typeof STOPPED_WAITING;
  try {
    let stopWaiting: () => void = () => undefined;
    const stopped = new Promise<typeof STOPPED_WAITING>((resolve) => (stopWaiting = () => resolve(STOPPED_WAITING)));
    outcome = await showCancellableProgress(services.ui, request.progressTitle ?? vscode.l10n.t('Creating a key for {0}…', request.label), Promise.race([pending, stopped]), () => stopWaiting());
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

async function bookkeeping(services: Services, request: NewKeyRequest, created: NewCredential): Promise<void> {
  const { connection } = request;
  const createdAt = new Date().toISOString();
  for (const apiId of request.apiIds) {
    services.keyLists.invalidate(connection.id, apiId);
  }
  if (request.passwordOnly) {
    return;
  }
  await services.knownKeys.remember({
    connectionId: connection.id,
    // A basic-auth user on a hashing Gateway comes without its key id: known by its hash.
    fingerprint: fingerprint(created.key || created.keyHash || ''),
    ...(created.keyHash ? { keyHash: created.keyHash } : {}),
    ...(request.alias ? { alias: request.alias } : {}),
    apiIds: request.apiIds,
    createdAt,
  });
  if (credentialOf(created)) {
    // Saved keys are keys: a basic-auth user or an HMAC key inserted again later would lack its password or secret.
    services.log.info(`Not saved in secret storage: ${madeName(created)} is not a plain key`);
    return;
  }
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

async function deliver(services: Services, request: NewKeyRequest, created: NewCredential, late: boolean): Promise<void> {
  const warn = (m: string): void => services.log.warn(m);
  const credential = credentialOf(created);
  const copied = credentialText({ key: created.key, ...(credential ? { credential } : {}) });
  const made: KeyToDeliver['made'] =
    credential?.kind === 'basic'
      ? { kind: request.passwordOnly ? 'password' : 'basic', username: credential.username }
      : credential?.kind === 'hmac'
        ? { kind: 'hmac' }
        : undefined;
  // A key with control characters or line breaks (a broken or hostile server) is never written into a file: the dialog shows it.
  const unwritable = credentialProblem({ key: created.key, ...(credential ? { credential } : {}) });
  const k: KeyToDeliver = { key: copied, text: copied, label: request.label, warn, ...(made ? { made } : {}), ...(unwritable !== undefined ? { unwritable } : {}) };
  try {
    if (late) {
      // The user stopped waiting: no format pick now, and not at the cursor (it has moved on since).
      announceKey(services, k, await deliverKey(services, k, { atCursor: false }));
      services.log.info(`Key for ${request.label} delivered after the wait was stopped`);
      return;
    }
    // How the key is written (setting or pick); Escape or a failure there gives the key alone.
    const formatInput: KeyFormatInput = {
      key: created.key,
      apis: request.apis ?? formatApisOf([], request.apiIds, request.apiNames),
      gatewayBase: gatewayBaseFor(request.connection),
      ...(credential ? { credential } : {}),
    };
    const formatted = await formatForInsertion(services.ui, formatInput,
      services.state,
      warn,
      { ask: request.noFormatPick !== true, clearAfterSeconds: services.clipboard.clearAfterSeconds() },
    );
    k.text = formatted.text;
    k.wholeLine = formatted.wholeLine;
    k.movable = { format: formatted.format, input: formatInput, ...(request.alias ? { alias: request.alias } : {}) };
    const delivered = formatted.copyOnly ? await copyKeyOnly(services, k) : await deliverKey(services, k);
    services.log.info(`Key for ${request.label} ${deliveredWhere(delivered)}${delivered.where === 'modal' || delivered.where === 'clipboard' ? '' : ` as: ${keyFormatLabel(formatted.format, credential?.kind).label}`}`);
    announceKey(services, k, delivered, 'created', request.actions?.(created) ?? []);
  } catch (e) {
    warn(`Delivering the key failed: ${String(e)}`);
    await showKeyModal(services, k);
  }
}

/** Where a key went, for the log: "delivered to the active editor", "copied to the clipboard (cleared in 30 s)"… */
export function deliveredWhere(delivered: DeliveredKey): string {
  switch (delivered.where) {
    case 'editor':
      return 'delivered to the active editor';
    case 'untitled':
      return 'delivered to a new document';
    case 'modal':
      return 'delivered to the dialog';
    case 'env':
      return `put in ${delivered.env?.file ?? '.env'} as ${delivered.env?.name ?? '?'} (the leak guard), a reference to it in the active editor`;
    case 'clipboard':
      return `copied to the clipboard, nothing inserted${delivered.clearAfterSeconds ? ` (cleared in ${delivered.clearAfterSeconds} s if unchanged)` : ''}`;
  }
}
