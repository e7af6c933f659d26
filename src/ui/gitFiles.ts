// Which of a workspace's files git would commit: those in a repository that its ignore rules do not
// exclude (tracked, or untracked and not ignored), asked of VS Code's built-in Git extension
// (Repository.checkIgnore runs `git check-ignore -v -z --stdin`, which reads every ignore source git
// reads — .gitignore at any depth, .git/info/exclude, core.excludesFile — and leaves out tracked files,
// which ignore rules no longer apply to). A rule library would have to re-implement all of that; asking
// git is exact. Local only: git reads the working tree, no remote.
import * as vscode from 'vscode';

/** The part of the Git extension's API (extensions/git/src/api/git.d.ts, version 1) used here. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
type GitState = 'uninitialized' | 'initialized';
interface GitApi {
  readonly state: GitState;
  readonly onDidChangeState: vscode.Event<GitState>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** Paths given to one `git check-ignore` at a time. */
const CHECK_IGNORE_BATCH = 1000;
/** How long to wait for the Git extension to find the workspace's repositories. */
const GIT_READY_MS = 10_000;

/** The Git extension's API once it knows the workspace's repositories; undefined when it is missing or disabled. */
async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) {
    return undefined;
  }
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports.enabled) {
    return undefined;
  }
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, GIT_READY_MS);
      const listener = api.onDidChangeState((state) => state === 'initialized' && done());
      function done(): void {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }
  return api;
}

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
  if (!api) {
    return { files: [...uris], outsideGit: 0, ignored: 0, gitAvailable: false };
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
