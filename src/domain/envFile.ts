// A key kept in a .env file instead of a file git tracks: the variable's name (from the key's alias,
// unique in the file), the line appended (quoted as the .env format of keyFormats.ts quotes, so dotenv
// reads the key back unchanged), and what is written where the key would have gone — a reference to
// the variable in the file's own syntax, in the shape of the insert format chosen (a curl line with
// `$TYK_KEY_…` in place of the key). Plain TypeScript, no `vscode`: shared by the leak guard and
// "Find Keys in Workspace".
import { envValue, envVariableName, powerShellQuote, REST_CLIENT_VARIABLE, requestParts, shellWord, type KeyFormat, type KeyFormatInput } from './keyFormats';
import * as l10n from '@vscode/l10n';
import { isWritableText } from './validation';

/**
 * Where git stands on a file, as the leak guard needs it (src/services/git.ts answers): `exposed`, in a
 * repository (`root`, a file system path) and not ignored — one commit away from a leak; `ignored`; or
 * `unknown` (no git, git turned off, an untitled or non-file document, outside any repository: `why`).
 */
export type GitStanding = { kind: 'exposed'; root: string } | { kind: 'ignored'; root: string } | { kind: 'unknown'; why: string };

/** The longest name made from an alias (a long alias still gives a name one can type). */
const MAX_NAME_LENGTH = 64;

/** A name a .env line may define (what dotenv and POSIX shells both read). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `TYK_KEY_<ALIAS>`: the alias upper snake case (accents dropped, anything but A–Z/0–9 → `_`), `TYK_KEY`
 * without one; `_2`, `_3`… appended until it is not in `taken`.
 */
export function envVarName(alias: string | undefined, taken: ReadonlySet<string>): string {
  const base = envVariableName(alias ?? '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/_+$/, '');
  if (!taken.has(base)) {
    return base;
  }
  for (let n = 2; ; n++) {
    const name = `${base}_${n}`;
    if (!taken.has(name)) {
      return name;
    }
  }
}

/** A line that defines a variable, as dotenv reads it: `NAME=…`, `export NAME=…`, `NAME: …`. */
const DEFINITION = /^\s*(?:export\s+)?([\w.-]+)\s*(?:=|:\s)/;

/** The names a .env text defines (comments and blank lines skipped). */
export function envNamesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const name = DEFINITION.exec(line)?.[1];
    if (name !== undefined) {
      names.add(name);
    }
  }
  return names;
}

/**
 * `text` with `NAME=value` appended on a line of its own (after a line break when the text does not
 * end with one; the file's own line breaks kept). Throws for a name no .env line may define or a value
 * that cannot be written on one line (a control character, a line break).
 */
export function appendEnvLine(text: string, name: string, value: string): string {
  if (!ENV_NAME.test(name)) {
    throw new Error(l10n.t('Not a variable name for a .env file: {0}', JSON.stringify(name)));
  }
  if (!isWritableText(value)) {
    throw new Error(l10n.t('The value has control characters or line breaks: it cannot be written on a .env line.'));
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${separator}${name}=${envValue(value)}${eol}`;
}

/**
 * How a file of `languageId` reads the environment variable `name`: REST Client `{{$dotenv NAME}}`,
 * shell `$NAME`, PowerShell `$env:NAME`, JS/TS `process.env.NAME`, Python `os.environ["NAME"]`, and the
 * usual call of a few more languages; the name alone where a language has none.
 */
export function envReference(languageId: string, name: string): string {
  switch (languageId.toLowerCase()) {
    case 'http':
      return `{{$dotenv ${name}}}`;
    case 'shellscript':
      return `$${name}`;
    case 'powershell':
      return `$env:${name}`;
    case 'javascript':
    case 'javascriptreact':
    case 'typescript':
    case 'typescriptreact':
      return `process.env.${name}`;
    case 'python':
      return `os.environ["${name}"]`;
    case 'go':
      return `os.Getenv("${name}")`;
    case 'java':
      return `System.getenv("${name}")`;
    case 'csharp':
      return `Environment.GetEnvironmentVariable("${name}")`;
    case 'ruby':
      return `ENV["${name}"]`;
    case 'php':
      return `getenv('${name}')`;
    case 'rust':
      return `std::env::var("${name}")`;
    case 'dockercompose':
    case 'yaml':
    case 'dotenv':
      return `\${${name}}`;
    case 'makefile':
      return `$(${name})`;
    case 'bat':
      return `%${name}%`;
    default:
      return name;
  }
}

/** Whether `envReference` gives more than the name alone for a language (a way to read the environment). */
export function hasEnvReference(languageId: string): boolean {
  return envReference(languageId, 'X') !== 'X';
}

/**
 * Whether a reference is read from the .env beside the file rather than at the folder's root: REST
 * Client's `{{$dotenv NAME}}` reads the `.env` in the .http file's own folder (its systemVariableProvider:
 * `path.join(path.dirname(document.fileName), '.env')`).
 */
export function readsEnvBesideFile(reference: string): boolean {
  return reference.includes('{{$dotenv ');
}

/** A header name written inside double quotes as it is (an HTTP token without `$`, `` ` ``, `!`, `\`, `"`). */
const PLAIN_HEADER = /^[A-Za-z0-9._~+-]+$/;

/**
 * What goes where the key would have gone, when the key itself is in `.env` as `name`: the insert
 * format `format` with a reference in place of the key — the key alone or a .env line → the
 * language's reference (`envReference`); a header line → the header with the reference; a REST Client
 * variable → `@tykKey = {{$dotenv NAME}}`; the curl commands → the same command reading the variable
 * (`"Authorization: $NAME"`, PowerShell `"Authorization: $env:NAME"`). Undefined for a basic-auth
 * user or an HMAC key (more than one secret: they are not moved), or a request format that cannot be
 * written for `input`.
 */
export function referenceText(format: KeyFormat, input: Pick<KeyFormatInput, 'apis' | 'gatewayBase' | 'credential'>, languageId: string, name: string): string | undefined {
  if (input.credential !== undefined || !ENV_NAME.test(name)) {
    return undefined;
  }
  switch (format) {
    case 'raw':
    case 'env':
      return envReference(languageId, name);
    case 'restClient':
      return `@${REST_CLIENT_VARIABLE} = {{$dotenv ${name}}}`;
    case 'header': {
      const parts = requestParts(input);
      return parts && `${parts.header}: ${envReference(languageId, name)}`;
    }
    case 'curl': {
      const parts = requestParts(input);
      if (!parts) {
        return undefined;
      }
      const header = PLAIN_HEADER.test(parts.header) ? `"${parts.header}: $${name}"` : `${shellWord(`${parts.header}: `)}"$${name}"`;
      return `curl -H ${header} ${shellWord(parts.url)}`;
    }
    case 'curlPowerShell': {
      const parts = requestParts(input);
      if (!parts) {
        return undefined;
      }
      const header = PLAIN_HEADER.test(parts.header) ? `"${parts.header}: $env:${name}"` : `(${powerShellQuote(`${parts.header}: `)} + $env:${name})`;
      return `curl.exe -H ${header} ${powerShellQuote(parts.url)}`;
    }
  }
}
