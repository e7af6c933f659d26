// Where the key lands, in the real VS Code: with `tyk.insertFormat` = `ask`, a pick after the key
// exists (the default follows the file, or the last choice for the same kind of file); a fixed
// format inserts without asking; Escape at the pick still inserts the key. Copy only puts the key on
// VS Code's real clipboard and inserts nothing; `tyk.clipboard.clearAfterSeconds` clears it later,
// only if the clipboard still holds it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { untitledContent } from '../../src/ui/insertKey';
import type { TestHooks } from './entry';
import type { CreatedKey } from '../../src/domain/model';
import { maskKey } from '../../src/domain/mask';
import type { ActiveInput } from './scriptedUi';
import { LAST_FORMAT_STATE, PICK_TITLE } from '../../src/ui/pickKeyFormat';
import {
  addConnection,
  apiNodes,
  chooseAndEnter,
  labelText,
  openEditor,
  pickLabels,
  pressEnter,
  sleep,
  startCreateKey,
  startInsertSavedKey,
  useSandboxSuite,
  waitFor,
  waitForStep,
} from './helpers';

type Node = Parameters<TestHooks['tree']['getChildren']>[0];

const LABELS = ['Key only', 'HTTP header', '.env line', 'REST Client variable', 'curl command (bash/zsh)', 'curl command (PowerShell)', 'Copy only'];

function setFormat(value: string | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration('tyk').update('insertFormat', value, vscode.ConfigurationTarget.Global);
}

function setClearAfterSeconds(value: number | undefined): Thenable<void> {
  return vscode.workspace.getConfiguration('tyk').update('clipboard.clearAfterSeconds', value, vscode.ConfigurationTarget.Global);
}

/** What VS Code's clipboard holds now. */
function clipboardText(): Thenable<string> {
  return vscode.env.clipboard.readText();
}

/** Create Key on `apiName` up to the format pick (see `startCreateKey`). */
async function startCreate(h: TestHooks, apiName: string): Promise<{ running: Thenable<CreatedKey | undefined> }> {
  // The tree shows the first page at once; an API of a later page appears as the rest loads.
  return startCreateKey(h, await waitFor(`${apiName} in the tree`, async () => (await apiNodes(h)).get(apiName)));
}

/**
 * An untitled REST Client document: language `http` where a REST Client extension registers it;
 * otherwise (the offline test VS Code has none) an untitled `requests.http`, known by its name.
 */
async function httpDocument(): Promise<vscode.TextDocument> {
  const languages = await vscode.languages.getLanguages();
  if (languages.includes('http')) {
    const document = await vscode.workspace.openTextDocument({ content: '', language: 'http' });
    assert.equal(document.languageId, 'http');
    return document;
  }
  const folder = process.env.TYK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '/tmp';
  const name = `requests-${Math.random().toString(36).slice(2, 8)}.http`;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, name)).with({ scheme: 'untitled' }));
  assert.ok(document.isUntitled && document.fileName.endsWith('.http'), document.uri.toString());
  return document;
}

/**
 * A `.env` file of its own for one test, in a new folder: VS Code keeps a document's model after its file
 * is deleted, so a shared `.env` could open with the text a previous test left in it.
 */
function freshEnvFile(workspace: string): string {
  const folder = path.join(workspace, `env-${Math.random().toString(36).slice(2, 10)}`);
  fs.mkdirSync(folder, { recursive: true });
  return path.join(folder, '.env');
}

/** The format pick on screen, and the label it highlights. */
async function formatPick(h: TestHooks): Promise<{ input: ActiveInput; highlighted: string }> {
  const input = await waitForStep(h, 1, PICK_TITLE);
  const picker = input.input as vscode.QuickPick<vscode.QuickPickItem>;
  return { input, highlighted: picker.activeItems[0]?.label ?? '' };
}

