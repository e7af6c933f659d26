// A key moved to a .env file instead of a file git would commit: which .env (the root of the document's
// workspace folder, or of its repository), the line appended to it (src/domain/envFile.ts), and
// whether git ignores it — if not, an offer to add it to the repository's .gitignore, and a plain
// warning when the user declines. Used by the leak guard (src/ui/leakGuard.ts) and by the quick fix of
// "Find Keys in Workspace".
import * as path from 'node:path';
import * as vscode from 'vscode';
import { appendEnvLine, envNamesIn, envVarName, type GitStanding } from '../domain/envFile';
import type { Ui } from './ui';

/** What says where git stands on a file (src/services/git.ts's `Git`). */
export interface GitStandings {
  standing(uri: vscode.Uri): Promise<GitStanding>;
}

/** What moving a key to .env needs: the Ui (the .gitignore offer) and git (is .env ignored?). */
export interface EnvServices {
  ui: Ui;
  git: GitStandings;
}

export const ENV_FILE_NAME = '.env';

/** Whether `child` is `parent` or inside it (file system paths). */
function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The .env for a document of the repository at `root`: at the root of the document's workspace folder
 * when that folder is in the repository, else at the repository's root; with `besideDocument` (a
 * reference REST Client reads, see `readsEnvBesideFile`), in the document's own folder.
 */
export function envFileFor(document: vscode.Uri, root: string, besideDocument = false): vscode.Uri {
  if (besideDocument) {
    return vscode.Uri.file(path.join(path.dirname(document.fsPath), ENV_FILE_NAME));
  }
  const folder = vscode.workspace.getWorkspaceFolder(document);
  const base = folder && folder.uri.scheme === 'file' && isInside(root, folder.uri.fsPath) ? folder.uri.fsPath : root;
  return vscode.Uri.file(path.join(base, ENV_FILE_NAME));
}

/**
 * Changes a file's text: through the open document when it has unsaved changes (they are kept, the
 * document left unsaved), else on disk (an open, saved document follows). A missing file is created.
 * Resolves with whether the change is saved.
 */
async function changeFile(uri: vscode.Uri, change: (text: string) => string): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), change(open.getText()));
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new Error(vscode.l10n.t('Could not edit {0}.', uri.fsPath));
    }
    return false;
  }
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError) || e.code !== 'FileNotFound') {
      throw e;
    }
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(change(text)));
  return true;
}

/**
 * Appends `TYK_KEY_<ALIAS>=<value>` to the .env at `envUri` (created if needed), the name made unique
 * among the names it defines. Resolves with the name, and whether the file is saved (an open .env
 * with unsaved changes is left unsaved). Throws when it cannot be written (the key is then not there).
 */
export async function writeKeyToEnv(envUri: vscode.Uri, alias: string | undefined, value: string): Promise<{ name: string; saved: boolean }> {
  let name = '';
  const saved = await changeFile(envUri, (text) => {
    name = envVarName(alias, envNamesIn(text));
    return appendEnvLine(text, name, value);
  });
  return { name, saved };
}

/** What became of the .env's place in git: ignored already, added to .gitignore, declined, still tracked, or unknown. */
export type EnvIgnored = 'ignored' | 'added' | 'declined' | 'tracked' | 'unknown';

/** The .gitignore line for the .env at `envUri` in the repository at `root`: `.env` at the root, else its path from the root. */
export function gitignoreEntry(root: string, envUri: vscode.Uri): string {
  const relative = path.relative(root, envUri.fsPath).split(path.sep).join('/');
  return relative.includes('/') ? `/${relative}` : relative;
}

/**
 * Makes sure git ignores the .env: when it does not, asks (modal) to add it to the repository's
 * .gitignore (created if needed); says plainly when the user declines, or when git still does not
 * ignore it (a .env git already tracks).
 */
export async function ensureEnvIgnored(s: EnvServices, envUri: vscode.Uri): Promise<EnvIgnored> {
  const standing = await s.git.standing(envUri);
  if (standing.kind !== 'exposed') {
    return standing.kind;
  }
  const shown = vscode.workspace.asRelativePath(envUri);
  const add = vscode.l10n.t('Add to .gitignore');
  const entry = gitignoreEntry(standing.root, envUri);
  const answer = await s.ui.choose(
    vscode.l10n.t('Git does not ignore {0}: a commit would still publish the key.', shown),
    vscode.l10n.t('Add to .gitignore adds the line “{0}” to {1}. Otherwise keep {2} out of your commits yourself.', entry, path.join(standing.root, '.gitignore'), shown),
    [add],
  );
  if (answer !== add) {
    void s.ui.warn(vscode.l10n.t('{0} is not ignored by git: the key in it would be published by a commit. Add it to .gitignore before committing.', shown));
    return 'declined';
  }
  const gitignore = vscode.Uri.file(path.join(standing.root, '.gitignore'));
  if (!(await changeFile(gitignore, (text) => `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}\n`))) {
    // Open with unsaved changes: git reads .gitignore from disk.
    void s.ui.warn(vscode.l10n.t('“{0}” was added to .gitignore, which has unsaved changes: save it for git to ignore {1}.', entry, shown));
    return 'added';
  }
  if ((await s.git.standing(envUri)).kind === 'exposed') {
    void s.ui.warn(
      vscode.l10n.t('Git already tracks {0}: .gitignore does not stop a tracked file from being committed. Untrack it with “git rm --cached {1}”.', shown, entry.replace(/^\//, '')),
    );
    return 'tracked';
  }
  return 'added';
}

/** Where a key moved to .env went. */
export interface MovedKey {
  envUri: vscode.Uri;
  name: string;
  /** The .env is saved (false: an open .env with unsaved changes got the line, unsaved). */
  saved: boolean;
  ignored: EnvIgnored;
}

/**
 * Puts a key in the .env of a document in the repository at `root` (the guard's "Insert into .env
 * Instead", the scan's quick fix), then makes sure git ignores that .env. The caller writes the
 * reference (src/domain/envFile.ts `referenceText`) where the key was.
 */
export async function moveKeyToEnv(
  s: EnvServices,
  what: { document: vscode.Uri; root: string; alias: string | undefined; value: string; besideDocument?: boolean },
): Promise<MovedKey> {
  const envUri = envFileFor(what.document, what.root, what.besideDocument === true);
  const { name, saved } = await writeKeyToEnv(envUri, what.alias, what.value);
  const ignored = await ensureEnvIgnored(s, envUri);
  return { envUri, name, saved, ignored };
}
