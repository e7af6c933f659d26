// src/domain/keyScan.ts: Tyk keys found in text (created here by fingerprint; Tyk's legacy and base64 JSON
// forms of a connected organisation), at the right place, never said in the message; files scanned bounded.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CancelledError, Slicer } from '../../../src/domain/slicer';
import { MAX_FILE_BYTES, describeFound, findKeys, fingerprint, keyIndex, keyReplacement, positionsIn, scanFiles, tokenOrg, type KeyIndex } from '../../../src/domain/keyScan';

const ORG = '5e9d9544a1dcd60001d0ed20';
const LEGACY = `${ORG}08639a6e9f2945ab88d6e8075781323f`;
/** Tyk's hashed-key form, as GenerateToken writes it (tyk-demo's org). */
const jsonForm = (org: string, id: string, h = 'murmur64'): string => Buffer.from(`{"org":"${org}","id":"${id}","h":"${h}"}`).toString('base64');
const JSON_KEY = jsonForm(ORG, 'hello-world');
const CUSTOM = 'my-own-custom-key-id-2026';

const names: Record<string, string> = { dash: 'Local Dashboard', gw: 'Gateway <b>dev</b>' };
const INDEX: KeyIndex = keyIndex([{ connectionId: 'gw', fingerprint: fingerprint(CUSTOM), alias: 'ci-bot' }], new Map([['dash', [ORG]]]), (id) => names[id]);

async function found(text: string, index = INDEX): Promise<Array<{ text: string; kind: string }>> {
  return (await findKeys(text, index)).map((k) => ({ text: text.slice(k.start, k.end), kind: k.kind }));
}

