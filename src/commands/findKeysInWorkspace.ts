// Tyk: Find Keys in Workspace — the workspace's text files git would commit, scanned for Tyk keys
// (src/domain/keyScan.ts), found keys shown as Problems with a quick fix (src/ui/keyFindings.ts). Nothing
// leaves the machine: the files are listed by VS Code (honouring files.exclude), filtered by git's ignore
// rules (src/services/gitFiles.ts) and read from disk; keys are recognised by what is remembered locally.
import * as vscode from 'vscode';
import { format } from '../domain/format';
import { CancelledError } from '../domain/slicer';
import { keyIndex, MAX_FILE_BYTES, MAX_FILES, scanFiles, type ScanSource } from '../domain/keyScan';
import type { Services } from '../app/services';
import { committableFiles } from '../services/gitFiles';
import { withCancellableProgress } from '../ui/progress';

/** At most this many files are listed (a node_modules is listed before git's rules leave it out). */
const MAX_LISTED = 100_000;

/** A file in the workspace, read through VS Code's file system (local or remote alike). */
const workspaceFiles: ScanSource<vscode.Uri> = {
  size: async (uri) => {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.File ? stat.size : undefined;
  },
  read: async (uri) => vscode.workspace.fs.readFile(uri),
};

export interface FindKeysResult {
  /** Keys found, files they are in, files read. */
  keys: number;
  files: number;
  scanned: number;
  cancelled: boolean;
}

export async function findKeysInWorkspace(services: Services): Promise<FindKeysResult> {
  const none: FindKeysResult = { keys: 0, files: 0, scanned: 0, cancelled: false };
  if ((vscode.workspace.workspaceFolders ?? []).length === 0) {
    await services.ui.info(vscode.l10n.t('Open a folder to find the Tyk keys in it.'));
    return none;
  }
  const index = keyIndex(services.knownKeys.all(), services.knownKeys.orgs(), (id) => services.store.get(id)?.name);
  if (index.created.size === 0 && index.orgs.size === 0) {
    await services.ui.info(
      vscode.l10n.t('No Tyk key to look for yet: the scan knows the keys created here and the organisations of the connections whose APIs were loaded.'),
    );
    return none;
  }
  const n = (count: number): string => format().count(count);
  let outcome;
  try {
    outcome = await withCancellableProgress(services.ui, vscode.l10n.t('Finding Tyk keys in the workspace…'), async (signal) => {
      const cancel = new vscode.CancellationTokenSource();
      signal.addEventListener('abort', () => cancel.cancel());
      try {
        const listed = await vscode.workspace.findFiles('**/*', undefined, MAX_LISTED, cancel.token);
        signal.throwIfAborted();
        const committable = await committableFiles(
          [...listed].sort((a, b) => a.toString().localeCompare(b.toString())),
          signal,
        );
        const scan = await scanFiles(committable.files, workspaceFiles, index, { signal, maxFiles: MAX_FILES });
        return { listed: listed.length, committable, scan };
      } finally {
        cancel.dispose();
      }
    });
  } catch (e) {
    if (e instanceof CancelledError || (e instanceof Error && e.name === 'AbortError')) {
      services.log.info('Find Keys in Workspace: cancelled; the Problems of the last scan stay');
      return { ...none, cancelled: true };
    }
    throw e;
  }
  const { listed, committable, scan } = outcome;
  services.keyFindings.show(
    scan.found.map((f) => ({ uri: f.file, keys: f.keys })),
    index,
  );
  const keys = scan.found.reduce((sum, f) => sum + f.keys.length, 0);
  services.log.info(
    `Find Keys in Workspace: ${listed} files listed, ${committable.ignored} ignored by git, ${committable.outsideGit} outside a repository; ` +
      `${scan.scanned} read, ${scan.tooLarge} over 1 MB, ${scan.binary} binary, ${scan.unreadable} unreadable, ${scan.leftOut} left out; ${keys} keys in ${scan.found.length} files`,
  );
  const notes = [
    scan.leftOut > 0 || listed >= MAX_LISTED
      ? vscode.l10n.t('Only the first {0} files were read: the rest were left out.', n(Math.min(MAX_FILES, committable.files.length)))
      : undefined,
    scan.tooLarge + scan.binary > 0 ? vscode.l10n.t('Skipped: {0} files over {1} MB, {2} binary files.', n(scan.tooLarge), n(MAX_FILE_BYTES / 1024 / 1024), n(scan.binary)) : undefined,
    committable.gitAvailable ? undefined : vscode.l10n.t('The Git extension is disabled: files .gitignore leaves out were read too.'),
  ].filter((s): s is string => s !== undefined);
  const summary =
    keys === 0
      ? vscode.l10n.t('No Tyk key found in {0} files git would commit.', n(scan.scanned))
      : keys === 1
        ? vscode.l10n.t('A Tyk key found in a file git would commit ({0} files read): see Problems, where a quick fix moves it to .env.', n(scan.scanned))
        : vscode.l10n.t('{0} Tyk keys found in {1} of {2} files git would commit: see Problems, where a quick fix moves each to .env.', n(keys), n(scan.found.length), n(scan.scanned));
  const show = vscode.l10n.t('Show Problems');
  void services.ui.info([summary, ...notes].join(' '), ...(keys > 0 ? [show] : [])).then((picked) =>
    picked === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined,
  );
  return { keys, files: scan.found.length, scanned: scan.scanned, cancelled: false };
}
