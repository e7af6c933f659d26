// The outer half of the 'package' stage, run by run.ts in plain Node (not in VS Code): what the .vsix
// holds, and that the newcomer's `npm start` works (`node test/tools/start.mjs --check`).
// Needs TYK_VSIX_PATH (the .vsix run.ts packaged).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { startSandbox } from '../sandbox/server';
import { repoRoot } from '../tools/codeServer';
import { decodePng } from '../tools/png';
import { shippedFiles, vsixEntryOf, WEBVIEW_SCRIPTS } from './shipped';

/** The names of the files in a .vsix (a zip). */
async function vsixEntries(vsix: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
}

/** The text of the entry `name` of a .vsix. */
async function vsixText(vsix: string, name: string): Promise<string> {
  const file = (await JSZip.loadAsync(fs.readFileSync(vsix))).file(name);
  assert.ok(file, `${name} is in the .vsix`);
  return file.async('string');
}

describe('the .vsix', () => {
  it('holds exactly the manifest and its strings, the bundles, the l10n bundle, media/ (with the icon), README, CHANGELOG and LICENSE', async () => {
    const vsix = process.env.TYK_VSIX_PATH;
    assert.ok(vsix && fs.existsSync(vsix), `the .vsix was packaged (${vsix ?? 'no TYK_VSIX_PATH'})`);
    const expected = [
      '[Content_Types].xml', // vsce's own
      'extension.vsixmanifest', // vsce's own
      // package.json and package.nls.json, the bundles of dist/ (shipped.ts), l10n/bundle.l10n.json,
      // README/CHANGELOG/LICENSE (renamed readme.md, changelog.md, LICENSE.txt), and media/ (the
      // icon, the activity-bar glyph, the walkthrough).
      ...shippedFiles(repoRoot()).map(vsixEntryOf),
    ].sort();
    assert.deepEqual((await vsixEntries(vsix)).sort(), expected);
  });

  it('keeps the key view\'s scripts (its page\'s and its usage chart\'s, as shipped: production) within 80 KB', async () => {
    const vsix = process.env.TYK_VSIX_PATH;
    assert.ok(vsix && fs.existsSync(vsix), `the .vsix was packaged (${vsix ?? 'no TYK_VSIX_PATH'})`);
    const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
    const sizes: Record<string, number> = {};
    for (const script of WEBVIEW_SCRIPTS) {
      const file = zip.file(vsixEntryOf(script));
      assert.ok(file, `${script} is in the .vsix`);
      sizes[script] = (await file.async('uint8array')).byteLength;
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    assert.ok(total <= 80 * 1024, `the webview's scripts weigh ${total} B (${JSON.stringify(sizes)}), over 80 KB (${80 * 1024} B)`);
  });

  it('renders every image of its details page (the packaged README) from the .vsix alone', async () => {
    const vsix = process.env.TYK_VSIX_PATH;
    assert.ok(vsix && fs.existsSync(vsix), `the .vsix was packaged (${vsix ?? 'no TYK_VSIX_PATH'})`);
    const zip = await JSZip.loadAsync(fs.readFileSync(vsix));
    const readme = await vsixText(vsix, vsixEntryOf('README.md'));
    // Markdown images ![alt](src "title") and HTML <img src="…">.
    const sources = [
      ...[...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
      ...[...readme.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((m) => m[1]),
    ];
    assert.ok(sources.length >= 3, `the README shows its screenshots (${sources.length} images found)`);
    for (const src of sources) {
      // No repository to rewrite links against (--no-rewrite-relative-links), and the details page
      // of an installed .vsix resolves a relative path against the extension's folder.
      assert.doesNotMatch(src, /^[a-z][a-z0-9+.-]*:/i, `${src}: an image from elsewhere does not render offline`);
      const entry = path.posix.join('extension', path.posix.normalize(decodeURI(src)));
      assert.ok(entry.startsWith('extension/') && !entry.includes('..'), `${src} stays inside the extension`);
      const file = zip.file(entry);
      assert.ok(file, `${src} is in the .vsix (as ${entry})`);
      const image = decodePng(await file.async('nodebuffer'));
      assert.ok(image.width >= 16 && image.height >= 16, `${src} is a real picture (${image.width}×${image.height})`);
    }
  });

  it('gives the Marketplace the icon, the banner, the categories and the keywords of package.json', async () => {
    const vsix = process.env.TYK_VSIX_PATH;
    assert.ok(vsix && fs.existsSync(vsix), `the .vsix was packaged (${vsix ?? 'no TYK_VSIX_PATH'})`);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      icon: string;
      galleryBanner: { color: string; theme: string };
      categories: string[];
      keywords: string[];
      repository?: unknown;
    };
    const xml = await vsixText(vsix, 'extension.vsixmanifest');
    // package.json's name and description are %key%s: vsce reads their English from package.nls.json.
    const nls = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.nls.json'), 'utf8')) as { displayName: string; description: string };
    assert.ok(xml.includes(`<DisplayName>${nls.displayName}</DisplayName>`), `the display name ${nls.displayName}`);
    assert.ok(xml.includes(nls.description), 'the description');
    assert.doesNotMatch(xml, /%[\w.-]+%/, 'no %key% left unresolved');
    assert.ok(xml.includes(`<Icon>extension/${pkg.icon}</Icon>`), `the icon ${pkg.icon}:\n${xml}`);
    assert.ok(xml.includes(`Id="Microsoft.VisualStudio.Services.Branding.Color" Value="${pkg.galleryBanner.color}"`), 'the banner colour');
    assert.ok(xml.includes(`Id="Microsoft.VisualStudio.Services.Branding.Theme" Value="${pkg.galleryBanner.theme}"`), 'the banner theme');
    assert.ok(xml.includes(`<Categories>${pkg.categories.join(',')}</Categories>`), 'the categories');
    const tags = xml.match(/<Tags>([^<]*)<\/Tags>/)?.[1]?.split(',') ?? [];
    for (const keyword of pkg.keywords) {
      assert.ok(tags.includes(keyword), `keyword ${keyword} among the tags ${tags.join(', ')}`);
    }
    if (pkg.repository === undefined) {
      // No public repository is known yet (scripts.package passes --allow-missing-repository): no link.
      assert.doesNotMatch(xml, /Services\.Links\.(Source|GitHub|Repository)/, 'no repository link');
    }
  });
});

/** Runs `node test/tools/start.mjs --check …`; resolves with its exit code and everything it printed. */
function runStartCheck(args: string[]): Promise<{ code: number; output: string }> {
  const root = repoRoot();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'test', 'tools', 'start.mjs'), '--check', ...args], {
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
}

/** The check passed, printed the URL to open, and the URL carries no secret. */
function assertStarted({ code, output }: { code: number; output: string }): void {
  const tail = output.split('\n').slice(-40).join('\n');
  assert.equal(code, 0, `npm start --check exited ${code}:\n${tail}`);
  assert.match(output, /^npm start check: OK/m, tail);
  assert.match(output, /http:\/\/127\.0\.0\.1:\d+\/\?folder=[^ ]+&payload=/, 'it prints the URL to open');
  assert.doesNotMatch(output.match(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/)?.[0] ?? '', /TYK_KEYS_DEV_CONNECTIONS|credential/i, 'no secret in the URL');
}

describe('npm start', () => {
  it('--check: builds, starts the sandbox and code-server, and the Tyk view lists the sandbox APIs', async function () {
    this.timeout(240_000);
    assertStarted(await runStartCheck([]));
  });

  it('--dashboard-url and --credential: your own Tyk instead of the sandbox (here a sandbox started apart)', async function () {
    this.timeout(240_000);
    const own = await startSandbox({ credential: 'my-own-dashboard-credential-0042' });
    try {
      const result = await runStartCheck(['--dashboard-url', own.dashboardUrl, '--credential', own.credential]);
      assertStarted(result);
      assert.match(result.output, /^Your Tyk Dashboard: http:\/\/127\.0\.0\.1:\d+ \(credential from --credential\)$/m);
      assert.ok(!result.output.includes(own.credential), 'the credential is not printed');
      assert.ok(
        own.requests.some((r) => r.path === '/api/apis' && r.headers.authorization === own.credential),
        'the extension listed the APIs of that Dashboard with that credential',
      );
    } finally {
      await own.close();
    }
  });
});
