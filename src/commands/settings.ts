// Reads the extension's settings.
import * as vscode from 'vscode';

let testOverrideMs: number | undefined;

/**
 * Test hooks only (TYK_KEYS_TEST_HOOKS=1): a request timeout below the setting's 5 s minimum, so that
 * the fault-injection suite waits half a second for a server that never answers. undefined = the setting.
 */
export function overrideRequestTimeoutForTests(ms: number | undefined): void {
  testOverrideMs = ms;
}

/** `tyk.requestTimeoutSeconds`, in milliseconds (5–300 s). */
export function requestTimeoutMs(): number {
  if (testOverrideMs !== undefined) {
    return testOverrideMs;
  }
  const seconds = vscode.workspace.getConfiguration('tyk').get<number>('requestTimeoutSeconds', 30);
  return Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 30)) * 1000;
}
