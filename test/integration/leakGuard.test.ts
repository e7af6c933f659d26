// The leak guard, in the real VS Code with its built-in git extension, against a real git repository
// made here: a key about to be written into a file git would commit is stopped with a question
// (.env instead, insert anyway, cancel); a file git ignores, an untitled document, a file outside any
// repository get the key without one. The run turns git off for the other suites (DEFAULT_SETTINGS in
// test/tools/codeServer.ts: `git.enabled: false`): this suite turns it on for itself.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'dotenv';
import * as vscode from 'vscode';
import { GIT_EXTENSION_ID, type GitExtensionExports } from '../../src/services/git';
import type { CreatedKey } from '../../src/domain/model';
import { addConnection, apiNodes, closeAllEditors, pressEnter, startInsertSavedKey, typeAndEnter, useSandboxSuite, waitFor, waitForStep } from './helpers';

const TRACKED = /is tracked by git \(in a repository, not ignored\): the key would be one commit away from a leak/;
const TO_ENV = 'Insert into .env Instead';
const ANYWAY = 'Insert Anyway';
const ADD = 'Add to .gitignore';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

/** Whether git ignores `file` (git check-ignore, as a commit would see it). */
function ignoredByGit(repo: string, file: string): boolean {
  try {
    git(repo, 'check-ignore', '-q', file);
    return true;
  } catch {
    return false;
  }
}

/** The git extension's API, once git is on and it has looked at the workspace. */
async function gitApi(): Promise<ReturnType<GitExtensionExports['getAPI']>> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>(GIT_EXTENSION_ID);
  assert.ok(extension, 'the built-in git extension is there (and enabled) in the test VS Code');
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await waitFor('git turned on', () => exports.enabled, 20_000);
  return exports.getAPI(1);
}

/** Opens `file` with the cursor at its end; waits until the git extension knows the repository it is in. */
async function openInRepo(file: string, inRepo = true): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  if (inRepo) {
    const api = await gitApi();
    await waitFor(`the git extension has the repository of ${file}`, () => api.getRepository(editor.document.uri) !== null, 20_000);
  }
  return editor;
}

