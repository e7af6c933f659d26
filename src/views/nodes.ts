// The items of the Tyk view. `contextValue` decides which menu actions apply (package.json `when`).
import * as vscode from 'vscode';
import type { Connection } from '../services/connections';
import { fingerprint } from '../services/knownKeys';
import { maskKey } from '../tyk/mask';
import type { AuthKind, TykApi, TykPolicy } from '../tyk/model';

export const AUTH_LABELS: Record<AuthKind, string> = {
  authToken: 'auth token',
  keyless: 'keyless',
  basic: 'basic auth',
  jwt: 'JWT',
  oauth2: 'OAuth 2.0',
  hmac: 'HMAC',
  oidc: 'OpenID Connect',
  mtls: 'mutual TLS',
  custom: 'custom auth',
  multiple: 'multiple auth methods',
};

export class ConnectionNode {
  readonly type = 'connection';
  constructor(readonly connection: Connection) {}
}

export class ApiNode {
  readonly type = 'api';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    /** OAS version APIs shown under their base. */
    readonly oasChildren: readonly TykApi[] = [],
  ) {}
}

export class VersionNode {
  readonly type = 'version';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    readonly version: string,
  ) {}
}

export class KeysNode {
  readonly type = 'keys';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
  ) {}
}

export class KeyNode {
  readonly type = 'key';
  constructor(
    readonly connection: Connection,
    readonly api: TykApi,
    /** As listed: the key itself, or its hash. */
    readonly listedId: string,
    readonly hashed: boolean,
    readonly alias?: string,
  ) {}
}

export class PoliciesNode {
  readonly type = 'policies';
  constructor(readonly connection: Connection) {}
}

export class PolicyNode {
  readonly type = 'policy';
  constructor(
    readonly connection: Connection,
    readonly policy: TykPolicy,
  ) {}
}

export class MessageNode {
  readonly type = 'message';
  constructor(
    readonly connection: Connection,
    readonly message: string,
    readonly kind: 'error' | 'info',
    readonly detail?: string,
    readonly command?: vscode.Command,
  ) {}
}

export type TykNode = ConnectionNode | ApiNode | VersionNode | KeysNode | KeyNode | PoliciesNode | PolicyNode | MessageNode;

/** `isDefault`: the connection palette commands use without asking (marked when there is a choice). */
export function connectionItem(node: ConnectionNode, isDefault = false): vscode.TreeItem {
  const { connection } = node;
  const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `connection:${connection.id}`;
  item.description = `${isDefault ? '● default · ' : ''}${connection.kind === 'dashboard' ? 'Dashboard' : 'Gateway'} · ${connection.url}`;
  item.tooltip = new vscode.MarkdownString(
    `**${escapeMd(connection.name)}**\n\nTyk ${connection.kind === 'dashboard' ? 'Dashboard' : 'Gateway'} at \`${connection.url}\``,
  );
  item.iconPath = new vscode.ThemeIcon(connection.kind === 'dashboard' ? 'server-environment' : 'server-process');
  item.contextValue = `connection.${connection.kind}`;
  item.accessibilityInformation = {
    label: `Tyk ${connection.kind === 'dashboard' ? 'Dashboard' : 'Gateway'} connection ${spoken(connection.name)}${isDefault ? ', the default' : ''}, at ${connection.url}`,
  };
  return item;
}

/** Keyless APIs take no key: they get no Keys node. */
export function hasKeys(api: TykApi): boolean {
  return api.authKind !== 'keyless';
}

