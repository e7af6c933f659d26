// The README's tables of commands and settings are package.json's: this fails when they drift
// (fix with `npm run readme`).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readManifest, readmePath, withTables } from '../tools/readmeTables';

describe('README', () => {
  it('lists exactly the commands and settings package.json contributes', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    assert.equal(readme, withTables(readme, readManifest()), 'README.md tables are out of date: run `npm run readme`');
  });

  it('gives the two commands a newcomer needs', () => {
    const readme = fs.readFileSync(readmePath(), 'utf8');
    assert.match(readme, /npm install && npm start/);
    assert.match(readme, /npm test/);
  });
});
