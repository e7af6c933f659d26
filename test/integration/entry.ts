// The integration suite's way into the extension: the product's own activation (activateLazily in
// src/extension.ts: the same registrations and the same lazy load of dist/main.js users get), with a
// scripted Ui (test/integration/scriptedUi.ts), a log channel that also keeps what it was given, and a
// request timeout the fault tests may shorten. test/tools/testExtension.ts bundles this file into a
// folder that stands in for the extension (its package.json's `main` is this entry; dist/ is the
// product's): it is never in dist/, nor in the .vsix.
import type * as vscode from 'vscode';
import { activateLazily } from '../../src/extension';
import type { Extension } from '../../src/main';
import { ScriptedUi, type ActiveInputs } from './scriptedUi';

export interface TestHooks {
  /** The quick input on screen. */
  activeInputs: ActiveInputs;
  /** The Ui the extension was given: tests replace its notifications and modals (captureDialogs). */
  dialogs: ScriptedUi;
  services: Extension['services'];
  /** The Tyk view's tree provider. */
  tree: Extension['tree'];
  context: vscode.ExtensionContext;
  activationMs: number;
  /** The status bar item of the default connection, and whether it is shown. */
  statusBar: { item: vscode.StatusBarItem; readonly visible: boolean; expiryItem: vscode.StatusBarItem; readonly expiryVisible: boolean };
  /** A request timeout below the setting's 5 s minimum (fault tests); undefined = the setting again. */
  setRequestTimeoutMs: (ms: number | undefined) => void;
  tools: Extension['tools'];
  /** Presses Cancel on every progress notification on screen; returns how many there were. */
  cancelProgress: () => number;
  /** Every line given to the Tyk log (after redaction), as `[level] line`. */
  logLines: string[];
}

export interface TykKeysTestApi {
  /** Loads the extension as a first command would, and returns the hooks. */
  hooks(): Promise<TestHooks>;
}

/** The Tyk log's channel, keeping every line it is given (already redacted by the extension's Log). */
function recordingChannel(real: vscode.LogOutputChannel, lines: string[]): vscode.LogOutputChannel {
  const keep =
    (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') =>
    (message: string | Error, ...args: unknown[]): void => {
      lines.push(`[${level}] ${String(message)}`);
      if (lines.length > 5000) {
        lines.splice(0, lines.length - 5000);
      }
      (real[level] as (m: string | Error, ...a: unknown[]) => void)(message, ...args);
    };
  return Object.assign(Object.create(real) as vscode.LogOutputChannel, {
    trace: keep('trace'),
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    show: (...args: unknown[]) => (real.show as (...a: unknown[]) => void)(...args),
    dispose: () => real.dispose(),
  });
}

export function activate(context: vscode.ExtensionContext): TykKeysTestApi {
  const ui = new ScriptedUi();
  const logLines: string[] = [];
  let timeoutMs: number | undefined;
  const lazy = activateLazily(context, (main) => {
    const product = main.productEnvironment();
    return {
      ui,
      logChannel: () => recordingChannel(product.logChannel(), logLines),
      requestTimeoutMs: () => timeoutMs ?? product.requestTimeoutMs(),
    };
  });
  let hooks: Promise<TestHooks> | undefined;
  return {
    hooks: () =>
      (hooks ??= lazy.main().then((extension) => ({
        activeInputs: ui.activeInputs,
        dialogs: ui,
        services: extension.services,
        tree: extension.tree,
        context,
        activationMs: lazy.activationMs(),
        statusBar: {
          item: extension.statusBar.item,
          get visible() {
            return ui.statusBarVisible(extension.statusBar.item);
          },
          expiryItem: extension.statusBar.expiryItem,
          get expiryVisible() {
            return ui.statusBarVisible(extension.statusBar.expiryItem);
          },
        },
        setRequestTimeoutMs: (ms) => {
          timeoutMs = ms;
        },
        tools: extension.tools,
        cancelProgress: () => ui.cancelProgress(),
        logLines,
      }))),
  };
}

export function deactivate(): void {
  // The product's deactivate runs through context.subscriptions and activateLazily's own.
}