export function apiItem(node: ApiNode): vscode.TreeItem {
  const { api } = node;
  const hasChildren = node.oasChildren.length > 0 || (!api.isOas && api.versions.length > 1) || hasKeys(api);
  const item = new vscode.TreeItem(api.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `api:${node.connection.id}:${api.apiId}`;
  const state = apiState(api);
  item.description = [api.listenPath, AUTH_LABELS[api.authKind], state].filter(Boolean).join(' · ');
  const versions = api.isOas
    ? api.oasVersions.length > 0
      ? `OAS versions: ${api.oasVersions.map((v) => v.name).join(', ')}`
      : 'Tyk OAS API'
    : `Versions: ${api.versions.join(', ')}${api.defaultVersion ? ` (default ${api.defaultVersion})` : ''}`;
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMd(api.name)}**`,
      `API ID: \`${api.apiId}\``,
      `Listen path: \`${api.listenPath || '—'}\``,
      `Authentication: ${AUTH_LABELS[api.authKind]}${api.authKind === 'authToken' ? ` (header \`${api.authHeaderName}\`)` : ''}`,
      versions,
      `State: ${state || 'active'}`,
    ].join('\n\n'),
  );
  item.iconPath = !api.active
    ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
    : api.internal
      ? new vscode.ThemeIcon('lock', new vscode.ThemeColor('descriptionForeground'))
      : new vscode.ThemeIcon(api.authKind === 'keyless' ? 'unlock' : 'key');
  item.contextValue = `api${api.isOas ? '.oas' : ''}${api.active ? '' : '.inactive'}${api.internal ? '.internal' : ''}`;
  item.accessibilityInformation = {
    label: `API ${spoken(api.name)}, ${api.listenPath ? `path ${spoken(api.listenPath)}, ` : ''}${AUTH_LABELS[api.authKind]}${state ? `, ${state}` : ''}`,
  };
  return item;
}

export function versionItem(node: VersionNode): vscode.TreeItem {
  const isDefault = node.api.defaultVersion === node.version;
  const item = new vscode.TreeItem(node.version, vscode.TreeItemCollapsibleState.None);
  item.id = `version:${node.connection.id}:${node.api.apiId}:${node.version}`;
  item.description = isDefault ? 'default' : undefined;
  item.tooltip = `Version ${node.version} of ${node.api.name}${isDefault ? ' (default)' : ''}`;
  item.iconPath = new vscode.ThemeIcon('versions');
  item.contextValue = 'version';
  item.accessibilityInformation = { label: `Version ${spoken(node.version)} of ${spoken(node.api.name)}${isDefault ? ', default' : ''}` };
  return item;
}

export function keysItem(node: KeysNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Keys', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `keys:${node.connection.id}:${node.api.apiId}`;
  item.iconPath = new vscode.ThemeIcon('key');
  item.tooltip = `The keys that grant access to ${node.api.name}`;
  item.contextValue = 'keys';
  item.accessibilityInformation = { label: `Keys of ${spoken(node.api.name)}` };
  return item;
}

export function keyItem(node: KeyNode): vscode.TreeItem {
  const masked = maskKey(node.listedId);
  const item = new vscode.TreeItem(node.alias ?? masked, vscode.TreeItemCollapsibleState.None);
  // The id travels to the workbench: a fingerprint, never the key.
  item.id = `key:${node.connection.id}:${node.api.apiId}:${fingerprint(node.listedId).slice(0, 24)}`;
  item.description = [node.alias ? masked : '', node.hashed ? 'by hash' : ''].filter(Boolean).join(' · ') || undefined;
  item.tooltip = new vscode.MarkdownString(
    [`**${escapeMd(node.alias ?? 'Key')}**`, `${node.hashed ? 'Hash' : 'Key'}: \`${masked}\` (masked)`, `Grants ${escapeMd(node.api.name)}`].join('\n\n'),
  );
  item.iconPath = new vscode.ThemeIcon('key');
  item.contextValue = 'key';
  item.command = { title: 'Show Key Details', command: 'tyk.showKeyDetails', arguments: [node] };
  // Read aloud: the alias or the key's last characters, never the masked gibberish.
  item.accessibilityInformation = {
    label: `${node.alias ? `Key ${spoken(node.alias)}` : `Key ending in ${node.listedId.slice(-4).split('').join(' ')}`}${node.hashed ? ', known by hash' : ''}`,
  };
  return item;
}

