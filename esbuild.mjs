// Bundles the extension into CommonJS files for Node:
//   dist/extension.js  what VS Code loads at activation: a shim that registers commands, the view
//                      and the chat tools;
//   dist/main.js       the rest of the extension (UI, services, the Tyk client with axios and zod),
//                      loaded on first use or just after activation: the one lazy boundary, no module
//                      in both bundles.
//   dist/webview/      the key view's webview (Show Key Details): its script for the browser
//                      (keyView.js, from src/webview/keyView.ts), its usage chart's (usageChart.js,
//                      chartist, loaded on demand), its stylesheets, and the codicon font and
//                      stylesheet (@vscode/codicons): all a webview may load (localResourceRoots).
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.mjs --watch       rebuild on change, printing problem-matcher lines
//   node esbuild.mjs --metafile    also write dist/meta.json (bundle size analysis)
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';

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

/**
 * The CSS of @vscode-elements' components without its indentation and line breaks: they are template
 * literals (lit's css``), which minifying leaves as they are. About 2 KB of the webview's script.
 */
const squeezeComponentStyles = {
  name: 'squeeze-component-styles',
  setup(build) {
    build.onLoad({ filter: /@vscode-elements[\\/]elements[\\/]dist[\\/].*\.styles\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const squeeze = (css) =>
        css
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .trim();
      return { contents: text.replace(/css\s*`([^`]*)`/g, (_match, css) => `css\`${squeeze(css)}\``), loader: 'js' };
    });
  },
};

/** vscode-button's icon: src/webview/codicon.ts instead of the library's vscode-icon (see there). */
const codiconStandIn = {
  name: 'codicon-stand-in',
  setup(build) {
    build.onResolve({ filter: /[\\/]vscode-icon[\\/]index\.js$/ }, () => ({ path: fileURLToPath(new URL('./src/webview/codicon.ts', import.meta.url)) }));
  },
};

/** What the webview loads besides its script: copied as they are into dist/webview/. */
const WEBVIEW_FILES = [
  ['src/webview/keyView.css', 'keyView.css'],
  ['src/webview/usage.css', 'usage.css'],
  ['node_modules/@vscode/codicons/dist/codicon.css', 'codicon.css'],
  ['node_modules/@vscode/codicons/dist/codicon.ttf', 'codicon.ttf'],
];

async function copyWebviewFiles() {
  await mkdir('dist/webview', { recursive: true });
  await Promise.all(WEBVIEW_FILES.map(([from, to]) => copyFile(from, `dist/webview/${to}`)));
}

/** chartist's version, for its notice in the chart's bundle. */
const chartistVersion = JSON.parse(await readFile('node_modules/chartist/package.json', 'utf8')).version;

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
  {
    ...common,
    entryPoints: ['src/webview/keyView.ts'],
    outfile: 'dist/webview/keyView.js',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    external: [],
    legalComments: 'none',
    plugins: [problemMatcher, squeezeComponentStyles, codiconStandIn],
  },
  // The usage chart (chartist, SVG; only what it uses: BarChart, FixedScaleAxis): its own script, loaded by the page only when there is usage to draw.
  {
    ...common,
    entryPoints: ['src/webview/usageChart.ts'],
    outfile: 'dist/webview/usageChart.js',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    external: [],
    legalComments: 'none',
    // chartist's MIT notice (it is dual-licensed MIT or WTFPL; its bundle has no header comment to keep).
    banner: { js: `/*! chartist ${chartistVersion}, (c) 2013 Gion Kunz, MIT License, https://github.com/chartist-js/chartist */` },
  },
];

// A fresh dist/ (a bundle of an earlier layout must not linger and be packaged).
if (!watch) {
  await rm('dist', { recursive: true, force: true });
}
const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
await copyWebviewFiles();
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