describe('domain/keyScan', () => {
  it('finds a created key by its fingerprint, a legacy and a JSON key of a connected organisation, each whole', async () => {
    const text = `@key = ${CUSTOM}\ncurl -H "Authorization: ${LEGACY}" http://x/\nKEY=${JSON_KEY}\n`;
    assert.deepEqual(await found(text), [
      { text: CUSTOM, kind: 'created' },
      { text: LEGACY, kind: 'legacy' },
      { text: JSON_KEY, kind: 'json' },
    ]);
  });

  it('finds nothing of an organisation that is not connected, nor a key that was not created here', async () => {
    const other = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const text = `${other}08639a6e9f2945ab88d6e8075781323f ${jsonForm(other, 'x')} another-custom-key-id-2026 ${ORG}`;
    assert.deepEqual(await found(text), []);
  });

  it('finds keys in URLs, quotes and at the end of a sentence, not the dot after them', async () => {
    const text = `GET /keys/${LEGACY}?x=1\n"${JSON_KEY}",\nThe key is ${CUSTOM}.\n?authorization=${JSON_KEY}&`;
    assert.deepEqual(
      (await found(text)).map((f) => f.text),
      [LEGACY, JSON_KEY, CUSTOM, JSON_KEY],
    );
  });

  it('a JSON key inside a longer base64 run, or with uppercase hex in a legacy key, is not one', async () => {
    assert.deepEqual(await found(`QUJD${JSON_KEY} ${ORG}08639A6E9F2945AB88D6E8075781323F ${LEGACY}0`), []);
  });

  it('reads the JSON form strictly: canonical padded base64 of one object whose org, id and h are strings', () => {
    assert.equal(tokenOrg(JSON_KEY), ORG);
    assert.equal(tokenOrg(JSON_KEY.replace(/=+$/, '')), undefined, 'unpadded');
    assert.equal(tokenOrg(Buffer.from(`{"org":"${ORG}","id":1,"h":"murmur64"}`).toString('base64')), undefined, 'id not a string');
    assert.equal(tokenOrg(Buffer.from(`{"org":"${ORG}","id":"a"}`).toString('base64')), undefined, 'no h');
    assert.equal(tokenOrg(Buffer.from(`{"org":"${ORG}","id":"a","h":"x"`).toString('base64')), undefined, 'not JSON');
    assert.equal(tokenOrg(Buffer.from(`{"org":"","id":"a","h":"x"}`).toString('base64')), undefined, 'empty org');
    assert.equal(tokenOrg(jsonForm(ORG, 'x'.repeat(2000))), undefined, 'longer than MAX_TOKEN: never decoded');
    assert.equal(tokenOrg(Buffer.concat([Buffer.from(`{"org":"${ORG}","id":"`), Buffer.from([0xff]), Buffer.from('","h":"x"}')]).toString('base64')), undefined, 'not UTF-8');
  });

  it('the message names the kind and the connection (as text) and the alias, never the key', async () => {
    const text = `${CUSTOM} ${LEGACY} ${JSON_KEY}`;
    const messages = (await findKeys(text, INDEX)).map(describeFound);
    assert.equal(messages.length, 3);
    assert.match(messages[0] ?? '', /“ci-bot”.*Gateway <b>dev<\/b>/);
    assert.match(messages[1] ?? '', /legacy.*Local Dashboard/);
    assert.match(messages[2] ?? '', /base64 JSON.*Local Dashboard/);
    for (const m of messages) {
      for (const secret of [CUSTOM, LEGACY, JSON_KEY, '08639a6e9f2945ab', 'hello-world']) {
        assert.ok(!m.includes(secret), `${m} gives away ${secret}`);
      }
    }
  });

  it('knows no connection that is gone: its fingerprints and orgs are left out of the index', () => {
    const index = keyIndex([{ connectionId: 'gone', fingerprint: fingerprint(CUSTOM) }], new Map([['gone', [ORG]]]), () => undefined);
    assert.equal(index.created.size + index.orgs.size, 0);
  });

  it('lines and characters as VS Code counts them (\\n, \\r\\n and \\r)', () => {
    const at = positionsIn('ab\ncd\r\nef\rgh');
    assert.deepEqual([0, 2, 3, 7, 8, 10, 11].map(at), [
      { line: 0, character: 0 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
      { line: 2, character: 0 },
      { line: 2, character: 1 },
      { line: 3, character: 0 },
      { line: 3, character: 1 },
    ]);
  });

  // Random text: letters, digits, punctuation and spaces of code and prose, lines of any ending.
  const filler = fc.string({ unit: fc.constantFrom(...'abcdefXYZ0123456789 _-.~=+/:"\'{}()\n\r\t,;@$'.split('')), maxLength: 300 });
  // Tyk's JSON form padded with one '=', two, or none (the id's length decides); a murmur128 key of tyk-demo's.
  const planted = fc.constantFrom(CUSTOM, LEGACY, JSON_KEY, jsonForm(ORG, 'a'), jsonForm(ORG, 'ab'), jsonForm(ORG, 'abc'), jsonForm(ORG, 'NW1_-c8_9crdGxR7FhN554-lYRHmgzC4jqz9HjTgXxE', 'murmur128'));
  const separator = fc.constantFrom(' ', '\n', '"', "'", '=', ': ', '(', '\t', '\r\n', '/', ',', '<');

  it('property: a key planted in random text is found at exactly its range', async () => {
    await fc.assert(
      fc.asyncProperty(filler, separator, planted, separator, filler, async (before, open, key, close, after) => {
        const text = `${before}${open}${key}${close}${after}`;
        const start = before.length + open.length;
        const keys = await findKeys(text, INDEX);
        assert.ok(
          keys.some((k) => k.start === start && k.end === start + key.length),
          `${JSON.stringify(text)}: ${JSON.stringify(keys)}`,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('property: random text without a key has none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(filler, fc.string({ maxLength: 400 }), fc.base64String({ maxLength: 400 }).map((b) => `eyJvcmci${b}`)), async (text) => {
        assert.deepEqual(await findKeys(text, INDEX), []);
      }),
      { numRuns: 500 },
    );
  });

  it('property: where a key is found, its line and character point at it', async () => {
    await fc.assert(
      fc.asyncProperty(filler, separator, planted, async (before, open, key) => {
        const text = `${before}${open}${key}\n`;
        const files = await scanFiles(['f'], { size: () => Promise.resolve(text.length), read: () => Promise.resolve(Buffer.from(text)) }, INDEX);
        const lines = text.split(/\r\n|\r|\n/);
        const hit = files.found[0]?.keys.find((k) => lines[k.line]?.slice(k.startCharacter, k.endCharacter) === key);
        assert.ok(hit, JSON.stringify(text));
      }),
      { numRuns: 200 },
    );
  });

  it('scans text files only: larger than 1 MB, binary or unreadable skipped and counted; beyond maxFiles left out', async () => {
    const files: Record<string, Buffer | undefined> = {
      'a.http': Buffer.from(`\uFEFFGET /x\nAuthorization: ${LEGACY}\n`),
      'big.js': Buffer.from(`${LEGACY}${' '.repeat(MAX_FILE_BYTES)}`),
      'img.png': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(LEGACY)]),
      gone: undefined,
      'b.sh': Buffer.from(`KEY=${JSON_KEY}`),
      'c.txt': Buffer.from(LEGACY),
    };
    const source = {
      size: (f: string) => Promise.resolve(files[f]?.length),
      read: (f: string) => (files[f] ? Promise.resolve(files[f]) : Promise.reject(new Error('ENOENT'))),
    };
    const done: number[] = [];
    const result = await scanFiles(Object.keys(files), source, INDEX, { maxFiles: 5, onFile: (n) => done.push(n) });
    assert.deepEqual(
      result.found.map((f) => [f.file, f.keys.map((k) => [k.line, k.startCharacter, k.endCharacter, k.kind])]),
      [
        ['a.http', [[1, 15, 15 + LEGACY.length, 'legacy']]],
        ['b.sh', [[0, 4, 4 + JSON_KEY.length, 'json']]],
      ],
    );
    assert.deepEqual({ scanned: result.scanned, tooLarge: result.tooLarge, binary: result.binary, unreadable: result.unreadable, leftOut: result.leftOut }, { scanned: 2, tooLarge: 1, binary: 1, unreadable: 1, leftOut: 1 });
    assert.deepEqual(done, [1, 2, 3, 4, 5]);
  });

  it('a scan gives the event loop back while it works and stops when cancelled', async () => {
    const text = `${'word '.repeat(200_000)}${LEGACY}`;
    const source = { size: () => Promise.resolve(text.length), read: () => Promise.resolve(Buffer.from(text)) };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const slicer = new Slicer();
    try {
      assert.equal((await findKeys(text.repeat(3), INDEX, slicer)).length, 1);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(slicer.yields > 0 && ticks > 0, `yielded ${slicer.yields} times, ticker ran ${ticks} times`);
    const controller = new AbortController();
    const scanning = scanFiles(Array.from({ length: 50 }, (_, i) => i), source, INDEX, { signal: controller.signal, onFile: (n) => n === 2 && controller.abort() });
    await assert.rejects(scanning, (e: unknown) => e instanceof CancelledError);
  });
});

describe('domain/keyScan keyReplacement', () => {
  const K = 'KEYKEYKEY';
  const replaced = (line: string, language: 'js' | 'shell' | 'other', reference: string): string => {
    const start = line.indexOf(K);
    const r = keyReplacement(line, start, start + K.length, language, reference);
    return line.slice(0, r.start) + r.text + line.slice(r.end);
  };

  it('JS/TS: a string that is the key becomes the reference; a key inside a string is joined to it', () => {
    assert.equal(replaced(`const key = "${K}";`, 'js', 'process.env.X'), 'const key = process.env.X;');
    assert.equal(replaced(`headers: { Authorization: 'Bearer ${K}' }`, 'js', 'process.env.X'), "headers: { Authorization: 'Bearer ' + process.env.X + '' }");
    assert.equal(replaced(`fetch(url, \`Bearer ${K}\`)`, 'js', 'process.env.X'), 'fetch(url, `Bearer ${process.env.X}`)');
    assert.equal(replaced(`const s = "a \\" b", key = ${K};`, 'js', 'process.env.X'), 'const s = "a \\" b", key = process.env.X;');
  });

  it('shell: single quotes are left for the variable to expand; elsewhere the reference takes the key’s place', () => {
    assert.equal(replaced(`curl -H 'Authorization: ${K}' "$URL"`, 'shell', '$X'), `curl -H 'Authorization: '"$X"'' "$URL"`);
    assert.equal(replaced(`curl -H "Authorization: ${K}"`, 'shell', '$X'), 'curl -H "Authorization: $X"');
    assert.equal(replaced(`KEY=${K}`, 'shell', '$X'), 'KEY=$X');
    assert.equal(replaced(`Authorization: ${K}`, 'other', '{{$dotenv X}}'), 'Authorization: {{$dotenv X}}');
  });
});
