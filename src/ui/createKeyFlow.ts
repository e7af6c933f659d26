// The Create Key quick input: APIs → versions (classic APIs with several) → limits → expiry → alias.
// Enter at every step after the API keeps Tyk's tutorial defaults: 1000 requests per second, no
// quota, no expiry.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import { DEFAULT_LIMITS, customKeyIdProblem, hasControlCharacters, usernameProblem } from '../domain/keySpec';
import type { KeyAccess, KeyKind, KeySpec, TykApi, TykCertificate, TykPolicy } from '../domain/model';
import { createsKey, keyKindAdvice, keyKindLabel } from '../domain/keyKinds';
import { generatePassword } from '../tyk/keyCreation';
import { TykError } from '../tyk/errors';
import { certificateItems } from './pickers';
import { expiryDateText, mustParse, parseAlias, problem } from '../domain/validation';
import { MultiStepInput, type InputOptions, type InputStep, type StepBase } from './multiStepInput';
import { ask, expiryDateField, expiryItems, expiryOf, perField, quotaField, quotaPeriodField, rateField } from './limitSteps';
import { apisLabel, authLabel, policyLimits, protocolLabel } from '../domain/labels';
import { format } from '../domain/format';

export interface CreateKeyChoice {
  spec: KeySpec;
  apis: TykApi[];
  /** The policy the key applies, when made from one. */
  policy?: TykPolicy;
  /** "Petstore" or "Petstore and 2 more APIs". */
  label: string;
  /** What the key is: a key, a certificate-bound key, a basic-auth user or an HMAC key. */
  kind: KeyKind;
}

export interface CreateKeyFlowOptions {
  ui: Ui;
  connectionName: string;
  apis: readonly TykApi[];
  /** APIs checked when the flow opens (from the node the user right-clicked). */
  preselected?: readonly string[];
  /** A version chosen from a version node: the only one checked for its API. */
  preselectedVersion?: { apiId: string; version: string };
  /** Active policies: with any, a first step offers "from a policy" or "by hand". */
  policies?: readonly TykPolicy[];
  /** Start from this policy (from a policy node): only the alias is asked. */
  policy?: TykPolicy;
  /**
   * While the catalog is still loading, the APIs step searches the server as the user types
   * (results merged into the list) instead of waiting for everything.
   */
  searchServer?: (query: string) => Promise<readonly TykApi[]>;
  /** APIs that arrive while the flow is open (the rest of a catalog still loading). */
  onMoreApis?: (listener: (apis: readonly TykApi[]) => void) => vscode.Disposable;
  /** The certificates a certificate-bound key can be bound to (asked for only when the APIs need one). */
  listCertificates?: () => Promise<TykCertificate[]>;
  /** Ask for a key id of the user's choosing (teams migrating keys); a basic-auth user is named by its username. */
  customKeyId?: boolean;
  now?: () => Date;
}

/**
 * Why the checked APIs cannot share one key, or undefined: an API where Tyk uses no created key (its advice),
 * or APIs that need different kinds (a basic-auth user and a key…).
 */
export function apisProblem(apis: readonly TykApi[]): string | undefined {
  const noKey = apis.find((a) => !createsKey(a.keyKind));
  if (noKey) {
    return vscode.l10n.t('{0}: {1}', noKey.name, keyKindAdvice(noKey.keyKind) ?? '');
  }
  const kinds = [...new Set(apis.map((a) => a.keyKind))];
  if (kinds.length > 1) {
    return vscode.l10n.t(
      'These APIs need different kinds of key ({0}): create one for each kind.',
      kinds.map((k) => `${keyKindLabel(k)}: ${apis.filter((a) => a.keyKind === k).map((a) => a.name).join(', ')}`).join('; '),
    );
  }
  return undefined;
}

interface ApiItem extends vscode.QuickPickItem {
  api: TykApi;
}
interface GrantItem extends vscode.QuickPickItem {
  policy?: TykPolicy;
}
interface VersionItem extends vscode.QuickPickItem {
  api?: TykApi;
  version?: string;
}
interface LimitItem extends vscode.QuickPickItem {
  limits?: Pick<KeySpec, 'rate' | 'per' | 'quotaMax' | 'quotaRenewalRate'>;
}

