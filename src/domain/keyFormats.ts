// Where the key lands: the text inserted for a key, in one of six formats (the key alone, an HTTP
// header line, a .env line, a REST Client variable, a curl command for POSIX shells or for PowerShell).
// Nothing from a server or a setting may add a line, a header or a shell word: a format that cannot be
// written safely says why (`formatProblem`) and is never written. Pure functions, no `vscode` import:
// unit-tested from plain Node (their words go through src/tyk's translation seam).
import { trimTrailingSlashes } from './connectionSettings';
import * as l10n from '@vscode/l10n';
import { maskKey } from './mask';
import type { NotRequestableReason } from './model';
import { isWritableText, mustParse, parseGatewayBase, parseHeaderName, parseListenPath, problem, type Parsed } from './validation';

export type KeyFormat = 'raw' | 'header' | 'env' | 'restClient' | 'curl' | 'curlPowerShell';

/** What a format needs to know of an API (a TykApi has all of it). */
export interface FormatApi {
  name: string;
  listenPath: string;
  /** The header the API reads the key from (`auth.auth_header_name`). */
  authHeaderName: string;
  /** Whether an HTTP request can be written for it (`TykApi.requestable`); absent means it can. */
  requestable?: boolean;
  /** Why not, when `requestable` is false. */
  notRequestableReason?: NotRequestableReason;
}

/**
 * What was made, when it is not a plain key: a basic-auth user (its username and password; the key id is
 * not what the caller sends) or an HMAC key (the key id and the secret Tyk issued, used together to sign).
 */
export type Credential = { kind: 'basic'; username: string; password: string } | { kind: 'hmac'; secret: string };

export interface KeyFormatInput {
  key: string;
  /** The key's APIs; the first one names the .env variable and gives the header and listen path. */
  apis: readonly FormatApi[];
  /** Where the APIs are served, e.g. `http://localhost:8080` (see `gatewayBaseFor`). */
  gatewayBase: string;
  /** A basic-auth user or an HMAC key; absent for a key (auth token, certificate-bound key). */
  credential?: Credential;
}

export const KEY_FORMATS: readonly KeyFormat[] = ['raw', 'header', 'env', 'restClient', 'curl', 'curlPowerShell'];

/** The formats that are a request: a header line, a curl command. */
function isRequestFormat(format: KeyFormat): boolean {
  return format === 'header' || format === 'curl' || format === 'curlPowerShell';
}

/**
 * The formats that fit what was made and its API: a header or a curl line only where an HTTP request can
 * be written (`requestable`), and never for an HMAC key (each request is signed afresh, with its Date).
 */
export function formatsFor(input: Pick<KeyFormatInput, 'apis' | 'credential'>): KeyFormat[] {
  const requestable = input.apis[0]?.requestable !== false;
  return KEY_FORMATS.filter((f) => !isRequestFormat(f) || (requestable && input.credential?.kind !== 'hmac'));
}

/** The secret values a format writes: the key, a basic-auth user's username and password, an HMAC key's secret. */
function credentialValues(input: Pick<KeyFormatInput, 'key' | 'credential'>): string[] {
  const { credential } = input;
  return credential?.kind === 'basic' ? [credential.username, credential.password] : credential?.kind === 'hmac' ? [input.key, credential.secret] : [input.key];
}

/**
 * Why nothing at all can be written for what was made (every format holds it): the key, username,
 * password or secret has a control character or a line break. Undefined when it can be written.
 */
export function credentialProblem(input: Pick<KeyFormatInput, 'key' | 'credential'>): string | undefined {
  return credentialValues(input).every(isWritableText)
    ? undefined
    : l10n.t('What Tyk returned has control characters or line breaks: it is not written into a file, where they would start new lines.');
}

/**
 * Why `format` cannot be written for `input`, in the user's language; undefined when it can. The key
 * must be writable text (`credentialProblem`); a header line's header name an HTTP token; a curl
 * command's listen path a URL path and its Gateway address free of control characters; and PowerShell's
 * arguments free of what Windows PowerShell 5.1 passes to curl.exe wrongly.
 */
export function formatProblem(format: KeyFormat, input: KeyFormatInput): string | undefined {
  const wrong = credentialProblem(input);
  if (wrong === undefined && format === 'env' && credentialValues(input).some((v) => envQuoting(v) === undefined)) {
    return l10n.t('It holds all three quotes (\' " `): no .env quoting reads it back unchanged.');
  }
  if (wrong !== undefined || !isRequestFormat(format) || input.credential?.kind === 'hmac') {
    return wrong;
  }
  // A basic-auth user is sent as `Authorization: Basic …` (curl -u): the API's header name is not written.
  const header = input.credential ? undefined : problem(headerNameOf(input.apis[0]));
  const url = format === 'header' ? undefined : problem(urlOf(input));
  if (header !== undefined || url !== undefined) {
    return header ?? url;
  }
  if (format === 'curlPowerShell' && curlArguments(input).some(misreadByWindowsPowerShell)) {
    return l10n.t(
      'Windows PowerShell passes a double quote, or a backslash at the end of an argument with a space, to curl.exe wrongly: use the bash/zsh command or the key alone.',
    );
  }
  return undefined;
}

