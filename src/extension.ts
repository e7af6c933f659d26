// Wires the extension together. No network here: the tree loads when the user opens it.
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { requestTimeoutMs } from './commands/settings';
import { ActiveConnection } from './services/activeConnection';
import { Catalog } from './services/catalog';
import { ClientProvider } from './services/clients';
import { ConnectionStore } from './services/connections';
import { trackContextKeys } from './services/contextKeys';
import { addDevConnections } from './services/devConnections';
import { KeyLists } from './services/keyLists';
import { KnownKeys } from './services/knownKeys';
import { Log } from './services/log';
import { PolicyLists } from './services/policies';
import { SavedKeys } from './services/savedKeys';
import { GuardedSecrets } from './services/secrets';
import { KeyDetailsProvider } from './ui/keyDetailsDocument';
import { testHooks, type TestHooks } from './testHooks';
import { registerLanguageModelTools } from './tools/languageModelTools';
import { ApiTreeProvider } from './views/apiTree';
import { ConnectionStatusBar } from './views/statusBar';

let removeDevConnections: Promise<() => Promise<void>> = Promise.resolve(() => Promise.resolve());

export interface TykKeysApi {
  testing?: TestHooks;
}

export function activate(context: vscode.ExtensionContext): TykKeysApi {
  const started = performance.now();
  const log = new Log(vscode.window.createOutputChannel('Tyk', { log: true }));
  const secrets = new GuardedSecrets(context.secrets);
  const store = new ConnectionStore(secrets);
  const clients = new ClientProvider(store, log, requestTimeoutMs);
  const catalog = new Catalog(clients);
  const keyLists = new KeyLists(clients);
  const knownKeys = new KnownKeys(context.globalState);
  const savedKeys = new SavedKeys(secrets);
  const keyDetails = new KeyDetailsProvider();
  const policies = new PolicyLists(clients);
  const active = new ActiveConnection(context.globalState, store);
  const tree = new ApiTreeProvider(store, catalog, keyLists, knownKeys, policies, active);
  const statusBar = new ConnectionStatusBar(store, active);
  const view = vscode.window.createTreeView('tyk.apis', { treeDataProvider: tree, showCollapseAll: true });
  const services = { store, active, clients, catalog, tree, log, keyLists, knownKeys, savedKeys, keyDetails, policies, state: context.globalState };
  context.subscriptions.push(log, store, clients, catalog, tree, view, keyDetails, active, statusBar);
  registerCommands(context, services);
  context.subscriptions.push(trackContextKeys(store));
  const lm = registerLanguageModelTools(services);
  context.subscriptions.push(...lm.disposables);
  removeDevConnections = addDevConnections(context.extensionMode, store, log).catch((e: unknown) => {
    log.warn(`Could not add the development connections: ${String(e)}`);
    return () => Promise.resolve();
  });
  const activationMs = performance.now() - started;
  log.info(`Tyk Keys activated in ${activationMs.toFixed(1)} ms`);
  return { testing: testHooks(services, context, activationMs, statusBar, lm.tools) };
}

/** Removes what a development session added; everything else is disposed through context.subscriptions. */
export async function deactivate(): Promise<void> {
  await (await removeDevConnections)();
}
