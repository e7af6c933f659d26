// The outer half of the 'package' stage, run by run.ts in plain Node (not in VS Code): what the .vsix
// holds, and that the newcomer's `npm start` works (`node test/tools/start.mjs --check`).
// Needs TYK_VSIX_PATH (the .vsix run.ts packaged).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../tools/codeServer';

/** The names in a zip's central directory (a .vsix is a zip). */
export function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error('not a zip: no end of central directory record');
  }
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL) {
      throw new Error(`bad central directory entry at ${at}`);
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function filesUnder(dir: string, prefix: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('the .vsix', () => {
  it('holds exactly the manifest, the two bundles, media/, README, CHANGELOG and LICENSE', () => {
    const vsix = process.env.TYK_VSIX_PATH;
    assert.ok(vsix && fs.existsSync(vsix), `the .vsix was packaged (${vsix ?? 'no TYK_VSIX_PATH'})`);
    const expected = [
      '[Content_Types].xml', // vsce's own
      'extension.vsixmanifest', // vsce's own
      'extension/package.json',
      'extension/dist/extension.js', // what activates: the UI
      'extension/dist/tyk.js', // the Tyk client (axios, zod), loaded on first use
      'extension/readme.md', // README.md, renamed by vsce
      'extension/changelog.md', // CHANGELOG.md, renamed by vsce
      'extension/LICENSE.txt', // LICENSE, renamed by vsce
      ...filesUnder(path.join(repoRoot(), 'media'), 'extension/media/'),
    ].sort();
    assert.deepEqual(zipEntries(fs.readFileSync(vsix)).sort(), expected);
  });
});

describe('npm start', () => {
  it('--check: builds, starts the sandbox and code-server, and the Tyk view lists the sandbox APIs', async function () {
    this.timeout(240_000);
    const root = repoRoot();
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'test', 'tools', 'start.mjs'), '--check'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      const keep = (chunk: Buffer): void => {
        text += chunk.toString();
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => child.kill('SIGTERM'), 220_000);
      child.on('error', reject);
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        resolve({ code: exitCode ?? (signal ? 1 : 0), output: text });
      });
    });
    const tail = output.split('\n').slice(-40).join('\n');
    assert.equal(code, 0, `npm start --check exited ${code}:\n${tail}`);
    assert.match(output, /^npm start check: OK/m, tail);
    assert.match(output, /http:\/\/127\.0\.0\.1:\d+\/\?folder=[^ ]+&payload=/, 'it prints the URL to open');
    assert.doesNotMatch(output.match(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/)?.[0] ?? '', /TYK_KEYS_DEV_CONNECTIONS|credential/i, 'no secret in the URL');
  });
});
