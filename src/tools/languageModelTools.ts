// Language-model tools, so chat agents can work with Tyk: tyk_listApis (read-only) and tyk_createKey.
// A create is always confirmed by the user first (VS Code shows the confirmation this tool prepares,
// which says exactly what will be granted); the new key goes to the user's editor, never back to the
// model, and no credential is ever part of a result.
import * as vscode from 'vscode';
import type { Services } from '../app/services';
import { sendAndDeliver } from '../app/createAndDeliver';
import type { Connection } from '../domain/connectionSettings';
import { TykError } from '../tyk/errors';
import { DEFAULT_LIMITS, checkKeySpec } from '../domain/keySpec';
import { keyKindAdvice, keyKindLabel } from '../domain/keyKinds';
import { maskKey } from '../domain/mask';
import type { KeySpec, TykApi } from '../domain/model';
import { apisLabel, authLabel, productName } from '../domain/labels';
import { connectionWithoutAsking } from '../app/resolveConnection';
import { markdownCode, markdownText, plainText } from '../domain/displayText';
import { format } from '../domain/format';

/** How many shown confirmations the create tool remembers, and for how long. */
export const MAX_SHOWN_CONFIRMATIONS = 32;
const SHOWN_CONFIRMATION_MS = 30 * 60_000;

export interface ListApisInput {
  /** A connection's name; the default connection when omitted. */
  connection?: string;
  /** Only APIs whose name, id or listen path contains this. */
  query?: string;
  /** At most this many APIs (default 50, at most 500). */
  limit?: number;
}

export interface CreateKeyInput {
  connection?: string;
  /** The APIs to grant, by api_id or exact name. */
  apis: string[];
  /** Versions per API (api_id or name → version names); default: each classic API's default version. */
  versions?: Record<string, string[]>;
  rate?: number;
  per?: number;
  quotaMax?: number;
  quotaRenewalSeconds?: number;
  /** Days until the key expires; omitted = never. */
  expiresInDays?: number;
  alias?: string;
}

interface PreparedKey {
  connection: Connection;
  apis: TykApi[];
  spec: KeySpec;
  /** What the key grants, in words (Markdown): what the user confirms. */
  confirmation: string;
  /** The same, in plain text. */
  plainConfirmation: string;
}

/** The connection a chat tool acts on: the one named, else the one used without asking (a tool never asks). */
function toolConnection(services: Services, name: string | undefined): Connection {
  const connections = services.store.list();
  if (connections.length === 0) {
    throw new TykError('not-found', vscode.l10n.t('No Tyk connection is configured: the user must run “Tyk: Add Connection…” first.'));
  }
  if (name) {
    const found = connections.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new TykError('not-found', vscode.l10n.t('No connection is named “{0}”. Connections: {1}.', name, connections.map((c) => c.name).join(', ')));
    }
    return found;
  }
  const chosen = connectionWithoutAsking(services);
  if (!chosen) {
    throw new TykError(
      'bad-request',
      vscode.l10n.t('Several connections exist and none is the default: pass "connection" (one of {0}).', connections.map((c) => c.name).join(', ')),
    );
  }
  return chosen;
}

function describeApi(api: TykApi): Record<string, unknown> {
  return {
    name: api.name,
    apiId: api.apiId,
    listenPath: api.listenPath,
    auth: authLabel(api.authKind),
    versions: api.isOas ? api.oasVersions.map((v) => v.name) : api.versions,
    ...(api.defaultVersion ? { defaultVersion: api.defaultVersion } : {}),
    state: !api.active ? vscode.l10n.t('inactive') : api.internal ? vscode.l10n.t('internal') : vscode.l10n.t('active'),
  };
}

export async function listApisForTool(services: Services, input: ListApisInput): Promise<string> {
  const connection = toolConnection(services, input.connection);
  const all = await services.catalog.all(connection);
  const q = input.query?.trim().toLowerCase() ?? '';
  const matching = q ? all.filter((a) => [a.name, a.apiId, a.listenPath].some((t) => t.toLowerCase().includes(q))) : all;
  const limit = Math.min(500, Math.max(1, Math.floor(input.limit ?? 50)));
  return JSON.stringify({
    connection: { name: connection.name, kind: connection.kind },
    total: matching.length,
    apis: matching.slice(0, limit).map(describeApi),
    ...(matching.length > limit ? { note: vscode.l10n.t('Only the first {0}; narrow with "query".', limit) } : {}),
  });
}

