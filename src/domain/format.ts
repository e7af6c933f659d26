// How a rate, a quota, a period, a count and a date read, on every screen (Create Key, Update Key, the
// tree, the key details, the chat tools, notifications): one formatter, so the same value reads the
// same everywhere. Numbers and dates through Intl in VS Code's display language (set once at start by
// configureFormats, never the process default); the words through l10n.t, their plural form chosen by
// Intl.PluralRules in the language those words are in.
import * as l10n from '@vscode/l10n';

/** The locales a formatter uses. */
export interface FormatLocales {
  /** How numbers and dates are written (grouping, digits, date order): VS Code's display language (`vscode.env.language`). */
  locale: string;
  /**
   * The language of the words (the l10n bundle in use): it picks the plural form and names the units of a
   * period. The display language when the extension is translated into it, English when it is not, so
   * an untranslated sentence never gets a German unit or a French plural rule. Default: `locale`.
   */
  language?: string;
  /** Dates in this IANA time zone; default: the machine's (the user's). */
  timeZone?: string;
}

const SECOND = 1;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** The units a period is written in, largest first: a period is written in the largest that divides it. */
const UNITS = [
  { seconds: DAY, unit: 'day' },
  { seconds: HOUR, unit: 'hour' },
  { seconds: MINUTE, unit: 'minute' },
  { seconds: SECOND, unit: 'second' },
] as const;

/** "… per second", "… per minute"…: a rate over a period that has a name. */
const PER_NAMED_PERIOD: Readonly<Record<number, (requests: string) => string>> = {
  [SECOND]: (requests) => l10n.t('{0} per second', requests),
  [MINUTE]: (requests) => l10n.t('{0} per minute', requests),
  [HOUR]: (requests) => l10n.t('{0} per hour', requests),
  [DAY]: (requests) => l10n.t('{0} per day', requests),
};

/** "… a second", "… an hour"…: a quota renewed every period that has a name. */
const EVERY_NAMED_PERIOD: Readonly<Record<number, (requests: string) => string>> = {
  [SECOND]: (requests) => l10n.t('{0} a second', requests),
  [MINUTE]: (requests) => l10n.t('{0} a minute', requests),
  [HOUR]: (requests) => l10n.t('{0} an hour', requests),
  [DAY]: (requests) => l10n.t('{0} a day', requests),
};

/** `tag` when Intl knows it, else English: never the process's default. */
function supported(tag: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag])[0] ?? 'en';
  } catch {
    // Not a language tag at all.
    return 'en';
  }
}

/** The parts of a formatted number (as opposed to a unit or a literal around it). */
const NUMBER_PARTS = new Set(['integer', 'group', 'decimal', 'fraction', 'minusSign', 'plusSign']);

export class Formatter {
  readonly locale: string;
  readonly language: string;
  private readonly numbers: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;
  private readonly dates: Intl.DateTimeFormat;

