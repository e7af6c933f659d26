// src/domain/placement.ts: a whole-line key format goes on a line of its own, and an existing variable is found.
import * as assert from 'node:assert/strict';
import { definedVariable, existingDefinition, placeLine, replaceLine } from '../../../src/domain/placement';

/** Applies a placement to the lines, as an editor would. */
function apply(lines: readonly string[], p: ReturnType<typeof placeLine>): string {
  const offset = (pos: { line: number; character: number }): number =>
    lines.slice(0, pos.line).reduce((n, l) => n + l.length + 1, 0) + pos.character;
  const text = lines.join('\n');
  return text.slice(0, offset(p.start)) + p.text + text.slice(offset(p.end));
}

describe('domain/placement', () => {
  const line = 'TYK_KEY_PETSTORE=abc123';

  it('never writes into the middle of a line: the cursor at the end of APP_PORT=4000 adds a line after it', () => {
    const lines = ['APP_PORT=4000', 'DEBUG=1'];
    assert.equal(apply(lines, placeLine(lines, { line: 0, character: 13 }, line)), 'APP_PORT=4000\nTYK_KEY_PETSTORE=abc123\nDEBUG=1');
  });

  it('in the middle of a line, after that line, which stays whole', () => {
    const lines = ['APP_PORT=4000'];
    assert.equal(apply(lines, placeLine(lines, { line: 0, character: 4 }, line)), 'APP_PORT=4000\nTYK_KEY_PETSTORE=abc123');
  });

  it('at the start of a line, before it', () => {
    const lines = ['APP_PORT=4000'];
    assert.equal(apply(lines, placeLine(lines, { line: 0, character: 0 }, line)), 'TYK_KEY_PETSTORE=abc123\nAPP_PORT=4000');
  });

  it('on an empty (or blank) line, that line', () => {
    const lines = ['A=1', '   ', 'B=2'];
    assert.equal(apply(lines, placeLine(lines, { line: 1, character: 2 }, line)), 'A=1\nTYK_KEY_PETSTORE=abc123\nB=2');
    assert.equal(apply([''], placeLine([''], { line: 0, character: 0 }, line)), line);
  });

  it('knows the variable a .env or REST Client line defines, and nothing else', () => {
    assert.equal(definedVariable('TYK_KEY_PETSTORE=abc'), 'TYK_KEY_PETSTORE');
    assert.equal(definedVariable('export TYK_KEY_PETSTORE = abc'), 'TYK_KEY_PETSTORE');
    assert.equal(definedVariable('@tykKey = abc'), '@tykKey');
    assert.equal(definedVariable('Authorization: abc'), undefined);
    assert.equal(definedVariable('curl -H "Authorization: abc" http://x/'), undefined);
    assert.equal(definedVariable('# TYK_KEY=abc'), undefined);
  });

  it('finds the line that already defines the same variable, to replace it', () => {
    const lines = ['APP_PORT=4000', 'TYK_KEY_PETSTORE=old', 'TYK_KEY_PETSTORE_V2=x'];
    assert.equal(existingDefinition(lines, line), 1);
    assert.equal(existingDefinition(lines, 'TYK_KEY_GEO=1'), undefined);
    assert.equal(existingDefinition(['@tykKey = old'], '@tykKey = new'), 0);
    assert.equal(existingDefinition(lines, 'Authorization: abc'), undefined, 'a header line defines nothing');
    assert.equal(apply(lines, replaceLine(lines, 1, line)), 'APP_PORT=4000\nTYK_KEY_PETSTORE=abc123\nTYK_KEY_PETSTORE_V2=x');
  });
});
