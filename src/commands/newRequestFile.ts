// Tyk: New .http File — a REST Client request through the Gateway to an API, with the cursor where
// the key goes (the walkthrough's last step).
import * as vscode from 'vscode';
import { DEFAULT_GATEWAY_BASE, gatewayBaseFor } from '../domain/keyFormats';
import { requestFileProblem, requestFileText } from '../domain/requestFile';
import { notRequestableMessage } from '../domain/keyKinds';
import { ApiNode, VersionNode } from '../app/nodes';
import { resolveConnection } from '../app/resolveConnection';
import type { Services } from '../app/services';

export async function newRequestFile(services: Services, arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const node = arg instanceof ApiNode || arg instanceof VersionNode ? arg : undefined;
  if (node && !node.api.requestable && node.api.notRequestableReason) {
    // No request can be written for it (a TCP proxy, a listen path that is a pattern or a reference): say why.
    void services.ui.info(notRequestableMessage(node.api.notRequestableReason));
    return undefined;
  }
  // Without any connection the file still helps (a placeholder Gateway); with several, the rule of every command.
  const connection = services.store.list().length === 0 ? undefined : await resolveConnection(services, node, vscode.l10n.t('A request to an API of…'));
  const gatewayBase = connection ? gatewayBaseFor(connection) : DEFAULT_GATEWAY_BASE;
  const api =
    node?.api ??
    (connection ? services.catalog.peek(connection.id).find((a) => a.active && a.requestable && a.authKind === 'authToken' && requestFileProblem(gatewayBase, a) === undefined) : undefined);
  // What the server or the settings say may not be writable (a header name that is no HTTP header name,
  // a listen path no URL can hold, a Gateway address with a line break): say which, write nothing.
  const problem = requestFileProblem(gatewayBase, api);
  if (problem !== undefined) {
    void services.ui.warn(api ? vscode.l10n.t('No request file can be written for {0}: {1}', api.name, problem) : problem);
    return undefined;
  }
  const { text, keyOffset } = requestFileText(gatewayBase, api);
  const languages = await vscode.languages.getLanguages();
  // With REST Client installed the file is an `http` document; without it, plain text.
  const document = await vscode.workspace.openTextDocument({ content: text, language: languages.includes('http') ? 'http' : 'plaintext' });
  const editor = await services.ui.showTextDocument(document);
  const at = document.positionAt(keyOffset);
  editor.selection = new vscode.Selection(at, at);
  return document;
}
