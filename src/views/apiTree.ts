// The "APIs" tree of the Tyk view: connections, their APIs (from the catalog cache), versions.
// Nothing is fetched until the user expands a connection.
import * as vscode from 'vscode';
import type { ActiveConnection } from '../services/activeConnection';
import type { Catalog } from '../services/catalog';
import type { ConnectionStore } from '../services/connections';
import { isTykError } from '../tyk/errors';
import type { TykApi } from '../domain/model';
import type { KeyList, KeyLists, KeysFound } from '../services/keyLists';
import type { KnownKeys } from '../services/knownKeys';
import { apiItem, connectionItem, hasKeys, keyItem, keysItem, messageItem, policiesItem, policyItem, versionItem } from './nodes';
import { ApiNode, ConnectionNode, KeyNode, KeysNode, MessageNode, PoliciesNode, PolicyNode, VersionNode, type TykNode } from '../app/nodes';
import type { PolicyLists } from '../services/policies';
import { uniqueBy } from '../tyk/paging';
import { firstSentence } from '../domain/labels';
import { plainText } from '../domain/displayText';
import { format } from '../domain/format';
import { keyState } from '../domain/keyState';
import { nextExpiryChange } from '../domain/expiry';

/** The longest label, description or accessible label; a string tooltip may be longer. */
const MAX_LABEL_LENGTH = 300;
const MAX_TOOLTIP_LENGTH = 2000;

/**
 * A tree item's label, description, string tooltip and accessible label as plain text (no control or
 * bidi characters, one line, bounded). Markdown tooltips escape their server parts where they are
 * written (`markdownText` in nodes.ts).
 */
export function shownAsText(item: vscode.TreeItem): vscode.TreeItem {
  if (typeof item.label === 'string') {
    item.label = plainText(item.label, MAX_LABEL_LENGTH);
  } else if (item.label) {
    // Highlights point into the label: dropped when the text changed.
    const text = plainText(item.label.label, MAX_LABEL_LENGTH);
    item.label = text === item.label.label ? item.label : { label: text };
  }
  if (typeof item.description === 'string') {
    item.description = plainText(item.description, MAX_LABEL_LENGTH);
  }
  if (typeof item.tooltip === 'string') {
    item.tooltip = plainText(item.tooltip, MAX_TOOLTIP_LENGTH);
  }
  if (item.accessibilityInformation) {
    item.accessibilityInformation = { ...item.accessibilityInformation, label: plainText(item.accessibilityInformation.label, MAX_TOOLTIP_LENGTH) };
  }
  return item;
}

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647 - 1000;
/** How long after a key's expiry its row is drawn again (Tyk: expired once now is after it). */
const EXPIRY_REDRAW_DELAY_MS = 250;

/** How many APIs a connection shows at first, and how many more each "Load more" adds. */
export const API_PAGE = 200;

