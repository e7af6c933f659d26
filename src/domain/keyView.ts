// The key view (Show Key Details): what its webview shows, as a plain JSON view model built here and sent
// to the webview (src/webview/keyView.ts), which only lays it out. Every text in it is final: translated
// here (l10n.t), formatted here (format.ts), server text made plain and bounded here (displayText.ts); the
// webview sets it as textContent, never as markup. Plain TypeScript.
//
// The panel is a list of sections, each of a kind the webview knows how to draw (facts, quota, list). A new
// section (e.g. "Usage over time") is a new kind here and a renderer for it in the webview, put in the list
// where it belongs (after "limits").
import * as l10n from '@vscode/l10n';
import { plainText } from './displayText';
import { format } from './format';
import { expiryTime, keyState, keyStateLabel } from './keyState';
import { expiryPhrase, expiryWarning } from './expiry';
import { MAX_NAME_LENGTH } from './limits';
import { maskKey } from './mask';
import type { KeyDetails } from './model';

/** The key's state as the view shows it: Tyk's three, and "expiring" for an active key expiring soon. */
export type KeyViewState = 'active' | 'expiring' | 'suspended' | 'expired';

/** One labelled value. `tone` colours it (a theme colour in the webview). */
export interface KeyViewFact {
  label: string;
  value: string;
  tone?: 'ok' | 'warning' | 'error';
}

/** The quota as a bar: used of max, as numbers and as the words a screen reader says. */
export interface KeyViewMeter {
  used: number;
  max: number;
  /** "250 of 1,000 requests used, 750 remaining". */
  text: string;
}

export type KeyViewSection =
  | { kind: 'facts'; id: string; heading: string; facts: KeyViewFact[] }
  | { kind: 'quota'; id: string; heading: string; meter?: KeyViewMeter; facts: KeyViewFact[] }
  | { kind: 'list'; id: string; heading: string; items: Array<{ text: string; detail?: string }>; empty: string }
  // Its content comes apart, after the panel is shown (a `usage` message: src/domain/usageView.ts).
  | { kind: 'usage'; id: string; heading: string };

/** The buttons, in order. */
export type KeyViewAction = 'update' | 'rotate' | 'revoke' | 'copyHash' | 'openJson';

export const KEY_VIEW_ACTIONS: readonly KeyViewAction[] = ['update', 'rotate', 'revoke', 'copyHash', 'openJson'];

export interface KeyViewModel {
  /** The heading: the alias, else the masked key. */
  title: string;
  state: { state: KeyViewState; text: string };
  actions: Array<{ action: KeyViewAction; label: string; title: string; enabled: boolean }>;
  /** The buttons' group, for a screen reader. */
  actionsLabel: string;
  sections: KeyViewSection[];
}

/** What the view model is built from besides the key: names known here (caches: no request), the time, the setting. */
export interface KeyViewContext {
  apiNames: ReadonlyMap<string, string>;
  policyNames: ReadonlyMap<string, string>;
  now: number;
  /** tyk.expiryWarningDays: an active key expiring within this many days says when ("expires in N days"). */
  warningDays: number;
}


/** Server text as the view shows it: one line, no control or bidi characters, bounded. */
function text(value: string, max = MAX_NAME_LENGTH): string {
  return plainText(value, max);
}

/** Said plainly when a field is absent. */
function absent(): string {
  return l10n.t('not set');
}

/**
 * The state, and for an active key that expires within `warningDays` (calendar days, as the tree and the
 * status bar count: src/domain/expiry.ts) "expires in 3 days", "expires tomorrow", "expires today".
 */
export function keyViewState(details: Pick<KeyDetails, 'isInactive' | 'expires'>, now: number, warningDays: number): KeyViewModel['state'] {
  const state = keyState(details, now);
  const warning = state === 'active' ? expiryWarning(details, now, warningDays) : undefined;
  if (warning?.kind === 'expiring') {
    return { state: 'expiring', text: expiryPhrase(warning) };
  }
  return { state, text: keyStateLabel(state) };
}

