// Everything but the activation shim (src/extension.ts): the services, the tree's provider, the
// command handlers and the chat tools, built once when first needed. No network here: the tree
// loads when the user opens it.
import * as vscode from 'vscode';
import { commandHandlers, type CommandHandler } from './commands';
import { requestTimeoutMs } from './commands/settings';
import type { Services } from './commands/services';
import { ActiveConnection } from './services/activeConnection';
import { Catalog } from './services/catalog';
import { ClientProvider } from './services/clients';
import { ConnectionStore } from './services/connections';
import { trackContextKeys } from './services/contextKeys';
import { addDevConnections } from './services/devConnections';
import { translateWithVsCode } from './services/loadClient';
import { KeyLists } from './services/keyLists';
import { KnownKeys } from './services/knownKeys';
import { Log } from './services/log';
import { PolicyLists } from './services/policies';
import { SavedKeys } from './services/savedKeys';
import { GuardedSecrets } from './services/secrets';
import { testHooks, type TestHooks } from './testHooks';
import { setTranslate } from './tyk/l10n';
import { languageModelTools, type Tools } from './tools/languageModelTools';
import { KeyDetailsProvider } from './ui/keyDetailsDocument';
import { ApiTreeProvider } from './views/apiTree';
import { ConnectionStatusBar } from './views/statusBar';

export interface Extension {
  handlers: Map<string, CommandHandler>;
  tree: ApiTreeProvider;
  tools: Tools;
  /** The test hooks, when the extension host runs with TYK_KEYS_TEST_HOOKS=1. */
  testing(activationMs: number): TestHooks | undefined;
  /** Removes what a development session added. */
  deactivate(): Promise<void>;
}

export function start(context: vscode.ExtensionContext, activationMs: number): Extension {
  const started = performance.now();
  // The messages of src/tyk's modules bundled here (validation, key checks, errors) in the user's
  // language; dist/tyk.js has its own copy of the seam, set when it loads (services/loadClient.ts).
  setTranslate(translateWithVsCode);
  const log = new Log(vscode.window.createOutputChannel(vscode.l10n.t('Tyk'), { log: true }));
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
  const services: Services = { store, active, clients, catalog, tree, log, keyLists, knownKeys, savedKeys, keyDetails, policies, state: context.globalState };
  context.subscriptions.push(log, store, clients, catalog, tree, keyDetails, active, statusBar, trackContextKeys(store));
  const removeDevConnections = addDevConnections(context.extensionMode, store, log).catch((e: unknown) => {
    log.warn(`Could not add the development connections: ${String(e)}`);
    return () => Promise.resolve();
  });
  const tools = languageModelTools(services);
  log.info(`Tyk Keys activated in ${activationMs.toFixed(1)} ms; its services were ready ${(performance.now() - started).toFixed(1)} ms later`);
  return {
    handlers: commandHandlers(services),
    tree,
    tools,
    testing: (ms) => testHooks(services, context, ms, statusBar, tools),
    deactivate: async () => (await removeDevConnections)(),
  };
}