describe('Insert formats', () => {
  const ctx = useSandboxSuite({ confirm: true });
  const workspace = (): string => process.env.TYK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  /** Titles of every input shown during the test. */
  let titles: string[] = [];
  let watching: vscode.Disposable | undefined;

  beforeEach(async () => {
    await setFormat('ask');
    await ctx.h.context.globalState.update(LAST_FORMAT_STATE, undefined);
    titles = [];
    watching = ctx.h.activeInputs.changed.event((i) => (i ? titles.push(i.title) : undefined));
  });
  afterEach(async () => {
    watching?.dispose();
    await setFormat('raw');
    await setClearAfterSeconds(undefined);
    delete ctx.dialogs.answers.realClipboard;
    delete ctx.dialogs.answers.clipboardFails;
    delete ctx.dialogs.answers.info;
  });

  it('asks after the key exists: the six formats previewed with the key masked, then Copy only; HTTP header for Petstore', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const { running } = await startCreate(ctx.h, 'Petstore');
    const { input, highlighted } = await formatPick(ctx.h);
    assert.equal(highlighted, 'Key only', 'a plain-text file: the key alone first');
    assert.deepEqual(pickLabels(input), LABELS);
    assert.equal(ctx.sandbox.keys().length, 1, 'the key exists before the pick');
    const key = ctx.sandbox.keys()[0]?.key ?? '';
    const previews = (input.input as vscode.QuickPick<vscode.QuickPickItem>).items.map((i) => i.description ?? '');
    assert.ok(previews.every((p) => p.includes(maskKey(key)) && !p.includes(key)), previews.join(' | '));
    assert.equal(previews[1], `Authorization: ${maskKey(key)}`);
    assert.equal(previews[4], `curl -H "Authorization: ${maskKey(key)}" http://localhost:8080/petstore/`);
    assert.equal(previews[5], `curl.exe -H 'Authorization: ${maskKey(key)}' 'http://localhost:8080/petstore/'`);
    assert.equal(previews[6], maskKey(key), 'Copy only copies the key alone');
    await chooseAndEnter(input, ['HTTP header']);
    const created = await running;
    assert.equal(created?.key, key);
    assert.equal(editor.document.getText(), `Authorization: ${key}`);
    await waitFor('the notification', () => ctx.dialogs.infos.find((m) => /Key created for Petstore and inserted at the cursor/.test(m)));
    assert.ok(!ctx.h.logLines.join('\n').includes(key), 'the log never holds the key');
  });

  it('an API with its own auth header: the header line uses it (Geo Lookup: X-Api-Key)', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('');
    const { running } = await startCreate(ctx.h, 'Geo Lookup');
    await chooseAndEnter((await formatPick(ctx.h)).input, ['HTTP header']);
    const created = await running;
    assert.equal(editor.document.getText(), `X-Api-Key: ${created?.key}`);
  });

  it('a .env file: the .env line is the default; Enter takes it', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const file = freshEnvFile(workspace());
    fs.writeFileSync(file, 'OTHER=1\n');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const { running } = await startCreate(ctx.h, 'Petstore');
      const { highlighted } = await formatPick(ctx.h);
      assert.equal(highlighted, '.env line');
      await pressEnter();
      const created = await running;
      assert.equal(editor.document.getText(), `OTHER=1\nTYK_KEY_PETSTORE=${created?.key}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('a whole-line format never goes into the middle of a line; the same variable already there is offered for replacement', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const file = freshEnvFile(workspace());
    fs.writeFileSync(file, 'APP_PORT=4000');
    const confirmBefore = ctx.dialogs.answers.confirm;
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      editor.selection = new vscode.Selection(0, 13, 0, 13); // the end of APP_PORT=4000
      let { running } = await startCreate(ctx.h, 'Petstore');
      await formatPick(ctx.h);
      await pressEnter();
      const first = await running;
      assert.equal(editor.document.getText(), `APP_PORT=4000\nTYK_KEY_PETSTORE=${first?.key}`, 'a line of its own: APP_PORT is untouched');

      // Again, with TYK_KEY_PETSTORE set: replacing it is offered (here accepted).
      ctx.dialogs.answers.confirm = true;
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      ({ running } = await startCreate(ctx.h, 'Petstore'));
      await formatPick(ctx.h);
      await pressEnter();
      const second = await running;
      assert.match(ctx.dialogs.confirms.at(-1) ?? '', /^Line 2 already sets this variable/);
      assert.equal(editor.document.getText(), `APP_PORT=4000\nTYK_KEY_PETSTORE=${second?.key}`, 'replaced, not defined twice');

      // Declined: the new key goes on a line of its own, nothing is lost.
      ctx.dialogs.answers.confirm = false;
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      ({ running } = await startCreate(ctx.h, 'Petstore'));
      await formatPick(ctx.h);
      await pressEnter();
      const third = await running;
      assert.equal(editor.document.getText(), `TYK_KEY_PETSTORE=${third?.key}\nAPP_PORT=4000\nTYK_KEY_PETSTORE=${second?.key}`);
    } finally {
      ctx.dialogs.answers.confirm = confirmBefore;
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('Create Key with Defaults (the API row’s key icon): the file’s own format at once, no question; Adjust Limits… and Undo on the notice', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const file = freshEnvFile(workspace());
    fs.writeFileSync(file, 'APP_PORT=4000\n');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const node = await waitFor('Petstore in the tree', async () => (await apiNodes(ctx.h)).get('Petstore'));
      const created = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', node);
      assert.ok(created);
      assert.equal(ctx.h.activeInputs.current, undefined, 'no quick input was opened');
      assert.equal(editor.document.getText(), `APP_PORT=4000\nTYK_KEY_PETSTORE=${created.key}`, 'the .env line, as the file wants');
      const stored = ctx.sandbox.keys().find((k) => k.key === created.key);
      assert.equal(stored?.session.rate, 1000);
      assert.equal(stored?.session.expires, -1);
      const notice = await waitFor('the notice', () => ctx.dialogs.infos.findIndex((m) => /^Key created for Petstore and inserted/.test(m)) + 1);
      assert.deepEqual(ctx.dialogs.infoActions[notice - 1], ['Adjust Limits…', 'Undo (Revoke)', 'Copy']);

      // Undo: a person clicks it; the key is revoked (after the usual confirmation).
      ctx.dialogs.answers.info = (message, actions) => (/^Key created for Petstore/.test(message) && actions.includes('Undo (Revoke)') ? 'Undo (Revoke)' : undefined);
      const second = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', node);
      assert.ok(second);
      await waitFor('the undone key gone from the server', () => !ctx.sandbox.keys().some((k) => k.key === second.key)).catch((e: unknown) => {
        throw new Error(`${String(e)}; errors: ${JSON.stringify(ctx.dialogs.errors)}; confirms: ${JSON.stringify(ctx.dialogs.confirms)}; infos: ${JSON.stringify(ctx.dialogs.infos)}`);
      });
      assert.ok(ctx.sandbox.keys().some((k) => k.key === created.key), 'the first key stays');
    } finally {
      delete ctx.dialogs.answers.info;
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('an untitled REST Client (http) document: @tykKey is the default', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await vscode.window.showTextDocument(await httpDocument());
    const { running } = await startCreate(ctx.h, 'Petstore');
    const { highlighted } = await formatPick(ctx.h);
    assert.equal(highlighted, 'REST Client variable');
    await pressEnter();
    const created = await running;
    assert.equal(editor.document.getText(), `@tykKey = ${created?.key}`);
  });

  it('a PowerShell script: the PowerShell curl command is the default; Enter writes it, with curl.exe', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    // In a folder of its own, removed after: the workspace folder itself stays (later suites use it).
    const file = path.join(fs.mkdtempSync(path.join(workspace(), 'ps-')), 'try.ps1');
    fs.writeFileSync(file, '');
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
      const { running } = await startCreate(ctx.h, 'Geo Lookup');
      const { highlighted } = await formatPick(ctx.h);
      assert.equal(highlighted, 'curl command (PowerShell)');
      await pressEnter();
      const created = await running;
      assert.equal(editor.document.getText(), `curl.exe -H 'X-Api-Key: ${created?.key}' 'http://localhost:8080/geo/'`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('remembers the last choice for the same kind of file only', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    await openEditor('');
    let { running } = await startCreate(ctx.h, 'Petstore');
    await chooseAndEnter((await formatPick(ctx.h)).input, ['curl command (bash/zsh)']);
    await running;
    assert.deepEqual(ctx.h.context.globalState.get(LAST_FORMAT_STATE), { format: 'curl', kind: 'language:plaintext' });

    // Another plain-text document: the last choice is highlighted.
    const editor = await openEditor('');
    ({ running } = await startCreate(ctx.h, 'Petstore'));
    const again = await formatPick(ctx.h);
    assert.equal(again.highlighted, 'curl command (bash/zsh)');
    await pressEnter();
    const created = await running;
    assert.equal(editor.document.getText(), `curl -H "Authorization: ${created?.key}" http://localhost:8080/petstore/`);

    // An http document is another kind: its own default.
    await vscode.window.showTextDocument(await httpDocument());
    ({ running } = await startCreate(ctx.h, 'Petstore'));
    const other = await formatPick(ctx.h);
    assert.equal(other.highlighted, 'REST Client variable');
    await pressEnter();
    await running;
  });

  it('Escape at the format pick still inserts the key alone: never lost', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const editor = await openEditor('key: ');
    const { running } = await startCreate(ctx.h, 'Petstore');
    await formatPick(ctx.h);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const created = await running;
    assert.ok(created);
    assert.equal(editor.document.getText(), `key: ${created.key}`);
    assert.equal(ctx.h.context.globalState.get(LAST_FORMAT_STATE), undefined, 'Escape is not a choice to remember');
    assert.deepEqual(ctx.dialogs.errors, []);
  });

  it('with no editor, the chosen format goes to the new document', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    const { running } = await startCreate(ctx.h, 'Petstore');
    const { input, highlighted } = await formatPick(ctx.h);
    assert.equal(highlighted, 'Key only');
    await chooseAndEnter(input, ['.env line']);
    const created = await running;
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document?.isUntitled);
    assert.equal(document.getText(), untitledContent(`TYK_KEY_PETSTORE=${created?.key}`, 'Petstore'));
  });

  it('a fixed format (curl) inserts without asking, against the Dashboard’s gatewayUrl', async () => {
    await setFormat('curl');
    const connection = await addConnection(ctx.h, ctx.sandbox);
    await ctx.h.services.store.update({ ...connection, gatewayUrl: 'https://gateway.example.com/' });
    const editor = await openEditor('');
    const { running } = await startCreate(ctx.h, 'Geo Lookup');
    const created = await running;
    assert.equal(editor.document.getText(), `curl -H "X-Api-Key: ${created?.key}" https://gateway.example.com/geo/`);
    assert.ok(!titles.includes(PICK_TITLE), `no format pick: ${titles.join(', ')}`);
  });

  it('a fixed format on a Gateway connection: curl against the Gateway itself', async () => {
    await setFormat('curl');
    await addConnection(ctx.h, ctx.sandbox, 'gateway');
    const editor = await openEditor('');
    const created = await (await startCreate(ctx.h, 'Petstore')).running;
    assert.equal(editor.document.getText(), `curl -H "Authorization: ${created?.key}" ${ctx.sandbox.gatewayUrl ?? ''}/petstore/`);
  });

  it('a rotated key takes the format too, with the API’s header from the catalog', async () => {
    await addConnection(ctx.h, ctx.sandbox);
    await setFormat('raw');
    await openEditor('');
    await (await startCreate(ctx.h, 'Geo Lookup')).running;
    const keysNode = (await ctx.h.tree.getChildren((await apiNodes(ctx.h)).get('Geo Lookup') as Node)).find(
      (n) => labelText(ctx.h.tree.getTreeItem(n).label) === 'Keys',
    );
    const [row] = await ctx.h.tree.getChildren(keysNode);
    assert.ok(row, 'the key is listed');
    await setFormat('header');
    const editor = await openEditor('');
    await vscode.commands.executeCommand('tyk.rotateKey', row);
    assert.match(editor.document.getText(), /^X-Api-Key: \S{20,}$/);
  });

  it('a saved key: the pick too, then the chosen format; its API’s header kept with it', async () => {
    const config = vscode.workspace.getConfiguration('tyk');
    await config.update('rememberCreatedKeys', true, vscode.ConfigurationTarget.Global);
    try {
      const connection = await addConnection(ctx.h, ctx.sandbox);
      await setFormat('raw');
      await openEditor('');
      const key = (await (await startCreate(ctx.h, 'Geo Lookup')).running)?.key;
      await setFormat('ask');
      const editor = await openEditor('');
      const { running: inserting } = await startInsertSavedKey();
      await chooseAndEnter((await formatPick(ctx.h)).input, ['.env line']);
      assert.equal(await inserting, key);
      assert.equal(editor.document.getText(), `TYK_KEY_GEO_LOOKUP=${key}`);
      const [saved] = await ctx.h.services.savedKeys.list();
      assert.deepEqual(saved?.apis, [{ name: 'Geo Lookup', listenPath: '/geo/', authHeaderName: 'X-Api-Key' }], 'saved with what the formats need');

      // In a later session, before the catalog is loaded: the API's own header still, from the saved key.
      ctx.h.services.catalog.invalidate(connection.id);
      assert.deepEqual(ctx.h.services.catalog.peek(connection.id), [], 'no catalog loaded');
      await setFormat('header');
      const later = await openEditor('');
      const { running: again } = await startInsertSavedKey();
      assert.equal(await again, key);
      assert.equal(later.document.getText(), `X-Api-Key: ${key}`);
    } finally {
      await config.update('rememberCreatedKeys', undefined, vscode.ConfigurationTarget.Global);
    }
  });
  describe('Copy only, and clearing the clipboard (tyk.clipboard.clearAfterSeconds)', () => {
    beforeEach(async () => {
      // VS Code's own clipboard: what is copied there is what a paste in Postman would get.
      ctx.dialogs.answers.realClipboard = true;
      await vscode.env.clipboard.writeText('before');
    });

    it('Copy only: the key on the clipboard, the editor unchanged; announced with Copy Again; remembered as the choice', async () => {
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('notes: ');
      const versionBefore = editor.document.version;
      const { running } = await startCreate(ctx.h, 'Petstore');
      const { input } = await formatPick(ctx.h);
      const copyOnly = (input.input as vscode.QuickPick<vscode.QuickPickItem>).items.find((i) => i.label === 'Copy only');
      assert.match(copyOnly?.detail ?? '', /^On the clipboard, nothing inserted: paste it where you need it$/);
      await chooseAndEnter(input, ['Copy only']);
      const created = await running;
      assert.ok(created);
      assert.equal(editor.document.getText(), 'notes: ', 'nothing inserted');
      assert.equal(editor.document.version, versionBefore, 'not even an edit undone');
      assert.equal(await clipboardText(), created.key);
      assert.equal(vscode.window.visibleTextEditors.length, 1, 'no new document either');
      const notice = await waitFor('the notice', () => ctx.dialogs.infos.findIndex((m) => m.startsWith('Key created for Petstore')) + 1);
      assert.equal(ctx.dialogs.infos[notice - 1], 'Key created for Petstore and copied to the clipboard, nothing inserted.');
      assert.deepEqual(ctx.dialogs.infoActions[notice - 1], ['Copy Again']);
      assert.deepEqual(ctx.h.context.globalState.get(LAST_FORMAT_STATE), { format: 'copy', kind: 'language:plaintext' });
      const log = ctx.h.logLines.join('\n');
      assert.ok(!log.includes(created.key), 'the log never holds the key');
      assert.match(log, /Key for Petstore copied to the clipboard, nothing inserted/);

      // Next time in a plain-text file, Copy only is offered first.
      const { running: again } = await startCreate(ctx.h, 'Petstore');
      assert.equal((await formatPick(ctx.h)).highlighted, 'Copy only');
      await pressEnter();
      const second = await again;
      assert.equal(await clipboardText(), second?.key);
      assert.equal(editor.document.getText(), 'notes: ');
    });

    it('a clipboard that refuses the key: it opens in a new document, never lost; the editor unchanged', async () => {
      ctx.dialogs.answers.clipboardFails = true;
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('notes: ');
      const { running } = await startCreate(ctx.h, 'Petstore');
      await chooseAndEnter((await formatPick(ctx.h)).input, ['Copy only']);
      const created = await running;
      assert.ok(created);
      assert.equal(editor.document.getText(), 'notes: ', 'not inserted where the user was typing');
      const document = vscode.window.activeTextEditor?.document;
      assert.ok(document?.isUntitled && document !== editor.document);
      assert.equal(document.getText(), untitledContent(created.key, 'Petstore'));
      await waitFor('the notice', () => ctx.dialogs.infos.includes('Key created for Petstore and opened in a new document.'));
      assert.match(ctx.h.logLines.join('\n'), /Could not copy the key; opening it in a new document/);
    });

    it('cleared after the set time (1 s) if the clipboard still holds the key; the notice says so', async () => {
      await setClearAfterSeconds(1);
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('');
      const { running } = await startCreate(ctx.h, 'Petstore');
      const { input } = await formatPick(ctx.h);
      const copyOnly = (input.input as vscode.QuickPick<vscode.QuickPickItem>).items.find((i) => i.label === 'Copy only');
      assert.match(copyOnly?.detail ?? '', /^On the clipboard, nothing inserted; cleared after 1 s unless you copy something else$/);
      await chooseAndEnter(input, ['Copy only']);
      const created = await running;
      assert.ok(created);
      const copiedAt = Date.now();
      assert.equal(await clipboardText(), created.key, 'on the clipboard first');
      assert.equal(editor.document.getText(), '');
      await waitFor('the notice', () => ctx.dialogs.infos.find((m) => m.startsWith('Key created for Petstore')));
      assert.ok(
        ctx.dialogs.infos.includes('Key created for Petstore and copied to the clipboard, nothing inserted. The clipboard is cleared in 1 s if it still holds it.'),
        JSON.stringify(ctx.dialogs.infos),
      );
      await waitFor('the clipboard to be cleared', async () => (await clipboardText()) === '', 10_000);
      assert.ok(Date.now() - copiedAt >= 500, 'not at once');
    });

    it('not cleared when the user copied something else meanwhile', async () => {
      await setClearAfterSeconds(1);
      await addConnection(ctx.h, ctx.sandbox);
      await openEditor('');
      const { running } = await startCreate(ctx.h, 'Petstore');
      await chooseAndEnter((await formatPick(ctx.h)).input, ['Copy only']);
      const created = await running;
      assert.equal(await clipboardText(), created?.key);
      await vscode.env.clipboard.writeText('the user’s own text');
      await sleep(2500);
      assert.equal(await clipboardText(), 'the user’s own text');
      assert.deepEqual(ctx.dialogs.clipboard, [created?.key], 'the extension wrote the key, and nothing since');
    });

    it('tyk.insertFormat "copy": Create Key with Defaults copies only, no pick; Adjust Limits…, Undo and Copy Again on the notice; cleared after 1 s', async () => {
      await setFormat('copy');
      await setClearAfterSeconds(1);
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('APP_PORT=4000');
      const node = await waitFor('Petstore in the tree', async () => (await apiNodes(ctx.h)).get('Petstore'));
      const created = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', node);
      assert.ok(created);
      assert.ok(!titles.includes(PICK_TITLE), 'no format pick');
      assert.equal(editor.document.getText(), 'APP_PORT=4000', 'nothing inserted');
      assert.equal(await clipboardText(), created.key);
      const notice = await waitFor('the notice', () => ctx.dialogs.infos.findIndex((m) => m.startsWith('Key created for Petstore')) + 1);
      assert.deepEqual(ctx.dialogs.infoActions[notice - 1], ['Adjust Limits…', 'Undo (Revoke)', 'Copy Again']);
      await waitFor('the clipboard to be cleared', async () => (await clipboardText()) === '', 10_000);
    });

    it('Copy on the notice of an inserted key (Create Key with Defaults) is cleared too', async () => {
      await setClearAfterSeconds(1);
      await addConnection(ctx.h, ctx.sandbox);
      const editor = await openEditor('');
      ctx.dialogs.answers.info = (message, actions) => (/^Key created for Petstore and inserted/.test(message) && actions.includes('Copy') ? 'Copy' : undefined);
      const node = await waitFor('Petstore in the tree', async () => (await apiNodes(ctx.h)).get('Petstore'));
      const created = await vscode.commands.executeCommand<CreatedKey | undefined>('tyk.createKeyWithDefaults', node);
      assert.ok(created);
      assert.equal(editor.document.getText(), created.key, 'inserted');
      await waitFor('the key copied from the notice', async () => (await clipboardText()) === created.key);
      await waitFor('the clipboard to be cleared', async () => (await clipboardText()) === '', 10_000);
    });

    it('a rotated key and a saved key: Copy only too', async () => {
      const config = vscode.workspace.getConfiguration('tyk');
      await config.update('rememberCreatedKeys', true, vscode.ConfigurationTarget.Global);
      try {
        await addConnection(ctx.h, ctx.sandbox);
        await setFormat('raw');
        await openEditor('');
        const key = (await (await startCreate(ctx.h, 'Geo Lookup')).running)?.key;
        assert.ok(key);

        // Insert Saved Key…: the pick, Copy only.
        await setFormat('ask');
        const editor = await openEditor('saved: ');
        const { running: inserting } = await startInsertSavedKey();
        await chooseAndEnter((await formatPick(ctx.h)).input, ['Copy only']);
        assert.equal(await inserting, key);
        assert.equal(editor.document.getText(), 'saved: ');
        assert.equal(await clipboardText(), key);
        await waitFor('the notice', () => ctx.dialogs.infos.includes('Saved key for Geo Lookup copied to the clipboard, nothing inserted.'));

        // Rotate Key… with the setting "copy": the new key on the clipboard, nothing inserted.
        await setFormat('copy');
        const keysNode = (await ctx.h.tree.getChildren((await apiNodes(ctx.h)).get('Geo Lookup') as Node)).find(
          (n) => labelText(ctx.h.tree.getTreeItem(n).label) === 'Keys',
        );
        const [row] = await ctx.h.tree.getChildren(keysNode);
        assert.ok(row, 'the key is listed');
        await vscode.commands.executeCommand('tyk.rotateKey', row);
        assert.equal(editor.document.getText(), 'saved: ', 'nothing inserted');
        const copied = await clipboardText();
        assert.notEqual(copied, key, 'the new key, not the old one');
        assert.ok(ctx.sandbox.keys().some((k) => k.key === copied), 'the clipboard holds the new key the server made');
        await waitFor('the notice', () => ctx.dialogs.infos.includes('Key created for Geo Lookup and copied to the clipboard, nothing inserted.'));
      } finally {
        await config.update('rememberCreatedKeys', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
});