/** The quick pick's label and explanation of a format, in the user's language, for what was made. */
export function keyFormatLabel(format: KeyFormat, credential?: Credential['kind']): { label: string; detail: string } {
  if (credential === 'basic') {
    return basicFormatLabel(format);
  }
  if (credential === 'hmac') {
    return hmacFormatLabel(format);
  }
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
    case 'curlPowerShell':
      return {
        label: l10n.t('curl command (PowerShell)'),
        detail: l10n.t('A curl.exe call to the API’s listen path with the key’s header, quoted for PowerShell (Windows PowerShell and PowerShell 7)'),
      };
  }
}

function basicFormatLabel(format: KeyFormat): { label: string; detail: string } {
  switch (format) {
    case 'raw':
      return { label: l10n.t('Username and password'), detail: l10n.t('username:password, as typed at a basic-auth prompt') };
    case 'header':
      return { label: l10n.t('HTTP header'), detail: l10n.t('Authorization: Basic …, the username and password encoded as HTTP basic auth') };
    case 'env':
      return { label: l10n.t('.env lines'), detail: l10n.t('Two variables for a .env file: TYK_USER_<API>=… and TYK_PASSWORD_<API>=…') };
    case 'restClient':
      return { label: l10n.t('REST Client variables'), detail: l10n.t('File variables for REST Client (.http): use them as Authorization: Basic {{tykUser}}:{{tykPassword}}') };
    case 'curl':
      return { label: l10n.t('curl command (bash/zsh)'), detail: l10n.t('A curl call to the API’s listen path with -u username:password, quoted for POSIX shells (bash, zsh, sh)') };
    case 'curlPowerShell':
      return { label: l10n.t('curl command (PowerShell)'), detail: l10n.t('A curl.exe call to the API’s listen path with -u username:password, quoted for PowerShell') };
  }
}

function hmacFormatLabel(format: KeyFormat): { label: string; detail: string } {
  switch (format) {
    case 'env':
      return { label: l10n.t('.env lines'), detail: l10n.t('Two variables for a .env file: TYK_KEY_<API>=<key id> and TYK_HMAC_SECRET_<API>=<secret>') };
    case 'restClient':
      return { label: l10n.t('REST Client variables'), detail: l10n.t('File variables for REST Client (.http): {{tykKey}} (the key id) and {{tykHmacSecret}}') };
    default:
      return { label: l10n.t('Key id and secret'), detail: l10n.t('Two lines: the key id (keyId in the signature) and the HMAC secret that signs each request') };
  }
}

/** Where a Gateway serves APIs when a Dashboard connection does not say (`gatewayUrl`). */
export const DEFAULT_GATEWAY_BASE = 'http://localhost:8080';
export const DEFAULT_AUTH_HEADER = 'Authorization';

/** HTTP basic auth's scheme (RFC 7617): `Authorization: Basic base64(username:password)`. */
export type BasicScheme = 'Basic';
export const BASIC_SCHEME: BasicScheme = 'Basic';

/** A REST Client header line that sends the basic-auth variables (REST Client encodes `user:password`). */
export function restClientBasicHeader(): string {
  return `${DEFAULT_AUTH_HEADER}: ${BASIC_SCHEME} {{${REST_CLIENT_USER}}}:{{${REST_CLIENT_PASSWORD}}}`;
}
export const REST_CLIENT_VARIABLE = 'tykKey';
export const REST_CLIENT_USER = 'tykUser';
export const REST_CLIENT_PASSWORD = 'tykPassword';
export const REST_CLIENT_HMAC_SECRET = 'tykHmacSecret';

export function isKeyFormat(value: unknown): value is KeyFormat {
  return typeof value === 'string' && (KEY_FORMATS as readonly string[]).includes(value);
}

/** The text to insert for the key. Throws, with the message of `formatProblem`, when it cannot be written. */
export function formatKey(format: KeyFormat, input: KeyFormatInput): string {
  return render(format, input, false);
}

/**
 * What Copy puts on the clipboard and the last-resort dialog shows: the key; a basic-auth user's
 * `username:password`; an HMAC key's id and secret, on two lines.
 */
export function credentialText(input: Pick<KeyFormatInput, 'key' | 'credential'>): string {
  const { credential } = input;
  if (credential?.kind === 'basic') {
    return `${credential.username}:${credential.password}`;
  }
  if (credential?.kind === 'hmac') {
    return hmacPair(input.key, credential.secret);
  }
  return input.key;
}