export class ApiTreeProvider implements vscode.TreeDataProvider<TykNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TykNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly connectionNodes = new Map<string, ConnectionNode>();
  /** How many top-level APIs each connection shows (grows with "Load more"). */
  private readonly shown = new Map<string, number>();
  /** The Keys and Policies nodes on screen, by connection (and API), so that a change redraws only them. */
  private readonly keysNodes = new Map<string, Set<KeysNode>>();
  private readonly policiesNodes = new Map<string, PoliciesNode>();
  /** Each node's parent, as getChildren made it. */
  private readonly parents = new WeakMap<TykNode, TykNode>();
  /** Per Keys node shown (connection and API): the redraw when the next of its active keys expires. */
  private readonly expiryRedraws = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly catalog: Catalog,
    private readonly keyLists: KeyLists,
    private readonly knownKeys: KnownKeys,
    private readonly policies: PolicyLists,
    private readonly active: ActiveConnection,
    /** tyk.expiryWarningDays, read each time a key is drawn. */
    private readonly warningDays: () => number,
  ) {
    this.disposables.push(
      this.changed,
      // Connections added, removed, renamed: the roots.
      store.onDidChange(() => this.changed.fire()),
      // The default connection is marked: switching it redraws the connections.
      active.onDidChange(() => this.changed.fire()),
      // Each cache says what changed; only that part is drawn again.
      catalog.onDidChange((id) => this.redrawConnection(id)),
      policies.onDidChange((id) => this.redraw(this.policiesNodes.get(id))),
      keyLists.onDidChange(({ connectionId, apiId }) => this.redrawKeys(connectionId, apiId)),
      knownKeys.onDidChange((id) => this.redrawKeys(id)),
    );
  }

  private redraw(node: TykNode | undefined): void {
    if (node) {
      this.changed.fire(node);
    }
  }

  private redrawConnection(connectionId: string): void {
    const node = this.connectionNodes.get(connectionId);
    if (node) {
      this.changed.fire(node);
    }
  }

  private redrawKeys(connectionId: string, apiId?: string): void {
    for (const [id, nodes] of this.keysNodes) {
      if (id === connectionId) {
        for (const node of nodes) {
          if (!apiId || node.api.apiId === apiId) {
            this.changed.fire(node);
          }
        }
      }
    }
  }

  /** Shows the next API_PAGE APIs of a connection. */
  showMore(connectionId: string): void {
    this.shown.set(connectionId, (this.shown.get(connectionId) ?? API_PAGE) + API_PAGE);
    this.changed.fire(this.connectionNodes.get(connectionId));
  }

  /** Every item as text (`shownAsText`): a server's names reach the tree only through here. */
  getTreeItem(node: TykNode): vscode.TreeItem {
    return shownAsText(this.itemOf(node));
  }

  private itemOf(node: TykNode): vscode.TreeItem {
    switch (node.type) {
      case 'connection':
        return connectionItem(node, this.active.chosen()?.id === node.connection.id && this.store.list().length > 1);
      case 'api':
        return apiItem(node);
      case 'version':
        return versionItem(node);
      case 'keys':
        return keysItem(node);
      case 'policies':
        return policiesItem(node);
      case 'policy':
        return policyItem(node);
      case 'key':
        return keyItem(node, Date.now(), this.warningDays());
      case 'message':
        return messageItem(node);
    }
  }

  getParent(node: TykNode): TykNode | undefined {
    return node.type === 'connection' ? undefined : (this.parents.get(node) ?? this.connectionNodes.get(node.connection.id));
  }

  async getChildren(node?: TykNode): Promise<TykNode[]> {
    if (!node) {
      const connections = this.store.list();
      this.connectionNodes.clear();
      this.keysNodes.clear();
      this.policiesNodes.clear();
      return connections.map((c) => {
        const n = new ConnectionNode(c);
        this.connectionNodes.set(c.id, n);
        return n;
      });
    }
    const children = await this.childrenOf(node);
    for (const child of children) {
      this.parents.set(child, node);
      if (child instanceof KeysNode) {
        const nodes = this.keysNodes.get(child.connection.id) ?? new Set<KeysNode>();
        for (const old of nodes) {
          if (old.api.apiId === child.api.apiId) {
            nodes.delete(old);
          }
        }
        this.keysNodes.set(child.connection.id, nodes.add(child));
      } else if (child instanceof PoliciesNode) {
        this.policiesNodes.set(child.connection.id, child);
      }
    }
    return children;
  }

  private async childrenOf(node: TykNode): Promise<TykNode[]> {
    switch (node.type) {
      case 'connection':
        return this.apisOf(node);
      case 'api': {
        const children: TykNode[] =
          node.oasChildren.length > 0
            ? node.oasChildren.map((api) => new ApiNode(node.connection, api))
            : node.api.isOas || node.api.versions.length < 2
              ? []
              : node.api.versions.map((v) => new VersionNode(node.connection, node.api, v));
        return hasKeys(node.api) ? [...children, new KeysNode(node.connection, node.api)] : children;
      }
      case 'keys':
        return this.keysOf(node);
      case 'policies':
        return this.policiesOf(node);
      case 'policy':
        return this.policyApisOf(node);
      default:
        return [];
    }
  }

  private async apisOf(node: ConnectionNode): Promise<TykNode[]> {
    const { connection } = node;
    const snapshot = await this.catalog.snapshot(connection);
    if (snapshot.error !== undefined && snapshot.apis.length === 0) {
      return [failureRow(node, snapshot.error)];
    }
    if (snapshot.apis.length === 0) {
      if (!snapshot.complete) {
        void this.catalog.settled(connection.id).then(() => this.redrawConnection(connection.id));
        return [];
      }
      return [new MessageNode(connection, vscode.l10n.t('No APIs on this server yet.'), 'info')];
    }
    const search = this.catalog.searchOf(connection.id);
    if (search) {
      return [
        new MessageNode(
          connection,
          search.apis.length === 1
            ? vscode.l10n.t('Search “{0}”: 1 API — clear to see all', search.query)
            : vscode.l10n.t('Search “{0}”: {1} APIs — clear to see all', search.query, format().count(search.apis.length)),
          'info',
          vscode.l10n.t('The APIs whose name matches the search. Clear the search (the button on the connection) to see the whole catalog.'),
          { title: vscode.l10n.t('Clear Search'), command: 'tyk.clearSearch', arguments: [node] },
        ),
        ...groupOas(search.apis).map(({ api, children }) => new ApiNode(connection, api, children)),
        new PoliciesNode(connection),
      ];
    }
    const groups = groupOas(snapshot.apis);
    const limit = this.shown.get(connection.id) ?? API_PAGE;
    const nodes: TykNode[] = groups.slice(0, limit).map(({ api, children }) => new ApiNode(connection, api, children));
    if (groups.length > limit) {
      nodes.push(
        new MessageNode(
          connection,
          snapshot.complete
            ? vscode.l10n.t('Load more APIs… ({0} of {1} shown)', format().count(limit), format().count(groups.length))
            : vscode.l10n.t('Load more APIs… ({0} of {1}+ shown)', format().count(limit), format().count(groups.length)),
          'info',
          vscode.l10n.t('Shows the next APIs, or use Search APIs… to find one'),
          {
            title: vscode.l10n.t('Load more'),
            command: 'tyk.loadMore',
            arguments: [node],
          },
        ),
      );
    }
    if (snapshot.truncated !== undefined) {
      nodes.push(new MessageNode(connection, snapshot.truncated, 'info', snapshot.truncated, searchAction(node)));
    }
    if (!snapshot.complete && snapshot.error === undefined) {
      nodes.push(new MessageNode(connection, vscode.l10n.t('Loading… ({0} so far)', format().count(snapshot.apis.length)), 'info'));
      // A load shown as running is drawn again when it ends, whatever the timing of the catalog's events:
      // the Loading row never outlives the load.
      void this.catalog.settled(connection.id).then(() => this.redrawConnection(connection.id));
    } else if (snapshot.error !== undefined) {
      // What went wrong is in the tooltip: the label says what it means here.
      nodes.push(failureRow(node, snapshot.error, vscode.l10n.t('Not all APIs could be loaded.')));
    }
    nodes.push(new PoliciesNode(connection));
    return nodes;
  }

  private async policiesOf(node: PoliciesNode): Promise<TykNode[]> {
    const { connection } = node;
    try {
      // Each id once: a server that repeats one must not break the node (the tree's ids are unique).
      const policies = uniqueBy(await this.policies.get(connection), (p) => p.id);
      const truncated = this.policies.truncatedOf(connection.id);
      const nodes: TykNode[] = policies.map((p) => new PolicyNode(connection, p));
      if (truncated !== undefined) {
        nodes.push(new MessageNode(connection, truncated, 'info', truncated));
      }
      return nodes.length > 0 ? nodes : [new MessageNode(connection, vscode.l10n.t('No policies on this server.'), 'info')];
    } catch (e) {
      return [failureRow(node, e)];
    }
  }

  /** The APIs a policy grants, as in the catalog (loaded if need be); one it does not hold is named by its id. */
  private async policyApisOf(node: PolicyNode): Promise<TykNode[]> {
    const { connection, policy } = node;
    const snapshot = await this.catalog.snapshot(connection);
    const byId = new Map(snapshot.apis.map((api) => [api.apiId, api]));
    return uniqueBy(policy.apis, (a) => a.apiId).map((granted) => {
      const api = byId.get(granted.apiId);
      if (api) {
        return new ApiNode(connection, api, [], policy.id);
      }
      const name = granted.apiName ?? granted.apiId;
      return new MessageNode(
        connection,
        snapshot.complete ? vscode.l10n.t('{0} (not on this server)', name) : vscode.l10n.t('{0} (not loaded)', name),
        'info',
        snapshot.complete
          ? vscode.l10n.t('The policy grants the API {0}, which the server does not list (deleted, or outside your permissions).', granted.apiId)
          : vscode.l10n.t('The policy grants the API {0}, which is not among the APIs loaded so far.', granted.apiId),
      );
    });
  }

  private async keysOf(node: KeysNode): Promise<TykNode[]> {
    const { connection, api } = node;
    const list = this.keyLists.get(connection, api.apiId);
    const found = this.keyLists.progress(connection.id, api.apiId);
    if (found) {
      // Still reading (a Gateway reads each key to find an API's): what is found so far, then the rest.
      return [...this.listedKeys(node, found), new MessageNode(connection, vscode.l10n.t('Looking for more keys…'), 'info')];
    }
    return this.keysFrom(node, await list);
  }

  /**
   * The listed keys, each with its state and its alias: the server's, as the Dashboard shows it (it comes
   * with the state), else the one the key was created with here.
   */
  private listedKeys(node: KeysNode, list: KeysFound): KeyNode[] {
    const { connection, api } = node;
    return list.keys.map((id) => {
      const status = list.statuses.get(id);
      return new KeyNode(connection, api, id, false, status?.alias ?? this.knownKeys.aliasOf(connection.id, id), status);
    });
  }

  /** Draws every Keys node shown again (the warning's days changed). */
  redrawAllKeys(): void {
    for (const nodes of this.keysNodes.values()) {
      for (const node of nodes) {
        this.changed.fire(node);
      }
    }
  }

  /**
   * Draws the Keys node again when the row of one of `keys` still active next changes: it enters the
   * expiry warning, its "expires in N days" turns a day, or it expires.
   */
  private redrawAtNextExpiry(node: KeysNode, keys: readonly KeyNode[]): void {
    const id = `${node.connection.id}\u0000${node.api.apiId}`;
    clearTimeout(this.expiryRedraws.get(id));
    this.expiryRedraws.delete(id);
    const now = Date.now();
    const days = this.warningDays();
    const next = Math.min(...keys.map((k) => (k.status && keyState(k.status, now) === 'active' ? (nextExpiryChange(k.status, now, days) ?? Infinity) : Infinity)));
    // Past the longest timer (about 24 days), or none to come: nothing is scheduled.
    if (next - now <= MAX_TIMER_MS) {
      this.expiryRedraws.set(
        id,
        setTimeout(() => {
          this.expiryRedraws.delete(id);
          this.redrawKeys(node.connection.id, node.api.apiId);
        }, next - now + EXPIRY_REDRAW_DELAY_MS),
      );
    }
  }

  private keysFrom(node: KeysNode, list: KeyList): TykNode[] {
    const { connection, api } = node;
    const listed = this.listedKeys(node, list);
    this.redrawAtNextExpiry(node, listed);
    const nodes: TykNode[] = [...listed];
    if (list.listingDisabled) {
      nodes.unshift(
        new MessageNode(
          connection,
          vscode.l10n.t('This server hashes keys and does not list them.'),
          'info',
          vscode.l10n.t(
            'Tyk stores only a hash of each key and its key listing is disabled (enable_hashed_keys_listing), so the keys of an API cannot be listed. The keys created from VS Code are still shown, by their hash.',
          ),
        ),
      );
      const known = this.knownKeys.forApi(connection.id, api.apiId);
      nodes.push(...known.flatMap((k) => (k.keyHash ? [new KeyNode(connection, api, k.keyHash, true, k.alias)] : [])));
    }
    if (list.error) {
      nodes.push(failureRow(node, list.error));
    } else if (list.page < list.pages) {
      nodes.push(
        new MessageNode(connection, vscode.l10n.t('Load more keys… (page {0} of {1})', format().count(list.page), format().count(list.pages)), 'info', undefined, {
          title: vscode.l10n.t('Load more'),
          command: 'tyk.loadMore',
          arguments: [node],
        }),
      );
    } else if (nodes.length === 0) {
      nodes.push(new MessageNode(connection, vscode.l10n.t('No keys grant this API.'), 'info'));
    }
    return nodes;
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
    for (const timer of this.expiryRedraws.values()) {
      clearTimeout(timer);
    }
    this.expiryRedraws.clear();
  }
}

