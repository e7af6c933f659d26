// Every command of the extension (each one's code is in its own file), by id, each through the one
// error wrapper. The table's type makes a contributed command without a handler (or a handler for no
// contributed command) a type error; src/extension.ts registers them with VS Code.
import * as vscode from 'vscode';
import { addConnection } from './addConnection';
import { configureTls } from './configureTls';
import { copyApiId } from './copyApiId';
import { createKey } from './createKey';
import { createKeyWithDefaults } from './createKeyWithDefaults';
import { createKeyFromPolicy } from './createKeyFromPolicy';
import { editConnection } from './editConnection';
import { findKeysInWorkspace } from './findKeysInWorkspace';
import { forgetSavedKeys } from './forgetSavedKeys';
import { insertSavedKey } from './insertSavedKey';
import { loadMore } from './loadMore';
import { moveKeyToEnv } from './moveKeyToEnv';
import { newRequestFile } from './newRequestFile';
import { openInDashboard } from './openInDashboard';
import { refresh } from './refresh';
import { removeConnection } from './removeConnection';
import { revokeKey } from './revokeKey';
import { rotateKey } from './rotateKey';
import type { CommandId } from './ids';
import type { ApiTreeProvider } from '../views/apiTree';
import { withErrorReport } from '../app/reportError';
import type { Services } from '../app/services';
import { searchApis, clearSearch } from './searchApis';
import { setCredential } from './setCredential';
import { showExpiringKeys } from './showExpiringKeys';
import { showKeyDetails } from './showKeyDetails';
import { switchConnection } from './switchConnection';
import { setDefaultConnection } from './setDefaultConnection';
import { updateKey } from './updateKey';

export type CommandHandler = (...args: unknown[]) => Promise<unknown>;

export type CommandTable = Record<CommandId, CommandHandler>;

export function commandHandlers(services: Services, tree: ApiTreeProvider): CommandTable {
  // Each title names its command in the message of a failure nobody foresaw.
  return {
    'tyk.addConnection': withErrorReport(services, vscode.l10n.t('Tyk: Add Connection'), () => addConnection(services)),
    'tyk.createKey': withErrorReport(services, vscode.l10n.t('Tyk: Create Key'), (arg) => createKey(services, arg)),
    'tyk.createKeyWithDefaults': withErrorReport(services, vscode.l10n.t('Tyk: Create Key with Defaults'), (arg) => createKeyWithDefaults(services, arg)),
    'tyk.createKeyWithCustomId': withErrorReport(services, vscode.l10n.t('Tyk: New Key with Custom ID'), (arg) => createKey(services, arg, { customKeyId: true })),
    'tyk.refresh': withErrorReport(services, vscode.l10n.t('Tyk: Refresh'), (arg) => refresh(services, arg)),
    'tyk.setCredential': withErrorReport(services, vscode.l10n.t('Tyk: Update Credential'), (arg) => setCredential(services, arg)),
    'tyk.removeConnection': withErrorReport(services, vscode.l10n.t('Tyk: Remove Connection'), (arg) => removeConnection(services, arg)),
    'tyk.copyApiId': withErrorReport(services, vscode.l10n.t('Tyk: Copy API ID'), (arg) => copyApiId(services, arg)),
    'tyk.loadMore': withErrorReport(services, vscode.l10n.t('Tyk: Load More'), (arg) => loadMore(services, tree, arg)),
    'tyk.searchApis': withErrorReport(services, vscode.l10n.t('Tyk: Search APIs'), (arg) => searchApis(services, arg)),
    'tyk.clearSearch': withErrorReport(services, vscode.l10n.t('Tyk: Clear Search'), (arg) => clearSearch(services, arg)),
    'tyk.createKeyFromPolicy': withErrorReport(services, vscode.l10n.t('Tyk: New Key from Policy'), (arg) => createKeyFromPolicy(services, arg)),
    'tyk.newRequestFile': withErrorReport(services, vscode.l10n.t('Tyk: New .http File'), (arg) => newRequestFile(services, arg)),
    'tyk.showKeyDetails': withErrorReport(services, vscode.l10n.t('Tyk: Show Key Details'), (arg) => showKeyDetails(services, arg)),
    'tyk.revokeKey': withErrorReport(services, vscode.l10n.t('Tyk: Revoke Key'), (arg) => revokeKey(services, arg)),
    'tyk.rotateKey': withErrorReport(services, vscode.l10n.t('Tyk: Rotate Key'), (arg) => rotateKey(services, arg)),
    'tyk.updateKey': withErrorReport(services, vscode.l10n.t('Tyk: Update Key'), (arg) => updateKey(services, arg)),
    'tyk.insertSavedKey': withErrorReport(services, vscode.l10n.t('Tyk: Insert Saved Key'), () => insertSavedKey(services)),
    'tyk.forgetSavedKeys': withErrorReport(services, vscode.l10n.t('Tyk: Forget Saved Keys'), () => forgetSavedKeys(services)),
    'tyk.switchConnection': withErrorReport(services, vscode.l10n.t('Tyk: Switch Connection'), (arg) => switchConnection(services, arg)),
    'tyk.setDefaultConnection': withErrorReport(services, vscode.l10n.t('Tyk: Set as Default'), (arg) => setDefaultConnection(services, arg)),
    'tyk.editConnection': withErrorReport(services, vscode.l10n.t('Tyk: Edit Connection'), (arg) => editConnection(services, arg)),
    'tyk.openInDashboard': withErrorReport(services, vscode.l10n.t('Tyk: Open in Dashboard'), (arg) => openInDashboard(services, arg)),
    'tyk.configureTls': withErrorReport(services, vscode.l10n.t('Tyk: Configure TLS'), (arg) => configureTls(services, arg)),
    'tyk.showExpiringKeys': withErrorReport(services, vscode.l10n.t('Tyk: Show Expiring Keys'), (arg) => showExpiringKeys(services, arg)),
    'tyk.findKeysInWorkspace': withErrorReport(services, vscode.l10n.t('Tyk: Find Keys in Workspace'), () => findKeysInWorkspace(services)),
    'tyk.moveKeyToEnv': withErrorReport(services, vscode.l10n.t('Tyk: Move Key to .env'), (uri, range) => moveKeyToEnv(services, uri, range)),
  };
}
