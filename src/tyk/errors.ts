import { plainText } from '../domain/displayText';
import * as l10n from '@vscode/l10n';
import type { TykFlavor } from '../domain/model';

export type TykErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'hashed-listing-disabled'
  | 'bad-request'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'bad-response'
  | 'cancelled';

/**
 * What Tyk answers (404) to a key listing when keys are stored hashed and listing them is off: the
 * Dashboard's `Could not retrieve keys.`, the Gateway's `Hashed key listing is disabled in config
 * (enable_hashed_keys_listing)`.
 */
export const HASHED_LISTING_OFF = /could not retrieve keys|hashed key listing is disabled/i;

/**
 * Tyk's refusals of a key write that are not transient (gateway/api.go handleAddOrUpdate, createKeyHandler;
 * the Dashboard passes them through in `Message`), as messages that say what to do. Undefined for others.
 */
export function keyWriteRefusal(status: number, message: string | undefined, server: string): TykError | undefined {
  if (!message) {
    return undefined;
  }
  const details = { status, serverMessage: message };
  if (/key with given certificate already found/i.test(message)) {
    return new TykError(
      'conflict',
      l10n.t('The {0} already holds a key bound to this certificate, and Tyk allows one key per certificate. Revoke that key first, or bind the new key to another certificate.', server),
      details,
    );
  }
  if (/cannot be used without a certificate/i.test(message)) {
    return new TykError('bad-request', l10n.t('The {0} keeps this key bound to its certificate: a certificate-bound key cannot lose its certificate. Create a new key instead.', server), details);
  }
  if (/existent certificate/i.test(message)) {
    return new TykError('bad-request', l10n.t('The {0} does not hold that certificate: add it to its certificate store first (Dashboard: Certificates), then pick it.', server), details);
  }
  if (/ensure security settings are correct|master keys/i.test(message)) {
    return new TykError(
      'bad-request',
      l10n.t('The {0} refused the key (it said: "{1}"): a key must grant at least one API the Gateway knows, or apply a policy that does.', server, message),
      details,
    );
  }
  return undefined;
}

export interface TykErrorDetails {
  status?: number;
  /** The message the server sent, already stripped of secrets and trimmed. */
  serverMessage?: string;
  /** True when a write may or may not have happened (the request was sent, no answer came). */
  outcomeUnknown?: boolean;
  /** Seconds to wait, from a 429's Retry-After. */
  retryAfter?: number;
  /** A short machine code of the underlying failure (ECONNREFUSED, CERT_HAS_EXPIRED…), never a secret. */
  code?: string;
}

/** The longest message a TykError carries (its own words and a quoted server text fit well within). */
export const MAX_ERROR_MESSAGE_LENGTH = 1000;
/** The longest server message kept (`serverMessage`). */
export const MAX_SERVER_MESSAGE_LENGTH = 300;

/**
 * What the Tyk client throws when a request or its answer goes wrong (anything else is a bug). Its
 * message is meant for the user: it says what went wrong
 * and what to do. It never holds the credential (see `SecretRedactor`), and carries no request config.
 * Its message and server message are plain text (`plainText`): one line, bounded, no link syntax, so
 * that whatever a server wrote into them shows as text in a notification, never as a command link.
 */
export class TykError extends Error {
  override readonly name = 'TykError';
  readonly status?: number;
  readonly serverMessage?: string;
  readonly outcomeUnknown: boolean;
  readonly retryAfter?: number;
  readonly code?: string;

  constructor(
    readonly kind: TykErrorKind,
    message: string,
    details: TykErrorDetails = {},
  ) {
    super(plainText(message, MAX_ERROR_MESSAGE_LENGTH));
    this.status = details.status;
    this.serverMessage = details.serverMessage === undefined ? undefined : plainText(details.serverMessage, MAX_SERVER_MESSAGE_LENGTH);
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.retryAfter = details.retryAfter;
    this.code = details.code;
  }
}

/** Whether `e` is a TykError. */
export function isTykError(e: unknown): e is TykError {
  return e instanceof TykError;
}

/** At most `max` characters, on one line, with an ellipsis when cut: `plainText` (cut first, whatever the length of `text`). */
export function excerpt(text: string, max = 200): string {
  return plainText(text, max);
}

/** Where the user finds the credential again, per flavor. */
export function credentialHint(flavor: TykFlavor): string {
  return flavor === 'dashboard'
    ? l10n.t('copy it again from Users → your user → Tyk Dashboard API Access Credentials')
    : l10n.t('use the `secret` from the Gateway’s tyk.conf (or TYK_GW_SECRET)');
}

/** Why a credential check failed: the message for the user, and the kind of failure (TLS, 401…). */
export interface CredentialProblem {
  message: string;
  kind: TykErrorKind | 'unknown';
  /** The underlying code (DEPTH_ZERO_SELF_SIGNED_CERT, ECONNREFUSED…), when there is one. */
  code?: string;
}

/** Why an address check failed: as for a credential, or `not-tyk` when a server answered, but not as a Tyk does. */
export interface AddressProblem {
  message: string;
  kind: CredentialProblem['kind'] | 'not-tyk';
  code?: string;
}

/** The TLS failures that trusting a CA file or accepting a self-signed certificate can fix. */
export function isUntrustedCertificate(problem: CredentialProblem | AddressProblem | undefined): boolean {
  return problem?.kind === 'tls' && /SELF_SIGNED|UNABLE_TO|UNTRUSTED/.test(problem.code ?? '');
}
