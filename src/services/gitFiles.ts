// Which of a workspace's files git would commit: those in a repository that its ignore rules do not
// exclude (tracked, or untracked and not ignored), asked of VS Code's built-in Git extension
// (Repository.checkIgnore runs `git check-ignore -v -z --stdin`, which reads every ignore source git
// reads — .gitignore at any depth, .git/info/exclude, core.excludesFile — and leaves out tracked files,
// which ignore rules no longer apply to). A rule library would have to re-implement all of that; asking
// git is exact. Local only: git reads the working tree, no remote.
import * as vscode from 'vscode';
import { gitApi, initialized, type GitRepository } from './git';

/** Paths given to one `git check-ignore` at a time. */
const CHECK_IGNORE_BATCH = 1000;

export interface CommittableFiles {
  files: vscode.Uri[];
  /** Files in no git repository (git would not commit them): left out. */
  outsideGit: number;
  /** Files a .gitignore (or another ignore source) excludes: left out. */
  ignored: number;
  /** False when the Git extension is disabled or missing: every file was kept, ignore rules unread. */
  gitAvailable: boolean;
}

/** Of `uris`, those git would commit (see the top of this file). Throws the signal's reason once it aborts. */
export async function committableFiles(uris: readonly vscode.Uri[], signal: AbortSignal): Promise<CommittableFiles> {
  const api = await gitApi();
  if (typeof api === 'string') {
    return { files: [...uris], outsideGit: 0, ignored: 0, gitAvailable: false };
  }
  if (api.state !== 'initialized') {
    await initialized(api);
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!api.getRepository(folder.uri)) {
      // A folder inside a repository whose root is above it: the Git extension may not have opened it.
      await api.openRepository(folder.uri).catch(() => null);
    }
  }
  // By root: the API hands out a new wrapper of a repository at each call.
  const byRepository = new Map<string, { repository: GitRepository; inIt: vscode.Uri[] }>();
  let outsideGit = 0;
  for (const uri of uris) {
    const repository = uri.scheme === 'file' ? api.getRepository(uri) : null;
    if (repository) {
      const root = repository.rootUri.toString();
      const group = byRepository.get(root) ?? { repository, inIt: [] };
      group.inIt.push(uri);
      byRepository.set(root, group);
    } else {
      outsideGit++;
    }
  }
  const files: vscode.Uri[] = [];
  let ignored = 0;
  for (const { repository, inIt } of byRepository.values()) {
    for (let at = 0; at < inIt.length; at += CHECK_IGNORE_BATCH) {
      signal.throwIfAborted();
      const batch = inIt.slice(at, at + CHECK_IGNORE_BATCH);
      const excluded = await repository.checkIgnore(batch.map((uri) => uri.fsPath));
      for (const uri of batch) {
        if (excluded.has(uri.fsPath)) {
          ignored++;
        } else {
          files.push(uri);
        }
      }
    }
  }
  return { files, outsideGit, ignored, gitAvailable: true };
}
