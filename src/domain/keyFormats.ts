// Where the key lands: the text inserted for a key, in one of five formats (the key alone, an HTTP
// header line, a .env line, a REST Client variable, a curl command). Pure functions, no `vscode`
// import: unit-tested from plain Node (their words go through src/tyk's translation seam).
import { trimTrailingSlashes } from './connectionSettings';
import * as l10n from '@vscode/l10n';
import { maskKey } from './mask';

export type KeyFormat = 'raw' | 'header' | 'env' | 'restClient' | 'curl';

/** What a format needs to know of an API (a TykApi has all of it). */
export interface FormatApi {
  name: string;
  listenPath: string;
  /** The header the API reads the key from (`auth.auth_header_name`). */
  authHeaderName: string;
}

export interface KeyFormatInput {
  key: string;
  /** The key's APIs; the first one names the .env variable and gives the header and listen path. */
  apis: readonly FormatApi[];
  /** Where the APIs are served, e.g. `http://localhost:8080` (see `gatewayBaseFor`). */
  gatewayBase: string;
}

export const KEY_FORMATS: readonly KeyFormat[] = ['raw', 'header', 'env', 'restClient', 'curl'];

/** The quick pick's label and explanation of a format, in the user's language. */
export function keyFormatLabel(format: KeyFormat): { label: string; detail: string } {
  switch (format) {
    case 'raw':
      return { label: l10n.t('Key only'), detail: l10n.t('The key alone, as Tyk returned it') };
    case 'header':
      return { label: l10n.t('HTTP header'), detail: l10n.t('A header line with the header the API reads the key from') };
    case 'env':
      return { label: l10n.t('.env line'), detail: l10n.t('A variable for a .env file: TYK_KEY_<API>=…') };
    case 'restClient':
      return { label: l10n.t('REST Client variable'), detail: l10n.t('A file variable for REST Client (.http): use it as {{tykKey}}') };
    case 'curl':
      return {
        label: l10n.t('curl command (bash/zsh)'),
        detail: l10n.t('A curl call to the API’s listen path with the key’s header, quoted for POSIX shells (bash, zsh, sh): not for fish, PowerShell or cmd'),
      };
  }
}

/** Where a Gateway serves APIs when a Dashboard connection does not say (`gatewayUrl`). */
export const DEFAULT_GATEWAY_BASE = 'http://localhost:8080';
export const DEFAULT_AUTH_HEADER = 'Authorization';
export const REST_CLIENT_VARIABLE = 'tykKey';

export function isKeyFormat(value: unknown): value is KeyFormat {
  return typeof value === 'string' && (KEY_FORMATS as readonly string[]).includes(value);
}

/** The text to insert for the key. */
export function formatKey(format: KeyFormat, input: KeyFormatInput): string {
  return render(format, input, input.key);
}

/**
 * The same text with the key masked (`abcd…9f2e`), for a preview. Quoting is decided on the real key,
 * so the preview shows the quotes the inserted text will have.
 */
export function previewKey(format: KeyFormat, input: KeyFormatInput): string {
  return render(format, input, maskKey(input.key));
}

function render(format: KeyFormat, input: KeyFormatInput, shown: string): string {
  const { key } = input;
  const api = input.apis[0];
  const header = headerNameOf(api);
  switch (format) {
    case 'raw':
      return shown;
    case 'header':
      return `${header}: ${shown}`;
    case 'env':
      return `${envVariableName(api?.name ?? '')}=${quote(envQuoting(key), shown)}`;
    case 'restClient':
      return `@${REST_CLIENT_VARIABLE} = ${shown}`;
    case 'curl': {
      const url = joinUrl(input.gatewayBase, api?.listenPath ?? '/');
      return `curl -H ${quote(headerQuoting(`${header}: ${key}`), `${header}: ${shown}`)} ${quote(wordQuoting(url), url)}`;
    }
  }
}

function headerNameOf(api: FormatApi | undefined): string {
  const name = api?.authHeaderName.trim();
  return name ? name : DEFAULT_AUTH_HEADER;
}