function kindText(kind: KeyDetails['kind']): string {
  switch (kind) {
    case 'basic':
      return l10n.t('basic-auth user');
    case 'hmac':
      return l10n.t('HMAC key (signs requests)');
    case 'certificate':
      return l10n.t('certificate-bound key');
    case 'authToken':
      return l10n.t('auth token');
  }
}

/** `date_created` as a date, when it is one (Tyk writes the zero time `0001-01-01T00:00:00Z` for none). */
function createdAt(session: Record<string, unknown>): number | undefined {
  const raw = session.date_created;
  const time = typeof raw === 'string' ? Date.parse(raw) : NaN;
  return Number.isNaN(time) || time <= 0 ? undefined : time;
}

function identity(details: KeyDetails, listedId: string, hashed: boolean, now: number): KeyViewSection {
  const hash = details.keyHash ?? (hashed ? listedId : undefined);
  const when = createdAt(details.session);
  const facts: KeyViewFact[] = [
    { label: l10n.t('Alias'), value: details.alias ? text(details.alias) : absent() },
    { label: l10n.t('Key'), value: maskKey(details.keyId || listedId) },
    { label: l10n.t('Hash'), value: hash ? text(hash) : l10n.t('not known (the server does not hash keys, or did not say)') },
    { label: l10n.t('Kind'), value: kindText(details.kind) },
    ...(details.kind === 'basic' ? [{ label: l10n.t('Username'), value: details.username ? text(details.username) : absent() }] : []),
    ...(details.certificate ? [{ label: l10n.t('Certificate'), value: text(details.certificate) }] : []),
    { label: l10n.t('Created'), value: when === undefined ? l10n.t('not known') : l10n.t('{0} ({1})', format().dateTime(new Date(when)), format().countdown(when, now)) },
  ];
  return { kind: 'facts', id: 'key', heading: l10n.t('Key'), facts };
}

function status(details: KeyDetails, context: KeyViewContext): KeyViewSection {
  const state = keyViewState(details, context.now, context.warningDays);
  const tone: KeyViewFact['tone'] = state.state === 'active' ? 'ok' : state.state === 'expiring' ? 'warning' : 'error';
  const expiry = expiryTime(details);
  const facts: KeyViewFact[] = [
    { label: l10n.t('State'), value: state.text, tone },
    { label: l10n.t('Expires'), value: expiry === undefined ? l10n.t('never') : format().expiry(details.expires) },
    ...(expiry === undefined ? [] : [{ label: l10n.t('Countdown'), value: format().countdown(expiry, context.now), ...(state.state === 'active' ? {} : { tone }) }]),
  ];
  return { kind: 'facts', id: 'state', heading: l10n.t('State'), facts };
}

function limits(details: KeyDetails, now: number): KeyViewSection {
  const f = format();
  const facts: KeyViewFact[] = [{ label: l10n.t('Rate limit'), value: details.rate === undefined ? absent() : f.rate(details.rate, details.per) }];
  const max = details.quotaMax;
  facts.push({ label: l10n.t('Quota'), value: max === undefined ? absent() : f.quota(max, details.quotaRenewalRate) });
  if (max === undefined || max <= 0) {
    // -1 (or 0): no quota (Tyk, session_manager.go); nothing is counted.
    return { kind: 'quota', id: 'limits', heading: l10n.t('Limits'), facts };
  }
  // quota_remaining: what is left of quota_max until quota_renews (unix seconds); Tyk counts down.
  const remaining = details.quotaRemaining === undefined ? undefined : Math.min(max, Math.max(0, details.quotaRemaining));
  const meter: KeyViewMeter | undefined =
    remaining === undefined
      ? undefined
      : { used: max - remaining, max, text: l10n.t('{0} of {1} used, {2} remaining', f.count(max - remaining), f.requests(max), f.count(remaining)) };
  if (!meter) {
    facts.push({ label: l10n.t('Used'), value: l10n.t('not known') });
  }
  const renews = details.quotaRenews;
  const renewal = details.quotaRenewalRate;
  facts.push({
    label: l10n.t('Renews'),
    value:
      renewal === undefined || renewal <= 0
        ? l10n.t('never')
        : renews !== undefined && renews > 0
          ? l10n.t('{0} ({1})', f.expiry(renews), f.countdown(renews * 1000, now))
          : l10n.t('{0} after the first request', f.duration(renewal)),
  });
  return { kind: 'quota', id: 'limits', heading: l10n.t('Limits'), ...(meter ? { meter } : {}), facts };
}

