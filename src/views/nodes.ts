// The items of the Tyk view. `contextValue` decides which menu actions apply (package.json `when`).
import * as vscode from 'vscode';
import { fingerprint } from '../services/knownKeys';
import { maskKey, maskedEnding } from '../domain/mask';
import type { TykApi } from '../domain/model';
import { markdownCode, markdownText } from '../domain/displayText';
import { authLabel, connectionDescription, policyLimits, productName, protocolLabel } from '../domain/labels';
import { format } from '../domain/format';
import { createsKey, keyKindAdvice, notRequestableMessage } from '../domain/keyKinds';
import { expiryTime, keyState, keyStateLabel } from '../domain/keyState';
import { expiryPhrase, expiryWarning } from '../domain/expiry';
import { expiryResource } from './expiryDecorations';
import { ApiNode, ConnectionNode, KeyNode, KeysNode, MessageNode, PoliciesNode, PolicyNode, VersionNode } from '../app/nodes';

/** `isDefault`: the connection palette commands use without asking (marked when there is a choice). */
export function connectionItem(node: ConnectionNode, isDefault = false): vscode.TreeItem {
  const { connection } = node;
  const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `connection:${connection.id}`;
  item.description = connectionDescription(connection, isDefault);
  item.tooltip = new vscode.MarkdownString(`**${markdownText(connection.name)}**\n\n${vscode.l10n.t('{0} at {1}', productName(connection.kind), markdownCode(connection.url))}`);
  item.iconPath = new vscode.ThemeIcon(connection.kind === 'dashboard' ? 'server-environment' : 'server-process');
  item.contextValue = `connection.${connection.kind}`;
  item.accessibilityInformation = {
    label: isDefault
      ? vscode.l10n.t('{0} connection {1}, the default, at {2}', productName(connection.kind), spoken(connection.name), connection.url)
      : vscode.l10n.t('{0} connection {1}, at {2}', productName(connection.kind), spoken(connection.name), connection.url),
  };
  return item;
}

/** Keyless APIs take no key: they get no Keys node. */
export function hasKeys(api: TykApi): boolean {
  return api.authKind !== 'keyless';
}

