// What the integration tests may reach through the extension's exports, only when the extension host
// was started with TYK_KEYS_TEST_HOOKS=1: the input on screen, and the dialogs to answer.
import type * as vscode from 'vscode';
import type { Services } from './commands/services';
import { dialogs } from './ui/dialogs';
import { activeInputs } from './ui/multiStepInput';

export interface TestHooks {
  activeInputs: typeof activeInputs;
  dialogs: typeof dialogs;
  services: Services;
  context: vscode.ExtensionContext;
  activationMs: number;
}

export function testHooks(services: Services, context: vscode.ExtensionContext, activationMs: number): TestHooks | undefined {
  return process.env.TYK_KEYS_TEST_HOOKS === '1' ? { activeInputs, dialogs, services, context, activationMs } : undefined;
}