const DAY = 86_400;

/** The limits offered first; each labelled with its limits in words (src/domain/format.ts), as every screen writes them. */
export const LIMIT_PRESETS: ReadonlyArray<{ detail: string; limits: Pick<KeySpec, 'rate' | 'per' | 'quotaMax' | 'quotaRenewalRate'> }> = [
  {
    detail: vscode.l10n.t('Tyk’s defaults for a new key'),
    limits: { rate: DEFAULT_LIMITS.rate, per: DEFAULT_LIMITS.per, quotaMax: DEFAULT_LIMITS.quotaMax, quotaRenewalRate: DEFAULT_LIMITS.quotaRenewalRate },
  },
  {
    detail: vscode.l10n.t('a developer or test key'),
    limits: { rate: 100, per: 60, quotaMax: 10_000, quotaRenewalRate: DAY },
  },
  {
    detail: vscode.l10n.t('a tightly limited key'),
    limits: { rate: 10, per: 1, quotaMax: 1_000, quotaRenewalRate: 3600 },
  },
  {
    detail: vscode.l10n.t('rate 0: Tyk applies no rate limit to the key'),
    limits: { rate: 0, per: 1, quotaMax: -1, quotaRenewalRate: -1 },
  },
];

const DEFAULT_PRESET = LIMIT_PRESETS[0] ?? { detail: '', limits: { ...DEFAULT_LIMITS } };

function apiLabel(apis: readonly TykApi[]): string {
  return apisLabel(apis.map((a) => a.name));
}

/** A default alias the Dashboard can list the key by: `petstore-20261127-2130`. */
export function suggestAlias(apis: ReadonlyArray<Pick<TykApi, 'name'>>, now: Date): string {
  const slug =
    (apis[0]?.name ?? 'key')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'key';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${slug}-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
}

