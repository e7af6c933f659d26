// The Tyk keys "Find Keys in Workspace" found, as Problems (warnings; the message names the kind of key
// and whose it is, never the key) with a quick fix that moves the key to .env (the command
// tyk.moveKeyToEnv). A scan replaces every Problem of the previous one; a changed file is checked again
// (a fixed line is no longer flagged). The key itself is never kept: the quick fix reads it from the file.
import * as vscode from 'vscode';
import { describeFound, findKeys, MAX_FILE_BYTES, type FoundKey, type FoundKind, type KeyIndex, type KeyOwner } from '../domain/keyScan';

/** What the quick fix needs of a finding: whose the key is (for the name of its variable). No key. */
export interface FindingInfo {
  kind: FoundKind;
  owner: KeyOwner;
}

/** The command the quick fix runs, with the Problem's uri and range (it reads the key there, and whose it is here). */
export const MOVE_KEY_COMMAND = 'tyk.moveKeyToEnv';

const DIAGNOSTIC_CODE = 'tyk-key-in-file';

/** How long a changed file waits before it is checked again (typing goes on). */
const RECHECK_DELAY_MS = 300;

export class KeyFindings implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('tyk-keys');
  private readonly info = new WeakMap<vscode.Diagnostic, FindingInfo>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private index: KeyIndex | undefined;
  private listening = false;

  dispose(): void {
    for (const timer of this.pending.values()) {
      clearTimeout(timer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
  }

  /** The Problems of a scan, replacing those of the last one. */
  show(found: ReadonlyArray<{ uri: vscode.Uri; keys: ReadonlyArray<FoundKey & { line: number; startCharacter: number; endCharacter: number }> }>, index: KeyIndex): void {
    this.index = index;
    this.listen();
    this.collection.clear();
    for (const { uri, keys } of found) {
      this.collection.set(
        uri,
        keys.map((k) => this.diagnostic(new vscode.Range(k.line, k.startCharacter, k.line, k.endCharacter), k)),
      );
    }
  }

  /** How many Problems there are now. */
  get count(): number {
    let n = 0;
    this.collection.forEach((_uri, diagnostics) => (n += diagnostics.length));
    return n;
  }

  /** Whose the key a Problem at `range` of `uri` is, while that Problem is there (the file not changed since). */
  findingAt(uri: vscode.Uri, range: vscode.Range): FindingInfo | undefined {
    const mine = (this.collection.get(uri) ?? []).find((d) => d.range.isEqual(range));
    return mine && this.info.get(mine);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((d) => {
      // The context's diagnostics are copies of ours: found again by place and code.
      const info = d.source === 'Tyk' && d.code === DIAGNOSTIC_CODE ? this.findingAt(document.uri, d.range) : undefined;
      if (!info) {
        return [];
      }
      const action = new vscode.CodeAction(vscode.l10n.t('Move the key to .env'), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = { command: MOVE_KEY_COMMAND, title: action.title, arguments: [document.uri, d.range] };
      return [action];
    });
  }

  private diagnostic(range: vscode.Range, key: FoundKey): vscode.Diagnostic {
    const d = new vscode.Diagnostic(range, describeFound(key), vscode.DiagnosticSeverity.Warning);
    d.source = 'Tyk';
    d.code = DIAGNOSTIC_CODE;
    const owner = key.owners[0];
    if (owner) {
      this.info.set(d, { kind: key.kind, owner });
    }
    return d;
  }

  /** From the first scan on: a file with Problems is checked again when it changes, and its Problems go with it. */
  private listen(): void {
    if (this.listening) {
      return;
    }
    this.listening = true;
    this.disposables.push(
      vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, { providedCodeActionKinds: KeyFindings.providedCodeActionKinds }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) {
          this.recheckSoon(e.document);
        }
      }),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.collection.delete(uri))),
    );
  }

  private recheckSoon(document: vscode.TextDocument): void {
    const id = document.uri.toString();
    clearTimeout(this.pending.get(id));
    this.pending.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        void this.recheck(document);
      }, RECHECK_DELAY_MS),
    );
  }

  private async recheck(document: vscode.TextDocument): Promise<void> {
    const text = document.getText();
    const version = document.version;
    const keys = this.index && text.length <= MAX_FILE_BYTES ? await findKeys(text, this.index) : [];
    if (document.isClosed || document.version !== version || !this.collection.has(document.uri)) {
      return;
    }
    this.collection.set(
      document.uri,
      keys.map((k) => this.diagnostic(new vscode.Range(document.positionAt(k.start), document.positionAt(k.end)), k)),
    );
  }
}
