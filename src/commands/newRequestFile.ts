// Tyk: New .http File — a REST Client request through the Gateway to an API, with the cursor where
// the key goes (the walkthrough's last step).
import * as vscode from 'vscode';
import { gatewayBaseFor } from '../ui/keyFormats';
import { requestFileText } from '../ui/requestFile';
import { ApiNode, VersionNode } from '../views/nodes';
import type { Services } from './services';

export async function newRequestFile(services: Services, arg?: unknown): Promise<vscode.TextDocument> {
  const node = arg instanceof ApiNode || arg instanceof VersionNode ? arg : undefined;
  const connection = node?.connection ?? services.active.chosen() ?? services.store.list()[0];
  const api = node?.api ?? (connection ? services.catalog.peek(connection.id).find((a) => a.active && a.authKind === 'authToken') : undefined);
  const { text, keyOffset } = requestFileText(connection ? gatewayBaseFor(connection) : 'http://localhost:8080', api);
  const languages = await vscode.languages.getLanguages();
  // With REST Client installed the file is an `http` document; without it, plain text.
  const document = await vscode.workspace.openTextDocument({ content: text, language: languages.includes('http') ? 'http' : 'plaintext' });
  const editor = await services.ui.showTextDocument(document);
  const at = document.positionAt(keyOffset);
  editor.selection = new vscode.Selection(at, at);
  return document;
}
