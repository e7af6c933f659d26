// Puts a key on the clipboard (Copy only, Copy on a notification, Copy in the key's dialog) and, if the
// user opted in (`tyk.clipboard.clearAfterSeconds`), clears it that many seconds later, as password
// managers do: only if the clipboard still holds the key, never what the user copied since.
import type * as vscode from 'vscode';
import { shouldClear } from '../domain/clipboardClearing';
import type { Ui } from './ui';

export class KeyClipboard implements vscode.Disposable {
  /** The one pending clear: a newer copy replaces it (the clipboard holds one text). */
  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * `clearAfterSeconds` is read at each copy (the setting may change meanwhile); `warn` gets what went
   * wrong while clearing (logged, never shown: the key was copied).
   */
  constructor(
    private readonly ui: Pick<Ui, 'writeClipboard' | 'readClipboard'>,
    /** `tyk.clipboard.clearAfterSeconds` now: 0 when a copied key stays. */
    readonly clearAfterSeconds: () => number,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * Copies `key` (throws when the clipboard refuses it); resolves with the seconds after which it is
   * cleared, 0 when it is not.
   */
  async copy(key: string): Promise<number> {
    await this.ui.writeClipboard(key);
    this.cancel();
    const seconds = this.clearAfterSeconds();
    if (seconds > 0) {
      const timer = setTimeout(() => void this.clearIfUnchanged(key, timer), seconds * 1000);
      this.pending = timer;
    }
    return seconds;
  }

  private async clearIfUnchanged(key: string, timer: ReturnType<typeof setTimeout>): Promise<void> {
    if (this.pending === timer) {
      this.pending = undefined;
    }
    let now: string | undefined;
    try {
      now = await this.ui.readClipboard();
    } catch (e) {
      this.warn(`Could not read the clipboard to clear the key; left as it is: ${String(e)}`);
      return;
    }
    try {
      if (shouldClear(key, now)) {
        await this.ui.writeClipboard('');
      }
    } catch (e) {
      this.warn(`Could not clear the clipboard: ${String(e)}`);
    }
  }

  private cancel(): void {
    if (this.pending !== undefined) {
      clearTimeout(this.pending);
      this.pending = undefined;
    }
  }

  /** On deactivate: no clear runs after the extension is gone. */
  dispose(): void {
    this.cancel();
  }
}