  constructor({ locale, language = locale, timeZone }: FormatLocales) {
    this.locale = supported(locale);
    this.language = supported(language);
    this.numbers = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 3 });
    this.plurals = new Intl.PluralRules(this.language);
    this.dates = new Intl.DateTimeFormat(this.locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
  }

  /** A number as the user writes it: `10,000` (en), `10.000` (de), `10 000` (fr). */
  count(n: number): string {
    return this.numbers.format(n);
  }

  /** The character grouping thousands in the user's numbers (`,` in en, `.` in de), for reading them back. */
  groupSeparator(): string {
    return this.numbers.formatToParts(10_000).find((p) => p.type === 'group')?.value ?? '';
  }

  /** "1 request", "10,000 requests": the plural form the language gives `n`. */
  requests(n: number): string {
    const args = [this.count(n)];
    // One message per CLDR plural category, so that a translation can give each its own form (English
    // has two; Polish or Arabic more). The comment tells the translator which form it is.
    switch (this.plurals.select(n)) {
      case 'zero':
        return l10n.t({ message: '{0} requests', args, comment: ['Plural form "zero" of a number of requests (languages that have it).'] });
      case 'one':
        return l10n.t({ message: '{0} request', args, comment: ['Plural form "one" of a number of requests.'] });
      case 'two':
        return l10n.t({ message: '{0} requests', args, comment: ['Plural form "two" of a number of requests (languages that have it).'] });
      case 'few':
        return l10n.t({ message: '{0} requests', args, comment: ['Plural form "few" of a number of requests (languages that have it).'] });
      case 'many':
        return l10n.t({ message: '{0} requests', args, comment: ['Plural form "many" of a number of requests (languages that have it).'] });
      default:
        return l10n.t({ message: '{0} requests', args, comment: ['Plural form "other" of a number of requests.'] });
    }
  }

  /**
   * A period of `seconds`, in the largest unit that divides it: "1 second", "90 seconds", "5 minutes",
   * "1 hour", "30 days". The unit's name is Intl's in the words' language; the number is the user's.
   */
  duration(seconds: number): string {
    const { seconds: size, unit } = UNITS.find((u) => seconds !== 0 && Number.isInteger(seconds / u.seconds)) ?? { seconds: SECOND, unit: 'second' };
    const n = seconds / size;
    const parts = new Intl.NumberFormat(this.language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 3 }).formatToParts(n);
    // The unit's words around the number written as the user writes numbers.
    const first = parts.findIndex((p) => NUMBER_PARTS.has(p.type));
    const rest = parts.filter((p, i) => i <= first || !NUMBER_PARTS.has(p.type));
    return rest.map((p, i) => (i === first ? this.count(n) : p.value)).join('');
  }

  /**
   * A rate limit: "100 requests per minute", "1,000 requests per second", "5 requests per 90 seconds";
   * "no rate limit" when `rate` is 0 or less (Tyk applies none). `per` defaults to a second.
   */
  rate(rate: number, per = 1): string {
    if (rate <= 0) {
      return l10n.t('no rate limit');
    }
    return this.over(this.requests(rate), per, PER_NAMED_PERIOD);
  }

  /**
   * A quota: "10,000 requests a day", "1,000 requests an hour", "500 requests per 30 days". As Tyk reads
   * it (session_manager.go, RedisQuotaExceeded): a `max` of -1 or 0 is no quota ("unlimited", or
   * "unlimited quota" in a list of limits); a `renewal` of 0 or less never renews the quota.
   */
  quota(max: number | undefined, renewal: number | undefined, inList = false): string {
    if (max === undefined || max <= 0) {
      return inList ? l10n.t('unlimited quota') : l10n.t('unlimited');
    }
    const requests = this.requests(max);
    if (renewal === undefined || renewal <= 0) {
      return l10n.t('{0}, never renewed', requests);
    }
    return this.over(requests, renewal, EVERY_NAMED_PERIOD);
  }

  /** `requests` over a period of `seconds`: in the words `named` has for it, else "… per 90 seconds". */
  private over(requests: string, seconds: number, named: Readonly<Record<number, (requests: string) => string>>): string {
    const phrase = named[seconds];
    return phrase ? phrase(requests) : l10n.t('{0} per {1}', requests, this.duration(seconds));
  }

  /** The rate limit and the quota, each when given: "100 requests per minute, 10,000 requests a day". */
  limits(l: { rate?: number; per?: number; quotaMax?: number; quotaRenewalRate?: number }): string {
    const rate = l.rate === undefined ? undefined : this.rate(l.rate, l.per);
    const quota = l.quotaMax === undefined ? undefined : this.quota(l.quotaMax, l.quotaRenewalRate, true);
    return rate !== undefined && quota !== undefined ? l10n.t('{0}, {1}', rate, quota) : (rate ?? quota ?? '');
  }

  /** `text` starting with a capital letter, as the words' language writes one ("No rate limit, …" for a label). */
  capitalised(text: string): string {
    const first = text.codePointAt(0);
    if (first === undefined) {
      return text;
    }
    const char = String.fromCodePoint(first);
    return char.toLocaleUpperCase(this.language) + text.slice(char.length);
  }

  /** A date and time in the user's time zone: "Mar 31, 2027, 11:59 PM UTC"; "" for an invalid date. */
  dateTime(date: Date | string): string {
    const d = typeof date === 'string' ? new Date(date) : date;
    return Number.isNaN(d.getTime()) ? '' : this.dates.format(d);
  }

  /**
   * How far `when` is from `now` (milliseconds since the epoch), in the largest whole unit: "in 3 days",
   * "in 5 hours", "2 days ago", "in less than a minute". Intl's words in the words' language, the
   * number as the user writes numbers.
   */
  countdown(when: number, now: number): string {
    const seconds = (when - now) / 1000;
    if (Math.abs(seconds) < MINUTE) {
      return seconds < 0 ? l10n.t('less than a minute ago') : l10n.t('in less than a minute');
    }
    const { seconds: size, unit } = UNITS.find((u) => Math.abs(seconds) >= u.seconds && u.unit !== 'second') ?? { seconds: MINUTE, unit: 'minute' };
    const n = Math.trunc(seconds / size) + 0;
    const parts = new Intl.RelativeTimeFormat(this.language, { numeric: 'always' }).formatToParts(n, unit);
    const first = parts.findIndex((p) => NUMBER_PARTS.has(p.type));
    const rest = parts.filter((p, i) => i <= first || !NUMBER_PARTS.has(p.type));
    return rest.map((p, i) => (i === first ? this.count(Math.abs(n)) : p.value)).join('');
  }

  /** When a key expires (unix seconds): a date, or "never" for 0 or less (Tyk: -1 or 0 never expires). */
  expiry(seconds: number | undefined): string {
    // Beyond what a date can hold (year 275760): the number as Tyk sent it.
    return seconds === undefined || seconds <= 0 ? l10n.t('never') : this.dateTime(new Date(seconds * 1000)) || this.count(seconds);
  }
}

let current = new Formatter({ locale: 'en' });

/** Sets the locales every screen formats with: once, at start, from VS Code's display language. */
export function configureFormats(locales: FormatLocales): void {
  current = new Formatter(locales);
}

/** The formatter of the user's locale (English until configureFormats). */
export function format(): Formatter {
  return current;
}
