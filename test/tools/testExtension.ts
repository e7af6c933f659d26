// A folder that stands in for the extension in the integration suite: the repository's package.json
// with `main` pointing at the test entry (test/integration/entry.ts, bundled here), and the product's
// own dist/, media/, l10n/ and strings linked in. The entry activates the product exactly as
// src/extension.ts does and loads the product's dist/main.js; only the Ui and the log channel it
// passes are the tests' own. Nothing here reaches dist/ or the .vsix.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { repoRoot } from './codeServer';

/** Builds the folder (about 0.2 s) and returns its path. The product must be built (dist/). */
export async function prepareTestExtension(): Promise<string> {
  const root = repoRoot();
  // A folder of its own per run: two suites (or two checkouts sharing one .vscode-test) never collide.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-extension-under-test-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify({ ...manifest, main: './entry.js' }, null, 2)}\n`);
  for (const linked of ['dist', 'media', 'l10n', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    fs.symlinkSync(path.join(root, linked), path.join(folder, linked));
  }
  if (!fs.existsSync(path.join(root, 'dist', 'main.js'))) {
    throw new Error('dist/main.js is missing: build the extension first (npm run build)');
  }
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'integration', 'entry.ts')],
    outfile: path.join(folder, 'entry.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: true,
    logLevel: 'error',
    plugins: [
      {
        // The shim's lazy `require('./main')`: the product's own bundle, as for users.
        name: 'product-main',
        setup(build) {
          build.onResolve({ filter: /^\.\/main$/ }, () => ({ path: './dist/main.js', external: true }));
        },
      },
    ],
  });
  return folder;
}
