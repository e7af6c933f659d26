// Chooses how a key that exists is written (setting `tyk.insertFormat`; with `ask`, a quick pick with
// a masked preview of each format). Never loses the key: Escape or any failure means the key alone.
import * as vscode from 'vscode';
import {
  KEY_FORMATS,
  defaultFormatFor,
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

interface LastChoice {
  format: KeyFormat;
  kind: string;
}

interface FormatItem extends vscode.QuickPickItem {
  format: KeyFormat;
}

export interface FormattedKey {
  text: string;
  format: KeyFormat;
  /** How the format was decided. */
  how: 'setting' | 'picked' | 'file' | 'fallback';
  /** The text is a line of its own (src/domain/placement.ts). */
  wholeLine: boolean;
}

/** `tyk.insertFormat`: a format, or `ask` (the default, also for an unknown value). */
export function configuredInsertFormat(): KeyFormat | 'ask' {
  const value = vscode.workspace.getConfiguration('tyk').get<unknown>(INSERT_FORMAT_SETTING, 'ask');
  return isKeyFormat(value) ? value : 'ask';
}

/**
 * The text to insert for the key, in the format of the setting, else the user's pick (or, with
 * `ask: false`, the file's own format). Never throws:
 * Escape, or anything going wrong, gives the key alone.
 */
export async function formatForInsertion(
  ui: Ui,
  input: KeyFormatInput,
  state: vscode.Memento,
  warn: (message: string) => void,
  { ask = true }: { ask?: boolean } = {},
): Promise<FormattedKey> {
  const raw: FormattedKey = { text: input.key, format: 'raw', how: 'fallback', wholeLine: false };
  try {
    const configured = configuredInsertFormat();
    if (configured !== 'ask') {
      return { text: formatKey(configured, input), format: configured, how: 'setting', wholeLine: isWholeLine(configured) };
    }
    if (!ask) {
      // No question asked (a key in one click): the format of the file at hand.
      const document = vscode.window.activeTextEditor?.document;
      const format = defaultFormatFor(document?.languageId ?? 'plaintext', document?.fileName ?? '');
      return { text: formatKey(format, input), format, how: 'file', wholeLine: isWholeLine(format) };
    }
    const format = await pickKeyFormat(ui, input, state);
    if (!format) {
      return raw;
    }
    return { text: formatKey(format, input), format, how: 'picked', wholeLine: isWholeLine(format) };
  } catch (e) {
    warn(`Could not format the key; inserting the key alone: ${String(e)}`);
    return raw;
  }
}

/** The quick pick; resolves with the chosen format, or undefined when the user escapes. */
async function pickKeyFormat(ui: Ui, input: KeyFormatInput, state: vscode.Memento): Promise<KeyFormat | undefined> {
  // With no editor the key goes to a new plain-text document: the same choice applies to it.
  const document = vscode.window.activeTextEditor?.document;
  const languageId = document?.languageId ?? 'plaintext';
  const fileName = document?.fileName ?? '';
  const kind = fileKindFor(languageId, fileName);
  const last = lastChoice(state);
  const highlighted = last && last.kind === kind ? last.format : defaultFormatFor(languageId, fileName);

  const items: FormatItem[] = KEY_FORMATS.map((format) => ({
    label: keyFormatLabel(format).label,
    description: previewKey(format, input),
    detail: keyFormatLabel(format).detail,
    format,
  }));
  const picker = ui.createQuickPick<FormatItem>();
  const disposables: vscode.Disposable[] = [picker];
  try {
    const chosen = await new Promise<KeyFormat | undefined>((resolve) => {
      picker.title = PICK_TITLE;
      picker.placeholder = vscode.l10n.t('How the key is written: Enter takes the highlighted format, Escape inserts the key alone');
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
          // Enter with nothing highlighted (a filter that matches nothing) keeps the pick open.
          const format = picker.activeItems[0]?.format;
          if (format) {
            resolve(format);
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

function lastChoice(state: vscode.Memento): LastChoice | undefined {
  const value = state.get<unknown>(LAST_FORMAT_STATE);
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  return isKeyFormat(v.format) && typeof v.kind === 'string' ? { format: v.format, kind: v.kind } : undefined;
}
