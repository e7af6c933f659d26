// Bundles the extension into one CommonJS file: dist/extension.js.
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change, printing problem-matcher lines
//   node esbuild.mjs --metafile    also write dist/meta.json (bundle size analysis)
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');
const emptyModule = fileURLToPath(new URL('./src/tyk/empty-module.ts', import.meta.url));

/** Prints `[watch] build started/finished` and `✘ [ERROR] …` lines for the $esbuild-watch problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

const ctx = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // axios pulls in form-data (and mime-db, 130 KB) for multipart uploads; the extension only sends JSON.
  alias: { 'form-data': emptyModule },
  metafile,
  logLevel: 'silent',
  plugins: [problemMatcher],
});

if (watch) {
  await ctx.watch();
} else {
  const result = await ctx.rebuild();
  if (metafile && result.metafile) {
    await writeFile('dist/meta.json', JSON.stringify(result.metafile));
  }
  await ctx.dispose();
  if (result.errors.length > 0) {
    process.exit(1);
  }
}
