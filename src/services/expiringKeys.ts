// The keys of a connection that expire soon or have expired (tyk.expiryWarningDays), for the status
// bar's count and Tyk: Show Expiring Keys. A bounded scan of the connection's keys (`TykClient.scanKeys`:
// a Dashboard's `/api/keys/detailed`, a Gateway's keys read one by one), run only when asked (the status
// bar asks after activation, deferred; never during it), merged with the key lists the tree has read.
// Read again after Refresh, a connection change, or a key created, updated, rotated or revoked (the key
// lists are dropped then). A failure is logged and shows nothing: the count just hides.
import * as vscode from 'vscode';
import type { ScannedKey } from '../tyk/client';
import type { KeyStatus } from '../domain/model';
import { expiryWarning, nextExpiryChange, byExpiry, type ExpiryWarning } from '../domain/expiry';
import type { ClientProvider } from './clients';
import type { Connection, ConnectionStore } from './connections';
import { ConnectionCache } from './connectionCache';
import type { KeyLists } from './keyLists';
import type { Log } from './log';

/** The most keys one scan reads (a Gateway reads each key: as many requests, a few at once). */
export const SCAN_MAX_KEYS = 200;
/** How long after a drop the keys are read again (several drops at once make one scan). */
const RESCAN_DELAY_MS = 300;

/** A key whose expiry is told: expiring within the warning's days, or expired. */
export interface ExpiringKey {
  /** As listed: the key, or its hash. */
  id: string;
  status: KeyStatus;
  /** The APIs it grants (those known: the scan's, and those whose list the tree read it in). */
  apiIds: readonly string[];
  warning: ExpiryWarning;
}

export interface ExpiringList {
  /** The soonest expiry first (the longest expired first). */
  keys: ExpiringKey[];
  /** Something was read: the scan ended well, or the tree read some key lists. */
  known: boolean;
  /** Every key of the connection was read (the scan ended well and was not cut at its bound). */
  complete: boolean;
  /** When one of the keys' warnings next changes (milliseconds since the epoch); undefined when none will. */
  nextChange?: number;
}

interface Scan {
  abort: AbortController;
  promise: Promise<void>;
  keys?: readonly ScannedKey[];
  complete: boolean;
  failed: boolean;
}

export class ExpiringKeys extends ConnectionCache<string> {
  private readonly scans = new Map<string, Scan>();
  private readonly rescans = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly clients: ClientProvider,
    private readonly store: ConnectionStore,
    private readonly keyLists: KeyLists,
    private readonly log: Log,
  ) {
    super(store);
    this.subscriptions = [
      // A key created, updated, rotated or revoked, or Refresh: read again.
      keyLists.onDidInvalidate(({ connectionId }) => this.invalidate(connectionId)),
      // The tree read keys: they count too.
      keyLists.onDidChange(({ connectionId }) => this.changed.fire(connectionId)),
    ];
  }

  /** Reads the connection's keys unless they are read or being read; resolves when read (never rejects). */
  scan(connection: Connection): Promise<void> {
    const held = this.scans.get(connection.id);
    if (held) {
      return held.promise;
    }
    const scan: Scan = { abort: new AbortController(), promise: Promise.resolve(), complete: false, failed: false };
    this.scans.set(connection.id, scan);
    scan.promise = this.read(connection, scan);
    return scan.promise;
  }

  private async read(connection: Connection, scan: Scan): Promise<void> {
    try {
      const client = await this.clients.get(connection);
      const result = await client.scanKeys({ maxKeys: SCAN_MAX_KEYS, signal: scan.abort.signal });
      if (this.scans.get(connection.id) !== scan) {
        return; // dropped meanwhile
      }
      scan.keys = result.keys;
      scan.complete = result.complete;
      this.log.debug(`Read ${result.keys.length} keys of ${connection.name} for their expiry${result.complete ? '' : ' (not all: the scan is bounded)'}`);
    } catch (e) {
      if (this.scans.get(connection.id) !== scan) {
        return;
      }
      scan.failed = true;
      this.log.info(`Could not read the keys of ${connection.name} for their expiry (the status bar shows no count): ${e instanceof Error ? e.message : String(e)}`);
    }
    this.changed.fire(connection.id);
  }

  /** The connection's keys that expire within `warningDays` or have expired at `now`, as read so far. */
  list(connection: Connection, now: number, warningDays: number): ExpiringList {
    const entries = new Map<string, { status: KeyStatus; apiIds: Set<string> }>();
    const add = (id: string, status: KeyStatus, apiIds: readonly string[]): void => {
      const entry = entries.get(id) ?? { status, apiIds: new Set<string>() };
      for (const apiId of apiIds) {
        entry.apiIds.add(apiId);
      }
      entries.set(id, entry);
    };
    const scan = this.scans.get(connection.id);
    for (const key of scan?.keys ?? []) {
      add(key.id, key.status, key.apiIds);
    }
    const lists = this.keyLists.readLists(connection.id);
    for (const { apiId, list } of lists) {
      for (const [id, status] of list.statuses) {
        add(id, status, [apiId]);
      }
    }
    const keys: ExpiringKey[] = [];
    let nextChange = Infinity;
    for (const [id, { status, apiIds }] of entries) {
      const warning = expiryWarning(status, now, warningDays);
      if (warning) {
        keys.push({ id, status, apiIds: [...apiIds], warning });
      }
      nextChange = Math.min(nextChange, nextExpiryChange(status, now, warningDays) ?? Infinity);
    }
    const scanned = scan?.keys !== undefined;
    return {
      keys: byExpiry(keys),
      known: scanned || lists.length > 0,
      complete: scanned && scan.complete,
      ...(Number.isFinite(nextChange) ? { nextChange } : {}),
    };
  }

  /** Forgets what was read of a connection (or all); a connection read before is read again shortly. */
  override invalidate(connectionId?: string): void {
    for (const [id, scan] of [...this.scans]) {
      if (!connectionId || id === connectionId) {
        scan.abort.abort();
        this.scans.delete(id);
        this.changed.fire(id);
        this.rescanSoon(id);
      }
    }
  }

  private rescanSoon(connectionId: string): void {
    clearTimeout(this.rescans.get(connectionId));
    this.rescans.set(
      connectionId,
      setTimeout(() => {
        this.rescans.delete(connectionId);
        const connection = this.store.get(connectionId);
        if (connection) {
          void this.scan(connection);
        }
      }, RESCAN_DELAY_MS),
    );
  }

  override dispose(): void {
    for (const scan of this.scans.values()) {
      scan.abort.abort();
    }
    for (const timer of this.rescans.values()) {
      clearTimeout(timer);
    }
    for (const s of this.subscriptions) {
      s.dispose();
    }
    super.dispose();
  }
}
