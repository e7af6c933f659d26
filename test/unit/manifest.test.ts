// package.json, checked as VS Code and the Marketplace read it (plain Node, no VS Code): commands and
// their menus, settings, the walkthrough, the chat tools, the engine, activation, what the
// Marketplace shows (icon, banner, categories, keywords), and its localisation: every user-facing
// string is a `%key%` of package.nls.json (read here resolved, as VS Code reads it). That every declared command is registered
// (and no other) is test/integration/activation.test.ts's, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS, TOOL_NAMES } from '../../src/commands/ids';
import { KEY_FORMATS } from '../../src/domain/keyFormats';
import { NLS_KEY, localize, readNls, readRawManifest } from '../tools/readmeTables';

interface Command {
  command: string;
  title?: string;
  category?: string;
  icon?: string | { light: string; dark: string };
}
interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
interface Setting {
  type?: string | string[];
  scope?: string;
  markdownDescription?: string;
  description?: string;
  enum?: unknown[];
  markdownEnumDescriptions?: string[];
  items?: { properties?: Record<string, Setting> };
}
type WalkthroughMedia = { markdown: string } | { image: string | Record<string, string>; altText?: string } | { svg: string; altText?: string };
interface Manifest {
  displayName?: string;
  description?: string;
  l10n?: string;
  engines: { vscode: string };
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  repository?: unknown;
  activationEvents?: string[];
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: Command[];
    menus: Record<string, MenuEntry[]>;
    viewsContainers?: Record<string, Array<{ id: string; icon?: string; title?: string }>>;
    views?: Record<string, Array<{ id: string; icon?: string; name?: string; contextualTitle?: string }>>;
    viewsWelcome?: Array<{ view: string; contents?: string }>;
    configuration: { title?: string; properties: Record<string, Setting> };
    languageModelTools?: Array<{
      name?: string;
      displayName?: string;
      userDescription?: string;
      modelDescription?: string;
      inputSchema?: { type?: string };
    }>;
    walkthroughs?: Array<{
      id: string;
      title?: string;
      description?: string;
      steps: Array<{ id: string; title?: string; description?: string; media: WalkthroughMedia; completionEvents?: string[] }>;
    }>;
  };
}

const ROOT = path.resolve(__dirname, '../../..');
/** package.json as written: its user-facing strings are `%key%`s. */
const raw = readRawManifest() as Manifest;
const nls = readNls();
/** package.json as VS Code shows it: each `%key%` replaced by its English text. */
const manifest = localize(raw, nls);
const { contributes } = manifest;
const menus = (name: string): MenuEntry[] => contributes.menus[name] ?? [];

/**
 * The commands that act on a tree node and mean nothing without one: hidden from the palette
 * (`"when": "false"`). Every other command works from the palette (asking for what it needs).
 */
// Copy API ID also works from the palette (it asks for the connection and the API), so it is shown there.
const NODE_ONLY = ['tyk.loadMore', 'tyk.showKeyDetails', 'tyk.revokeKey', 'tyk.rotateKey', 'tyk.updateKey'];
/** Commands the palette has under another name: Set as Default is Switch Connection… on a node; Create Key with Defaults is Create Key… in one click. */
const PALETTE_DUPLICATES = ['tyk.setDefaultConnection', 'tyk.createKeyWithDefaults'];
/** Commands a quick fix runs, with the Problem's file and range (src/ui/keyFindings.ts). */
const QUICK_FIX_ONLY = ['tyk.moveKeyToEnv'];

/** The Marketplace's categories (https://code.visualstudio.com/api/references/extension-manifest). */
const CATEGORIES = [
  'Azure',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Chat',
  'AI',
  'Other',
];

