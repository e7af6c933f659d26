// The key views (Show Key Details): one webview panel per key (connection + the key's listed id), shown
// again when asked again. Each draws the key as read by the command (no request of its own: names come from
// the catalog and the policies already loaded), runs Update…, Rotate…, Revoke… on the key's node, copies its
// hash, opens the session as JSON, reads the key again when its lists are invalidated (after Update, Rotate,
// a Refresh), and closes, saying why, when it is revoked here or a read finds it gone.
import * as vscode from 'vscode';
import { plainText } from '../domain/displayText';
import { keyViewModel, type KeyViewAction } from '../domain/keyView';
import type { KeyDetails, KeyRef } from '../domain/model';
import { isTykError } from '../tyk/errors';
import { readListedKey, type KeyListChange } from '../services/keyLists';
import { keyDetailsJson } from '../ui/keyDetailsDocument';
import { KeyViewPanel } from '../ui/keyViewPanel';
import type { KeyNode } from './nodes';
import type { ResolvedKey } from './resolveKey';
import type { Services } from './services';
import { expiryWarningDays } from './settings';

/** One open key view. */
export interface KeyView {
  readonly panel: KeyViewPanel;
  readonly node: KeyNode;
  details: KeyDetails;
  ref: KeyRef;
  /** "“mobile-app” (abcd…9f2e)": how messages name the key. */
  title: string;
}

interface Entry extends KeyView {
  /** A read again in flight, and whether another was asked for meanwhile. */
  refreshing?: Promise<void>;
  again?: boolean;
}

/** The commands the buttons run, with the key's node. */
const COMMANDS: Partial<Record<KeyViewAction, string>> = { update: 'tyk.updateKey', rotate: 'tyk.rotateKey', revoke: 'tyk.revokeKey' };

export class KeyViews implements vscode.Disposable {
  private readonly views = new Map<string, Entry>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly opened = new vscode.EventEmitter<KeyView>();
  /** Fires when a key view is opened (not when one is shown again). */
  readonly onDidOpen = this.opened.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: () => Services,
  ) {}

  /** Starts listening to the key lists (once the services exist). */
  listen(): this {
    this.subscriptions.push(this.services().keyLists.onDidInvalidate((change) => this.invalidated(change)));
    return this;
  }

  private static id(connectionId: string, listedId: string): string {
    return `${connectionId}\u0000${listedId}`;
  }

  /** The open view of a key listed as `listedId` on the connection, if any. */
  viewOf(connectionId: string, listedId: string): KeyView | undefined {
    return this.views.get(KeyViews.id(connectionId, listedId));
  }

  /** Shows the key read by a command: in its view, opened or shown again. */
  show(key: ResolvedKey): KeyView {
    const id = KeyViews.id(key.node.connection.id, key.node.listedId);
    const existing = this.views.get(id);
    if (existing) {
      Object.assign(existing, { details: key.details, ref: key.ref, title: key.title });
      this.draw(existing);
      existing.panel.reveal();
      return existing;
    }
    const panel = new KeyViewPanel(this.extensionUri, plainText(key.title), vscode.Uri.joinPath(this.extensionUri, 'media', 'tyk.svg'));
    const entry: Entry = { panel, node: key.node, details: key.details, ref: key.ref, title: key.title };
    this.views.set(id, entry);
    panel.onDidAction((action) => void this.act(entry, action));
    panel.onDidDispose(() => this.views.get(id) === entry && this.views.delete(id));
    this.draw(entry);
    this.opened.fire(entry);
    return entry;
  }

  private draw(entry: Entry): void {
    const services = this.services();
    const connectionId = entry.node.connection.id;
    const model = keyViewModel(entry.details, entry.node.listedId, entry.ref.hashed === true, {
      apiNames: new Map(services.catalog.peek(connectionId).map((a) => [a.apiId, a.name])),
      policyNames: new Map(services.policies.peek(connectionId).map((p) => [p.id, p.name])),
      now: Date.now(),
      warningDays: expiryWarningDays(),
    });
    entry.panel.show(model, plainText(entry.title));
  }

  private async act(entry: Entry, action: KeyViewAction): Promise<void> {
    const services = this.services();
    const command = COMMANDS[action];
    if (command) {
      await vscode.commands.executeCommand(command, entry.node);
      return;
    }
    if (action === 'copyHash') {
      const hash = entry.details.keyHash ?? (entry.ref.hashed ? entry.ref.id : undefined);
      if (hash) {
        await services.ui.writeClipboard(hash);
        void services.ui.info(vscode.l10n.t('Copied the hash of the key {0} (not the key).', entry.title));
      }
      return;
    }
    const names = new Map(services.catalog.peek(entry.node.connection.id).map((a) => [a.apiId, a.name]));
    await services.keyDetails.open(entry.title.replace(/[“”]/g, ''), keyDetailsJson(entry.details, names));
  }

  /** Closes the views of a key just revoked here, and says so. */
  revoked(connectionId: string, ids: { listedId: string; keyHash?: string }): void {
    for (const entry of [...this.views.values()]) {
      const same = entry.node.listedId === ids.listedId || (ids.keyHash !== undefined && (entry.details.keyHash ?? entry.ref.id) === ids.keyHash);
      if (entry.node.connection.id === connectionId && same) {
        this.close(entry, vscode.l10n.t('The key {0} was revoked: its view is closed.', entry.title));
      }
    }
  }

  private close(entry: Entry, why: string): void {
    this.views.delete(KeyViews.id(entry.node.connection.id, entry.node.listedId));
    entry.panel.dispose();
    void this.services().ui.info(why);
  }

  /** Lists were dropped: each view of a key of them reads its key again (once, however many lists). */
  private invalidated(change: KeyListChange): void {
    for (const entry of this.views.values()) {
      const apis = [entry.node.api.apiId, ...entry.details.accessRights.map((r) => r.apiId)];
      if (entry.node.connection.id === change.connectionId && (change.apiId === undefined || apis.includes(change.apiId))) {
        this.refresh(entry);
      }
    }
  }

  private refresh(entry: Entry): void {
    if (entry.refreshing) {
      entry.again = true;
      return;
    }
    entry.refreshing = (async () => {
      do {
        entry.again = false;
        // After the invalidations of one change (one per API of the key): one read.
        await new Promise((resolve) => setTimeout(resolve, 0));
        await this.readAgain(entry);
      } while (entry.again && this.views.has(KeyViews.id(entry.node.connection.id, entry.node.listedId)));
    })().finally(() => (entry.refreshing = undefined));
  }

  private async readAgain(entry: Entry): Promise<void> {
    const services = this.services();
    const id = KeyViews.id(entry.node.connection.id, entry.node.listedId);
    if (this.views.get(id) !== entry) {
      return;
    }
    try {
      const client = await services.clients.get(entry.node.connection);
      const { details, ref } = await readListedKey(client, entry.ref);
      if (this.views.get(id) === entry) {
        Object.assign(entry, { details, ref });
        this.draw(entry);
      }
    } catch (e) {
      if (this.views.get(id) !== entry) {
        return;
      }
      if (isTykError(e) && e.kind === 'not-found') {
        this.close(entry, vscode.l10n.t('The key {0} is no longer on {1} (revoked or deleted): its view is closed.', entry.title, entry.node.connection.name));
        return;
      }
      // Shown as it was: the next change reads it again.
      services.log.warn(`Could not read the key ${entry.title} again for its view: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    for (const entry of this.views.values()) {
      entry.panel.dispose();
    }
    this.views.clear();
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.opened.dispose();
  }
}
