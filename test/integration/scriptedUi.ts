// The Ui the integration tests give the extension: VS Code's own (src/ui/ui.ts), watched and
// answerable. It remembers the quick input on screen (tests type into it and press Enter), the Cancel
// of each progress notification (an extension host cannot click one), whether the status bar item is
// shown, and its notifications and modals can be replaced per test (helpers.ts captureDialogs).
import * as vscode from 'vscode';
import { vsCodeUi, type Ui } from '../../src/ui/ui';

/** The quick input on screen, as a test sees it. */
export interface ActiveInput {
  kind: 'pick' | 'input';
  input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;
  title: string;
  step: number | undefined;
  totalSteps: number | undefined;
}

export interface ActiveInputs {
  current: ActiveInput | undefined;
  changed: vscode.EventEmitter<ActiveInput | undefined>;
}

export class ScriptedUi implements Ui {
  readonly activeInputs: ActiveInputs = { current: undefined, changed: new vscode.EventEmitter<ActiveInput | undefined>() };
  private readonly progressCancels = new Set<vscode.CancellationTokenSource>();
  private readonly shownItems = new WeakSet<vscode.StatusBarItem>();
  private readonly real = vsCodeUi();

  info = this.real.info;
  warn = this.real.warn;
  error = this.real.error;
  confirm = this.real.confirm;
  choose = this.real.choose;
  showKey = this.real.showKey;
  writeClipboard = this.real.writeClipboard;
  readClipboard = this.real.readClipboard;
  pickFile = this.real.pickFile;
  showTextDocument = this.real.showTextDocument;
  /** The pages the extension asked the browser to open: recorded, not opened (there is no browser here). */
  readonly opened: string[] = [];
  openExternal = (uri: vscode.Uri): Thenable<boolean> => {
    this.opened.push(uri.toString(true));
    return Promise.resolve(true);
  };

  createQuickPick = <T extends vscode.QuickPickItem>(): vscode.QuickPick<T> => this.watch(this.real.createQuickPick<T>(), 'pick');

  createInputBox = (): vscode.InputBox => this.watch(this.real.createInputBox(), 'input');

  private watch<I extends vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox>(input: I, kind: ActiveInput['kind']): I {
    const show = input.show.bind(input);
    const dispose = input.dispose.bind(input);
    input.show = () => {
      show();
      const shown: ActiveInput = { kind, input, title: input.title ?? '', step: input.step, totalSteps: input.totalSteps };
      this.activeInputs.current = shown;
      this.activeInputs.changed.fire(shown);
    };
    input.dispose = () => {
      if (this.activeInputs.current?.input === input) {
        this.activeInputs.current = undefined;
        this.activeInputs.changed.fire(undefined);
      }
      dispose();
    };
    return input;
  }

  withProgress = <R>(
    options: vscode.ProgressOptions,
    task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
  ): Thenable<R> =>
    this.real.withProgress(options, (progress, token) => {
      const cancel = new vscode.CancellationTokenSource();
      const forward = token.onCancellationRequested(() => cancel.cancel());
      this.progressCancels.add(cancel);
      return Promise.resolve(task(progress, cancel.token)).finally(() => {
        this.progressCancels.delete(cancel);
        forward.dispose();
        cancel.dispose();
      });
    });

  /** Presses Cancel on every progress notification on screen; returns how many there were. */
  cancelProgress(): number {
    const open = [...this.progressCancels];
    for (const cancel of open) {
      cancel.cancel();
    }
    return open.length;
  }

  createStatusBarItem = (id: string, alignment: vscode.StatusBarAlignment, priority: number): vscode.StatusBarItem => {
    const item = this.real.createStatusBarItem(id, alignment, priority);
    const show = item.show.bind(item);
    const hide = item.hide.bind(item);
    item.show = () => {
      this.shownItems.add(item);
      show();
    };
    item.hide = () => {
      this.shownItems.delete(item);
      hide();
    };
    return item;
  };

  /** Whether `item` is shown (a StatusBarItem does not say). */
  statusBarVisible(item: vscode.StatusBarItem): boolean {
    return this.shownItems.has(item);
  }
}
