// decodePng is what the .vsix test trusts to say a screenshot renders: it must refuse what does not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './codeServer';
import { decodePng } from './png';

describe('decodePng', () => {
  const shot = fs.readFileSync(path.join(repoRoot(), 'media', 'screenshots', 'tree.png'));

  it('reads the size of a real screenshot', () => {
    const { width, height } = decodePng(shot);
    assert.ok(width > 100 && height > 100, `${width}×${height}`);
  });

  it('refuses a file that is not a PNG', () => {
    assert.throws(() => decodePng(Buffer.from('<html>404 Not Found</html>')), /bad signature/);
  });

  it('refuses a PNG cut short', () => {
    assert.throws(() => decodePng(shot.subarray(0, Math.floor(shot.length / 2))), /cut short|no pixel data|end/);
  });

  it('refuses pixel data that does not match the header', () => {
    const forged = Buffer.from(shot);
    forged.writeUInt32BE(forged.readUInt32BE(16) + 1, 16); // IHDR width + 1 (the CRC is not checked)
    assert.throws(() => decodePng(forged), /promises/);
  });
});
