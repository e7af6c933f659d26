// The activation shim: registers what package.json declares — the commands (commands/ids.ts), the Tyk
// view, the chat tools — and loads the rest of the extension (dist/main.js) when one of them is first used, or
// right after activation. Activation itself loads almost nothing and makes no request.
import * as vscode from 'vscode';
import { COMMAND_IDS, TOOL_NAMES } from './commands/ids';
import type { Environment, Extension } from './main';

type MainModule = typeof import('./main');

/** Forwards a tree to the real provider, once loaded; its change events too. */
class DeferredTree implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly real: () => Promise<vscode.TreeDataProvider<unknown>>) {}

  private async provider(): Promise<vscode.TreeDataProvider<unknown>> {
    const provider = await this.real();
    this.forwarding ??= provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
    return provider;
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    return (await (await this.provider()).getChildren(element)) ?? [];
  }

  async getTreeItem(element: unknown): Promise<vscode.TreeItem> {
    return (await this.provider()).getTreeItem(element);
  }

  async getParent(element: unknown): Promise<unknown> {
    return (await this.provider()).getParent?.(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
  }
}

/**
 * Registers the commands, the view and the chat tools, each loading the rest of the extension
 * (dist/main.js) when first used; right after activation it loads anyway, off the activation path.
 * `environment` picks what the extension talks to (VS Code's window for users). Returns how to reach
 * the loaded extension; `deactivate` undoes what a development session added.
 */
export function activateLazily(
  context: vscode.ExtensionContext,
  environment: (main: MainModule) => Environment,
): { main: () => Promise<Extension>; deactivate: () => Promise<void>; activationMs: () => number } {
  const started = performance.now();
  let activationMs = 0;
  let loaded: Promise<Extension> | undefined;
  const main = (): Promise<Extension> => {
    if (!loaded) {
      const loading = Promise.resolve().then(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require('./main') as MainModule;
        return module.start(context, environment(module), activationMs);
      });
      // A failed start is not kept: the next command tries again (and says why if it fails again).
      loading.catch(() => {
        if (loaded === loading) {
          loaded = undefined;
        }
      });
      loaded = loading;
    }
    return loaded;
  };
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await main()).commands[id](...args)));
  }
  const tree = new DeferredTree(async () => (await main()).tree);
  context.subscriptions.push(tree, vscode.window.createTreeView('tyk.apis', { treeDataProvider: tree, showCollapseAll: true }));
  for (const name of TOOL_NAMES) {
    const tool = async (): Promise<vscode.LanguageModelTool<object>> => (await main()).tools[name];
    context.subscriptions.push(
      vscode.lm.registerTool<object>(name, {
        invoke: async (options, token) => (await tool()).invoke(options, token),
        prepareInvocation: async (options, token) => (await tool()).prepareInvocation?.(options, token),
      }),
    );
  }
  activationMs = performance.now() - started;
  setTimeout(() => void main().catch(() => undefined), 0);
  return {
    main,
    activationMs: () => activationMs,
    deactivate: async () => {
      await (await loaded?.catch(() => undefined))?.deactivate();
    },
  };
}

let deactivateExtension: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): void {
  deactivateExtension = activateLazily(context, (main) => main.productEnvironment()).deactivate;
}

export async function deactivate(): Promise<void> {
  await deactivateExtension?.();
}
