// Everything the extension shows a person and waits on — quick inputs, notifications, modal
// questions, progress, the clipboard, documents, the status bar — behind one interface, passed in
// with the services. The extension uses `vsCodeUi()`; the integration tests pass a scripted one from
// their own entry (test/integration/entry.ts), never shipped.
import * as vscode from 'vscode';
import { plainText } from '../domain/displayText';

export interface Ui {
  createQuickPick: <T extends vscode.QuickPickItem>() => vscode.QuickPick<T>;
  createInputBox: () => vscode.InputBox;
  /** A non-modal notification; resolves with the action picked, if any. */
  info: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  warn: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  error: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  /** A modal question; true only when the user picked `confirm`. */
  confirm: (message: string, detail: string, confirm: string) => Promise<boolean>;
  /**
   * A modal question with several answers, in order: the first is the default button (what Enter
   * picks), so put the safe one first. Resolves with the answer picked, or undefined (Cancel, Escape).
   */
  choose: (message: string, detail: string, answers: readonly string[]) => Promise<string | undefined>;
  /**
   * A modal that shows a key in full with a Copy button: the last resort so a key is never lost. True
   * when the user pressed Copy (the caller copies: src/ui/keyClipboard.ts).
   */
  showKey: (message: string, key: string) => Promise<boolean>;
  writeClipboard: (text: string) => Promise<void>;
  readClipboard: () => Promise<string>;
  /** An open-file dialog for one file; resolves with it, or undefined when the user cancels. */
  pickFile: (options: { title: string; openLabel: string; filters: Record<string, string[]> }) => Thenable<vscode.Uri | undefined>;
  /** A progress notification; `token` is cancelled by its Cancel button (when `cancellable`). */
  withProgress: <R>(
    options: vscode.ProgressOptions,
    task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
  ) => Thenable<R>;
  showTextDocument: (document: vscode.TextDocument, options?: vscode.TextDocumentShowOptions) => Thenable<vscode.TextEditor>;
  createStatusBarItem: (id: string, alignment: vscode.StatusBarAlignment, priority: number) => vscode.StatusBarItem;
  /** Opens a web page in the user's browser (VS Code asks first for a site not trusted yet). */
  openExternal: (uri: vscode.Uri) => Thenable<boolean>;
}

/** The Ui of VS Code's own window. */
export function vsCodeUi(): Ui {
  const ui: Ui = {
    createQuickPick: <T extends vscode.QuickPickItem>() => vscode.window.createQuickPick<T>(),
    createInputBox: () => vscode.window.createInputBox(),
    info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
    error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
    async confirm(message, detail, confirm) {
      const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm);
      return answer === confirm;
    },
    async choose(message, detail, answers) {
      return vscode.window.showWarningMessage(message, { modal: true, detail }, ...answers);
    },
    async showKey(message, key) {
      const copy = vscode.l10n.t('Copy');
      const answer = await vscode.window.showInformationMessage(message, { modal: true, detail: key }, copy);
      return answer === copy;
    },
    async writeClipboard(text) {
      await vscode.env.clipboard.writeText(text);
    },
    async readClipboard() {
      return vscode.env.clipboard.readText();
    },
    async pickFile({ title, openLabel, filters }) {
      const picked = await vscode.window.showOpenDialog({ title, openLabel, filters, canSelectFiles: true, canSelectFolders: false, canSelectMany: false });
      return picked?.[0];
    },
    withProgress: (options, task) => vscode.window.withProgress(options, task),
    showTextDocument: (document, options) => vscode.window.showTextDocument(document, options),
    createStatusBarItem: (id, alignment, priority) => vscode.window.createStatusBarItem(id, alignment, priority),
    openExternal: (uri) => vscode.env.openExternal(uri),
  };
  return ui;
}

/** The longest message a notification or modal shows (the server's parts are shorter still). */
export const MAX_MESSAGE_LENGTH = 2000;

/** A notification's or modal's text as plain text: never markup, a link, an icon or a control character. */
export function messageText(text: string): string {
  return plainText(text, MAX_MESSAGE_LENGTH);
}

/** A modal's detail: plain text line by line (its own line breaks kept, at most 40 lines). */
function detailText(text: string): string {
  return text
    .split(/\r\n|\n/)
    .slice(0, 40)
    .map((line) => plainText(line, MAX_MESSAGE_LENGTH))
    .join('\n');
}

