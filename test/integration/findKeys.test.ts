// Tyk: Find Keys in Workspace, in the real VS Code, on a real git repository the test makes (git init):
// a key created through the flow and a legacy key of the sandbox's organisation in tracked files become
// Problems at their range (the message names the connection, never the key); the same key in a file
// .gitignore ignores, or files.exclude hides, is not read; a changed file is checked again; Cancel stops.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindKeysResult } from '../../src/commands/findKeysInWorkspace';
import { addConnection, createKeyThroughFlow, useSandboxSuite, waitFor } from './helpers';

interface GitApi {
  openRepository(root: vscode.Uri): Promise<{ rootUri: vscode.Uri } | null>;
}

/**
 * The built-in Git extension's API. The test host has it (code-server keeps its built-in extensions) but
 * its profile turns git off (test/tools/codeServer.ts DEFAULT_SETTINGS): on for this suite, as a user has it.
 */
async function gitApi(): Promise<GitApi> {
  const git = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApi }>('vscode.git');
  assert.ok(git, 'the built-in Git extension is there');
  const exports = await git.activate();
  await waitFor('the Git extension enabled', () => exports.enabled);
  return exports.getAPI(1);
}

function problems(file: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Tyk');
}

function findKeys(): Thenable<FindKeysResult> {
  return vscode.commands.executeCommand<FindKeysResult>('tyk.findKeysInWorkspace');
}

