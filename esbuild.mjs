// Bundles the extension into CommonJS files for Node:
//   dist/extension.js  what VS Code loads at activation: a shim that registers commands, the view
//                      and the chat tools;
//   dist/main.js       the rest of the extension (UI, services, the Tyk client with axios and zod),
//                      loaded on first use or just after activation: the one lazy boundary, no module
//                      in both bundles.
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change, printing problem-matcher lines
//   node esbuild.mjs --metafile    also write dist/meta.json (bundle size analysis)
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { rm, writeFile } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');
const stub = (name) => fileURLToPath(new URL(`./src/tyk/stubs/${name}.ts`, import.meta.url));

/** Prints `[watch] build started/finished` and `✘ [ERROR] …` lines for the $esbuild-watch problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) {
        console.log('[watch] build started');
      }
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) {
          console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
      }
      if (watch) {
        console.log('[watch] build finished');
      }
    });
  },
};

/** The activation shim loads the rest of the extension, dist/main.js, when first needed. */
const mainOnDemand = {
  name: 'main-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/main$/ }, () => ({ path: './main.js', external: true }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile,
  logLevel: 'silent',
  plugins: [problemMatcher],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [problemMatcher, mainOnDemand] },
  {
    ...common,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    // What axios imports but the extension never uses: multipart bodies (form-data and its 130 KB
    // mime-db), redirects (maxRedirects is 0) and its own proxy agent (proxy: false; VS Code
    // routes Node's http/https through the user's proxy settings).
    alias: {
      'form-data': stub('formData'),
      'follow-redirects': stub('followRedirects'),
      'https-proxy-agent': stub('proxyAgent'),
      'proxy-from-env': stub('proxyFromEnv'),
    },
  },
];

// A fresh dist/ (a bundle of an earlier layout must not linger and be packaged).
if (!watch) {
  await rm('dist', { recursive: true, force: true });
}
const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  if (metafile) {
    const merged = { inputs: {}, outputs: {} };
    for (const r of results) {
      Object.assign(merged.inputs, r.metafile?.inputs);
      Object.assign(merged.outputs, r.metafile?.outputs);
    }
    await writeFile('dist/meta.json', JSON.stringify(merged));
  }
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) {
    process.exit(1);
  }
}
