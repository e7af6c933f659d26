// VS Code's SecretStorage, with one plain message when it does not work (e.g. Linux without a
// keyring): nothing is then saved anywhere else — never a credential in plain text.
import * as vscode from 'vscode';

export class SecretStorageError extends Error {
  override readonly name = 'SecretStorageError';
  constructor(action: 'save' | 'read' | 'delete', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const what =
      action === 'save'
        ? vscode.l10n.t('VS Code’s secret storage is not available, so the credential could not be saved ({0}).', reason)
        : action === 'read'
          ? vscode.l10n.t('VS Code’s secret storage is not available, so the credential could not be read ({0}).', reason)
          : vscode.l10n.t('VS Code’s secret storage is not available, so the credential could not be deleted ({0}).', reason);
    const fix = vscode.l10n.t(
      'On Linux, install and unlock a keyring (GNOME Keyring, KWallet) or choose a password store for VS Code (the --password-store option), then try again. Nothing was written anywhere else.',
    );
    super(`${what} ${fix}`);
  }
}

/** The subset of SecretStorage the extension uses, failing with a SecretStorageError. */
export class GuardedSecrets {
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = secrets.onDidChange;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (e) {
      throw new SecretStorageError('read', e);
    }
  }

  async store(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (e) {
      throw new SecretStorageError('save', e);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (e) {
      throw new SecretStorageError('delete', e);
    }
  }
}
