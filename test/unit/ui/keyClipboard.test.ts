// src/ui/keyClipboard.ts: a copied key is cleared from the clipboard after the setting's seconds, only if
// the clipboard still holds it; a newer copy replaces the pending clear; dispose (deactivate) cancels it.
// Plain Node: the clipboard is a stand-in with the Ui's two methods; the delays are fractions of a second.
import * as assert from 'node:assert/strict';
import { KeyClipboard } from '../../../src/ui/keyClipboard';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** The delay the tests set, and a wait well past it (a loaded machine fires timers late). */
const DELAY_MS = 200;
const PAST_DELAY_MS = 500;

/** A clipboard holding one text; `writes` records every write (a clear writes ''). */
class FakeClipboard {
  text = 'before';
  writes: string[] = [];
  readFails = false;
  writeFails = false;
  writeClipboard = (text: string): Promise<void> => {
    if (this.writeFails) {
      return Promise.reject(new Error('clipboard unavailable'));
    }
    this.text = text;
    this.writes.push(text);
    return Promise.resolve();
  };
  readClipboard = (): Promise<string> => (this.readFails ? Promise.reject(new Error('no permission')) : Promise.resolve(this.text));
}

describe('ui/keyClipboard', () => {
  let clipboard: FakeClipboard;
  let seconds: number;
  let warnings: string[];
  let keys: KeyClipboard;

  beforeEach(() => {
    clipboard = new FakeClipboard();
    seconds = DELAY_MS / 1000;
    warnings = [];
    keys = new KeyClipboard(clipboard, () => seconds, (m) => warnings.push(m));
  });
  afterEach(() => keys.dispose());

  it('copies the key and clears it after the delay when the clipboard still holds it; says after how long', async () => {
    assert.equal(await keys.copy('key-1'), DELAY_MS / 1000);
    assert.equal(clipboard.text, 'key-1');
    await sleep(20);
    assert.equal(clipboard.text, 'key-1', 'not before the delay');
    await sleep(PAST_DELAY_MS);
    assert.equal(clipboard.text, '');
    assert.deepEqual(clipboard.writes, ['key-1', '']);
    assert.deepEqual(warnings, []);
  });

  it('leaves what the user copied since', async () => {
    await keys.copy('key-1');
    clipboard.text = 'the user’s own text';
    await sleep(PAST_DELAY_MS);
    assert.equal(clipboard.text, 'the user’s own text');
    assert.deepEqual(clipboard.writes, ['key-1']);
  });

  it('0 seconds (the default): never cleared', async () => {
    seconds = 0;
    assert.equal(await keys.copy('key-1'), 0);
    await sleep(PAST_DELAY_MS);
    assert.deepEqual(clipboard.writes, ['key-1']);
  });

  it('the setting is read at each copy', async () => {
    seconds = 0;
    await keys.copy('key-1');
    seconds = DELAY_MS / 1000;
    await keys.copy('key-2');
    await sleep(PAST_DELAY_MS);
    assert.deepEqual(clipboard.writes, ['key-1', 'key-2', '']);
  });

  it('a newer copy replaces the pending clear: the clear compares with the newer key only', async () => {
    await keys.copy('key-1');
    await keys.copy('key-2');
    // The user copies key-1 again elsewhere: the first copy's clear, had it stayed, would remove it.
    clipboard.text = 'key-1';
    await sleep(PAST_DELAY_MS);
    assert.equal(clipboard.text, 'key-1');
    assert.deepEqual(clipboard.writes, ['key-1', 'key-2']);
  });

  it('dispose (deactivate) cancels the pending clear', async () => {
    await keys.copy('key-1');
    keys.dispose();
    await sleep(PAST_DELAY_MS);
    assert.deepEqual(clipboard.writes, ['key-1']);
  });

  it('a clipboard that cannot be read is left as it is (logged)', async () => {
    await keys.copy('key-1');
    clipboard.readFails = true;
    await sleep(PAST_DELAY_MS);
    assert.deepEqual(clipboard.writes, ['key-1']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^Could not read the clipboard/);
    assert.ok(!warnings[0]?.includes('key-1'), 'the warning never holds the key');
  });

  it('a clipboard that refuses the copy: copy throws and nothing is scheduled', async () => {
    clipboard.writeFails = true;
    await assert.rejects(keys.copy('key-1'), /clipboard unavailable/);
    clipboard.writeFails = false;
    clipboard.text = 'key-1';
    await sleep(PAST_DELAY_MS);
    assert.equal(clipboard.text, 'key-1');
    assert.deepEqual(clipboard.writes, []);
  });
});
