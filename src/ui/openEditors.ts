// The text of the open editors, for Rotate Key…: where the old key is, and its replacement by the new
// one in one undoable edit. "Open editors" are the text documents of the editor tabs that VS Code has
// loaded (a tab restored after a reload and never shown since is not read): untitled, or in a writable file
// system (never a read-only or virtual document, which would make the whole edit fail).
import * as vscode from 'vscode';
import { keyCandidates, occurrencesOf } from '../domain/rotation';

/** Larger documents are not searched (a log or a data file, not where a key was inserted). */
const MAX_SEARCHED_LENGTH = 5_000_000;

export interface Replacement {
  from: string;
  to: string;
}

export interface FoundInEditors {
  /** How many occurrences, in all. */
  places: number;
  /** The documents that hold one, with the ranges of each. */
  documents: Array<{ document: vscode.TextDocument; ranges: vscode.Range[] }>;
}

/** The documents of the editor tabs, loaded, writable, not too large. */
function openDocuments(): vscode.TextDocument[] {
  const inTabs = new Set(
    vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : ''))).filter(Boolean),
  );
  return vscode.workspace.textDocuments.filter(
    (d) =>
      !d.isClosed &&
      inTabs.has(d.uri.toString()) &&
      (d.isUntitled || vscode.workspace.fs.isWritableFileSystem(d.uri.scheme) === true) &&
      d.getText().length <= MAX_SEARCHED_LENGTH,
  );
}

/** A word of the open editors that `matches` (a key recognised by its fingerprint), if any. */
export function findWordInOpenEditors(matches: (word: string) => boolean): string | undefined {
  for (const document of openDocuments()) {
    for (const word of keyCandidates(document.getText())) {
      if (matches(word)) {
        return word;
      }
    }
  }
  return undefined;
}

/** Where each `from` is in the open editors (whole words only). */
export function findInOpenEditors(replacements: readonly Replacement[]): FoundInEditors {
  const found: FoundInEditors = { places: 0, documents: [] };
  for (const document of openDocuments()) {
    const text = document.getText();
    const ranges = replacements.flatMap(({ from }) =>
      occurrencesOf(text, from).map((at) => new vscode.Range(document.positionAt(at), document.positionAt(at + from.length))),
    );
    if (ranges.length > 0) {
      found.documents.push({ document, ranges });
      found.places += ranges.length;
    }
  }
  return found;
}

/** "notes.txt, .env": the documents' names, as their tabs show them. */
export function documentNames(found: FoundInEditors): string {
  return found.documents.map(({ document }) => (document.isUntitled ? document.uri.path : document.uri.path.split('/').pop())).join(', ');
}

/**
 * Replaces each `from` with its `to` in the open editors, in one workspace edit (Undo in each editor
 * puts the old text back); found again at the time of the edit. Returns what was replaced.
 */
export async function replaceInOpenEditors(replacements: readonly Replacement[]): Promise<FoundInEditors> {
  const found = findInOpenEditors(replacements);
  if (found.places === 0) {
    return found;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const { document, ranges } of found.documents) {
    for (const range of ranges) {
      const text = document.getText(range);
      edit.replace(document.uri, range, replacements.find((r) => r.from === text)?.to ?? text);
    }
  }
  return (await vscode.workspace.applyEdit(edit)) ? found : { places: 0, documents: [] };
}
