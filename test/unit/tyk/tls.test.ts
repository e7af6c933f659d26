// src/tyk/tls.ts: a CA file is a regular file of at most 1 MB, read without hanging; each refusal says why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TykError } from '../../../src/tyk/errors';
import { MAX_CA_FILE_BYTES, readCaFile } from '../../../src/tyk/tls';
import { tykErrorOf } from '../../support/tykError';

const refusal = (file: string, maxBytes?: number): Promise<TykError> => tykErrorOf(() => readCaFile(file, maxBytes));

describe('tyk/tls: readCaFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-tls-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file of exactly the bound whole, and an empty one', async () => {
    assert.equal(MAX_CA_FILE_BYTES, 1024 * 1024);
    const exact = path.join(dir, 'exact.pem');
    fs.writeFileSync(exact, Buffer.alloc(2048, 0x41));
    assert.equal((await readCaFile(exact, 2048)).length, 2048);
    const empty = path.join(dir, 'empty.pem');
    fs.writeFileSync(empty, '');
    assert.equal((await readCaFile(empty)).length, 0);
    const mb = path.join(dir, 'mb.pem');
    fs.writeFileSync(mb, Buffer.alloc(MAX_CA_FILE_BYTES, 0x41));
    assert.equal((await readCaFile(mb)).length, MAX_CA_FILE_BYTES);
  });

  it('one byte over the bound: tls, CA_FILE_TOO_LARGE, naming the file and the bound in KB', async () => {
    const over = path.join(dir, 'over.pem');
    fs.writeFileSync(over, Buffer.alloc(2049));
    const e = await refusal(over, 2048);
    assert.equal(e.kind, 'tls');
    assert.equal(e.code, 'CA_FILE_TOO_LARGE');
    assert.equal(e.message, `The CA certificate file ${over} is larger than 2 KB: is it really a PEM file of CA certificates?`);
  });

  it('a folder: tls, CA_FILE_NOT_A_FILE; a missing file: tls, CA_FILE_UNREADABLE with its errno', async () => {
    const folder = await refusal(dir);
    assert.equal(folder.kind, 'tls');
    assert.equal(folder.code, 'CA_FILE_NOT_A_FILE');
    assert.equal(folder.message, `The CA certificate file ${dir} is not a regular file (a folder, device or pipe): choose a PEM file.`);
    const missing = path.join(dir, 'missing.pem');
    const e = await refusal(missing);
    assert.equal(e.kind, 'tls');
    assert.equal(e.code, 'CA_FILE_UNREADABLE');
    assert.equal(e.message, `The CA certificate file ${missing} cannot be read (ENOENT).`);
  });

  it('the file name is shown as plain text', async () => {
    const e = await refusal(path.join(dir, 'x\n[a](command:b)'));
    assert.equal(e.message, `The CA certificate file ${dir}/x [a] (command:b) cannot be read (ENOENT).`);
  });
});