export function policiesItem(node: PoliciesNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Policies', vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `policies:${node.connection.id}`;
  item.iconPath = new vscode.ThemeIcon('shield');
  item.tooltip = 'Policies grant APIs and set limits for the keys that apply them';
  item.contextValue = 'policies';
  item.accessibilityInformation = { label: `Policies of ${spoken(node.connection.name)}` };
  return item;
}

/** "1000 requests per 60 s, 10000 per 3600 s" from a policy's limits. */
export function policyLimits(policy: TykPolicy): string {
  const rate = policy.rate === undefined ? '' : policy.rate <= 0 ? 'no rate limit' : `${policy.rate} requests per ${policy.per ?? 1} s`;
  const quota = policy.quotaMax === undefined ? '' : policy.quotaMax < 0 ? 'unlimited quota' : `quota ${policy.quotaMax} per ${policy.quotaRenewalRate ?? '?'} s`;
  return [rate, quota].filter(Boolean).join(', ');
}

export function policyItem(node: PolicyNode): vscode.TreeItem {
  const { policy } = node;
  const item = new vscode.TreeItem(policy.name, vscode.TreeItemCollapsibleState.None);
  item.id = `policy:${node.connection.id}:${policy.id}`;
  const apis = `${policy.apis.length} API${policy.apis.length === 1 ? '' : 's'}`;
  item.description = [policy.active ? '' : 'inactive', apis].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(
    [
      `**${escapeMd(policy.name)}**${policy.active ? '' : ' (inactive)'}`,
      `Policy ID: \`${policy.id}\``,
      `Grants: ${policy.apis.map((a) => escapeMd(a.apiName ?? a.apiId)).join(', ') || 'no API'}`,
      policyLimits(policy) ? `Limits: ${policyLimits(policy)}` : '',
      policy.keyExpiresIn ? `Keys expire after ${policy.keyExpiresIn} s` : '',
      'A key that applies this policy takes its rights, limits and expiry from it.',
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  item.iconPath = policy.active ? new vscode.ThemeIcon('shield') : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  item.contextValue = policy.active ? 'policy' : 'policy.inactive';
  item.accessibilityInformation = { label: `Policy ${spoken(policy.name)}${policy.active ? '' : ', inactive'}, grants ${apis}` };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.kind === 'error' ? 'error' : 'info');
  item.tooltip = node.detail ?? node.message;
  item.contextValue = `message.${node.kind}`;
  if (node.command) {
    item.command = node.command;
  }
  // Its text, without the "…" of "Load more APIs…"; an error says so, in full (a screen reader does
  // not get the tooltip), and what activating it does ("Retry", "Update Credential").
  item.accessibilityInformation = {
    label:
      node.kind === 'error'
        ? `Error: ${sentence(spoken(fullText(node)))}${node.command ? ` ${spoken(node.command.title)}` : ''}`
        : spoken(node.message),
  };
  return item;
}

/**
 * A message in full: when its detail is what the label shortened ("Could not load the APIs: <the
 * error's first sentence>", the detail being the whole error), the label's lead-in and the detail.
 */
function fullText(node: MessageNode): string {
  const { message, detail } = node;
  // Found by its start: up to 24 characters, no further than its first sentence (all a label keeps).
  const at = detail ? message.indexOf(detail.slice(0, Math.min(24, detail.search(/\.(\s|$)/) + 1 || 24))) : -1;
  return detail && at >= 0 ? `${message.slice(0, at)}${detail}` : message;
}

function apiState(api: TykApi): string {
  return [api.active ? '' : 'inactive', api.internal ? 'internal' : ''].filter(Boolean).join(', ');
}

/**
 * Text as a screen reader should get it: no "…" (read as "dot dot dot" or skipped mid-word), no
 * Markdown backticks or bold markers.
 */
export function spoken(text: string): string {
  return text
    .replace(/…(?=[\s),.:;!?”’"']|$)/g, '')
    .replace(/…/g, ' ')
    .replace(/`|\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Ends `text` with a full stop unless it ends with one already (or another end mark). */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