describe('Leak guard (git)', function () {
  this.timeout(60_000);
  const ctx = useSandboxSuite();
  const workspace = (): string => process.env.TYK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  let repo = '';
  let gitEnabled: boolean | undefined;

  before(async () => {
    gitEnabled = vscode.workspace.getConfiguration('git').inspect<boolean>('enabled')?.globalValue;
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    await gitApi();
  });
  after(async () => {
    await vscode.workspace.getConfiguration('git').update('enabled', gitEnabled, vscode.ConfigurationTarget.Global);
  });

  beforeEach(async () => {
    // A repository of its own per test, inside the workspace folder: deploy.sh committed, notes.local.txt ignored.
    repo = path.join(workspace(), `repo-${Math.random().toString(36).slice(2, 8)}`);
    fs.mkdirSync(repo);
    git(repo, 'init', '-q');
    git(repo, 'config', 'user.email', 'test@example.com');
    git(repo, 'config', 'user.name', 'Test');
    fs.writeFileSync(path.join(repo, '.gitignore'), '*.local.txt');
    fs.writeFileSync(path.join(repo, 'deploy.sh'), '#!/bin/sh\n');
    fs.writeFileSync(path.join(repo, 'notes.local.txt'), 'key: ');
    git(repo, 'add', '.gitignore', 'deploy.sh');
    git(repo, 'commit', '-qm', 'start');
    await addConnection(ctx.h, ctx.sandbox);
  });
  afterEach(async () => {
    await closeAllEditors();
    await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'raw', vscode.ConfigurationTarget.Global);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  /** Creates a key for Petstore with Enter at every step, the alias typed at the last; resolves with it once delivered. */
  async function createKey(alias = 'ci runner'): Promise<string> {
    const node = await waitFor('Petstore in the tree', async () => (await apiNodes(ctx.h)).get('Petstore'));
    const running = vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKey', node);
    let total = 1;
    for (let step = 1; step <= total; step++) {
      const current = await waitForStep(ctx.h, step, 'Create a Tyk key');
      total = current.totalSteps ?? step + 1;
      if (step === total) {
        await typeAndEnter(current, alias);
      } else {
        await pressEnter();
      }
    }
    const created = await running;
    assert.ok(created, 'a key was created');
    return created.key;
  }

  it('a tracked file: asked first (.env instead, the default; insert anyway); Insert Anyway writes the key', async () => {
    ctx.dialogs.answers.choose = (_m, answers) => answers.find((a) => a === ANYWAY);
    const editor = await openInRepo(path.join(repo, 'deploy.sh'));
    const key = await createKey();
    assert.equal(ctx.dialogs.choices.length, 1, JSON.stringify(ctx.dialogs.choices));
    const [question] = ctx.dialogs.choices;
    assert.match(question?.message ?? '', TRACKED);
    assert.match(question?.message ?? '', /deploy\.sh/);
    assert.deepEqual(question?.answers, [TO_ENV, ANYWAY], '.env first: the safe answer is the default button');
    assert.equal(editor.document.getText(), `#!/bin/sh\n${key}`);
    assert.equal(fs.existsSync(path.join(repo, '.env')), false, 'no .env made');
  });

  it('a file git ignores, an untitled document, a file outside any repository: the key without a question', async () => {
    const ignored = await openInRepo(path.join(repo, 'notes.local.txt'));
    const first = await createKey();
    assert.equal(ignored.document.getText(), `key: ${first}`);

    const untitled = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '' }));
    const second = await createKey();
    assert.equal(untitled.document.getText(), second);

    const outside = path.join(workspace(), `outside-${Math.random().toString(36).slice(2, 8)}.txt`);
    fs.writeFileSync(outside, '');
    try {
      const editor = await openInRepo(outside, false);
      const third = await createKey();
      assert.equal(editor.document.getText(), third);
    } finally {
      fs.rmSync(outside, { force: true });
    }
    assert.deepEqual(ctx.dialogs.choices, [], 'no question');
    assert.ok(ctx.h.logLines.some((l) => /no leak check for .*untitled/.test(l)), 'the untitled document logged');
  });

  it('Insert into .env Instead (a curl line in a shell script): the key in .env, the curl line reads $TYK_KEY_<ALIAS>; .env added to .gitignore', async () => {
    await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'curl', vscode.ConfigurationTarget.Global);
    ctx.dialogs.answers.choose = (_m, answers) => answers.find((a) => a === TO_ENV || a === ADD);
    const editor = await openInRepo(path.join(repo, 'deploy.sh'));
    const key = await createKey();
    const env = path.join(repo, '.env');
    assert.deepEqual(parse(fs.readFileSync(env, 'utf8')), { TYK_KEY_CI_RUNNER: key }, 'dotenv reads the key back');
    // A Dashboard connection without gatewayUrl: the Gateway at localhost:8080.
    const curl = 'curl -H "Authorization: $TYK_KEY_CI_RUNNER" http://localhost:8080/petstore/';
    assert.ok(editor.document.getText().includes('TYK_KEY_CI_RUNNER'), editor.document.getText());
    assert.ok(!editor.document.getText().includes(key), 'the key is not in the tracked file');
    // The second question: .env is not ignored yet.
    assert.equal(ctx.dialogs.choices.length, 2, JSON.stringify(ctx.dialogs.choices));
    assert.match(ctx.dialogs.choices[1]?.message ?? '', /Git does not ignore .*\.env/);
    assert.deepEqual(ctx.dialogs.choices[1]?.answers, [ADD]);
    assert.equal(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8'), '*.local.txt\n.env\n');
    assert.ok(ignoredByGit(repo, '.env'), 'git ignores .env now');
    // The curl line as a shell runs it, with the .env loaded: the key reaches curl's header.
    assert.equal(editor.document.getText(), `#!/bin/sh\n${curl}`);
    const args = execFileSync('/bin/sh', ['-c', `set -a; . ./.env; set +a; curl() { printf '%s\\0' "$@"; }\n${curl}`], { cwd: repo, encoding: 'utf8' });
    assert.equal(args.split('\0')[1], `Authorization: ${key}`);
    await waitFor('the notice', () => ctx.dialogs.infos.find((m) => /put in .*\.env as TYK_KEY_CI_RUNNER, and a reference to it inserted at the cursor/.test(m)));
  });

  it('.env instead, twice, declining .gitignore: names kept unique (_2), and the warning says .env is not ignored', async () => {
    ctx.dialogs.answers.choose = (_m, answers) => answers.find((a) => a === TO_ENV);
    fs.writeFileSync(path.join(repo, 'app.ts'), 'const key = ');
    const editor = await openInRepo(path.join(repo, 'app.ts'));
    const first = await createKey();
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const second = await createKey();
    assert.deepEqual(parse(fs.readFileSync(path.join(repo, '.env'), 'utf8')), { TYK_KEY_CI_RUNNER: first, TYK_KEY_CI_RUNNER_2: second });
    assert.equal(editor.document.getText(), 'const key = process.env.TYK_KEY_CI_RUNNERprocess.env.TYK_KEY_CI_RUNNER_2');
    assert.ok(ctx.dialogs.warnings.some((w) => /\.env is not ignored by git: the key in it would be published by a commit/.test(w)), ctx.dialogs.warnings.join('\n'));
    assert.equal(ignoredByGit(repo, '.env'), false);
  });

  it('.env instead in a plain-text file (no way to read the environment): the name alone, and the notice says so', async () => {
    ctx.dialogs.answers.choose = (_m, answers) => answers.find((a) => a === TO_ENV || a === ADD);
    fs.writeFileSync(path.join(repo, 'README.txt'), 'Key: ');
    const editor = await openInRepo(path.join(repo, 'README.txt'));
    const key = await createKey();
    assert.equal(editor.document.getText(), 'Key: TYK_KEY_CI_RUNNER');
    assert.equal(parse(fs.readFileSync(path.join(repo, '.env'), 'utf8')).TYK_KEY_CI_RUNNER, key);
    await waitFor('the notice', () => ctx.dialogs.infos.find((m) => /as TYK_KEY_CI_RUNNER; its name inserted at the cursor: read it from the environment there/.test(m)));
  });

  it('Cancel: nothing inserted, the key shown with Copy (never lost)', async () => {
    const editor = await openInRepo(path.join(repo, 'deploy.sh'));
    const key = await createKey();
    assert.equal(ctx.dialogs.choices.length, 1);
    assert.equal(editor.document.getText(), '#!/bin/sh\n', 'nothing inserted');
    assert.deepEqual(ctx.dialogs.shownKeys, [key]);
    assert.match(ctx.dialogs.shownKeyMessages[0] ?? '', /Nothing was inserted/);
    assert.equal(fs.existsSync(path.join(repo, '.env')), false);
  });

  it('Insert Saved Key into a .http file in a folder: .env instead gives @tykKey = {{$dotenv TYK_KEY_…}}, the .env beside it (where REST Client reads it)', async () => {
    await vscode.workspace.getConfiguration('tyk').update('rememberCreatedKeys', true, vscode.ConfigurationTarget.Global);
    try {
      const untitled = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: '' }));
      const key = await createKey();
      assert.equal(untitled.document.getText(), key);
      await vscode.workspace.getConfiguration('tyk').update('insertFormat', 'restClient', vscode.ConfigurationTarget.Global);
      // In a folder of its own: REST Client reads the .env beside the .http file, so it goes there.
      fs.mkdirSync(path.join(repo, 'requests'));
      fs.writeFileSync(path.join(repo, 'requests', 'api.http'), '');
      const editor = await openInRepo(path.join(repo, 'requests', 'api.http'));
      ctx.dialogs.answers.choose = (_m, answers) => answers.find((a) => a === TO_ENV || a === ADD);
      const { running } = await startInsertSavedKey();
      assert.equal(await running, key);
      assert.equal(editor.document.getText(), '@tykKey = {{$dotenv TYK_KEY_CI_RUNNER}}');
      assert.equal(parse(fs.readFileSync(path.join(repo, 'requests', '.env'), 'utf8')).TYK_KEY_CI_RUNNER, key);
      assert.equal(fs.existsSync(path.join(repo, '.env')), false, 'not at the root, where REST Client would not read it');
      assert.equal(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8'), '*.local.txt\n/requests/.env\n');
      assert.ok(ignoredByGit(repo, 'requests/.env'));
      await waitFor('the notice', () => ctx.dialogs.infos.find((m) => /Saved key for Petstore put in .*\.env as TYK_KEY_CI_RUNNER/.test(m)));
    } finally {
      await vscode.workspace.getConfiguration('tyk').update('rememberCreatedKeys', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
