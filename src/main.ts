// Everything but the activation shim (src/extension.ts): the services, the tree's provider, the
// command handlers and the chat tools, built once when first needed. No network here: the tree
// loads when the user opens it.
import * as vscode from 'vscode';
import { commandHandlers, type CommandTable } from './commands';
import { KeyViews } from './app/keyViews';
import { clipboardClearSeconds, expiryWarningDays, onExpiryWarningDaysChange, requestTimeoutMs } from './app/settings';
import type { Services } from './app/services';
import { ActiveConnection } from './services/activeConnection';
import { Catalog } from './services/catalog';
import { ClientProvider } from './services/clients';
import { ConnectionStore } from './services/connections';
import { ExpiringKeys } from './services/expiringKeys';
import { trackContextKeys } from './services/contextKeys';
import { addDevConnections } from './services/devConnections';
import { KeyLists } from './services/keyLists';
import { KnownKeys } from './services/knownKeys';
import { Log } from './services/log';
import { PolicyLists } from './services/policies';
import { SavedKeys } from './services/savedKeys';
import { GuardedSecrets } from './services/secrets';
import { Git } from './services/git';
import * as l10n from '@vscode/l10n';
import { configureFormats } from './domain/format';
import { languageModelTools, type Tools } from './tools/languageModelTools';
import { KeyClipboard } from './ui/keyClipboard';
import { KeyDetailsProvider } from './ui/keyDetailsDocument';
import { KeyFindings } from './ui/keyFindings';
import { ApiTreeProvider } from './views/apiTree';
import { safeUi, vsCodeUi, type Ui } from './ui/ui';
import { ConnectionStatusBar } from './views/statusBar';
import { ExpiryDecorations } from './views/expiryDecorations';

/** What the extension gets from its host: VS Code's own in the product; tests pass their own (test/integration/entry.ts). */
export interface Environment {
  ui: Ui;
  /** The Tyk log's channel. */
  logChannel: () => vscode.LogOutputChannel;
  /** How long a request may take (tyk.requestTimeoutSeconds). */
  requestTimeoutMs: () => number;
}

export function productEnvironment(): Environment {
  return {
    ui: vsCodeUi(),
    logChannel: () => vscode.window.createOutputChannel(vscode.l10n.t('Tyk'), { log: true }),
    requestTimeoutMs,
  };
}

/** Each problem of `tyk.connections` once: in the log, and a warning that opens the setting. */
function reportSettingProblems(ui: Ui, log: Log, problems: string[]): void {
  for (const p of problems) {
    log.warn(p);
  }
  const open = vscode.l10n.t('Open Settings');
  const [first] = problems;
  const message =
    problems.length === 1 && first !== undefined
      ? first
      : vscode.l10n.t('{0} connections in the setting tyk.connections are ignored: {1} (the others are in the Tyk log).', problems.length, first ?? '');
  void ui.warn(message, open).then((picked) => (picked === open ? vscode.commands.executeCommand('workbench.action.openSettingsJson') : undefined));
}

export interface Extension {
  commands: CommandTable;
  tree: ApiTreeProvider;
  tools: Tools;
  services: Services;
  statusBar: ConnectionStatusBar;
  /** Removes what a development session added. */
  deactivate(): Promise<void>;
}

export function start(context: vscode.ExtensionContext, env: Environment, activationMs: number): Extension {
  const started = performance.now();
  // The messages of src/tyk and src/domain (plain Node, through @vscode/l10n) in the user's language:
  // VS Code's own bundle for it (undefined in English, where the messages are their own text).
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  // Numbers and dates as the user's display language writes them (src/domain/format.ts); the words'
  // plural forms and units in the language of the messages: that one when translated, else English.
  configureFormats({ locale: vscode.env.language, language: vscode.l10n.bundle ? vscode.env.language : 'en' });
  // Every notification and modal shows its text as text (src/ui/ui.ts safeUi): the one place.
  const ui = safeUi(env.ui);
  const log = new Log(env.logChannel());
  const secrets = new GuardedSecrets(context.secrets);
  const store = new ConnectionStore(secrets, (problems) => reportSettingProblems(ui, log, problems));
  const clients = new ClientProvider(store, log, env.requestTimeoutMs);
  const catalog = new Catalog(clients, store);
  const keyLists = new KeyLists(clients, store);
  const knownKeys = new KnownKeys(context.globalState);
  const savedKeys = new SavedKeys(secrets);
  const keyDetails = new KeyDetailsProvider(ui);
  const policies = new PolicyLists(clients, store);
  const keyFindings = new KeyFindings();
  const clipboard = new KeyClipboard(ui, clipboardClearSeconds, (m) => log.warn(m));
  const active = new ActiveConnection(context.globalState, store);
  const expiring = new ExpiringKeys(clients, store, keyLists, log);
  const tree = new ApiTreeProvider(store, catalog, keyLists, knownKeys, policies, active, expiryWarningDays);
  // The keys' rows and the count follow tyk.expiryWarningDays as it changes.
  const redrawKeys = onExpiryWarningDaysChange(() => tree.redrawAllKeys());
  const expiryColours = vscode.window.registerFileDecorationProvider(new ExpiryDecorations());
  const statusBar = new ConnectionStatusBar(store, active, ui, expiring, expiryWarningDays, onExpiryWarningDaysChange);
  const keyViews = new KeyViews(context.extensionUri, () => services);
  const services: Services = {
    ui,
    store,
    active,
    clients,
    catalog,
    log,
    keyLists,
    knownKeys,
    savedKeys,
    keyDetails,
    keyViews,
    policies,
    clipboard,
    expiring,
    keyFindings,
    state: context.globalState,
    git: new Git((m) => log.info(m)),
  };
  keyViews.listen();
  context.subscriptions.push(log, store, clients, catalog, keyLists, expiring, policies, knownKeys, tree, redrawKeys, expiryColours, keyDetails, keyViews, active, statusBar, clipboard, keyFindings, trackContextKeys(store));
  const removeDevConnections = addDevConnections(context.extensionMode, store, log).catch((e: unknown) => {
    log.warn(`Could not add the development connections: ${String(e)}`);
    return () => Promise.resolve();
  });
  // The org ids of what a catalog loaded (no request of its own): Find Keys in Workspace knows them offline.
  context.subscriptions.push(catalog.onDidChange((id) => void knownKeys.rememberOrgs(id, catalog.peek(id).map((api) => api.orgId))));
  const tools = languageModelTools(services);
  log.info(`Tyk Keys activated in ${activationMs.toFixed(1)} ms; its services were ready ${(performance.now() - started).toFixed(1)} ms later`);
  return {
    commands: commandHandlers(services, tree),
    tree,
    tools,
    services,
    statusBar,
    deactivate: async () => (await removeDevConnections)(),
  };
}