function finite(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export async function prepareKey(services: Services, input: CreateKeyInput, now: number = Date.now()): Promise<PreparedKey> {
  const connection = toolConnection(services, input.connection);
  const catalog = await services.catalog.all(connection);
  const wanted = Array.isArray(input.apis) ? input.apis : [];
  const apis = wanted.map((ref) => {
    const api = catalog.find((a) => a.apiId === ref) ?? catalog.find((a) => a.name.toLowerCase() === String(ref).toLowerCase());
    if (!api) {
      throw new TykError('not-found', vscode.l10n.t('No API “{0}” on {1}: use tyk_listApis to find its api_id.', String(ref), connection.name));
    }
    return api;
  });
  // The chat makes plain keys only: an API that takes another kind (a basic-auth user, an HMAC key, a
  // certificate-bound key) needs what only Create Key… asks; one that takes no key says what to do instead.
  for (const api of apis) {
    if (api.keyKind !== 'authToken') {
      const advice = keyKindAdvice(api.keyKind);
      throw new TykError(
        'bad-request',
        advice
          ? vscode.l10n.t('{0} does not use a created key: {1}', api.name, advice)
          : vscode.l10n.t('{0} takes {1}, not a plain key: the user must run “Tyk: Create Key…” on it, which asks what that needs.', api.name, keyKindLabel(api.keyKind)),
      );
    }
  }
  const versionsOf = (api: TykApi): string[] => {
    if (api.isOas) {
      return ['Default'];
    }
    const asked = input.versions?.[api.apiId] ?? input.versions?.[api.name];
    const known = (asked ?? []).filter((v) => api.versions.includes(v));
    return known.length > 0 ? known : [api.defaultVersion ?? api.versions[0] ?? 'Default'];
  };
  const quotaMax = finite(input.quotaMax, DEFAULT_LIMITS.quotaMax);
  const days = input.expiresInDays;
  const spec: KeySpec = {
    access: apis.map((api) => ({ apiId: api.apiId, apiName: api.name, versions: versionsOf(api) })),
    rate: finite(input.rate, DEFAULT_LIMITS.rate),
    per: finite(input.per, DEFAULT_LIMITS.per),
    quotaMax,
    quotaRenewalRate: quotaMax === -1 ? -1 : finite(input.quotaRenewalSeconds, 86_400),
    expires: typeof days === 'number' && Number.isFinite(days) && days > 0 ? Math.floor(now / 1000 + days * 86_400) : -1,
    ...(input.alias?.trim() ? { alias: input.alias.trim() } : {}),
    ...(apis.find((a) => a.orgId)?.orgId ? { orgId: apis.find((a) => a.orgId)?.orgId } : {}),
  };
  const problem = checkKeySpec(spec);
  if (problem) {
    throw new TykError('bad-request', problem);
  }
  const rate = format().rate(spec.rate, spec.per);
  const quota = format().quota(spec.quotaMax, spec.quotaRenewalRate);
  const expires = format().expiry(spec.expires);
  // Markdown for the chat, every part from the server, the settings or the model escaped (markdownText,
  // markdownCode): a name such as `[x](command:…)` is shown as text. The same in plain text for the modal.
  const describe = (markdown: boolean): string => {
    const text = markdown ? markdownText : (t: string): string => plainText(t);
    const code = markdown ? markdownCode : (t: string): string => plainText(t);
    return [
      markdown
        ? vscode.l10n.t('On **{0}** ({1}, {2}), a new key granting:', text(connection.name), productName(connection.kind), code(connection.url))
        : vscode.l10n.t('On {0} ({1}, {2}), a new key granting:', text(connection.name), productName(connection.kind), code(connection.url)),
      ...spec.access.map((a) =>
        markdown
          ? vscode.l10n.t('- **{0}** ({1}), versions {2}', text(a.apiName ?? a.apiId), code(a.apiId), text(a.versions.join(', ')))
          : vscode.l10n.t('- {0} ({1}), versions {2}', text(a.apiName ?? a.apiId), code(a.apiId), text(a.versions.join(', '))),
      ),
      spec.alias
        ? vscode.l10n.t('Rate limit: {0}; quota: {1}; expires: {2}; alias “{3}”.', rate, quota, expires, text(spec.alias))
        : vscode.l10n.t('Rate limit: {0}; quota: {1}; expires: {2}.', rate, quota, expires),
      vscode.l10n.t('The key will be inserted into your editor; it is not given to the chat.'),
    ].join('\n');
  };
  return { connection, apis, spec, confirmation: describe(true), plainConfirmation: describe(false) };
}

export interface Tools {
  tyk_listApis: vscode.LanguageModelTool<ListApisInput>;
  tyk_createKey: vscode.LanguageModelTool<CreateKeyInput>;
}

/** The tools, by the names package.json declares (src/extension.ts registers them with vscode.lm). */
export function languageModelTools(services: Services): Tools {
  const listApis: vscode.LanguageModelTool<ListApisInput> = {
    prepareInvocation: (options) => ({
      invocationMessage: options.input.query ? vscode.l10n.t('Listing the Tyk APIs matching “{0}”…', plainText(String(options.input.query))) : vscode.l10n.t('Listing the Tyk APIs…'),
    }),
    invoke: async (options) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(await listApisForTool(services, options.input))]),
  };
  /**
   * What each confirmation showed, by input: a create goes ahead on the chat's confirmation only if
   * it grants exactly that (the default connection or the catalog may have changed in between).
   */
  const shown = new Map<string, { now: number; confirmation: string }>();
  /** Remembers what a confirmation showed; the map is bounded (the oldest go first) and forgets after a while. */
  const remember = (inputKey: string, now: number, confirmation: string): void => {
    for (const [k, v] of shown) {
      if (shown.size < MAX_SHOWN_CONFIRMATIONS && now - v.now < SHOWN_CONFIRMATION_MS) {
        break;
      }
      shown.delete(k);
    }
    shown.delete(inputKey);
    shown.set(inputKey, { now, confirmation });
  };
  const createKey: vscode.LanguageModelTool<CreateKeyInput> = {
    prepareInvocation: async (options) => {
      const now = Date.now();
      const prepared = await prepareKey(services, options.input, now);
      remember(JSON.stringify(options.input), now, prepared.confirmation);
      return {
        invocationMessage: vscode.l10n.t('Creating a Tyk key for {0}…', plainText(prepared.apis.map((a) => a.name).join(', '))),
        confirmationMessages: { title: vscode.l10n.t('Create a Tyk API key?'), message: new vscode.MarkdownString(prepared.confirmation) },
      };
    },
    invoke: async (options) => {
      const inputKey = JSON.stringify(options.input);
      const seen = shown.get(inputKey);
      shown.delete(inputKey);
      const prepared = await prepareKey(services, options.input, seen?.now);
      // In chat, VS Code showed the confirmation prepared above: it stands if this is still exactly
      // what it said. Otherwise (outside a chat, or something changed since) the tool asks itself:
      // a key is never created without the user's yes to what it grants.
      const confirmedInChat = options.toolInvocationToken !== undefined && seen?.confirmation === prepared.confirmation;
      if (!confirmedInChat) {
        const yes = await services.ui.confirm(vscode.l10n.t('Create a Tyk API key?'), prepared.plainConfirmation, vscode.l10n.t('Create Key'));
        if (!yes) {
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(vscode.l10n.t('The user declined: no key was created.'))]);
        }
      }
      const { spec, connection, apis } = prepared;
      const client = await services.clients.get(connection);
      const created = await sendAndDeliver(services, {
        connection,
        label: apisLabel(apis.map((a) => a.name)),
        ...(spec.alias ? { alias: spec.alias } : {}),
        apiIds: apis.map((a) => a.apiId),
        apiNames: apis.map((a) => a.name),
        apis,
        summary: `asked by a chat tool: rate ${spec.rate}/${spec.per}s, quota ${spec.quotaMax}, expires ${spec.expires}`,
        create: () => client.createKey(spec),
      });
      const names = apis.map((a) => a.name).join(', ');
      const text = created
        ? spec.alias
          ? vscode.l10n.t(
              "Created a key {0} (alias “{1}”) on {2} for {3}. It was given to the user in VS Code (in the editor, or a new document). The key itself is a secret and is not included here.",
              maskKey(created.key),
              spec.alias,
              connection.name,
              names,
            )
          : vscode.l10n.t(
              "Created a key {0} on {1} for {2}. It was given to the user in VS Code (in the editor, or a new document). The key itself is a secret and is not included here.",
              maskKey(created.key),
              connection.name,
              names,
            )
        : vscode.l10n.t('The user stopped waiting; if the server creates the key, it opens in a new document for the user.');
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
    },
  };
  return { tyk_listApis: listApis, tyk_createKey: createKey };
}
