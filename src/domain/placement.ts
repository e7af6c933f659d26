// Where an inserted key goes in a document: a format that is a whole line (a header line, a .env
// variable, a REST Client variable, a curl command) goes on a line of its own, never into the middle
// of what is there (`APP_PORT=4000` must not become `APP_PORT=4000TYK_KEY_PETSTORE=…`); and a variable
// the document already defines is found, so that it can be replaced instead of defined twice.
// Plain TypeScript: positions are line and character numbers, as VS Code's.
import type { KeyFormat } from './keyFormats';

/** Whether a format is a line of its own (everything but the key alone, which goes where the cursor is). */
export function isWholeLine(format: KeyFormat): boolean {
  return format !== 'raw';
}

export interface Position {
  line: number;
  character: number;
}

/** What to do with the document: replace the text between start and end with `text`. */
export interface Placement {
  start: Position;
  end: Position;
  text: string;
}

/**
 * Where a whole-line `text` goes for a cursor at `cursor` in `lines`: the cursor's line itself when it
 * holds only white space; else a new line before it (cursor at the start of the line) or after it
 * (anywhere else: the line is left whole).
 */
export function placeLine(lines: readonly string[], cursor: Position, text: string): Placement {
  const current = lines[cursor.line] ?? '';
  if (current.trim() === '') {
    return { start: { line: cursor.line, character: 0 }, end: { line: cursor.line, character: current.length }, text };
  }
  if (cursor.character === 0) {
    return { start: { line: cursor.line, character: 0 }, end: { line: cursor.line, character: 0 }, text: `${text}\n` };
  }
  return { start: { line: cursor.line, character: current.length }, end: { line: cursor.line, character: current.length }, text: `\n${text}` };
}

/** The name a whole-line format defines (`TYK_KEY_PETSTORE=…` → `TYK_KEY_PETSTORE`, `@tykKey = …` → `@tykKey`). */
export function definedVariable(line: string): string | undefined {
  const env = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
  if (env && !line.trimStart().startsWith('@')) {
    return env[1];
  }
  const rest = /^\s*(@[A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
  return rest?.[1];
}

/** The line that already defines what `text` defines (a .env or REST Client variable), if any. */
export function existingDefinition(lines: readonly string[], text: string): number | undefined {
  const name = definedVariable(text);
  if (name === undefined) {
    return undefined;
  }
  const index = lines.findIndex((line) => definedVariable(line) === name);
  return index >= 0 ? index : undefined;
}

/** Replaces the whole line `line` with `text`. */
export function replaceLine(lines: readonly string[], line: number, text: string): Placement {
  return { start: { line, character: 0 }, end: { line, character: (lines[line] ?? '').length }, text };
}