/** The VS Code the suites run in: code-server 4.139.1 = VS Code 1.139.1 (test/tools/install-code-server.sh). */
const TESTED_VSCODE = [1, 139];

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  assert.ok(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`);
  assert.equal(data.toString('ascii', 12, 16), 'IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function exists(relative: string): boolean {
  return fs.existsSync(path.join(ROOT, relative));
}

describe('package.json', () => {
  describe('commands and menus', () => {
    it('contributes exactly the commands of the command table (src/commands/ids.ts), and the chat tools it registers', () => {
      const manifest = readRawManifest() as { contributes: { commands: Array<{ command: string }>; languageModelTools?: Array<{ name: string }> } };
      assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...COMMAND_IDS].sort());
      assert.deepEqual((manifest.contributes.languageModelTools ?? []).map((t) => t.name).sort(), [...TOOL_NAMES].sort());
    });

    const declared = new Set(contributes.commands.map((c) => c.command));
    const byId = new Map(contributes.commands.map((c) => [c.command, c]));

    it('declares each command once, with a title and the category "Tyk"', () => {
      assert.equal(declared.size, contributes.commands.length, 'no command declared twice');
      for (const c of contributes.commands) {
        assert.match(c.command, /^tyk\.[a-zA-Z]+$/, `${c.command}: a tyk.* id`);
        assert.ok(c.title?.trim(), `${c.command} has a title`);
        assert.equal(c.category, 'Tyk', `${c.command}'s category`);
      }
    });

    it('gives an icon to every command shown as a button (view title navigation, inline on an item)', () => {
      const buttons = [
        ...menus('view/title').filter((m) => m.group?.startsWith('navigation')),
        ...menus('view/item/context').filter((m) => m.group?.startsWith('inline')),
      ];
      assert.ok(buttons.length > 0);
      for (const m of buttons) {
        assert.ok(byId.get(m.command)?.icon, `${m.command} (group ${m.group}) has an icon`);
      }
    });

    it('puts no command that creates or deletes a key one click away on a key row, and no refresh-like icon but Refresh’s', () => {
      // Issue 15: Rotate was the only inline button of a key row, with an icon like Refresh's, and created a key at once.
      const onKeyRows = menus('view/item/context').filter((m) => m.group?.startsWith('inline') && /viewItem == key\b/.test(m.when ?? ''));
      for (const m of onKeyRows) {
        assert.ok(!['tyk.rotateKey', 'tyk.revokeKey', 'tyk.updateKey'].includes(m.command), `${m.command} is not an inline button of a key row`);
      }
      for (const c of contributes.commands.filter((c) => c.command !== 'tyk.refresh')) {
        assert.ok(!['$(sync)', '$(refresh)', '$(debug-restart)'].includes(typeof c.icon === 'string' ? c.icon : ''), `${c.command}'s icon ${JSON.stringify(c.icon)} is not mistaken for Refresh`);
      }
      const rotate = menus('view/item/context').filter((m) => m.command === 'tyk.rotateKey');
      assert.deepEqual(
        rotate.map((m) => m.group),
        ['1_key@3'],
        'Rotate Key… is in the key’s context menu only',
      );
    });

    it('references only declared commands in its menus', () => {
      for (const [menu, entries] of Object.entries(contributes.menus)) {
        for (const m of entries) {
          assert.ok(declared.has(m.command), `${menu}: ${m.command} is declared`);
        }
      }
    });

    it('shows view menus only on the Tyk view', () => {
      for (const menu of ['view/title', 'view/item/context']) {
        for (const m of menus(menu)) {
          assert.match(m.when ?? '', /(^|&&\s*)view == tyk\.apis(\s*&&|$)/, `${menu}: ${m.command} (${m.group}) when: ${m.when}`);
        }
      }
    });

    it('hides from the palette exactly the commands that need a tree node or a Problem (and those it has under another name)', () => {
      const hidden = menus('commandPalette')
        .filter((m) => m.when === 'false')
        .map((m) => m.command);
      assert.deepEqual([...hidden].sort(), [...NODE_ONLY, ...PALETTE_DUPLICATES, ...QUICK_FIX_ONLY].sort());
      const findings = fs.readFileSync(path.join(ROOT, 'src', 'ui', 'keyFindings.ts'), 'utf8');
      for (const id of QUICK_FIX_ONLY) {
        assert.ok(findings.includes(`MOVE_KEY_COMMAND = '${id}'`), `${id} is what the quick fix runs`);
      }
    });

    it('puts each node-only command on the nodes it needs: a context menu entry, or a tree item that runs it', () => {
      const views = fs
        .readdirSync(path.join(ROOT, 'src', 'views'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => fs.readFileSync(path.join(ROOT, 'src', 'views', f), 'utf8'))
        .join('\n');
      for (const id of NODE_ONLY) {
        const inMenu = menus('view/item/context').some((m) => m.command === id);
        const runByItem = views.includes(`command: '${id}'`);
        assert.ok(inMenu || runByItem, `${id} is reachable from the tree`);
      }
    });
  });

  describe('settings', () => {
    const properties = Object.entries(contributes.configuration.properties);

    it('are all tyk.*, each described in Markdown', () => {
      assert.ok(properties.length > 0);
      for (const [key, setting] of properties) {
        assert.match(key, /^tyk\./, key);
        assert.ok(setting.markdownDescription?.trim(), `${key} has a markdownDescription`);
        if (setting.enum && setting.markdownEnumDescriptions) {
          assert.equal(setting.markdownEnumDescriptions.length, setting.enum.length, `${key}: one description per value`);
        }
        for (const [field, item] of Object.entries(setting.items?.properties ?? {})) {
          assert.ok(item.markdownDescription?.trim(), `${key}[].${field} has a markdownDescription`);
        }
      }
    });

    it('tyk.insertFormat offers ask, every format the code writes and copy (Copy only), each described', () => {
      const setting = contributes.configuration.properties['tyk.insertFormat'];
      // 'copy' is COPY_ONLY of src/ui/pickKeyFormat.ts (a vscode module, not loaded by unit tests).
      assert.deepEqual(setting?.enum, ['ask', ...KEY_FORMATS, 'copy']);
      assert.equal(setting?.markdownEnumDescriptions?.length, KEY_FORMATS.length + 2);
    });

    it('are application- or machine-scoped: a workspace cannot point a connection elsewhere or relax TLS', () => {
      for (const [key, setting] of properties) {
        assert.ok(setting.scope === 'application' || setting.scope === 'machine', `${key}: scope ${setting.scope ?? '(none: window)'}`);
      }
    });
  });

  describe('walkthrough and chat tools', () => {
    it('walkthrough media files exist; completion commands are declared', () => {
      const declared = new Set(contributes.commands.map((c) => c.command));
      const steps = (contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => ({ ...s, id: `${w.id}/${s.id}` })));
      assert.ok(steps.length > 0, 'a walkthrough');
      for (const step of steps) {
        const media = step.media;
        const files =
          'markdown' in media ? [media.markdown] : 'svg' in media ? [media.svg] : typeof media.image === 'string' ? [media.image] : Object.values(media.image);
        if (!('markdown' in media)) {
          assert.ok(media.altText?.trim(), `${step.id}: altText`);
        }
        for (const file of files) {
          assert.ok(exists(file), `${step.id}: ${file} exists`);
        }
        for (const event of step.completionEvents ?? []) {
          const command = /^onCommand:(.+)$/.exec(event)?.[1];
          assert.ok(command === undefined || declared.has(command), `${step.id}: ${event} names a declared command`);
        }
      }
    });

    it('each language model tool has a name, a display name, a model description and an input schema', () => {
      const tools = contributes.languageModelTools ?? [];
      assert.ok(tools.length > 0);
      for (const tool of tools) {
        assert.match(tool.name ?? '', /^[a-zA-Z0-9_-]+$/, 'name');
        assert.ok(tool.displayName?.trim(), `${tool.name}: displayName`);
        assert.ok(tool.modelDescription?.trim(), `${tool.name}: modelDescription`);
        assert.equal(tool.inputSchema?.type, 'object', `${tool.name}: inputSchema`);
      }
    });
  });

  describe('engine and activation', () => {
    it('engines.vscode is ^<the pinned @types/vscode>, no newer than the VS Code the suites run in', () => {
      const types = manifest.devDependencies['@types/vscode'] ?? '';
      assert.match(types, /^\d+\.\d+\.\d+$/, '@types/vscode is pinned (no range): it is the API the code may use');
      assert.equal(manifest.engines.vscode, `^${types}`);
      const [major = 0, minor = 0] = types.split('.').map(Number);
      const [testedMajor = 0, testedMinor = 0] = TESTED_VSCODE;
      assert.ok(major < testedMajor || (major === testedMajor && minor <= testedMinor), `${types} ≤ ${TESTED_VSCODE.join('.')}`);
    });

    it('activationEvents lists nothing VS Code derives from contributes (commands, views, chat tools)', () => {
      const implied = new Set([
        ...contributes.commands.map((c) => `onCommand:${c.command}`),
        ...Object.values(contributes.views ?? {}).flatMap((views) => views.map((v) => `onView:${v.id}`)),
        ...(contributes.languageModelTools ?? []).map((t) => `onLanguageModelTool:${t.name ?? ''}`),
      ]);
      for (const event of manifest.activationEvents ?? []) {
        assert.notEqual(event, '*', 'no activation on startup');
        assert.ok(!implied.has(event), `${event} is implied by contributes`);
      }
    });
  });

  describe('Marketplace', () => {
    it('has a square PNG icon of 128 or 256 px, and every icon it names exists', () => {
      assert.ok(manifest.icon, 'an icon');
      assert.match(manifest.icon, /\.png$/, 'a PNG (the Marketplace takes no SVG)');
      const { width, height } = pngSize(path.join(ROOT, manifest.icon));
      assert.equal(width, height, 'square');
      assert.ok(width === 128 || width === 256, `128 or 256 px, not ${width}`);
      const icons = [
        ...Object.values(contributes.viewsContainers ?? {}).flatMap((cs) => cs.map((c) => c.icon)),
        ...Object.values(contributes.views ?? {}).flatMap((vs) => vs.map((v) => v.icon)),
      ].filter((i): i is string => i !== undefined);
      for (const icon of icons) {
        assert.ok(exists(icon), `${icon} exists`);
      }
    });

    it('has a gallery banner, honest categories from the Marketplace list, and at most 5 keywords', () => {
      assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-fA-F]{6}$/, 'banner colour');
      assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light', 'banner theme');
      assert.ok(manifest.categories && manifest.categories.length > 0, 'categories');
      for (const category of manifest.categories) {
        assert.ok(CATEGORIES.includes(category), `${category} is a Marketplace category`);
      }
      // Categories that promise a contribution need it.
      if (manifest.categories.includes('Snippets')) {
        assert.ok('snippets' in contributes, 'Snippets: contributes.snippets');
      }
      if (manifest.categories.includes('Chat')) {
        assert.ok((contributes.languageModelTools ?? []).length > 0, 'Chat: contributes chat tools');
      }
      assert.ok(manifest.keywords && manifest.keywords.length > 0 && manifest.keywords.length <= 5, 'between 1 and 5 keywords');
    });

    it('packages without a repository only by saying so (--allow-missing-repository)', () => {
      if (manifest.repository === undefined) {
        assert.match(manifest.scripts.package ?? '', /--allow-missing-repository/);
      }
    });
  });
  describe('localisation', () => {
    /** Every user-facing string of package.json, where it is: `displayName`, `contributes.commands[0].title`… */
    function userFacing(m: Manifest): Array<[string, unknown]> {
      const c = m.contributes;
      const out: Array<[string, unknown]> = [
        ['displayName', m.displayName],
        ['description', m.description],
        ['capabilities.untrustedWorkspaces.description', (m as { capabilities?: { untrustedWorkspaces?: { description?: string } } }).capabilities?.untrustedWorkspaces?.description],
        ['contributes.configuration.title', c.configuration.title],
      ];
      for (const [where, list] of Object.entries(c.viewsContainers ?? {})) {
        list.forEach((v, i) => out.push([`viewsContainers.${where}[${i}].title`, v.title]));
      }
      for (const [where, list] of Object.entries(c.views ?? {})) {
        list.forEach((v, i) => out.push([`views.${where}[${i}].name`, v.name], [`views.${where}[${i}].contextualTitle`, v.contextualTitle]));
      }
      (c.viewsWelcome ?? []).forEach((w, i) => out.push([`viewsWelcome[${i}].contents`, w.contents]));
      for (const cmd of c.commands) {
        out.push([`${cmd.command}.title`, cmd.title], [`${cmd.command}.category`, cmd.category]);
      }
      for (const [key, setting] of Object.entries(c.configuration.properties)) {
        out.push([`${key}.markdownDescription`, setting.markdownDescription]);
        (setting.markdownEnumDescriptions ?? []).forEach((d, i) => out.push([`${key}.markdownEnumDescriptions[${i}]`, d]));
        for (const [field, item] of Object.entries(setting.items?.properties ?? {})) {
          out.push([`${key}[].${field}.markdownDescription`, item.markdownDescription]);
        }
      }
      for (const tool of c.languageModelTools ?? []) {
        out.push([`${tool.name}.displayName`, tool.displayName], [`${tool.name}.userDescription`, tool.userDescription], [`${tool.name}.modelDescription`, tool.modelDescription]);
      }
      for (const w of c.walkthroughs ?? []) {
        out.push([`${w.id}.title`, w.title], [`${w.id}.description`, w.description]);
        for (const step of w.steps) {
          out.push([`${w.id}/${step.id}.title`, step.title], [`${w.id}/${step.id}.description`, step.description]);
        }
      }
      return out;
    }

    /** Every `%key%` package.json uses, at any depth. */
    function keysUsed(value: unknown): string[] {
      if (typeof value === 'string') {
        const key = NLS_KEY.exec(value)?.[1];
        return key === undefined ? [] : [key];
      }
      if (Array.isArray(value)) {
        return value.flatMap(keysUsed);
      }
      return typeof value === 'object' && value !== null ? Object.values(value).flatMap(keysUsed) : [];
    }

    it('gives every user-facing string as a %key% of package.nls.json', () => {
      const strings = userFacing(raw);
      assert.ok(strings.length > 50, `${strings.length} user-facing strings`);
      for (const [where, value] of strings) {
        assert.match(String(value), NLS_KEY, `${where} is a %key%, not the text itself`);
      }
    });

    it('package.nls.json holds exactly the keys package.json uses, each with an English text', () => {
      const used = new Set(keysUsed(raw));
      const missing = [...used].filter((k) => !(k in nls));
      const unused = Object.keys(nls).filter((k) => !used.has(k));
      assert.deepEqual(missing, [], 'keys package.json uses that package.nls.json lacks');
      assert.deepEqual(unused, [], 'keys of package.nls.json that package.json does not use');
      for (const [key, text] of Object.entries(nls)) {
        assert.ok(typeof text === 'string' && text.trim() !== '' && !NLS_KEY.test(text), `${key}: an English text`);
      }
    });

    it('points VS Code at the l10n bundle of the code\'s strings (l10n/bundle.l10n.json)', () => {
      assert.equal(raw.l10n, './l10n');
      assert.ok(exists('l10n/bundle.l10n.json'), 'l10n/bundle.l10n.json exists (npm run l10n)');
    });
  });
});
