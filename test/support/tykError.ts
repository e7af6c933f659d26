// The TykError a call ends in (a test fails when it ends otherwise), for the unit tests of src/tyk.
import * as assert from 'node:assert/strict';
import { TykError } from '../../src/tyk/errors';

/** The TykError `fn` throws or rejects with. */
export async function tykErrorOf(fn: () => unknown): Promise<TykError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof TykError, `a TykError, not ${String(e)}`);
    return e;
  }
  assert.fail('expected a TykError');
}
