// Chooses how a key that exists is written (setting `tyk.insertFormat`; with `ask`, a quick pick with
// a masked preview of each format), or that it is only copied (Copy only: the pick's last item, or the
// setting's `copy`). Never loses the key: Escape or any failure means the key alone.
import * as vscode from 'vscode';
import { notRequestableMessage } from '../domain/keyKinds';
import {
  credentialProblem,
  credentialText,
  defaultFormatFor,
  formatProblem,
  formatsFor,
  fileKindFor,
  formatKey,
  isKeyFormat,
  keyFormatLabel,
  previewKey,
  type KeyFormat,
  type KeyFormatInput,
} from '../domain/keyFormats';
import type { Ui } from './ui';
import { isWholeLine } from '../domain/placement';

export const INSERT_FORMAT_SETTING = 'insertFormat';
/** The globalState key of the last format chosen at the pick, with the kind of file it was for. */
export const LAST_FORMAT_STATE = 'tyk.lastInsertFormat';
export const PICK_TITLE = vscode.l10n.t('Insert the key as…');

/** Copy only: the key on the clipboard, nothing inserted (a choice of the pick and of `tyk.insertFormat`, not a format). */
export const COPY_ONLY = 'copy';
type Choice = KeyFormat | typeof COPY_ONLY;

interface LastChoice {
  format: Choice;
  kind: string;
}

interface FormatItem extends vscode.QuickPickItem {
  format: Choice;
  /** Why it cannot be written here (`formatProblem`): shown, never taken. */
  problem?: string;
}

export interface FormattedKey {
  text: string;
  format: KeyFormat;
  /** How the format was decided. */
  how: 'setting' | 'picked' | 'file' | 'fallback';
  /** The text is a line of its own (src/domain/placement.ts). */
  wholeLine: boolean;
  /** Why the key cannot be written into a file at all (`credentialProblem`): it is shown in a dialog instead. */
  unwritable?: string;
  /** Copy only: `text` (the key alone) goes to the clipboard, nothing is inserted. */
  copyOnly: boolean;
}

/** `tyk.insertFormat`: a format, `copy` (Copy only), or `ask` (the default, also for an unknown value). */
export function configuredInsertFormat(): Choice | 'ask' {
  const value = vscode.workspace.getConfiguration('tyk').get<unknown>(INSERT_FORMAT_SETTING, 'ask');
  return isChoice(value) ? value : 'ask';
}

function isChoice(value: unknown): value is Choice {
  return value === COPY_ONLY || isKeyFormat(value);
}

/**
 * The text to insert for the key, in the format of the setting, else the user's pick (or, with
 * `ask: false`, the file's own format). Never throws: Escape, a format that cannot be written here
 * (`formatProblem`), or anything going wrong, gives the key alone; a key that cannot be written at all
 * comes back `unwritable`, without a question.
 */
export async function formatForInsertion(
  ui: Ui,
  input: KeyFormatInput,
  state: vscode.Memento,
  warn: (message: string) => void,
  { ask = true, clearAfterSeconds = 0 }: { ask?: boolean; clearAfterSeconds?: number } = {},
): Promise<FormattedKey> {
  // The key alone; a basic-auth user's username:password, an HMAC key's id and secret.
  const raw: FormattedKey = { text: credentialText(input), format: 'raw', how: 'fallback', wholeLine: false, copyOnly: false };
  const unwritable = credentialProblem(input);
  if (unwritable !== undefined) {
    warn(`The key cannot be written into a file: ${unwritable}`);
    return { ...raw, unwritable };
  }
  /** `wanted` where it fits and can be written; else the key alone (a curl line for a TCP API, a header for an HMAC key). */
  const writable = (wanted: KeyFormat, how: FormattedKey['how']): FormattedKey => {
    const problem = formatsFor(input).includes(wanted) ? formatProblem(wanted, input) : 'does not fit';
    if (problem !== undefined) {
      warn(`The format ${wanted} is not written here (${problem}): the key alone instead`);
    }
    const format = problem === undefined ? wanted : 'raw';
    return { text: formatKey(format, input), format, how, wholeLine: isWholeLine(format), copyOnly: false };
  };
  try {
    const configured = configuredInsertFormat();
    if (configured === COPY_ONLY) {
      return { ...raw, how: 'setting', copyOnly: true };
    }
    if (configured !== 'ask') {
      return writable(configured, 'setting');
    }
    if (!ask) {
      // No question asked (a key in one click): the format of the file at hand, where it fits.
      const document = vscode.window.activeTextEditor?.document;
      return writable(defaultFormatFor(document?.languageId ?? 'plaintext', document?.fileName ?? ''), 'file');
    }
    const format = await pickKeyFormat(ui, input, state, clearAfterSeconds);
    if (!format) {
      return raw;
    }
    if (format === COPY_ONLY) {
      return { ...raw, how: 'picked', copyOnly: true };
    }
    return { text: formatKey(format, input), format, how: 'picked', wholeLine: isWholeLine(format), copyOnly: false };
  } catch (e) {
    warn(`Could not format the key; inserting the key alone: ${String(e)}`);
    return raw;
  }
}

