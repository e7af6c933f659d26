// Requests a command waits for get a cancellable progress notification, shown only if they take
// longer than a moment (a quick read does not flash a notification). Cancel aborts the request.
import * as vscode from 'vscode';

/**
 * The Cancel of each progress notification on screen, as a token source its button forwards to.
 * Test hooks cancel through it (an extension host cannot click a notification); what follows is
 * the same code path as the button's.
 */
export const progressCancels = new Set<vscode.CancellationTokenSource>();

/** Shows a cancellable notification while `task` runs, wired to `onCancel`; resolves with `work`. */
export function showCancellableProgress<T>(title: string, work: Promise<T>, onCancel: () => void): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const cancel = new vscode.CancellationTokenSource();
    const forward = token.onCancellationRequested(() => cancel.cancel());
    const stop = cancel.token.onCancellationRequested(onCancel);
    progressCancels.add(cancel);
    return work.finally(() => {
      progressCancels.delete(cancel);
      stop.dispose();
      forward.dispose();
      cancel.dispose();
    });
  });
}

/**
 * Runs `task` with an AbortSignal; after `showAfterMs` still running, a cancellable progress
 * notification appears, whose Cancel aborts the signal (the client then rejects with 'cancelled').
 */
export async function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, showAfterMs = 300): Promise<T> {
  const controller = new AbortController();
  const work = task(controller.signal);
  let done = false;
  const timer = setTimeout(() => {
    if (!done) {
      void showCancellableProgress(title, work.catch(() => undefined), () => controller.abort());
    }
  }, showAfterMs);
  try {
    return await work;
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