export function apiItem(node: ApiNode): vscode.TreeItem {
  const { api } = node;
  // Under a policy, an API is a leaf (its versions and keys are under the connection).
  const hasChildren = node.viaPolicy === undefined && (node.oasChildren.length > 0 || (!api.isOas && api.versions.length > 1) || hasKeys(api));
  const item = new vscode.TreeItem(api.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.viaPolicy === undefined ? `api:${node.connection.id}:${api.apiId}` : `policy-api:${node.connection.id}:${node.viaPolicy}:${api.apiId}`;
  const state = apiState(api);
  const protocol = protocolLabel(api.protocol);
  item.description = [protocol, api.listenPath, authLabel(api.authKind), state].filter(Boolean).join(' · ');
  const versions = api.isOas
    ? api.oasVersions.length > 0
      ? vscode.l10n.t('OAS versions: {0}', markdownText(api.oasVersions.map((v) => v.name).join(', ')))
      : vscode.l10n.t('Tyk OAS API')
    : api.defaultVersion
      ? vscode.l10n.t('Versions: {0} (default {1})', markdownText(api.versions.join(', ')), markdownText(api.defaultVersion))
      : vscode.l10n.t('Versions: {0}', markdownText(api.versions.join(', ')));
  item.tooltip = new vscode.MarkdownString(
    [
      `**${markdownText(api.name)}**`,
      vscode.l10n.t('API ID: {0}', markdownCode(api.apiId)),
      vscode.l10n.t('Listen path: {0}', markdownCode(api.listenPath || '—')),
      api.authKind === 'authToken'
        ? vscode.l10n.t('Authentication: {0} (header {1})', authLabel(api.authKind), markdownCode(api.authHeaderName))
        : vscode.l10n.t('Authentication: {0}', authLabel(api.authKind)),
      versions,
      protocolLine(api),
      createsKey(api.keyKind) ? '' : markdownText(keyKindAdvice(api.keyKind) ?? '', 2000),
      api.requestable || !api.notRequestableReason ? '' : markdownText(notRequestableMessage(api.notRequestableReason), 2000),
      vscode.l10n.t('State: {0}', state || vscode.l10n.t('active')),
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  item.iconPath = !api.active
    ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
    : api.internal
      ? new vscode.ThemeIcon('lock', new vscode.ThemeColor('descriptionForeground'))
      : api.protocol === 'tcp' || api.protocol === 'tls'
        ? new vscode.ThemeIcon('plug')
        : api.protocol === 'mcp'
          ? new vscode.ThemeIcon('hubot')
          : new vscode.ThemeIcon(api.authKind === 'keyless' ? 'unlock' : 'key');
  item.contextValue = `api${api.isOas ? '.oas' : ''}${api.active ? '' : '.inactive'}${api.internal ? '.internal' : ''}${api.requestable ? '' : '.notRequestable'}`;
  item.accessibilityInformation = {
    label: [vscode.l10n.t('API {0}', spoken(api.name)), protocol, api.listenPath ? vscode.l10n.t('path {0}', spoken(api.listenPath)) : '', authLabel(api.authKind), state]
      .filter(Boolean)
      .join(', '),
  };
  return item;
}

export function versionItem(node: VersionNode): vscode.TreeItem {
  const isDefault = node.api.defaultVersion === node.version;
  const item = new vscode.TreeItem(node.version, vscode.TreeItemCollapsibleState.None);
  item.id = `version:${node.connection.id}:${node.api.apiId}:${node.version}`;
  item.description = isDefault ? vscode.l10n.t('default') : undefined;
  item.tooltip = isDefault
    ? vscode.l10n.t('Version {0} of {1} (default)', node.version, node.api.name)
    : vscode.l10n.t('Version {0} of {1}', node.version, node.api.name);
  item.iconPath = new vscode.ThemeIcon('versions');
  item.contextValue = `version${node.api.requestable ? '' : '.notRequestable'}`;
  item.accessibilityInformation = {
    label: isDefault
      ? vscode.l10n.t('Version {0} of {1}, default', spoken(node.version), spoken(node.api.name))
      : vscode.l10n.t('Version {0} of {1}', spoken(node.version), spoken(node.api.name)),
  };
  return item;
}

export function keysItem(node: KeysNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Keys'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `keys:${node.connection.id}:${node.api.apiId}`;
  item.iconPath = new vscode.ThemeIcon('key');
  item.tooltip = vscode.l10n.t('The keys that grant access to {0}', node.api.name);
  item.contextValue = 'keys';
  item.accessibilityInformation = { label: vscode.l10n.t('Keys of {0}', spoken(node.api.name)) };
  return item;
}

/**
 * `now`: the time the key's state is told at (milliseconds since the epoch); `warningDays`: an active key
 * expiring within that many days is marked (tyk.expiryWarningDays; 0 = not marked).
 */
export function keyItem(node: KeyNode, now: number, warningDays: number): vscode.TreeItem {
  const masked = maskKey(node.listedId);
  const item = new vscode.TreeItem(node.alias ?? masked, vscode.TreeItemCollapsibleState.None);
  // The id travels to the workbench: a fingerprint, never the key.
  item.id = `key:${node.connection.id}:${node.api.apiId}:${fingerprint(node.listedId).slice(0, 24)}`;
  const state = node.status ? keyState(node.status, now) : undefined;
  // Only a key Tyk refuses says its state beside it; an active one looks as keys always did.
  const refused = state === 'suspended' || state === 'expired' ? keyStateLabel(state) : '';
  // An active key that expires soon says when ("expires tomorrow"); Tyk still lets it through.
  const warning = state === 'active' && node.status ? expiryWarning(node.status, now, warningDays) : undefined;
  const expiring = warning?.kind === 'expiring' ? expiryPhrase(warning) : '';
  item.description = [node.alias ? masked : '', node.hashed ? vscode.l10n.t('by hash') : '', refused, expiring].filter(Boolean).join(' · ') || undefined;
  item.tooltip = new vscode.MarkdownString(
    [
      `**${markdownText(node.alias ?? vscode.l10n.t('Key'))}**`,
      node.hashed ? vscode.l10n.t('Hash: {0} (masked)', markdownCode(masked)) : vscode.l10n.t('Key: {0} (masked)', markdownCode(masked)),
      vscode.l10n.t('Grants {0}', markdownText(node.api.name)),
      keyStateLine(node, now, expiring),
    ].join('\n\n'),
  );
  item.iconPath =
    state === 'suspended'
      ? new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('list.warningForeground'))
      : state === 'expired'
        ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.errorForeground'))
        : expiring
          ? new vscode.ThemeIcon('calendar', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('key');
  // Its label in the same colour as its icon (a file decoration: see expiryDecorations.ts).
  if (expiring || state === 'expired') {
    item.resourceUri = expiryResource(expiring ? 'expiring' : 'expired', item.id);
  }
  item.contextValue = 'key';
  item.command = { title: vscode.l10n.t('Show Key Details'), command: 'tyk.showKeyDetails', arguments: [node] };
  // Read aloud: the alias or the key's last characters, never the masked gibberish.
  // (Only what the masked label shows: a short key's ending is shorter.)
  const ending = maskedEnding(node.listedId).split('').join(' ');
  const named = node.alias
    ? node.hashed
      ? vscode.l10n.t('Key {0}, known by hash', spoken(node.alias))
      : vscode.l10n.t('Key {0}', spoken(node.alias))
    : !ending
      ? vscode.l10n.t('A key without an alias')
      : node.hashed
        ? vscode.l10n.t('Key ending in {0}, known by hash', ending)
        : vscode.l10n.t('Key ending in {0}', ending);
  item.accessibilityInformation = { label: [named, refused, expiring].filter(Boolean).join(', ') };
  return item;
}

/**
 * The tooltip's line on the key's state: what Tyk does with a call made with it, and when it expires
 * (`expiring`: "expires tomorrow" when it expires within the warning's days).
 */
function keyStateLine(node: KeyNode, now: number, expiring: string): string {
  if (!node.status) {
    return vscode.l10n.t('State: unknown (the key was not read)');
  }
  const expiry = expiryTime(node.status);
  const date = expiry === undefined ? undefined : new Date(expiry).toISOString();
  switch (keyState(node.status, now)) {
    case 'suspended':
      return vscode.l10n.t('State: suspended. Tyk refuses calls made with it until it is reactivated (Update Key…).');
    case 'expired':
      return vscode.l10n.t('State: expired on {0}. Tyk refuses calls made with it.', date ?? '');
    case 'active':
      return date
        ? expiring
          ? vscode.l10n.t('State: active, {0} (on {1})', expiring, date)
          : vscode.l10n.t('State: active, expires on {0}', date)
        : vscode.l10n.t('State: active, never expires');
  }
}

export function policiesItem(node: PoliciesNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Policies'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `policies:${node.connection.id}`;
  item.iconPath = new vscode.ThemeIcon('shield');
  item.tooltip = vscode.l10n.t('Policies grant APIs and set limits for the keys that apply them');
  item.contextValue = 'policies';
  item.accessibilityInformation = { label: vscode.l10n.t('Policies of {0}', spoken(node.connection.name)) };
  return item;
}

export function policyItem(node: PolicyNode): vscode.TreeItem {
  const { policy } = node;
  // Expands to the APIs it grants.
  const item = new vscode.TreeItem(policy.name, policy.apis.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `policy:${node.connection.id}:${policy.id}`;
  const apis = policy.apis.length === 1 ? vscode.l10n.t('1 API') : vscode.l10n.t('{0} APIs', policy.apis.length);
  item.description = [policy.active ? '' : vscode.l10n.t('inactive'), apis].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(
    [
      policy.active ? `**${markdownText(policy.name)}**` : vscode.l10n.t('**{0}** (inactive)', markdownText(policy.name)),
      vscode.l10n.t('Policy ID: {0}', markdownCode(policy.id)),
      vscode.l10n.t('Grants: {0}', policy.apis.map((a) => markdownText(a.apiName ?? a.apiId)).join(', ') || vscode.l10n.t('no API')),
      policyLimits(policy) ? vscode.l10n.t('Limits: {0}', policyLimits(policy)) : '',
      policy.keyExpiresIn && policy.keyExpiresIn > 0 ? vscode.l10n.t('Keys expire after {0}', format().duration(policy.keyExpiresIn)) : '',
      vscode.l10n.t('A key that applies this policy takes its rights, limits and expiry from it.'),
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  item.iconPath = policy.active ? new vscode.ThemeIcon('shield') : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  item.contextValue = policy.active ? 'policy' : 'policy.inactive';
  item.accessibilityInformation = {
    label: policy.active
      ? vscode.l10n.t('Policy {0}, grants {1}', spoken(policy.name), apis)
      : vscode.l10n.t('Policy {0}, inactive, grants {1}', spoken(policy.name), apis),
  };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.kind === 'error' ? 'error' : 'info');
  item.description = node.hint;
  item.tooltip = [node.detail ?? node.message, node.hint ? sentence(capitalised(node.hint)) : ''].filter(Boolean).join(' ');
  item.contextValue = `message.${node.kind}`;
  if (node.command) {
    item.command = node.command;
  }
  // Its text, without the "…" of "Load more APIs…"; an error says so, in full (a screen reader does
  // not get the tooltip), and what activating it does ("Retry", "Update Credential").
  const full = sentence(spoken(fullText(node)));
  item.accessibilityInformation = {
    label:
      node.kind === 'error'
        ? node.command
          ? vscode.l10n.t('Error: {0} {1}', full, spoken(node.command.title))
          : vscode.l10n.t('Error: {0}', full)
        : spoken(node.message),
  };
  return item;
}

/** A message in full: its detail when the label is the detail's start, else the label, then the detail. */
function fullText(node: MessageNode): string {
  const { message, detail } = node;
  if (detail === undefined) {
    return message;
  }
  return detail.startsWith(message.replace(/…$/, '')) ? detail : `${sentence(message)} ${detail}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What kind of API it is, for the tooltip: only when it is not plain HTTP. */
function protocolLine(api: TykApi): string {
  switch (api.protocol) {
    case 'tcp':
      return vscode.l10n.t('A TCP proxy: the Gateway forwards raw TCP, no HTTP requests.');
    case 'tls':
      return vscode.l10n.t('A TLS proxy: the Gateway forwards TCP over TLS, no HTTP requests.');
    case 'mcp':
      return vscode.l10n.t('An MCP proxy: MCP clients call it with JSON-RPC over HTTP.');
    case 'http':
      return '';
  }
}

function apiState(api: TykApi): string {
  return [api.active ? '' : vscode.l10n.t('inactive'), api.internal ? vscode.l10n.t('internal') : ''].filter(Boolean).join(', ');
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

