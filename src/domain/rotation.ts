// What Rotate Key… needs that is plain text: the new key's alias, and where a key is in a text (to
// replace the old key with the new one in the open editors). Plain TypeScript (l10n.t() seam).
import * as l10n from '@vscode/l10n';
import { capLength } from './displayText';
import { MAX_ALIAS_LENGTH } from './keySpec';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-11-30" (local time), or "2026-11-30 14:05" with `withTime`. */
export function rotationDate(date: Date, withTime = false): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return withTime ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}` : day;
}

/** "{alias} (rotated {date})", localised; `{0}` and `{1}` where the alias and the date go. */
function rotatedTemplate(alias: string, date: string): string {
  return l10n.t('{0} (rotated {1})', alias, date);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The alias before a previous rotation's suffix ("mobile (rotated 2026-01-02)" → "mobile"), else the alias. */
function withoutRotationSuffix(alias: string): string {
  // Private-use characters mark where the alias and the date go in the (translated) template.
  const [before = '', middle = '', after = ''] = rotatedTemplate('\ue000', '\ue001').split(/[\ue000\ue001]/);
  const suffix = new RegExp(`^${escapeRegExp(before)}([^]*)${escapeRegExp(middle)}\\d{4}-\\d{2}-\\d{2}(?: \\d{2}:\\d{2})?${escapeRegExp(after)}$`);
  return suffix.exec(alias)?.[1] || alias;
}

/**
 * The alias of a rotated key's replacement, so that the two keys are told apart in every list (Tyk keeps
 * `alias` as free text: user.SessionState.Alias): "mobile-app (rotated 2026-11-30)". A previous rotation's
 * suffix is replaced, not added to; a key without an alias is named by `masked`, its masked form
 * ("abcd…9f2e (rotated 2026-11-30)"). Rotated twice the same day, the time tells the two apart. At most
 * MAX_ALIAS_LENGTH characters: the old alias is cut (with "…"), never the date; control characters become spaces.
 */
export function rotatedAlias(oldAlias: string | undefined, masked: string, now: Date): string {
  const base = withoutRotationSuffix((oldAlias?.trim() || masked).replace(/\p{Cc}/gu, ' '));
  const make = (date: string): string => {
    const room = MAX_ALIAS_LENGTH - rotatedTemplate('', date).length;
    return rotatedTemplate(base.length > room ? `${capLength(base, room - 1)}…` : base, date);
  };
  const alias = make(rotationDate(now));
  return alias === oldAlias ? make(rotationDate(now, true)) : alias;
}

/** A character a key continues with: a match is a whole key, never the middle of a longer word. */
const WORD = /[A-Za-z0-9_]/;

/** Keys shorter than this are not looked for (a short custom id would match ordinary words). */
export const MIN_FINDABLE_KEY = 6;

/** The offsets of `value` in `text`, each a whole word (not inside a longer one), not overlapping. */
export function occurrencesOf(text: string, value: string): number[] {
  const found: number[] = [];
  if (value.length < MIN_FINDABLE_KEY) {
    return found;
  }
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at)) {
    const end = at + value.length;
    if (!WORD.test(text.charAt(at - 1)) && !WORD.test(text.charAt(end))) {
      found.push(at);
      at = end;
    } else {
      at += 1;
    }
  }
  return found;
}

/** The characters of a key as Tyk makes them (hex, base64) and of most custom ids. */
const KEY_RUN = /[A-Za-z0-9_\-+/=.~]+/g;
const MAX_CANDIDATE = 1024;

/**
 * The words of `text` that may be a key, as the insert formats write one: alone, after `Name: `, in
 * quotes, or after `NAME=` (.env, a query string) — the whole run of key characters, the part after its
 * first `=`, and either without a trailing full stop. For recognising a key by its fingerprint.
 */
export function keyCandidates(text: string): Set<string> {
  const candidates = new Set<string>();
  const add = (word: string): void => {
    for (const w of [word, word.replace(/\.+$/, '')]) {
      if (w.length >= MIN_FINDABLE_KEY && w.length <= MAX_CANDIDATE) {
        candidates.add(w);
      }
    }
  };
  for (const [run] of text.matchAll(KEY_RUN)) {
    add(run);
    const eq = run.indexOf('=');
    if (eq >= 0) {
      add(run.slice(eq + 1));
    }
  }
  return candidates;
}
