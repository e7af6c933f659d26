// The leak guard: before a key is written into a file that is in a git repository and not ignored by
// git (one commit away from a leak), ask — insert it into .env instead (and a reference to it here),
// insert it anyway, or cancel (nothing inserted; the key stays reachable with Copy). No question for a
// file git ignores, an untitled document, a file outside any repository, or without git (logged by
// src/services/git.ts).
import * as vscode from 'vscode';
import { readsEnvBesideFile, referenceText } from '../domain/envFile';
import type { KeyFormat, KeyFormatInput } from '../domain/keyFormats';
import { envFileFor, moveKeyToEnv, type EnvServices, type MovedKey } from './envFile';

/** What the guard needs to put a key in .env and write a reference in its place: how it was formatted, its alias. */
export interface MovableKey {
  format: KeyFormat;
  input: KeyFormatInput;
  /** Names the .env variable (`TYK_KEY_<ALIAS>`); without it, the first API's name does. */
  alias?: string;
}

export type GuardVerdict =
  | { kind: 'insert' }
  /** Nothing is inserted; `note` says why, next to the key shown with Copy. */
  | { kind: 'cancel'; note: string }
  /** The key is in .env (`moved`); `text` (the reference, in the file's syntax and the format's shape) goes where the key would have. */
  | { kind: 'env'; moved: MovedKey; text: string; wholeLine: boolean };

/** The placeholder name used to learn whether a format can refer to a variable at all. */
const PROBE_NAME = 'TYK_KEY';

/**
 * Asks, when `document` is in a git repository and not ignored, where the key goes. `key` is what
 * goes in .env; `movable` absent (or a basic-auth user, an HMAC key: more than one secret) offers only
 * Insert Anyway and Cancel, as does a document that is the .env itself.
 */
export async function guardInsert(s: EnvServices, document: vscode.TextDocument, key: string, movable: MovableKey | undefined, warn: (m: string) => void): Promise<GuardVerdict> {
  const standing = await s.git.standing(document.uri);
  if (standing.kind !== 'exposed') {
    return { kind: 'insert' };
  }
  const { languageId } = document;
  const probe = movable && referenceText(movable.format, movable.input, languageId, PROBE_NAME);
  const besideDocument = probe !== undefined && readsEnvBesideFile(probe);
  const envUri = envFileFor(document.uri, standing.root, besideDocument);
  const canMove = movable !== undefined && probe !== undefined && envUri.toString() !== document.uri.toString();
  const shown = vscode.workspace.asRelativePath(document.uri);
  const envShown = vscode.workspace.asRelativePath(envUri);
  const toEnv = vscode.l10n.t('Insert into .env Instead');
  const anyway = vscode.l10n.t('Insert Anyway');
  const cancelled = vscode.l10n.t('Nothing was inserted.');
  const answer = await s.ui.choose(
    vscode.l10n.t('{0} is tracked by git (in a repository, not ignored): the key would be one commit away from a leak.', shown),
    canMove
      ? vscode.l10n.t(
          'Insert into .env Instead puts the key in {0} and a reference to it here, and checks that git ignores {0}. Insert Anyway writes the key into this file. Cancel inserts nothing: the key is shown with Copy.',
          envShown,
        )
      : vscode.l10n.t('Insert Anyway writes the key into this file. Cancel inserts nothing: the key is shown with Copy.'),
    canMove ? [toEnv, anyway] : [anyway],
  );
  if (answer === anyway) {
    return { kind: 'insert' };
  }
  if (answer !== toEnv || !movable) {
    return { kind: 'cancel', note: cancelled };
  }
  let moved: MovedKey;
  try {
    moved = await moveKeyToEnv(s, { document: document.uri, root: standing.root, alias: movable.alias ?? movable.input.apis[0]?.name, value: key, besideDocument });
  } catch (e) {
    warn(`Could not write the key into ${envUri.fsPath}: ${String(e)}`);
    return { kind: 'cancel', note: vscode.l10n.t('It could not be written into {0}: nothing was inserted.', envShown) };
  }
  const text = referenceText(movable.format, movable.input, languageId, moved.name) ?? moved.name;
  // The key alone and a .env line become a reference in the flow of the text; the others stay lines of their own.
  return { kind: 'env', moved, text, wholeLine: movable.format !== 'raw' && movable.format !== 'env' };
}
