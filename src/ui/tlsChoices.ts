// The two ways to trust a server whose certificate Node does not: its CA certificate file, or (after
// a warning) no certificate check at all, for that one connection. Used by Add Connection (when the
// check fails on the certificate) and by Tyk: Configure TLS….
import * as vscode from 'vscode';
import { dialogs } from './dialogs';

export const CA_FILE_FILTERS: Record<string, string[]> = { 'CA certificates (PEM)': ['pem', 'crt', 'cer'] };

/** Asks for a CA certificate file; its path, or undefined when the user cancels. */
export async function pickCaFile(connectionLabel: string): Promise<string | undefined> {
  const uri = await dialogs.pickFile({
    title: `The CA certificate to trust for ${connectionLabel}`,
    openLabel: 'Trust this CA',
    filters: CA_FILE_FILTERS,
  });
  if (!uri) {
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void dialogs.warn(`Choose a file on this machine: ${uri.toString(true)} cannot be read by Tyk Keys.`);
    return undefined;
  }
  return uri.fsPath;
}

/** The modal warning before a connection stops checking its server's certificate. */
export function confirmSelfSigned(url: string): Promise<boolean> {
  return dialogs.confirm(
    `Accept a self-signed certificate from ${url}?`,
    `For this connection only, Tyk Keys will not check the certificate of ${url}: the traffic stays encrypted, ` +
      'but anyone able to intercept it could pose as the server and receive your credential. Do this only for a server you ' +
      'control, on a network you trust; trusting its CA certificate file is safer. Other connections keep checking certificates.',
    'Accept for This Connection',
  );
}

/** The first sentence of a message, for a one-line placeholder. */
export function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end > 0 ? text.slice(0, end + 1) : text;
}

export type TlsChoice = 'system' | 'caFile' | 'selfSigned';

export interface TlsChoiceItem extends vscode.QuickPickItem {
  choice: TlsChoice | 'back';
}
