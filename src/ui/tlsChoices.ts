// The two ways to trust a server whose certificate Node does not: its CA certificate file, or (after
// a warning) no certificate check at all, for that one connection. Used by Add Connection (when the
// check fails on the certificate) and by Tyk: Configure TLS….
import * as vscode from 'vscode';
import type { Ui } from './ui';

/** The open dialog's file filter (its name is shown in the dialog). */
export function caFileFilters(): Record<string, string[]> {
  return { [vscode.l10n.t('CA certificates (PEM)')]: ['pem', 'crt', 'cer'] };
}

/** Asks for a CA certificate file; its path, or undefined when the user cancels. */
export async function pickCaFile(ui: Ui, connectionLabel: string): Promise<string | undefined> {
  const uri = await ui.pickFile({
    title: vscode.l10n.t('The CA certificate to trust for {0}', connectionLabel),
    openLabel: vscode.l10n.t('Trust this CA'),
    filters: caFileFilters(),
  });
  if (!uri) {
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void ui.warn(vscode.l10n.t('Choose a file on this machine: {0} cannot be read by Tyk Keys.', uri.toString(true)));
    return undefined;
  }
  return uri.fsPath;
}

/** The modal warning before a connection stops checking its server's certificate. */
export function confirmSelfSigned(ui: Ui, url: string): Promise<boolean> {
  return ui.confirm(
    vscode.l10n.t('Accept a self-signed certificate from {0}?', url),
    vscode.l10n.t(
      'For this connection only, Tyk Keys will not check the certificate of {0}: the traffic stays encrypted, but anyone able to intercept it could pose as the server and receive your credential. Do this only for a server you control, on a network you trust; trusting its CA certificate file is safer. Other connections keep checking certificates.',
      url,
    ),
    vscode.l10n.t('Accept for This Connection'),
  );
}

export type TlsChoice = 'system' | 'caFile' | 'selfSigned';

export interface TlsChoiceItem extends vscode.QuickPickItem {
  choice: TlsChoice | 'back';
}
