// Saved keys (opt-in, setting tyk.rememberCreatedKeys): the keys created here, kept in VS Code's
// SecretStorage with their API, alias and creation date, so "Insert Saved Key…" can put one into the
// editor again. Off by default: Tyk's own advice is that a key is shown once.
import * as vscode from 'vscode';
import type { FormatApi } from '../domain/keyFormats';
import type { GuardedSecrets } from './secrets';

export interface SavedKey {
  connectionId: string;
  connectionName: string;
  key: string;
  keyHash?: string;
  alias?: string;
  apiIds: string[];
  apiNames: string[];
  /**
   * What the insert formats need of each API (name, listen path, auth header name), kept so that a
   * saved key is written as it was even before the catalog is loaded. Absent in keys saved by 0.1.0
   * previews; then the catalog's, else the defaults.
   */
  apis?: FormatApi[];
  createdAt: string;
}

const SECRET = 'tyk.savedKeys';

export function rememberCreatedKeys(): boolean {
  return vscode.workspace.getConfiguration('tyk').get<boolean>('rememberCreatedKeys', false) === true;
}

export class SavedKeys {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: GuardedSecrets) {}

  async list(): Promise<SavedKey[]> {
    const raw = await this.secrets.get(SECRET);
    if (!raw) {
      return [];
    }
    try {
      const value: unknown = JSON.parse(raw);
      return Array.isArray(value) ? value.filter(isSavedKey) : [];
    } catch {
      return [];
    }
  }

  /** Saves a created key when the user opted in; returns whether it was saved. */
  async saveIfEnabled(entry: SavedKey): Promise<boolean> {
    if (!rememberCreatedKeys()) {
      return false;
    }
    await this.change((keys) => [...keys.filter((k) => k.key !== entry.key), entry]);
    return true;
  }

  /** Forgets a key (revoked or rotated), by the key or by its hash. */
  async forgetKey(connectionId: string, key: string | undefined, keyHash: string | undefined): Promise<void> {
    if (!key && !keyHash) {
      return;
    }
    await this.change((keys) =>
      keys.filter((k) => !(k.connectionId === connectionId && ((key && k.key === key) || (keyHash && k.keyHash === keyHash)))),
    );
  }

  async forgetConnection(connectionId: string): Promise<void> {
    await this.change((keys) => keys.filter((k) => k.connectionId !== connectionId));
  }

  async clear(): Promise<void> {
    await this.run(() => this.secrets.delete(SECRET));
  }

  /** Read-modify-write, one at a time. */
  private change(update: (keys: SavedKey[]) => SavedKey[]): Promise<void> {
    return this.run(async () => {
      const next = update(await this.list());
      if (next.length === 0) {
        await this.secrets.delete(SECRET);
      } else {
        await this.secrets.store(SECRET, JSON.stringify(next));
      }
    });
  }

  private run(task: () => Thenable<void> | Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function isSavedKey(v: unknown): v is SavedKey {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const k = v as Record<string, unknown>;
  return (
    typeof k.connectionId === 'string' &&
    typeof k.key === 'string' &&
    Array.isArray(k.apiIds) &&
    Array.isArray(k.apiNames) &&
    typeof k.createdAt === 'string' &&
    (k.apis === undefined || (Array.isArray(k.apis) && k.apis.every(isFormatApi)))
  );
}

function isFormatApi(v: unknown): v is FormatApi {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const a = v as Record<string, unknown>;
  return typeof a.name === 'string' && typeof a.listenPath === 'string' && typeof a.authHeaderName === 'string';
}