/** `TYK_KEY_PAYMENTS_API`: the API's name upper-cased, anything but A–Z/0–9 → `_`, collapsed, trimmed. */
export function envVariableName(apiName: string): string {
  const slug = apiName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug ? `TYK_KEY_${slug}` : 'TYK_KEY';
}

/** The gateway URL + the listen path, with exactly one `/` between them. */
export function joinUrl(base: string, listenPath: string): string {
  const path = listenPath.trim() || '/';
  return `${trimTrailingSlashes(base.trim())}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Where a connection's APIs are served: a Gateway's own URL; a Dashboard's `gatewayUrl`, else localhost:8080. */
export function gatewayBaseFor(connection: { kind: 'dashboard' | 'gateway'; url: string; gatewayUrl?: string | undefined }): string {
  const base = connection.kind === 'gateway' ? connection.url : connection.gatewayUrl;
  return typeof base === 'string' && base.trim() ? trimTrailingSlashes(base.trim()) : DEFAULT_GATEWAY_BASE;
}

type Quoting = 'none' | 'single' | 'double';

/** A shell word that needs no quotes: no spaces, quotes, globs, `$`, `;`, `&`, `|`, `~`, …. */
const SHELL_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function wordQuoting(s: string): Quoting {
  return SHELL_WORD.test(s) ? 'none' : 'single';
}

/** A header argument is double-quoted (as curl's docs write it) unless the shell would expand something in it. */
function headerQuoting(s: string): Quoting {
  return /["$`\\!\n\r]/.test(s) ? 'single' : 'double';
}

/** A .env value: bare when plain; single quotes when it holds none; else double quotes with escapes. */
function envQuoting(value: string): Quoting {
  if (/^[A-Za-z0-9_@%+=:,./~-]*$/.test(value)) {
    return 'none';
  }
  return value.includes("'") || /[\n\r]/.test(value) ? 'double' : 'single';
}

function quote(how: Quoting, s: string): string {
  switch (how) {
    case 'none':
      return s;
    case 'single':
      return `'${s.replace(/'/g, `'\\''`)}'`;
    case 'double':
      return `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  }
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
}

/**
 * The format a file asks for: a .env file → env; REST Client (`http`, `.http`, `.rest`) → restClient;
 * a shell script → curl; anything else → raw.
 */
export function defaultFormatFor(languageId: string, fileName: string): KeyFormat {
  const name = baseName(fileName);
  const language = languageId.toLowerCase();
  if (language === 'dotenv' || name === '.env' || name.startsWith('.env.') || (name.endsWith('.env') && name.length > 4)) {
    return 'env';
  }
  if (language === 'properties' && name.startsWith('.env')) {
    return 'env';
  }
  if (language === 'http' || name.endsWith('.http') || name.endsWith('.rest')) {
    return 'restClient';
  }
  if (language === 'shellscript' || /\.(sh|bash|zsh)$/.test(name)) {
    return 'curl';
  }
  return 'raw';
}

/**
 * The kind of file a remembered choice belongs to: files with the same default share it; others
 * by language (a choice made in a TypeScript file is not offered first in a Markdown one).
 */
export function fileKindFor(languageId: string, fileName: string): string {
  const format = defaultFormatFor(languageId, fileName);
  return format === 'raw' ? `language:${languageId.toLowerCase() || 'plaintext'}` : format;
}

/**
 * The APIs of a key for formatting, by id from what is known (the catalog), else a stand-in named
 * from `apiNames` (listen path `/`, header `Authorization`).
 */
export function formatApisOf(
  known: ReadonlyArray<FormatApi & { apiId: string }>,
  apiIds: readonly string[],
  apiNames: readonly string[] = [],
): FormatApi[] {
  const byId = new Map(known.map((a) => [a.apiId, a]));
  return apiIds.map((id, i) => {
    const api = byId.get(id);
    return api
      ? { name: api.name, listenPath: api.listenPath, authHeaderName: api.authHeaderName }
      : { name: apiNames[i] || id, listenPath: '/', authHeaderName: DEFAULT_AUTH_HEADER };
  });
}