/**
 * The same text with the key masked (`abcd…9f2e`), for a preview. Quoting is decided on the real key,
 * so the preview shows the quotes the inserted text will have.
 */
export function previewKey(format: KeyFormat, input: KeyFormatInput): string {
  return render(format, input, true);
}

function render(format: KeyFormat, input: KeyFormatInput, masked: boolean): string {
  const wrong = formatProblem(format, input);
  if (wrong !== undefined) {
    throw new Error(wrong);
  }
  if (input.credential?.kind === 'basic') {
    return renderBasic(format, input, input.credential, masked);
  }
  if (input.credential?.kind === 'hmac') {
    return renderHmac(format, input, input.credential.secret, masked);
  }
  const { key } = input;
  const shown = masked ? maskKey(key) : key;
  const api = input.apis[0];
  switch (format) {
    case 'raw':
      return shown;
    case 'header':
      return `${mustParse(headerNameOf(api))}: ${shown}`;
    case 'env':
      return `${envVariableName(api?.name ?? '')}=${envQuote(key, shown)}`;
    case 'restClient':
      return `@${REST_CLIENT_VARIABLE} = ${shown}`;
    case 'curl': {
      const header = mustParse(headerNameOf(api));
      const url = mustParse(urlOf(input));
      return `curl -H ${quote(headerQuoting(`${header}: ${key}`), `${header}: ${shown}`)} ${quote(wordQuoting(url), url)}`;
    }
    case 'curlPowerShell': {
      const header = mustParse(headerNameOf(api));
      return `curl.exe -H ${powerShellQuote(`${header}: ${shown}`)} ${powerShellQuote(mustParse(urlOf(input)))}`;
    }
  }
}

/** A basic-auth user: the preview masks the password (`maskKey`), never the username. */
function renderBasic(format: KeyFormat, input: KeyFormatInput, user: { username: string; password: string }, masked: boolean): string {
  const api = input.apis[0];
  const password = masked ? maskKey(user.password) : user.password;
  const pair = `${user.username}:${user.password}`;
  switch (format) {
    case 'raw':
      return `${user.username}:${password}`;
    case 'header':
      return `Authorization: Basic ${masked ? maskKey(Buffer.from(pair).toString('base64')) : Buffer.from(pair).toString('base64')}`;
    case 'env': {
      const name = envVariableName(api?.name ?? '').replace(/^TYK_KEY/, '');
      return `TYK_USER${name}=${envQuote(user.username, user.username)}\nTYK_PASSWORD${name}=${envQuote(user.password, password)}`;
    }
    case 'restClient':
      return `@${REST_CLIENT_USER} = ${user.username}\n@${REST_CLIENT_PASSWORD} = ${password}`;
    case 'curl': {
      const url = mustParse(urlOf(input));
      return `curl -u ${quote(wordQuoting(pair), `${user.username}:${password}`)} ${quote(wordQuoting(url), url)}`;
    }
    case 'curlPowerShell':
      return `curl.exe -u ${powerShellQuote(`${user.username}:${password}`)} ${powerShellQuote(mustParse(urlOf(input)))}`;
  }
}

/** An HMAC key: its id and its secret, together (no header or curl: each request is signed). */
function renderHmac(format: KeyFormat, input: KeyFormatInput, secret: string, masked: boolean): string {
  const id = masked ? maskKey(input.key) : input.key;
  const shownSecret = masked ? maskKey(secret) : secret;
  const name = envVariableName(input.apis[0]?.name ?? '').replace(/^TYK_KEY/, '');
  switch (format) {
    case 'env':
      return `TYK_KEY${name}=${envQuote(input.key, id)}\nTYK_HMAC_SECRET${name}=${envQuote(secret, shownSecret)}`;
    case 'restClient':
      return `@${REST_CLIENT_VARIABLE} = ${id}\n@${REST_CLIENT_HMAC_SECRET} = ${shownSecret}`;
    default:
      return hmacPair(id, shownSecret);
  }
}

/** An HMAC key's id and secret on two lines, named as Tyk's signature and session name them. */
function hmacPair(id: string, secret: string): string {
  return `keyId: ${id}\nsecret: ${secret}`;
}

/** The header the API reads the key from (`Authorization` when it names none), if it is an HTTP token. */
function headerNameOf(api: FormatApi | undefined): Parsed<string> {
  return parseHeaderName(api?.authHeaderName.trim() || DEFAULT_AUTH_HEADER);
}

