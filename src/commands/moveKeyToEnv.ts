// Tyk: Move Key to .env — the quick fix of a key Find Keys in Workspace found (src/ui/keyFindings.ts):
// the key goes to the .env of its repository (src/ui/envFile.ts: written, checked that git ignores it,
// .gitignore offered) and a reference to it in the file's own syntax takes its place (REST Client
// `{{$dotenv TYK_KEY_…}}`, shell `$TYK_KEY_…`, JS/TS `process.env.TYK_KEY_…`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { envReference, hasEnvReference } from '../domain/envFile';
import { defaultFormatFor } from '../domain/keyFormats';
import { keyReplacement } from '../domain/keyScan';
import type { Services } from '../app/services';
import { moveKeyToEnv as moveToEnvFile } from '../ui/envFile';

export interface MovedToEnv {
  envFile: string;
  name: string;
}

/** The language whose reference a file gets: a .http file without REST Client installed is still REST Client's. */
function referenceLanguage(document: vscode.TextDocument): { languageId: string; syntax: 'js' | 'shell' | 'other' } {
  const format = defaultFormatFor(document.languageId, document.fileName);
  const languageId = format === 'restClient' ? 'http' : format === 'curl' ? 'shellscript' : format === 'curlPowerShell' ? 'powershell' : document.languageId;
  const syntax = /^(java|type)script(react)?$/.test(languageId) ? 'js' : languageId === 'shellscript' ? 'shell' : 'other';
  return { languageId, syntax };
}

export async function moveKeyToEnv(services: Services, uri?: unknown, range?: unknown): Promise<MovedToEnv | undefined> {
  if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range) || !range.isSingleLine) {
    return undefined;
  }
  const finding = services.keyFindings.findingAt(uri, range);
  if (!finding) {
    await services.ui.info(vscode.l10n.t('That key is no longer flagged: run Tyk: Find Keys in Workspace again.'));
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const key = document.getText(range);
  const standing = await services.git.standing(uri);
  const root = standing.kind === 'unknown' ? (vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath)) : standing.root;
  const { languageId, syntax } = referenceLanguage(document);
  // REST Client reads {{$dotenv …}} from the .env beside the .http file.
  const moved = await moveToEnvFile(services, { document: uri, root, alias: finding.owner.alias ?? finding.owner.connectionName, value: key, besideDocument: languageId === 'http' });
  const line = document.lineAt(range.start.line).text;
  const replacement = keyReplacement(line, range.start.character, range.end.character, syntax, envReference(languageId, moved.name));
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(range.start.line, replacement.start, range.start.line, replacement.end), replacement.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(vscode.l10n.t('Could not edit {0}.', vscode.workspace.asRelativePath(uri)));
  }
  if (!wasDirty) {
    await document.save();
  }
  const envFile = vscode.workspace.asRelativePath(moved.envUri);
  void services.ui.info(
    hasEnvReference(languageId)
      ? vscode.l10n.t('The key is in {0} as {1}; the file reads it from there.', envFile, moved.name)
      : vscode.l10n.t('The key is in {0} as {1}; this kind of file has no way to read it, so the name is written in its place.', envFile, moved.name),
  );
  return { envFile: moved.envUri.fsPath, name: moved.name };
}