describe('Find Keys in Workspace (a real git repository)', function () {
  this.timeout(120_000);
  const ctx = useSandboxSuite();
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const repo = path.join(workspace, 'leaky-repo');
  const files = { tracked: path.join(repo, 'requests.http'), legacy: path.join(repo, 'call.sh'), ignored: path.join(repo, 'ignored.txt'), excluded: path.join(repo, 'hidden', 'secret.sh') };
  let excludeBefore: unknown;
  let gitBefore: unknown;

  before(async () => {
    fs.mkdirSync(path.join(repo, 'hidden'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(path.join(repo, '.gitignore'), 'ignored.txt\n');
    gitBefore = vscode.workspace.getConfiguration('git').inspect('enabled')?.globalValue;
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    const files = vscode.workspace.getConfiguration('files');
    excludeBefore = files.inspect('exclude')?.globalValue;
    await files.update('exclude', { '**/hidden': true }, vscode.ConfigurationTarget.Global);
    assert.ok(await (await gitApi()).openRepository(vscode.Uri.file(repo)), 'git knows the repository');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', excludeBefore, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('git').update('enabled', gitBefore, vscode.ConfigurationTarget.Global);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('a created key in a tracked file and a legacy key of the organisation are Problems at their range; ignored and excluded files are not read', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'scan-me');
    const legacy = `${ctx.sandbox.orgId}0123456789abcdef0123456789abcdef`;
    fs.writeFileSync(files.tracked, `GET {{host}}/pets\nAuthorization: ${created.key}\n`);
    execFileSync('git', ['add', 'requests.http'], { cwd: repo });
    fs.writeFileSync(files.legacy, `#!/bin/sh\ncurl -H "Authorization: ${legacy}" "$HOST/pets"\n`);
    fs.writeFileSync(files.ignored, created.key);
    fs.writeFileSync(files.excluded, `KEY=${created.key}\n`);

    const result = await findKeys();
    assert.deepEqual({ keys: result.keys, files: result.files, cancelled: result.cancelled }, { keys: 2, files: 2, cancelled: false });
    const [found] = problems(files.tracked);
    assert.ok(found, 'a Problem in the tracked file');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([found.range.start.line, found.range.start.character, found.range.end.character], [1, 15, 15 + created.key.length]);
    assert.match(found.message, /“scan-me”.*Sandbox dashboard/);
    const [legacyFound] = problems(files.legacy);
    assert.ok(legacyFound, 'a Problem for the legacy key (untracked, not ignored: git would commit it)');
    assert.deepEqual([legacyFound.range.start.line, legacyFound.range.start.character], [1, 24]);
    assert.match(legacyFound.message, /legacy/);
    for (const d of [found, legacyFound]) {
      assert.ok(!d.message.includes(created.key) && !d.message.includes(legacy.slice(24)), 'the message never holds the key');
    }
    assert.deepEqual(problems(files.ignored), [], '.gitignore leaves ignored.txt out');
    assert.deepEqual(problems(files.excluded), [], 'files.exclude leaves hidden/ out');
    assert.ok(ctx.dialogs.infos.some((m) => m.startsWith('2 Tyk keys found in 2 of')), ctx.dialogs.infos.join('\n'));
    assert.ok(!ctx.h.logLines.some((l) => l.includes(created.key)), 'the log never holds the key');

    // A changed file is checked again: the fixed line is no longer flagged.
    const document = await vscode.workspace.openTextDocument(files.legacy);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, legacyFound.range, '$TYK_KEY');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the fixed file without Problems', () => problems(files.legacy).length === 0);
    assert.equal(problems(files.tracked).length, 1, 'the other file keeps its Problem');
    await document.save();
  });

  it('the quick fix moves the key to the .env beside the .http file (git made to ignore it) and leaves a REST Client reference', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'fix me');
    // The first test's key is there still, a legacy key of the same organisation: gone, to find one key.
    fs.writeFileSync(files.tracked, 'GET {{host}}/pets\n');
    // REST Client reads {{$dotenv …}} from the .env beside the .http file: in api/, not at the repository's root.
    const http = path.join(repo, 'api', 'pets.http');
    fs.mkdirSync(path.dirname(http), { recursive: true });
    fs.writeFileSync(http, `GET {{host}}/pets\nAuthorization: ${created.key}\n`);
    ctx.dialogs.answers.choose = (_message, answers) => answers.find((a) => a === 'Add to .gitignore');
    assert.equal((await findKeys()).keys, 1);
    const uri = vscode.Uri.file(http);
    const [problem] = problems(http);
    assert.ok(problem);
    // Code actions are asked of an open document, as the editor's light bulb does.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Move the key to .env');
    assert.ok(fix?.command, `the quick fix is offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
    assert.equal(fs.readFileSync(http, 'utf8'), 'GET {{host}}/pets\nAuthorization: {{$dotenv TYK_KEY_FIX_ME}}\n');
    assert.match(fs.readFileSync(path.join(repo, 'api', '.env'), 'utf8'), new RegExp(`^TYK_KEY_FIX_ME=("?)${created.key.replace(/[+/=]/g, '\\$&')}\\1\\n$`));
    assert.match(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8'), /^\/api\/\.env$/m);
    await waitFor('the fixed file without Problems', () => problems(http).length === 0);
    assert.ok(ctx.dialogs.infos.some((m) => m === 'The key is in leaky-repo/api/.env as TYK_KEY_FIX_ME; the file reads it from there.'), ctx.dialogs.infos.join('\n'));
    fs.rmSync(path.join(repo, 'api'), { recursive: true });
  });

  it('Cancel stops a long scan and leaves the Problems of the last one', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const created = await createKeyThroughFlow(ctx.h, 'Petstore', 'cancel-me');
    fs.writeFileSync(files.tracked, `Authorization: ${created.key}\n`);
    assert.equal((await findKeys()).keys, 1);
    const bulk = path.join(repo, 'bulk');
    fs.mkdirSync(bulk, { recursive: true });
    const filler = 'const value = "nothing to see here";\n'.repeat(200);
    // Written asynchronously: this test runs in the extension host, which the scan must find responsive.
    for (let i = 0; i < 3000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => fs.promises.writeFile(path.join(bulk, `file-${i + j}.js`), filler)));
    }
    try {
      const running = findKeys();
      await waitFor('the progress notification, cancelled', () => ctx.h.cancelProgress() > 0, 30_000);
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.equal(problems(files.tracked).length, 1, 'the last scan’s Problem stays');
    } finally {
      fs.rmSync(bulk, { recursive: true, force: true });
    }
  });
});
