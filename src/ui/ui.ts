// Everything the extension shows a person and waits on — quick inputs, notifications, modal
// questions, progress, the clipboard, documents, the status bar — behind one interface, passed in
// with the services. The extension uses `vsCodeUi()`; the integration tests pass a scripted one from
// their own entry (test/integration/entry.ts), never shipped.
import * as vscode from 'vscode';

export interface Ui {
  createQuickPick: <T extends vscode.QuickPickItem>() => vscode.QuickPick<T>;
  createInputBox: () => vscode.InputBox;
  /** A non-modal notification; resolves with the action picked, if any. */
  info: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  warn: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  error: (message: string, ...actions: string[]) => Thenable<string | undefined>;
  /** A modal question; true only when the user picked `confirm`. */
  confirm: (message: string, detail: string, confirm: string) => Promise<boolean>;
  /** A modal that shows a key in full with a Copy button: the last resort so a key is never lost. */
  showKey: (message: string, key: string) => Promise<void>;
  writeClipboard: (text: string) => Promise<void>;
  /** An open-file dialog for one file; resolves with it, or undefined when the user cancels. */
  pickFile: (options: { title: string; openLabel: string; filters: Record<string, string[]> }) => Thenable<vscode.Uri | undefined>;
  /** A progress notification; `token` is cancelled by its Cancel button (when `cancellable`). */
  withProgress: <R>(
    options: vscode.ProgressOptions,
    task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
  ) => Thenable<R>;
  showTextDocument: (document: vscode.TextDocument, options?: vscode.TextDocumentShowOptions) => Thenable<vscode.TextEditor>;
  createStatusBarItem: (id: string, alignment: vscode.StatusBarAlignment, priority: number) => vscode.StatusBarItem;
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
    async showKey(message, key) {
      const copy = vscode.l10n.t('Copy');
      const answer = await vscode.window.showInformationMessage(message, { modal: true, detail: key }, copy);
      if (answer === copy) {
        await ui.writeClipboard(key);
      }
    },
    async writeClipboard(text) {
      await vscode.env.clipboard.writeText(text);
    },
    async pickFile({ title, openLabel, filters }) {
      const picked = await vscode.window.showOpenDialog({ title, openLabel, filters, canSelectFiles: true, canSelectFolders: false, canSelectMany: false });
      return picked?.[0];
    },
    withProgress: (options, task) => vscode.window.withProgress(options, task),
    showTextDocument: (document, options) => vscode.window.showTextDocument(document, options),
    createStatusBarItem: (id, alignment, priority) => vscode.window.createStatusBarItem(id, alignment, priority),
  };
  return ui;
}