/**
 * A failure in place: the error's first sentence (it says what could not be done and why; `label`
 * replaces it), what a click does beside it, the error in full in the tooltip. A rejected credential or
 * an untrusted certificate is fixed where it is set; anything else is retried (Refresh drops what
 * failed, and the tree reads it again).
 */
function failureRow(node: ConnectionNode | PoliciesNode | KeysNode, error: unknown, label?: string): MessageNode {
  const message = error instanceof Error ? error.message : String(error);
  const kind = isTykError(error) ? error.kind : undefined;
  const [command, hint]: [vscode.Command, string] =
    kind === 'unauthorized'
      ? [{ title: vscode.l10n.t('Update Credential…'), command: 'tyk.setCredential', arguments: [node] }, vscode.l10n.t('click to update the credential')]
      : kind === 'tls'
        ? [{ title: vscode.l10n.t('Configure TLS…'), command: 'tyk.configureTls', arguments: [node] }, vscode.l10n.t('click to configure TLS')]
        : [{ title: vscode.l10n.t('Retry'), command: 'tyk.refresh', arguments: [node] }, vscode.l10n.t('click to retry')];
  return new MessageNode(node.connection, label ?? firstSentence(message, MAX_LABEL_LENGTH), 'error', message, command, hint);
}

/** Search APIs…, on a message about a catalog that is not whole. */
function searchAction(node: ConnectionNode): vscode.Command {
  return { title: vscode.l10n.t('Search APIs…'), command: 'tyk.searchApis', arguments: [node] };
}

/** OAS version APIs go under their base API when the base is in the list; the rest stay at the top. */
export function groupOas(apis: readonly TykApi[]): Array<{ api: TykApi; children: TykApi[] }> {
  const byId = new Map(apis.map((a) => [a.apiId, a]));
  const childIds = new Set<string>();
  const groups = new Map<string, TykApi[]>();
  for (const api of apis) {
    if (!api.isOas || api.oasVersions.length === 0) {
      continue;
    }
    const children = api.oasVersions.filter((v) => v.apiId !== api.apiId).map((v) => byId.get(v.apiId));
    const present = children.filter((c): c is TykApi => c !== undefined);
    if (present.length > 0) {
      groups.set(api.apiId, present);
      for (const c of present) {
        childIds.add(c.apiId);
      }
    }
  }
  return apis.filter((a) => !childIds.has(a.apiId)).map((api) => ({ api, children: groups.get(api.apiId) ?? [] }));
}