/** The Gateway address + the first API's listen path, if both can be written. */
function urlOf(input: Pick<KeyFormatInput, 'apis' | 'gatewayBase'>): Parsed<string> {
  const base = parseGatewayBase(input.gatewayBase);
  // No API (or a blank listen path): the root.
  const path = parseListenPath(input.apis[0]?.listenPath ?? '');
  return !base.ok ? base : !path.ok ? path : { ok: true, value: joinUrl(base.value, path.value) };
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

/** A value as the .env format writes it: bare when plain; else quoted so that dotenv reads it back unchanged. */
export function envValue(value: string): string {
  return envQuote(value, value);
}

/** A word for a POSIX shell: bare when it needs no quotes, else single-quoted. */
export function shellWord(s: string): string {
  return quote(wordQuoting(s), s);
}

/** What a request format (header line, curl command) writes besides the key: the header name and the URL; undefined when either cannot be written. */
export function requestParts(input: Pick<KeyFormatInput, 'apis' | 'gatewayBase'>): { header: string; url: string } | undefined {
  const header = headerNameOf(input.apis[0]);
  const url = urlOf(input);
  return header.ok && url.ok ? { header: header.value, url: url.value } : undefined;
}

/** The gateway URL + the listen path, with exactly one `/` between them. */
export function joinUrl(base: string, listenPath: string): string {
  const path = listenPath.trim();
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
  return /["$`\\!]/.test(s) ? 'single' : 'double';
}

type EnvQuoting = 'none' | 'single' | 'double' | 'backtick';

/**
 * A .env value, as dotenv reads it (it unescapes nothing but `\n` and `\r` in double quotes): bare when
 * plain; else in the first of ' " ` the value does not hold (double quotes only without a backslash
 * before n or r); undefined when no quoting reads it back unchanged.
 */
function envQuoting(value: string): EnvQuoting | undefined {
  if (/^[A-Za-z0-9_@%+=:,./~-]*$/.test(value)) {
    return 'none';
  }
  if (!value.includes("'")) {
    return 'single';
  }
  if (!value.includes('"') && !/\\[nr]/.test(value)) {
    return 'double';
  }
  return value.includes('`') ? undefined : 'backtick';
}

/** `shown` quoted as `value` needs it on a .env line (the same quotes for a masked preview). */
function envQuote(value: string, shown: string): string {
  switch (envQuoting(value)) {
    case 'none':
      return shown;
    case 'single':
      return `'${shown}'`;
    case 'double':
      return `"${shown}"`;
    case 'backtick':
      return `\`${shown}\``;
    case undefined:
      throw new Error(l10n.t('It holds all three quotes (\' " `): no .env quoting reads it back unchanged.'));
  }
}

/** POSIX shell quoting. No line break reaches it: `formatProblem` refuses them first. */
function quote(how: Quoting, s: string): string {
  switch (how) {
    case 'none':
      return s;
    case 'single':
      return `'${s.replace(/'/g, `'\\''`)}'`;
    case 'double':
      return `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
  }
}

/**
 * A PowerShell single-quoted string: nothing inside is expanded; a quote is written twice. PowerShell
 * reads the typographic single quotes (‘ ’ ‚ ‛) as quotes too, so they are doubled as well.
 */
export function powerShellQuote(s: string): string {
  return `'${s.replace(/['\u2018-\u201b]/g, (c) => c + c)}'`;
}

/** The arguments a curl command passes to curl (the header or the basic-auth user, and the URL). */
function curlArguments(input: KeyFormatInput): string[] {
  const { credential } = input;
  const first = credential?.kind === 'basic' ? `${credential.username}:${credential.password}` : `${mustParse(headerNameOf(input.apis[0]))}: ${input.key}`;
  return [first, mustParse(urlOf(input))];
}

/**
 * Windows PowerShell 5.1 wraps an argument with a space in double quotes for a native program without
 * escaping what is inside: a `"` anywhere, or a `\` at the end of such an argument, reaches curl.exe
 * changed (PowerShell 7.3 and later pass both right).
 */
function misreadByWindowsPowerShell(argument: string): boolean {
  return argument.includes('"') || (/\s/.test(argument) && argument.endsWith('\\'));
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? '').toLowerCase();
}

/**
 * The format a file asks for: a .env file → env; REST Client (`http`, `.http`, `.rest`) → restClient;
 * a shell script → curl; a PowerShell script → curlPowerShell; anything else → raw.
 */
export function defaultFormatFor(languageId: string, fileName: string): KeyFormat {
  const name = baseName(fileName);
  const language = languageId.toLowerCase();
  if (language === 'dotenv' || name.startsWith('.env.') || name.endsWith('.env')) {
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
  if (language === 'powershell' || /\.ps[dm]?1$/.test(name)) {
    return 'curlPowerShell';
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
      ? {
          name: api.name,
          listenPath: api.listenPath,
          authHeaderName: api.authHeaderName,
          ...(api.requestable === false ? { requestable: false } : {}),
          ...(api.notRequestableReason ? { notRequestableReason: api.notRequestableReason } : {}),
        }
      : { name: apiNames[i] || id, listenPath: '/', authHeaderName: DEFAULT_AUTH_HEADER };
  });
}
