// Requests a command waits for get a cancellable progress notification, shown only if they take
// longer than a moment (a quick read does not flash a notification). Cancel aborts the request.
import * as vscode from 'vscode';
import type { Ui } from './ui';

/** Shows a cancellable notification while `work` runs, its Cancel wired to `onCancel`; resolves with `work`. */
export function showCancellableProgress<T>(ui: Ui, title: string, work: Promise<T>, onCancel: () => void): Thenable<T> {
  return ui.withProgress<T>({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const stop = token.onCancellationRequested(onCancel);
    return work.finally(() => {
      stop.dispose();
    });
  });
}

/**
 * Runs `task` with an AbortSignal; after `showAfterMs` still running, a cancellable progress
 * notification appears, whose Cancel aborts the signal (the client then rejects with 'cancelled').
 */
export async function withCancellableProgress<T>(ui: Ui, title: string, task: (signal: AbortSignal) => Promise<T>, showAfterMs = 300): Promise<T> {
  const controller = new AbortController();
  const work = task(controller.signal);
  let done = false;
  const timer = setTimeout(() => {
    if (!done) {
      void showCancellableProgress(ui, title, work.catch(() => undefined), () => controller.abort());
    }
  }, showAfterMs);
  try {
    return await work;
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