/** Our own leading icon (`$(shield) `) is kept; everything after it is plain text. */
const OWN_ICON = /^\$\([a-z0-9-]+(?:~spin)?\) /;

function pickText(text: string): string {
  const icon = OWN_ICON.exec(text)?.[0] ?? '';
  return icon + plainText(text.slice(icon.length));
}

/**
 * A quick pick whose items' label, description and detail are made plain text as they are set (in
 * place: the items stay the objects the flow made, only a text that changes is written).
 */
function itemsAsText<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>): vscode.QuickPick<T> {
  // The accessor of `items` on the quick pick's class, called with the quick pick as `this`.
  let owner: object | null = Object.getPrototypeOf(pick) as object | null;
  while (owner && !Object.getOwnPropertyDescriptor(owner, 'items')?.set) {
    owner = Object.getPrototypeOf(owner) as object | null;
  }
  if (!owner) {
    return pick;
  }
  const accessors = owner;
  Object.defineProperty(pick, 'items', {
    configurable: true,
    enumerable: true,
    get: () => Reflect.get(accessors, 'items', pick) as readonly T[],
    set: (items: readonly T[]) => {
      for (const item of items) {
        const label = pickText(item.label);
        if (label !== item.label) {
          item.label = label;
        }
        for (const field of ['description', 'detail'] as const) {
          const text = item[field];
          if (typeof text === 'string' && pickText(text) !== text) {
            item[field] = pickText(text);
          }
        }
      }
      Reflect.set(accessors, 'items', items, pick);
    },
  });
  return pick;
}

/**
 * The one place where text reaches a notification, a modal, a progress notification or a quick pick: every message
 * (and detail, title, action) goes through `plainText`, so text from a server or a model, quoted in a
 * message, is shown as text — `[x](command:…)` is never a link, `$(icon)` never an icon, CR/LF and
 * bidi controls never reorder or add lines. `inner` is called at each call (tests replace its methods).
 * The key shown by `showKey` is passed as it is (it is what Copy copies), in the modal's detail.
 */
export function safeUi(inner: Ui): Ui {
  // The action picked is answered as the caller wrote it.
  const asked = async (actions: readonly string[], ask: (shown: string[]) => Thenable<string | undefined>): Promise<string | undefined> => {
    const shown = actions.map((a) => plainText(a, 100));
    const picked = await ask(shown);
    return picked === undefined ? undefined : actions[shown.indexOf(picked)];
  };
  const notify =
    (show: (message: string, ...actions: string[]) => Thenable<string | undefined>) =>
    (message: string, ...actions: string[]): Promise<string | undefined> =>
      asked(actions, (shown) => show(messageText(message), ...shown));
  return {
    createQuickPick: <T extends vscode.QuickPickItem>() => itemsAsText(inner.createQuickPick<T>()),
    createInputBox: () => inner.createInputBox(),
    info: notify((message, ...actions) => inner.info(message, ...actions)),
    warn: notify((message, ...actions) => inner.warn(message, ...actions)),
    error: notify((message, ...actions) => inner.error(message, ...actions)),
    confirm: (message, detail, confirm) => inner.confirm(messageText(message), detailText(detail), plainText(confirm, 100)),
    choose: (message, detail, answers) => asked(answers, (shown) => inner.choose(messageText(message), detailText(detail), shown)),
    showKey: (message, key) => inner.showKey(messageText(message), key),
    writeClipboard: (text) => inner.writeClipboard(text),
    readClipboard: () => inner.readClipboard(),
    pickFile: (options) => inner.pickFile(options),
    withProgress: (options, task) =>
      inner.withProgress({ ...options, ...(options.title !== undefined ? { title: messageText(options.title) } : {}) }, (progress, token) =>
        task({ report: (value) => progress.report(value.message !== undefined ? { ...value, message: messageText(value.message) } : value) }, token),
      ),
    showTextDocument: (document, options) => inner.showTextDocument(document, options),
    createStatusBarItem: (id, alignment, priority) => inner.createStatusBarItem(id, alignment, priority),
    openExternal: (uri) => inner.openExternal(uri),
  };
}