/** The quick pick; resolves with the chosen format (or Copy only), or undefined when the user escapes. */
async function pickKeyFormat(ui: Ui, input: KeyFormatInput, state: vscode.Memento, clearAfterSeconds: number): Promise<Choice | undefined> {
  // With no editor the key goes to a new plain-text document: the same choice applies to it.
  const document = vscode.window.activeTextEditor?.document;
  const languageId = document?.languageId ?? 'plaintext';
  const fileName = document?.fileName ?? '';
  const kind = fileKindFor(languageId, fileName);
  const last = lastChoice(state);
  const formats = formatsFor(input);
  const wanted = last && last.kind === kind ? last.format : defaultFormatFor(languageId, fileName);
  const credential = input.credential?.kind;

  // A format that cannot be written here (a header name that is no HTTP header name, a listen path no
  // URL path can hold…) is listed, marked, with the reason as its detail; choosing it does nothing.
  const items: FormatItem[] = formats.map((format) => {
    const { label, detail } = keyFormatLabel(format, credential);
    const problem = formatProblem(format, input);
    return problem === undefined
      ? { label, description: previewKey(format, input), detail, format }
      : { label: `$(circle-slash) ${label}`, description: vscode.l10n.t('cannot be written here'), detail: problem, format, problem };
  });
  items.push(copyOnlyItem(input, clearAfterSeconds));
  const highlighted: Choice = wanted === COPY_ONLY || items.some((i) => i.format === wanted && i.problem === undefined) ? wanted : 'raw';
  const api = input.apis[0];
  // Why the header and curl formats are missing, in the placeholder: said, not silently dropped.
  const missing =
    api?.requestable === false && api.notRequestableReason
      ? notRequestableMessage(api.notRequestableReason)
      : credential === 'hmac'
        ? vscode.l10n.t('An HMAC key signs each request (its Date and a signature): no fixed header or curl line.')
        : undefined;
  const picker = ui.createQuickPick<FormatItem>();
  const disposables: vscode.Disposable[] = [picker];
  try {
    const chosen = await new Promise<Choice | undefined>((resolve) => {
      picker.title = PICK_TITLE;
      const how = vscode.l10n.t('How the key is written: Enter takes the highlighted format, Escape inserts the key alone');
      picker.placeholder = missing ? `${how}. ${missing}` : how;
      picker.matchOnDescription = false;
      picker.matchOnDetail = true;
      // The key exists: clicking elsewhere must not decide for the user.
      picker.ignoreFocusOut = true;
      picker.items = items;
      const active = items.find((i) => i.format === highlighted);
      if (active) {
        picker.activeItems = [active];
      }
      disposables.push(
        picker.onDidAccept(() => {
          // Enter with nothing highlighted (a filter that matches nothing), or on a format that cannot be
          // written (its detail says why), keeps the pick open.
          const item = picker.activeItems[0];
          if (item && item.problem === undefined) {
            resolve(item.format);
          }
        }),
        picker.onDidHide(() => resolve(undefined)),
      );
      picker.show();
    });
    if (chosen) {
      await Promise.resolve(state.update(LAST_FORMAT_STATE, { format: chosen, kind } satisfies LastChoice)).catch(() => undefined);
    }
    return chosen;
  } finally {
    for (const d of disposables) {
      d.dispose();
    }
  }
}

/** The pick's last item: the key as the key alone shows it, on the clipboard; whether it is cleared later. */
function copyOnlyItem(input: KeyFormatInput, clearAfterSeconds: number): FormatItem {
  return {
    label: vscode.l10n.t('Copy only'),
    description: previewKey('raw', input),
    detail:
      clearAfterSeconds > 0
        ? vscode.l10n.t('On the clipboard, nothing inserted; cleared after {0} s unless you copy something else', clearAfterSeconds)
        : vscode.l10n.t('On the clipboard, nothing inserted: paste it where you need it'),
    format: COPY_ONLY,
  };
}

function lastChoice(state: vscode.Memento): LastChoice | undefined {
  const value = state.get<unknown>(LAST_FORMAT_STATE);
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  return isChoice(v.format) && typeof v.kind === 'string' ? { format: v.format, kind: v.kind } : undefined;
}
