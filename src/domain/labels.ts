// Words the extension uses for Tyk's things, wherever they are shown (tree, pickers, notifications,
// chat tools, errors): one definition each. Plain TypeScript (messages through the l10n.t() seam).
import * as l10n from '@vscode/l10n';
import { format } from './format';
import type { ApiProtocol, AuthKind, TykFlavor, TykPolicy } from './model';

/** How an API authenticates, in words ("auth token", "basic auth"…). */
export function authLabel(kind: AuthKind): string {
  switch (kind) {
    case 'authToken':
      return l10n.t('auth token');
    case 'keyless':
      return l10n.t('keyless');
    case 'basic':
      return l10n.t('basic auth');
    case 'jwt':
      return l10n.t('JWT');
    case 'oauth2':
      return l10n.t('OAuth 2.0');
    case 'hmac':
      return l10n.t('HMAC');
    case 'oidc':
      return l10n.t('OpenID Connect');
    case 'mtls':
      return l10n.t('mutual TLS');
    case 'custom':
      return l10n.t('custom auth');
    case 'multiple':
      return l10n.t('multiple auth methods');
  }
}

/** The badge of an API that is not plain HTTP: "TCP", "TLS", "MCP"; "" for HTTP. */
export function protocolLabel(protocol: ApiProtocol): string {
  switch (protocol) {
    case 'tcp':
      return l10n.t('TCP');
    case 'tls':
      return l10n.t('TLS');
    case 'mcp':
      return l10n.t('MCP');
    case 'http':
      return '';
  }
}

/** "Dashboard" or "Gateway": the kind of a connection, in a description. */
export function kindName(kind: TykFlavor): string {
  return kind === 'dashboard' ? l10n.t('Dashboard') : l10n.t('Gateway');
}

/** "Tyk Dashboard" or "Tyk Gateway". */
export function productName(kind: TykFlavor): string {
  return kind === 'dashboard' ? l10n.t('Tyk Dashboard') : l10n.t('Tyk Gateway');
}

/** "Dashboard · https://…", with "● default ·" in front for the default connection. */
export function connectionDescription(connection: { kind: TykFlavor; url: string }, isDefault: boolean): string {
  return isDefault ? l10n.t('● default · {0} · {1}', kindName(connection.kind), connection.url) : `${kindName(connection.kind)} · ${connection.url}`;
}

/** "1,000 requests per minute, 10,000 requests an hour" from a policy's limits (those it sets). */
export function policyLimits(policy: TykPolicy): string {
  return format().limits(policy);
}

/** What a key is for, in words: "Petstore", "Petstore and 1 more API", "Petstore and 2 more APIs". */
export function apisLabel(names: readonly string[]): string {
  const [first] = names;
  if (first === undefined) {
    return l10n.t('no API');
  }
  return names.length === 1 ? first : names.length === 2 ? l10n.t('{0} and 1 more API', first) : l10n.t('{0} and {1} more APIs', first, names.length - 1);
}

/**
 * A label's worth of a message: up to the end of its first sentence (a full stop, question or
 * exclamation mark before a space or the end, not inside a quote of the server's words), at most `max`
 * characters. Not up to a colon: in "Could not list the APIs on … at http://host:port: the connection
 * was refused: is the server running on that port?", what went wrong comes after it.
 */
export function firstSentence(text: string, max = 120): string {
  const end = sentenceEnd(text);
  return end > 0 && end < max ? text.slice(0, end + 1) : text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

/** Where the first sentence of `text` ends (the index of its mark), or -1. Quotes “…” and "…" are skipped. */
function sentenceEnd(text: string): number {
  let curly = 0;
  let straight = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '“') {
      curly++;
    } else if (c === '”') {
      curly = Math.max(0, curly - 1);
    } else if (c === '"') {
      straight = !straight;
    } else if ('.?!'.includes(c) && curly === 0 && !straight && (i + 1 === text.length || /\s/.test(text.charAt(i + 1)))) {
      return i;
    }
  }
  return -1;
}
