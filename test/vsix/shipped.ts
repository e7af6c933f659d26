// What the .vsix ships, as paths in the extension folder (`vsce ls` prints them so): the one list that
// package.test.ts (the .vsix's entries) and vsce.test.ts (`vsce ls`) compare against.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The bundles esbuild.mjs writes to dist/ (no source maps, no meta.json). */
export const BUNDLES = [
  'dist/extension.js', // what activates: a shim registering commands, the view and the chat tools
  'dist/main.js', // the rest of the extension (UI, services, the Tyk client), loaded on first use or just after activation
  'dist/webview/keyView.js', // the key view's script, in its webview (a browser)
  'dist/webview/usageChart.js', // its usage chart (chartist), loaded by the page only when there is usage to draw
];

/** The key view's scripts (a browser's): at most 80 KB together in the production build (package.test.ts). */
export const WEBVIEW_SCRIPTS = BUNDLES.filter((b) => b.startsWith('dist/webview/'));

/** What the key view's webview loads besides its scripts (esbuild.mjs copies them): its stylesheets (the usage chart's among them) and the codicon font. */
export const WEBVIEW_FILES = ['dist/webview/codicon.css', 'dist/webview/codicon.ttf', 'dist/webview/keyView.css', 'dist/webview/usage.css'];

/** The files under `dir`, as `prefix` + their path below it, `/`-separated. */
export function filesUnder(dir: string, prefix: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/**
 * Everything the .vsix holds of the repository `root`, sorted: the manifest and its English strings
 * (package.nls.json), the bundles, the code's English l10n bundle (l10n/), media/ (icon,
 * walkthrough), README, CHANGELOG and LICENSE.
 */
export function shippedFiles(root: string): string[] {
  return [
    'package.json',
    'package.nls.json',
    ...BUNDLES,
    ...WEBVIEW_FILES,
    ...filesUnder(path.join(root, 'l10n'), 'l10n/'),
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    ...filesUnder(path.join(root, 'media'), 'media/'),
  ].sort();
}

/** The name vsce gives a shipped file inside the .vsix (it renames README, CHANGELOG and LICENSE). */
export function vsixEntryOf(file: string): string {
  const renamed: Record<string, string> = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
  return `extension/${renamed[file] ?? file}`;
}
