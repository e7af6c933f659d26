// The README's command and setting tables, generated from package.json `contributes` so they cannot
// drift: `node out/test/tools/readmeTables.js --write` rewrites them; test/unit/readme.test.ts fails
// when the README and package.json disagree. package.json's user-facing strings are `%key%`s of
// package.nls.json (the English texts): the tables show the English texts, as VS Code does.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuEntry {
  command: string;
  when?: string;
}
interface Setting {
  type?: string;
  default?: unknown;
  markdownDescription?: string;
  description?: string;
  scope?: string;
  enum?: string[];
}
export interface Manifest {
  contributes: {
    commands: Command[];
    menus: Record<string, MenuEntry[]>;
    configuration: { properties: Record<string, Setting> };
  };
}

const ROOT = path.resolve(__dirname, '../../..');

/** package.nls.json: the English text of each `%key%` of package.json. */
export function readNls(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** A whole `%key%` string of package.json, as VS Code reads it (the whole string, nothing around it). */
export const NLS_KEY = /^%([\w.-]+)%$/;

/**
 * `value` with every `%key%` string (in objects and arrays, at any depth) replaced by its text in
 * `nls`, as VS Code localises a manifest. Throws on a key that `nls` lacks.
 */
export function localize<T>(value: T, nls: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') {
    const key = NLS_KEY.exec(value)?.[1];
    if (key === undefined) {
      return value;
    }
    const text = nls[key];
    if (text === undefined) {
      throw new Error(`package.nls.json has no "${key}" (package.json uses %${key}%)`);
    }
    return text as T;
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown) => localize(v, nls)) as T;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v, nls)])) as T;
  }
  return value;
}

/** package.json as written, its `%key%`s unresolved. */
export function readRawManifest(): unknown {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as unknown;
}

/** package.json with its `%key%`s resolved to the English texts of package.nls.json. */
export function readManifest(): Manifest {
  return localize(readRawManifest(), readNls()) as Manifest;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

/** Where each command shows: the palette (unless hidden), the view's title bar, tree items. */
function placesOf(manifest: Manifest, id: string): string {
  const menus = manifest.contributes.menus;
  const hidden = (menus.commandPalette ?? []).some((m) => m.command === id && m.when === 'false');
  const items = (menus['view/item/context'] ?? []).filter((m) => m.command === id);
  const nodes = new Set<string>();
  for (const m of items) {
    const when = m.when ?? '';
    for (const [pattern, name] of [
      [/viewItem =~ \/\^\(api\|version\)/, 'API, version'],
      [/viewItem =~ \/\^connection/, 'connection'],
      [/viewItem == keys\b/, 'Keys'],
      [/viewItem == key\b/, 'key'],
      [/viewItem == policies\b/, 'Policies'],
      [/viewItem == policy\b/, 'policy'],
    ] as const) {
      if (pattern.test(when)) {
        nodes.add(name);
      }
    }
  }
  const places = [
    hidden ? '' : 'palette',
    (menus['view/title'] ?? []).some((m) => m.command === id) ? 'view title' : '',
    nodes.size > 0 ? `right-click: ${[...nodes].join(', ')}` : '',
  ].filter(Boolean);
  return places.join('; ') || 'tree items';
}

export function commandsTable(manifest: Manifest): string {
  const rows = manifest.contributes.commands.map((c) => `| ${cell(`${c.category ? `${c.category}: ` : ''}${c.title}`)} | \`${c.command}\` | ${placesOf(manifest, c.command)} |`);
  return ['| Command | ID | Where |', '|---|---|---|', ...rows].join('\n');
}

export function settingsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([key, s]) => {
    const def = s.default === undefined ? '' : `\`${JSON.stringify(s.default)}\``;
    return `| \`${key}\` | ${def} | ${cell(s.markdownDescription ?? s.description ?? '')} |`;
  });
  return ['| Setting | Default | Description |', '|---|---|---|', ...rows].join('\n');
}

const BLOCKS: Array<[string, (m: Manifest) => string]> = [
  ['commands', commandsTable],
  ['settings', settingsTable],
];

/** The README with its generated blocks replaced by what package.json says now. */
export function withTables(readme: string, manifest: Manifest): string {
  let out = readme;
  for (const [name, render] of BLOCKS) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const i = out.indexOf(start);
    const j = out.indexOf(end);
    if (i < 0 || j < i) {
      throw new Error(`README.md lacks the ${start} … ${end} markers`);
    }
    out = `${out.slice(0, i + start.length)}\n${render(manifest)}\n${out.slice(j)}`;
  }
  return out;
}

export function readmePath(): string {
  return path.join(ROOT, 'README.md');
}

if (require.main === module && process.argv.includes('--write')) {
  const file = readmePath();
  fs.writeFileSync(file, withTables(fs.readFileSync(file, 'utf8'), readManifest()));
  console.log('README.md tables updated from package.json');
}