/** Runs the flow; resolves with the key to create, or rejects with FlowCancelled. */
export async function runCreateKeyFlow(o: CreateKeyFlowOptions): Promise<CreateKeyChoice> {
  const now = o.now ?? ((): Date => new Date());
  const title = vscode.l10n.t('Create a Tyk key · {0}', o.connectionName);
  const state: {
    apis: TykApi[];
    versions: Map<string, string[]>;
    limits: Pick<KeySpec, 'rate' | 'per' | 'quotaMax' | 'quotaRenewalRate'>;
    expires: number;
    alias?: string;
    policy?: TykPolicy;
    custom: { rate?: number; per?: number; quotaMax?: number };
    username?: string;
    password?: string;
    certificate?: TykCertificate;
    keyId?: string;
  } = { apis: [], versions: new Map(), limits: DEFAULT_PRESET.limits, expires: -1, custom: {}, ...(o.policy ? { policy: o.policy } : {}) };

  const preselectedApis = o.apis.filter((a) => o.preselected?.includes(a.apiId));
  // Before the APIs are chosen, the kind and versions are the pre-selection's.
  const versioned = (): TykApi[] => (state.apis.length > 0 ? state.apis : preselectedApis).filter(hasVersionStep);
  const activePolicies = (o.policies ?? []).filter((p) => p.active);
  // "From a policy or by hand" comes first when there are policies and no API was pre-selected.
  const askGrant = !o.policy && activePolicies.length > 0 && (o.preselected ?? []).length === 0;
  // What the key is, from the APIs chosen (or pre-selected): each kind asks for what it needs.
  const kind = (): KeyKind => (state.apis.length > 0 ? state.apis : preselectedApis)[0]?.keyKind ?? 'authToken';
  type StepName = 'grant' | 'apis' | 'versions' | 'username' | 'password' | 'certificate' | 'keyId' | 'limits' | 'expiry' | 'alias';
  const identitySteps = (of: KeyKind = kind()): StepName[] => [
    ...(of === 'basic' ? (['username', 'password'] as const) : []),
    ...(of === 'certificate' ? (['certificate'] as const) : []),
    ...(o.customKeyId && of !== 'basic' ? (['keyId'] as const) : []),
  ];
  /** The steps of a key by hand for APIs of one kind, with or without a versions step. */
  const stepsByHand = (of: KeyKind, withVersions: boolean): StepName[] => [
    ...(askGrant ? (['grant'] as const) : []),
    'apis',
    ...(withVersions ? (['versions'] as const) : []),
    ...identitySteps(of),
    'limits',
    'expiry',
    'alias',
  ];
  const sequence = (): StepName[] => (state.policy ? [...(askGrant ? (['grant'] as const) : []), 'alias'] : stepsByHand(kind(), versioned().length > 0));
  /**
   * How many steps the flow has, once nothing left to answer can change it: the grant (a policy is two
   * steps) and the APIs (their kind and versions add steps) decide it, so those steps show a total only
   * when every answer gives the same one. A total shown never changes as the user goes on.
   */
  const totalAt = (name: StepName): number | undefined => {
    if (name === 'grant') {
      return undefined;
    }
    if (name !== 'apis') {
      return sequence().length;
    }
    if (o.searchServer) {
      return undefined; // APIs still arriving may need other steps
    }
    const totals = new Set(listed.filter((a) => createsKey(a.keyKind)).map((a) => stepsByHand(a.keyKind, hasVersionStep(a)).length));
    return totals.size === 1 ? [...totals][0] : undefined;
  };
  /** The step's place in the flow: `(2/5)`, `(2)` while the total may change, nothing for a flow of one step. */
  const position = (name: StepName): Pick<StepBase, 'step' | 'totalSteps'> => {
    const steps = sequence();
    if (steps.length === 1) {
      return {};
    }
    const totalSteps = totalAt(name);
    return { step: steps.indexOf(name) + 1, ...(totalSteps === undefined ? {} : { totalSteps }) };
  };
  /** The step after the APIs and their versions: what the kind of key needs, then the limits. */
  const afterVersions = (): InputStep => {
    const [first] = identitySteps();
    return first === 'username' ? askUsername : first === 'certificate' ? pickCertificate : first === 'keyId' ? askKeyId : pickLimits;
  };

  /** The APIs offered: the catalog as the flow began, then pages and search results as they arrive (kept for Back). */
  const listed: TykApi[] = [...o.apis];
  const known = new Set(listed.map((a) => a.apiId));

  const pickGrant: InputStep = async (input) => {
    const byHand: GrantItem = { label: vscode.l10n.t('$(list-selection) Choose the APIs'), detail: vscode.l10n.t('then the versions, limits and expiry of the key') };
    const items: GrantItem[] = [
      byHand,
      { label: vscode.l10n.t('From a policy'), kind: vscode.QuickPickItemKind.Separator },
      ...activePolicies.map((policy) => ({
        label: `$(shield) ${policy.name}`,
        description: policy.apis.map((a) => a.apiName ?? a.apiId).join(', '),
        detail: policyDetail(policy),
        policy,
      })),
    ];
    const current = state.policy ? items.find((i) => i.policy === state.policy) : byHand;
    const picked = await input.pick({
      title,
      ...position('grant'),
      placeholder: vscode.l10n.t('Grant access by choosing APIs, or from a policy'),
      items,
      ...(current ? { activeItem: current } : {}),
      matchOnDescription: true,
    });
    if (picked.policy) {
      state.policy = picked.policy;
      return pickAlias;
    }
    delete state.policy;
    return pickApis;
  };

  const pickApis: InputStep = async (input) => {
    const items: ApiItem[] = listed.map(apiItemOf);
    const chosenIds = new Set(state.apis.length > 0 ? state.apis.map((a) => a.apiId) : (o.preselected ?? []));
    const selected = items.filter((i) => chosenIds.has(i.api.apiId));
    let searches = 0;
    /** Adds APIs not listed yet, keeping what is checked and where the user is in the list. */
    const addApis = (picker: vscode.QuickPick<ApiItem>, apis: readonly TykApi[]): void => {
      const fresh = apis.filter((api) => !known.has(api.apiId));
      if (fresh.length === 0) {
        return;
      }
      for (const api of fresh) {
        known.add(api.apiId);
        listed.push(api);
      }
      const keep = picker.selectedItems;
      const active = picker.activeItems;
      picker.keepScrollPosition = true;
      picker.items = [...picker.items, ...fresh.map(apiItemOf)];
      picker.selectedItems = keep;
      picker.activeItems = active;
    };
    const picked = await input.pick({
      title,
      ...position('apis'),
      placeholder: vscode.l10n.t('APIs the key may call: type to filter, ↓ and Space to check, Enter'),
      items,
      selectedItems: selected,
      ...(selected[0] ? { activeItem: selected[0] } : {}),
      canSelectMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
      // Refused in place, with what to do instead: no key that cannot work is made.
      validate: (chosen) => {
        const why = apisProblem(chosen.map((i) => i.api));
        if (why) {
          // Also in full: a placeholder shows one line.
          void o.ui.warn(why);
        }
        return why;
      },
      onDidShow: (picker) => o.onMoreApis?.((apis) => addApis(picker, apis)),
      ...(o.searchServer
        ? {
            // The catalog is still loading: ask the server for what is typed, and add what it finds.
            onDidChangeValue: (value: string, picker: vscode.QuickPick<ApiItem>) => {
              const query = value.trim();
              const mine = ++searches;
              if (query.length < 2 || !o.searchServer) {
                picker.busy = false; // a search still running is no longer awaited
                return;
              }
              picker.busy = true;
              const done = (): void => {
                if (mine === searches) {
                  picker.busy = false;
                }
              };
              o.searchServer(query).then((found) => {
                done();
                addApis(picker, found);
              }, done);
            },
          }
        : {}),
    });
    state.apis = picked.map((i) => i.api);
    return versioned().length > 0 ? pickVersions : afterVersions();
  };

  const pickVersions: InputStep = async (input) => {
    const items: VersionItem[] = [];
    const selected: VersionItem[] = [];
    for (const api of versioned()) {
      items.push({ label: api.name, kind: vscode.QuickPickItemKind.Separator });
      const previous = state.versions.get(api.apiId);
      const fromNode = o.preselectedVersion?.apiId === api.apiId ? [o.preselectedVersion.version] : undefined;
      const initial = previous ?? fromNode ?? [api.defaultVersion ?? api.versions[0] ?? 'Default'];
      for (const version of api.versions) {
        const item: VersionItem = {
          label: version,
          description: version === api.defaultVersion ? vscode.l10n.t('{0} · default version', api.name) : api.name,
          api,
          version,
        };
        items.push(item);
        if (initial.includes(version)) {
          selected.push(item);
        }
      }
    }
    const picked = await input.pick({
      title,
      ...position('versions'),
      placeholder: vscode.l10n.t('Versions the key may use (the default version is checked)'),
      items,
      selectedItems: selected,
      canSelectMany: true,
      matchOnDescription: true,
      // Refused here, not replaced by a default the user just unchecked.
      validate: (chosen) => {
        const bare = versioned().filter((api) => !chosen.some((i) => i.api?.apiId === api.apiId));
        return bare.length > 0 ? vscode.l10n.t('Check at least one version of {0}', bare.map((a) => a.name).join(', ')) : undefined;
      },
    });
    state.versions.clear();
    for (const item of picked) {
      if (item.api && item.version) {
        state.versions.set(item.api.apiId, [...(state.versions.get(item.api.apiId) ?? []), item.version]);
      }
    }
    return afterVersions();
  };

  const askUsername: InputStep = async (input) => {
    state.username = await input.input({
      title,
      ...position('username'),
      value: state.username ?? '',
      prompt: vscode.l10n.t('Username of the basic-auth user: callers send it with its password (Authorization: Basic …)'),
      validate: (v) => usernameProblem(v),
    });
    return askPassword;
  };

  const askPassword: InputStep = async (input) => {
    state.password ??= generatePassword();
    state.password = await input.input({
      title,
      ...position('password'),
      value: state.password,
      password: true,
      prompt: vscode.l10n.t('Password of {0}: a generated one is filled in (Enter keeps it), or type your own. Tyk stores only its hash; you get it once, with the username.', state.username ?? ''),
      validate: (v) => (v.length === 0 || hasControlCharacters(v) ? vscode.l10n.t('The password must not be empty (nor hold control characters).') : undefined),
    });
    return o.customKeyId ? askKeyId : pickLimits;
  };

  let certificates: Promise<TykCertificate[]> | undefined;
  const pickCertificate: InputStep = async (input) => {
    certificates ??= o.listCertificates?.() ?? Promise.resolve([]);
    const found = await certificates;
    if (found.length === 0) {
      throw new TykError(
        'not-found',
        vscode.l10n.t('{0} binds keys to client certificates, and the server holds none: add the client’s certificate first (Dashboard: Certificates), then create the key.', apiLabel(state.apis)),
      );
    }
    const items = certificateItems(found);
    const current = items.find((i) => i.certificate.id === state.certificate?.id);
    const picked = await input.pick({
      title,
      ...position('certificate'),
      placeholder: vscode.l10n.t('The client certificate the key is bound to: calls must present it (one key per certificate)'),
      items,
      ...(current ? { activeItem: current } : {}),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    state.certificate = picked.certificate;
    return o.customKeyId ? askKeyId : pickLimits;
  };

  const askKeyId: InputStep = async (input) => {
    state.keyId = await input.input({
      title,
      ...position('keyId'),
      value: state.keyId ?? '',
      prompt: vscode.l10n.t('The key id to create (e.g. a key migrated from another Tyk): callers send it as the key. Tyk stores it with your organisation id.'),
      validate: (v) => customKeyIdProblem(v),
    });
    return pickLimits;
  };

  const pickLimits: InputStep = async (input) => {
    const presets: LimitItem[] = LIMIT_PRESETS.map((p) => ({ label: format().capitalised(format().limits(p.limits)), detail: p.detail, limits: p.limits }));
    const custom: LimitItem = { label: vscode.l10n.t('Custom…'), detail: vscode.l10n.t('choose the rate, its period, the quota and its period') };
    const items = [...presets, custom];
    const current = presets.find((p) => p.limits === state.limits) ?? presets[0];
    const picked = await input.pick({
      title,
      ...position('limits'),
      placeholder: vscode.l10n.t('Rate limit and quota'),
      items,
      ...(current ? { activeItem: current } : {}),
    });
    if (!picked.limits) {
      return customRate;
    }
    state.limits = picked.limits;
    return pickExpiry;
  };

  const limitsStep = (value: string): Pick<InputOptions, 'title' | 'step' | 'totalSteps' | 'value'> => ({ title, ...position('limits'), value });

  const customRate: InputStep = async (input) => {
    state.custom.rate = await ask(input, limitsStep(String(state.custom.rate ?? DEFAULT_LIMITS.rate)), rateField());
    return customPer;
  };

  const customPer: InputStep = async (input) => {
    state.custom.per = await ask(input, limitsStep(String(state.custom.per ?? DEFAULT_LIMITS.per)), perField(state.custom.rate));
    return customQuota;
  };

  const customQuota: InputStep = async (input) => {
    const quotaMax = await ask(
      input,
      limitsStep(state.custom.quotaMax === undefined || state.custom.quotaMax === -1 ? vscode.l10n.t('unlimited') : String(state.custom.quotaMax)),
      quotaField(),
    );
    state.custom.quotaMax = quotaMax;
    if (quotaMax === -1) {
      state.limits = { rate: state.custom.rate ?? DEFAULT_LIMITS.rate, per: state.custom.per ?? 1, quotaMax: -1, quotaRenewalRate: -1 };
      return pickExpiry;
    }
    return customQuotaPeriod;
  };

  const customQuotaPeriod: InputStep = async (input) => {
    state.limits = {
      rate: state.custom.rate ?? DEFAULT_LIMITS.rate,
      per: state.custom.per ?? 1,
      quotaMax: state.custom.quotaMax ?? -1,
      quotaRenewalRate: await ask(input, limitsStep('1d'), quotaPeriodField()),
    };
    return pickExpiry;
  };

  const pickExpiry: InputStep = async (input) => {
    const picked = await input.pick({ title, ...position('expiry'), placeholder: vscode.l10n.t('When the key expires'), items: expiryItems() });
    if (picked.date) {
      return expiryDate;
    }
    state.expires = expiryOf(picked, now());
    return pickAlias;
  };

  const expiryDate: InputStep = async (input) => {
    const inAMonth = new Date(now().getTime() + 30 * DAY * 1000);
    state.expires = await ask(input, { title, ...position('expiry'), value: expiryDateText(inAMonth) }, expiryDateField(now));
    return pickAlias;
  };

  const pickAlias: InputStep = async (input) => {
    const value = await input.input({
      title,
      ...position('alias'),
      value: state.alias ?? suggestAlias(state.policy ? [{ name: state.policy.name }] : state.apis, now()),
      prompt: vscode.l10n.t('Alias (optional): a name to find the key by in the Dashboard — the key itself cannot be shown again'),
      validate: (v) => problem(parseAlias(v)),
    });
    const alias = mustParse(parseAlias(value));
    if (alias === undefined) {
      delete state.alias;
    } else {
      state.alias = alias;
    }
  };

  await MultiStepInput.run(o.ui, state.policy ? pickAlias : askGrant ? pickGrant : pickApis);

  if (state.policy) {
    const policy = state.policy;
    const names = new Map(o.apis.map((a) => [a.apiId, a]));
    const apis = policy.apis.map((a) => names.get(a.apiId)).filter((a): a is TykApi => a !== undefined);
    const orgId = apis.find((a) => a.orgId)?.orgId;
    return {
      // The policy's rights, limits and expiry apply; the key's own are Tyk's defaults.
      spec: { ...DEFAULT_LIMITS, access: [], policies: [policy.id], ...(state.alias ? { alias: state.alias } : {}), ...(orgId ? { orgId } : {}) },
      apis,
      policy,
      label: vscode.l10n.t('the policy {0}', policy.name),
      kind: 'authToken',
    };
  }

  const access: KeyAccess[] = state.apis.map((api) => ({
    apiId: api.apiId,
    apiName: api.name,
    versions: api.isOas ? ['Default'] : (state.versions.get(api.apiId) ?? [api.defaultVersion ?? api.versions[0] ?? 'Default']),
  }));
  const orgId = state.apis.find((a) => a.orgId)?.orgId;
  const spec: KeySpec = {
    access,
    ...state.limits,
    expires: state.expires,
    ...(state.alias ? { alias: state.alias } : {}),
    ...(orgId ? { orgId } : {}),
  };
  const made = kind();
  if (made === 'basic' && state.username !== undefined && state.password !== undefined) {
    spec.basicAuth = { username: state.username, password: state.password };
  }
  if (made === 'hmac') {
    spec.hmac = true;
  }
  if (made === 'certificate' && state.certificate) {
    spec.certificate = state.certificate.id;
  }
  if (state.keyId !== undefined && made !== 'basic') {
    spec.customKeyId = state.keyId;
  }
  return { spec, apis: state.apis, label: apiLabel(state.apis), kind: made };
}


/** A classic API with several versions: Create Key asks which of them the key may use. */
function hasVersionStep(api: TykApi): boolean {
  return !api.isOas && api.versions.length > 1;
}

function apiItemOf(api: TykApi): ApiItem {
  return {
    label: api.name,
    description: [protocolLabel(api.protocol), api.listenPath, authLabel(api.authKind), api.active ? '' : vscode.l10n.t('inactive'), api.internal ? vscode.l10n.t('internal') : '']
      .filter(Boolean)
      .join(' · '),
    detail: api.apiId,
    api,
  };
}

/** "The policy sets the key’s rights, limits and expiry (100 requests per minute, …)". */
export function policyDetail(policy: TykPolicy): string {
  const limits = policyLimits(policy);
  return limits
    ? vscode.l10n.t('The policy sets the key’s rights, limits and expiry ({0})', limits)
    : vscode.l10n.t('The policy sets the key’s rights, limits and expiry');
}
