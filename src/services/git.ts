// What git says of a file, through VS Code's built-in git extension (`vscode.git`, its API version 1):
// whether the file is in a repository and whether git ignores it. Only what the leak guard uses is
// typed here, by hand (no dependency on the git extension's d.ts). Without the extension, with git
// turned off (`git.enabled`), for an untitled or non-file document, or outside any repository, the
// answer is `unknown`, with the reason logged: the guard then asks nothing.
import * as vscode from 'vscode';
import type { GitStanding } from '../domain/envFile';

/** The part of the git extension's exports used here (extensions/git/src/api/git.d.ts, `GitExtension`). */
export interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The part of its `API` used here. */
export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  /** Opens the repository at or above `root` (Find Keys in Workspace: a folder inside a repository). */
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}

/** The part of its `Repository` used here. */
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  /** The paths of `paths` that git ignores (`git check-ignore`); tracked files are never ignored. */
  checkIgnore(paths: string[]): Promise<Set<string>>;
}

export const GIT_EXTENSION_ID = 'vscode.git';

/** How long the git extension may take to open the repositories it finds (it scans at start). */
const READY_WAIT_MS = 5000;

export class Git {
  constructor(private readonly log: (message: string) => void) {}

  /** Where git stands on `uri`; never throws (anything going wrong is `unknown`, logged). */
  async standing(uri: vscode.Uri): Promise<GitStanding> {
    const answer = await this.ask(uri).catch((e: unknown): GitStanding => ({ kind: 'unknown', why: `the git extension failed: ${String(e)}` }));
    if (answer.kind === 'unknown') {
      this.log(`Git: no leak check for ${uri.scheme === 'file' ? uri.fsPath : uri.scheme} (${answer.why})`);
    }
    return answer;
  }

  private async ask(uri: vscode.Uri): Promise<GitStanding> {
    if (uri.scheme !== 'file') {
      return { kind: 'unknown', why: uri.scheme === 'untitled' ? 'an untitled document' : `not a file on disk (${uri.scheme})` };
    }
    const api = await gitApi();
    if (typeof api === 'string') {
      return { kind: 'unknown', why: api };
    }
    if (api.state !== 'initialized') {
      await initialized(api);
    }
    const repository = api.getRepository(uri);
    if (!repository) {
      return { kind: 'unknown', why: 'not in a git repository the git extension has open' };
    }
    const root = repository.rootUri.fsPath;
    const ignored = await repository.checkIgnore([uri.fsPath]);
    return { kind: ignored.size > 0 ? 'ignored' : 'exposed', root };
  }
}

/** The git extension's API, or why there is none. */
export async function gitApi(): Promise<GitApi | string> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>(GIT_EXTENSION_ID);
  if (!extension) {
    return 'the built-in git extension is missing or disabled';
  }
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports.enabled) {
    return 'git is turned off (git.enabled) or not found';
  }
  return exports.getAPI(1);
}

/** Resolves once the git extension has opened the repositories it found, or after READY_WAIT_MS. */
export function initialized(api: GitApi): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, READY_WAIT_MS);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done());
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}
