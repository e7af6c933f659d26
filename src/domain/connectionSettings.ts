// One entry of the user setting `tyk.connections`, checked by type: settings are edited by hand, synced,
// or written by other extensions, and a value of the wrong type must never loosen a check
// (`"allowSelfSigned": "false"`, a string, is refused, not read as true). Also the plain-http rule,
// applied by the HTTP client before every request. Plain Node (zod), no `vscode`.
import * as z from 'zod/mini';
import { plainText } from './displayText';
import * as l10n from '@vscode/l10n';
import type { TykFlavor } from './model';

/** The longest id, name, URL and file path accepted in a connection. */
const MAX_ID_LENGTH = 200;
const MAX_NAME_LENGTH = 200;
const MAX_URL_LENGTH = 2048;
const MAX_FILE_LENGTH = 4096;

/** `s` without the `/` at its end, however many: a loop, not `/\/+$/` (quadratic on a long run of slashes). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2f) {
    end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

const httpUrl = z.string().check(
  z.maxLength(MAX_URL_LENGTH),
  z.refine(isHttpUrl, { error: 'an http:// or https:// URL with a host, and no user or password' }),
);

/** One `tyk.connections` entry. Unknown fields are dropped; every known one must have its type. */
export const ConnectionSetting = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH)),
  name: z.string().check(z.maxLength(MAX_NAME_LENGTH)),
  kind: z.enum(['dashboard', 'gateway']),
  url: httpUrl,
  caFile: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_FILE_LENGTH))),
  allowSelfSigned: z.optional(z.boolean()),
  allowInsecureHttp: z.optional(z.boolean()),
  gatewayUrl: z.optional(httpUrl),
});
export type ConnectionSetting = z.infer<typeof ConnectionSetting>;

export interface ConnectionSettingsResult {
  /** The valid entries, in order, the first of each id. */
  connections: ConnectionSetting[];
  /** One line per entry left out, for the user: which entry, which field, what is wrong. */
  problems: string[];
}

/**
 * The value of `tyk.connections` as read from the user's settings: each entry checked by
 * `ConnectionSetting`; an invalid entry is left out (never half-used) and said why.
 */
export function parseConnectionSettings(value: unknown): ConnectionSettingsResult {
  if (value === undefined || value === null) {
    return { connections: [], problems: [] };
  }
  if (!Array.isArray(value)) {
    return { connections: [], problems: [l10n.t('The setting tyk.connections must be a list of connections.')] };
  }
  const connections: ConnectionSetting[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const parsed = ConnectionSetting.safeParse(entry);
    const label = entryLabel(entry, index);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? plainText(issue.path.map(String).join('.'), 40) : '';
      problems.push(
        field
          ? l10n.t('The connection {0} in the setting tyk.connections is ignored: its field “{1}” is not valid ({2}).', label, field, plainText(issue?.message ?? '', 120))
          : l10n.t('The connection {0} in the setting tyk.connections is ignored: it is not valid ({1}).', label, plainText(issue?.message ?? '', 120)),
      );
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(l10n.t('The connection {0} in the setting tyk.connections is ignored: another connection has the same id.', label));
      return;
    }
    seen.add(parsed.data.id);
    connections.push(parsed.data);
  });
  return { connections, problems };
}

/** “Staging” (3rd), or “3rd” when the entry has no usable name: for messages. */
function entryLabel(entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? l10n.t('“{0}” (number {1})', plainText(name, 60), index + 1) : l10n.t('number {0}', index + 1);
}

const LOOPBACK_NAMES = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|\[::ffff:127(?:\.\d{1,3}){3}\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i;

/** Whether a URL host name (as `URL.hostname` writes it) is this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_NAMES.test(hostname.replace(/\.$/, ''));
}

/**
 * Whether a request to `url` may go: https always; plain http to this machine (loopback) always; plain
 * http to another host only when the user confirmed it for this connection (`allowInsecureHttp: true`,
 * the boolean itself). Anything else (another scheme, a URL that does not parse) may not.
 */
export function mayRequest(url: string, allowInsecureHttp: boolean | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') {
    return true;
  }
  return parsed.protocol === 'http:' && (isLoopbackHostname(parsed.hostname) || allowInsecureHttp === true);
}

/**
 * What binds a stored credential to the server it was given for: the connection's kind and normalised
 * address. Store it next to the credential; when the connection's URL (or kind) changes, the binding
 * differs and the credential must be asked for again rather than sent to the new address.
 */
export function credentialBinding(kind: TykFlavor, url: string): string {
  try {
    const parsed = new URL(url.trim());
    return `${kind} ${parsed.origin}${trimTrailingSlashes(parsed.pathname)}`;
  } catch {
    return `${kind} ${url.trim()}`;
  }
}

/** A connection to a Tyk Dashboard or Gateway, as the extension uses it (read from `tyk.connections`). */
export interface Connection {
  /** Stable id: names the secret. */
  id: string;
  name: string;
  kind: TykFlavor;
  url: string;
  /** A PEM file with the CA certificate(s) to trust for this connection only. */
  caFile?: string;
  /** Accept a self-signed certificate for this connection only. */
  allowSelfSigned?: boolean;
  /** The user confirmed sending the credential over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean;
  /** Dashboard connections: the Gateway that serves the Dashboard's APIs, for curl commands. */
  gatewayUrl?: string;
}
