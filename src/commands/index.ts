// Every command of the extension (each one's code is in its own file), by id, each through the one
// error wrapper. src/extension.ts registers them with VS Code.
import { addConnection } from './addConnection';
import { configureTls } from './configureTls';
import { copyApiId } from './copyApiId';
import { createKey } from './createKey';
import { createKeyFromPolicy } from './createKeyFromPolicy';
import { forgetSavedKeys } from './forgetSavedKeys';
import { insertSavedKey } from './insertSavedKey';
import { loadMore } from './loadMore';
import { newRequestFile } from './newRequestFile';
import { refresh } from './refresh';
import { removeConnection } from './removeConnection';
import { revokeKey } from './revokeKey';
import { rotateKey } from './rotateKey';
import { withErrorReport } from './runCommand';
import type { Services } from './services';
import { searchApis, clearSearch } from './searchApis';
import { setCredential } from './setCredential';
import { showKeyDetails } from './showKeyDetails';
import { switchConnection } from './switchConnection';
import { updateKey } from './updateKey';

export type CommandHandler = (...args: unknown[]) => Promise<unknown>;

export function commandHandlers(services: Services): Map<string, CommandHandler> {
  const commands: Array<[string, string, (...args: unknown[]) => Promise<unknown>]> = [
    ['tyk.addConnection', 'Tyk: Add Connection', () => addConnection(services)],
    ['tyk.createKey', 'Tyk: Create Key', (arg) => createKey(services, arg)],
    ['tyk.refresh', 'Tyk: Refresh', (arg) => refresh(services, arg)],
    ['tyk.setCredential', 'Tyk: Update Credential', (arg) => setCredential(services, arg)],
    ['tyk.removeConnection', 'Tyk: Remove Connection', (arg) => removeConnection(services, arg)],
    ['tyk.copyApiId', 'Tyk: Copy API ID', (arg) => copyApiId(services, arg)],
    ['tyk.loadMore', 'Tyk: Load More', (arg) => loadMore(services, arg)],
    ['tyk.searchApis', 'Tyk: Search APIs', (arg) => searchApis(services, arg)],
    ['tyk.clearSearch', 'Tyk: Clear Search', (arg) => clearSearch(services, arg)],
    ['tyk.createKeyFromPolicy', 'Tyk: Create Key from Policy', (arg) => createKeyFromPolicy(services, arg)],
    ['tyk.newRequestFile', 'Tyk: New .http File', (arg) => newRequestFile(services, arg)],
    ['tyk.showKeyDetails', 'Tyk: Show Key Details', (arg) => showKeyDetails(services, arg)],
    ['tyk.revokeKey', 'Tyk: Revoke Key', (arg) => revokeKey(services, arg)],
    ['tyk.rotateKey', 'Tyk: Rotate Key', (arg) => rotateKey(services, arg)],
    ['tyk.updateKey', 'Tyk: Update Key', (arg) => updateKey(services, arg)],
    ['tyk.insertSavedKey', 'Tyk: Insert Saved Key', () => insertSavedKey(services)],
    ['tyk.forgetSavedKeys', 'Tyk: Forget Saved Keys', () => forgetSavedKeys(services)],
    ['tyk.switchConnection', 'Tyk: Switch Connection', (arg) => switchConnection(services, arg)],
    ['tyk.configureTls', 'Tyk: Configure TLS', (arg) => configureTls(services, arg)],
  ];
  return new Map(commands.map(([id, title, handler]) => [id, withErrorReport(services, title, handler)]));
}