function access(details: KeyDetails, apiNames: ReadonlyMap<string, string>): KeyViewSection {
  const items = details.accessRights.map((r) => {
    const name = r.apiName || apiNames.get(r.apiId);
    const versions = r.versions.map((v) => text(v)).join(', ');
    return {
      text: name ? text(name) : text(r.apiId),
      detail: [name ? l10n.t('id {0}', text(r.apiId)) : undefined, versions ? l10n.t('versions: {0}', versions) : l10n.t('all versions')].filter((s) => s !== undefined).join(' · '),
    };
  });
  const empty = details.policies.length > 0 ? l10n.t('None of its own: its policies grant its APIs.') : l10n.t('No API.');
  return { kind: 'list', id: 'access', heading: l10n.t('Access rights'), items, empty };
}

function policies(details: KeyDetails, policyNames: ReadonlyMap<string, string>): KeyViewSection {
  const items = details.policies.map((id) => {
    const name = policyNames.get(id);
    return name ? { text: text(name), detail: l10n.t('id {0}', text(id)) } : { text: text(id) };
  });
  return { kind: 'list', id: 'policies', heading: l10n.t('Policies'), items, empty: l10n.t('No policy.') };
}

function tags(details: KeyDetails): KeyViewSection {
  return { kind: 'list', id: 'tags', heading: l10n.t('Tags'), items: details.tags.map((t) => ({ text: text(t) })), empty: l10n.t('No tags.') };
}

/**
 * The view model of a key as read (`details`), listed as `listedId` (the key, or its hash when `hashed`).
 * Names of APIs and policies come from what is already loaded (`context`): an unknown one shows its id.
 */
export function keyViewModel(details: KeyDetails, listedId: string, hashed: boolean, context: KeyViewContext): KeyViewModel {
  const hash = details.keyHash ?? (hashed ? listedId : undefined);
  return {
    title: details.alias ? text(details.alias) : maskKey(details.keyId || listedId),
    state: keyViewState(details, context.now, context.warningDays),
    actionsLabel: l10n.t('Key actions'),
    actions: [
      { action: 'update', label: l10n.t('Update…'), title: l10n.t('Change the expiry, quota or rate limit, or suspend the key'), enabled: true },
      { action: 'rotate', label: l10n.t('Rotate…'), title: l10n.t('Replace the key with a new one with the same rights'), enabled: true },
      { action: 'revoke', label: l10n.t('Revoke…'), title: l10n.t('Delete the key on the server (asks first)'), enabled: true },
      { action: 'copyHash', label: l10n.t('Copy Hash'), title: hash ? l10n.t('Copy the key’s hash (not the key)') : l10n.t('The server did not give the key’s hash'), enabled: hash !== undefined },
      { action: 'openJson', label: l10n.t('Open as JSON'), title: l10n.t('The whole session as read-only JSON'), enabled: true },
    ],
    sections: [
      identity(details, listedId, hashed, context.now),
      status(details, context),
      limits(details, context.now),
      { kind: 'usage', id: 'usage', heading: l10n.t('Usage over time') },
      access(details, context.apiNames),
      policies(details, context.policyNames),
      tags(details),
    ],
  };
}
