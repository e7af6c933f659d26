// src/domain/format.ts: how rates, quotas, periods, counts and dates read, in the user's locale.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { Formatter, configureFormats, format } from '../../../src/domain/format';

const DAY = 86_400;
/** 2027-03-31T23:59:59Z, in unix seconds. */
const END_OF_MARCH_2027 = Date.UTC(2027, 2, 31, 23, 59, 59) / 1000;
/** ICU writes some spaces as no-break or narrow no-break spaces ("11:59 PM"): compared as plain spaces. */
const spaces = (text: string): string => text.replace(/\s/g, ' ');

describe('domain/format', () => {
  const en = new Formatter({ locale: 'en', timeZone: 'UTC' });
  /** German numbers and dates, English words: VS Code in German, the extension not translated. */
  const de = new Formatter({ locale: 'de', language: 'en', timeZone: 'Europe/Berlin' });

  it('counts: grouped as the locale groups thousands', () => {
    assert.equal(en.count(10_000), '10,000');
    assert.equal(de.count(10_000), '10.000');
    assert.equal(new Formatter({ locale: 'fr' }).count(10_000), '10\u202f000');
    assert.equal(en.count(7), '7');
    assert.equal(en.count(0.5), '0.5');
    assert.equal(en.groupSeparator(), ',');
    assert.equal(de.groupSeparator(), '.');
  });

  it('rates: a named period when there is one, else the period in its largest whole unit', () => {
    assert.equal(en.rate(100, 60), '100 requests per minute');
    assert.equal(en.rate(1000, 1), '1,000 requests per second');
    assert.equal(en.rate(1000), '1,000 requests per second', 'Tyk’s per defaults to a second');
    assert.equal(en.rate(1, 3600), '1 request per hour');
    assert.equal(en.rate(50_000, DAY), '50,000 requests per day');
    assert.equal(en.rate(5, 90), '5 requests per 90 seconds');
    assert.equal(en.rate(10, 120), '10 requests per 2 minutes');
    assert.equal(en.rate(10, 5400), '10 requests per 90 minutes');
    assert.equal(en.rate(10, 7200), '10 requests per 2 hours');
    assert.equal(en.rate(3, 7 * DAY), '3 requests per 7 days');
    assert.equal(en.rate(0, 1), 'no rate limit');
    assert.equal(en.rate(-1, 60), 'no rate limit');
    assert.equal(de.rate(1000, 1), '1.000 requests per second');
    assert.equal(de.rate(5000, 9000), '5.000 requests per 150 minutes');
  });

  it('quotas: "a day", "an hour"… or "per" a period; unlimited and never-renewed as Tyk reads them', () => {
    assert.equal(en.quota(10_000, DAY), '10,000 requests a day');
    assert.equal(en.quota(1000, 3600), '1,000 requests an hour');
    assert.equal(en.quota(60, 60), '60 requests a minute');
    assert.equal(en.quota(2, 1), '2 requests a second');
    assert.equal(en.quota(500, 30 * DAY), '500 requests per 30 days');
    assert.equal(en.quota(1, 2 * 3600), '1 request per 2 hours');
    assert.equal(en.quota(-1, -1), 'unlimited');
    assert.equal(en.quota(0, 3600), 'unlimited', 'Tyk: a quota_max of 0 sets no quota');
    assert.equal(en.quota(undefined, undefined), 'unlimited');
    assert.equal(en.quota(-1, -1, true), 'unlimited quota');
    assert.equal(en.quota(100, 0), '100 requests, never renewed');
    assert.equal(en.quota(100, -1), '100 requests, never renewed');
    assert.equal(en.quota(100, undefined), '100 requests, never renewed');
    assert.equal(de.quota(10_000, DAY), '10.000 requests a day');
  });

  it('limits: the rate and the quota, each when given', () => {
    assert.equal(en.limits({ rate: 100, per: 60, quotaMax: 10_000, quotaRenewalRate: DAY }), '100 requests per minute, 10,000 requests a day');
    assert.equal(en.limits({ rate: 1000, per: 1, quotaMax: -1, quotaRenewalRate: -1 }), '1,000 requests per second, unlimited quota');
    assert.equal(en.limits({ rate: 0, per: 1, quotaMax: -1 }), 'no rate limit, unlimited quota');
    assert.equal(en.limits({ rate: 5 }), '5 requests per second');
    assert.equal(en.limits({ quotaMax: 10, quotaRenewalRate: 60 }), '10 requests a minute');
    assert.equal(en.limits({}), '');
    assert.equal(de.limits({ rate: 100, per: 60, quotaMax: 10_000, quotaRenewalRate: DAY }), '100 requests per minute, 10.000 requests a day');
  });

  it('durations: the largest whole unit, its name in the words’ language, the number in the user’s locale', () => {
    assert.equal(en.duration(1), '1 second');
    assert.equal(en.duration(90), '90 seconds');
    assert.equal(en.duration(300), '5 minutes');
    assert.equal(en.duration(3600), '1 hour');
    assert.equal(en.duration(DAY), '1 day');
    assert.equal(en.duration(30 * DAY), '30 days');
    assert.equal(en.duration(0), '0 seconds');
    assert.equal(en.duration(1.5), '1.5 seconds');
    assert.equal(en.duration(1000 * DAY), '1,000 days');
    // German numbers, English words (untranslated): no German unit inside an English sentence.
    assert.equal(de.duration(1000 * DAY), '1.000 days');
    // Translated into German: German units too.
    assert.equal(new Formatter({ locale: 'de' }).duration(90), '90 Sekunden');
    assert.equal(new Formatter({ locale: 'de' }).duration(3600), '1 Stunde');
  });

  it('dates: date and time in the user’s locale and time zone; "never" for an expiry of 0 or less', () => {
    assert.equal(spaces(en.expiry(END_OF_MARCH_2027)), 'Mar 31, 2027, 11:59 PM UTC');
    assert.equal(spaces(de.expiry(END_OF_MARCH_2027)), '1. Apr. 2027, 01:59 MESZ');
    assert.equal(spaces(en.dateTime('2030-01-01T00:00:00Z')), 'Jan 1, 2030, 12:00 AM UTC');
    assert.equal(spaces(en.dateTime(new Date(0))), 'Jan 1, 1970, 12:00 AM UTC');
    assert.equal(en.dateTime('not a date'), '');
    assert.equal(en.expiry(-1), 'never');
    assert.equal(en.expiry(0), 'never', 'Tyk: expires 0 never expires');
    assert.equal(en.expiry(undefined), 'never');
    // Beyond what a Date holds: the number as sent, not "never" or "Invalid Date".
    assert.equal(en.expiry(1e13), '10,000,000,000,000');
  });

  describe('plural forms', () => {
    afterEach(() => l10n.config({ contents: {} }));

    it('English: one and other; an untranslated display language still follows English rules', () => {
      assert.equal(en.requests(1), '1 request');
      assert.equal(en.requests(0), '0 requests');
      assert.equal(en.requests(2), '2 requests');
      // French says "0 requête" (0 is "one" in French): without a French bundle the words are
      // English, so English picks the form.
      const frenchNumbers = new Formatter({ locale: 'fr', language: 'en' });
      assert.equal(frenchNumbers.requests(0), '0 requests');
      assert.equal(frenchNumbers.requests(1_000_000), '1\u202f000\u202f000 requests');
    });

    it('a translation gets every form its language has: Polish one, few, many; French one (0 and 1), many, other', () => {
      const key = (message: string, form: string): string => `${message}/Plural form "${form}" of a number of requests${form === 'one' || form === 'other' ? '.' : ' (languages that have it).'}`;
      l10n.config({
        contents: {
          [key('{0} request', 'one')]: '{0} żądanie',
          [key('{0} requests', 'few')]: '{0} żądania',
          [key('{0} requests', 'many')]: '{0} żądań',
          [key('{0} requests', 'other')]: '{0} żądania (other)',
        },
      });
      const pl = new Formatter({ locale: 'pl' });
      assert.equal(pl.requests(1), '1 żądanie');
      assert.equal(pl.requests(2), '2 żądania');
      assert.equal(pl.requests(5), '5 żądań');
      assert.equal(pl.requests(22), '22 żądania');
      assert.equal(pl.requests(12), '12 żądań', '12 is "many" in Polish, 22 "few"');
      assert.equal(pl.requests(1.5), '1,5 żądania (other)');

      l10n.config({
        contents: {
          [key('{0} request', 'one')]: '{0} requête',
          [key('{0} requests', 'many')]: '{0} de requêtes',
          [key('{0} requests', 'other')]: '{0} requêtes',
          '{0} per minute': '{0} par minute',
        },
      });
      const fr = new Formatter({ locale: 'fr' });
      assert.equal(fr.requests(0), '0 requête');
      assert.equal(fr.requests(1), '1 requête');
      assert.equal(fr.requests(2), '2 requêtes');
      assert.equal(fr.rate(1_000_000, 60), '1\u202f000\u202f000 de requêtes par minute');
    });
  });

  it('locales: an unknown or malformed tag is English, never the process default', () => {
    assert.equal(new Formatter({ locale: 'qps-ploc' }).locale, 'en');
    assert.equal(new Formatter({ locale: 'not a tag!' }).locale, 'en');
    assert.equal(new Formatter({ locale: 'zh-cn' }).locale, 'zh-CN');
    assert.equal(new Formatter({ locale: 'de', language: 'en' }).language, 'en');
  });

  it('capitalised: the first letter, as the words’ language capitalises it', () => {
    assert.equal(en.capitalised('no rate limit, unlimited quota'), 'No rate limit, unlimited quota');
    assert.equal(en.capitalised('100 requests per minute'), '100 requests per minute');
    assert.equal(en.capitalised(''), '');
    assert.equal(new Formatter({ locale: 'tr' }).capitalised('istek'), 'İstek');
    assert.equal(en.capitalised('𝒶bc'), '𝒶bc', 'a character outside the BMP stays whole');
  });

  it('configureFormats: every screen then formats in that locale (English before)', () => {
    assert.equal(format().count(10_000), '10,000');
    try {
      configureFormats({ locale: 'de', language: 'en' });
      assert.equal(format().count(10_000), '10.000');
      assert.equal(format().rate(1000, 1), '1.000 requests per second');
    } finally {
      configureFormats({ locale: 'en' });
    }
    assert.equal(format().count(10_000), '10,000');
  });
});
