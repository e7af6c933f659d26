// `npm start` opens VS Code connected to the local sandbox: it passes the sandbox's address and
// credential in TYK_KEYS_DEV_CONNECTIONS, honoured only when the extension runs from its sources
// (ExtensionMode.Development). The credential goes to SecretStorage like any other, and the
// connections are removed again when the extension deactivates; an installed extension ignores the
// variable.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionStore } from './connections';
import type { Log } from './log';
import { parseDevConnections } from '../domain/devConnections';

/** Adds the development connections; resolves with what removes the ones it added. */
export async function addDevConnections(mode: vscode.ExtensionMode, store: ConnectionStore, log: Log): Promise<() => Promise<void>> {
  const wanted = parseDevConnections(process.env.TYK_KEYS_DEV_CONNECTIONS);
  const added: string[] = [];
  if (mode !== vscode.ExtensionMode.Development || wanted.length === 0) {
    return () => Promise.resolve();
  }
  for (const dev of wanted) {
    log.redactor.addCredential(dev.credential);
    const existing = store.list().find((c) => c.url === dev.url && c.kind === dev.kind);
    const id = existing?.id ?? `dev-${dev.kind}-${createHash('sha256').update(dev.url).digest('hex').slice(0, 12)}`;
    if (existing) {
      await store.setCredential(id, dev.credential);
    } else {
      await store.add({ id, name: dev.name, kind: dev.kind, url: dev.url, ...(dev.gatewayUrl ? { gatewayUrl: dev.gatewayUrl } : {}) }, dev.credential);
      added.push(id);
    }
    log.info(`Development: connected to ${dev.name} (${dev.url})`);
  }
  return async () => {
    for (const id of added) {
      await store.remove(id);
    }
  };
}
