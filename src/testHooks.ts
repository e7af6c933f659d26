// What the integration tests may reach through the extension's exports, only when the extension host
// was started with TYK_KEYS_TEST_HOOKS=1: the input on screen, and the dialogs to answer.
import type * as vscode from 'vscode';
import type { Services } from './commands/services';
import type { Tools } from './tools/languageModelTools';
import { overrideRequestTimeoutForTests } from './commands/settings';
import { dialogs } from './ui/dialogs';
import { progressCancels } from './ui/progress';
import { activeInputs } from './ui/multiStepInput';
import type { ConnectionStatusBar } from './views/statusBar';

export interface TestHooks {
  activeInputs: typeof activeInputs;
  dialogs: typeof dialogs;
  services: Services;
  context: vscode.ExtensionContext;
  activationMs: number;
  /** The status bar item of the default connection. */
  statusBar: ConnectionStatusBar;
  /** A request timeout below the setting's 5 s minimum (fault tests); undefined = the setting again. */
  setRequestTimeoutMs: (ms: number | undefined) => void;
  /** The language-model tools as registered with vscode.lm. */
  tools: Tools;
  /** Presses Cancel on every Tyk progress notification on screen (e.g. "Creating a key…"); returns how many there were. */
  cancelProgress: () => number;
}

function cancelProgress(): number {
  const open = [...progressCancels];
  for (const cancel of open) {
    cancel.cancel();
  }
  return open.length;
}

export function testHooks(
  services: Services,
  context: vscode.ExtensionContext,
  activationMs: number,
  statusBar: ConnectionStatusBar,
  tools: Tools,
): TestHooks | undefined {
  return process.env.TYK_KEYS_TEST_HOOKS === '1'
    ? { activeInputs, dialogs, services, context, activationMs, statusBar, tools, setRequestTimeoutMs: overrideRequestTimeoutForTests, cancelProgress }
    : undefined;
}
