// What the use cases, commands, the tree and the chat tools work with; built once in main.ts.
import type * as vscode from 'vscode';
import type { ActiveConnection } from '../services/activeConnection';
import type { Catalog } from '../services/catalog';
import type { KeyViews } from './keyViews';
import type { ClientProvider } from '../services/clients';
import type { ConnectionStore } from '../services/connections';
import type { ExpiringKeys } from '../services/expiringKeys';
import type { Git } from '../services/git';
import type { KeyLists } from '../services/keyLists';
import type { KnownKeys } from '../services/knownKeys';
import type { Log } from '../services/log';
import type { PolicyLists } from '../services/policies';
import type { SavedKeys } from '../services/savedKeys';
import type { KeyClipboard } from '../ui/keyClipboard';
import type { KeyDetailsProvider } from '../ui/keyDetailsDocument';
import type { KeyFindings } from '../ui/keyFindings';
import type { Ui } from '../ui/ui';

export interface Services {
  /** Everything shown to the user and waited on (VS Code's window; a scripted stand-in in tests). */
  ui: Ui;
  store: ConnectionStore;
  /** The default connection of palette commands (Tyk: Switch Connection…). */
  active: ActiveConnection;
  clients: ClientProvider;
  catalog: Catalog;
  log: Log;
  keyLists: KeyLists;
  knownKeys: KnownKeys;
  savedKeys: SavedKeys;
  keyDetails: KeyDetailsProvider;
  /** The key views (Show Key Details): one webview panel per key. */
  keyViews: KeyViews;
  policies: PolicyLists;
  /** Where a key is copied (Copy only, Copy): cleared later if the user opted in. */
  clipboard: KeyClipboard;
  /** The keys that expire soon or have expired, by connection (the status bar's count, Show Expiring Keys). */
  expiring: ExpiringKeys;
  /** The Problems of Find Keys in Workspace, and their quick fix. */
  keyFindings: KeyFindings;
  /** The extension's globalState (e.g. the last insert format chosen). */
  state: vscode.Memento;
  /** What git says of a file (in a repository? ignored?), through VS Code's git extension: the leak guard. */
  git: Git;
}
