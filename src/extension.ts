// The activation shim: registers what package.json declares — the commands, the Tyk view, the chat
// tools — and loads the rest of the extension (dist/main.js) when one of them is first used, or
// right after activation. Activation itself loads almost nothing and makes no request.
import * as vscode from 'vscode';
import type { Extension } from './main';
import type { TestHooks } from './testHooks';

export interface TykKeysApi {
  testing?: TestHooks;
}

interface Manifest {
  contributes: { commands: Array<{ command: string }>; languageModelTools?: Array<{ name: string }> };
}

let loaded: Promise<Extension> | undefined;

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

export function activate(context: vscode.ExtensionContext): TykKeysApi | Promise<TykKeysApi> {
  const started = performance.now();
  let activationMs = 0;
  const main = (): Promise<Extension> => {
    if (!loaded) {
      const loading = Promise.resolve().then(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require('./main') as typeof import('./main');
        return module.start(context, activationMs);
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
  const manifest = context.extension.packageJSON as Manifest;
  for (const { command } of manifest.contributes.commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => (await main()).handlers.get(command)?.(...args)));
  }
  const tree = new DeferredTree(async () => (await main()).tree);
  context.subscriptions.push(tree, vscode.window.createTreeView('tyk.apis', { treeDataProvider: tree, showCollapseAll: true }));
  for (const { name } of manifest.contributes.languageModelTools ?? []) {
    const tool = async (): Promise<vscode.LanguageModelTool<object>> => (await main()).tools[name as keyof Extension['tools']];
    context.subscriptions.push(
      vscode.lm.registerTool<object>(name, {
        invoke: async (options, token) => (await tool()).invoke(options, token),
        prepareInvocation: async (options, token) => (await tool()).prepareInvocation?.(options, token),
      }),
    );
  }
  activationMs = performance.now() - started;
  if (process.env.TYK_KEYS_TEST_HOOKS === '1') {
    return main().then((extension) => ({ testing: extension.testing(activationMs) }));
  }
  // The rest (the status bar, the log) loads right after activation, off its path.
  setTimeout(() => void main(), 0);
  return {};
}

export async function deactivate(): Promise<void> {
  await (await loaded?.catch(() => undefined))?.deactivate();
}
