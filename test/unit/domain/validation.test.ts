// src/domain/validation.ts: what the quick inputs accept, and the sentence they show when they do not.
import * as assert from 'node:assert/strict';
import { configureFormats } from '../../../src/domain/format';
import {
  MAX_COUNT,
  defaultScheme,
  hasScheme,
  isHttpToken,
  isLoopbackHost,
  isUrlPath,
  isWritableText,
  mustParse,
  parseAlias,
  parseBaseUrl,
  parseCount,
  parseCredential,
  expiryDateText,
  parseExpiryDate,
  parseGatewayBase,
  parseHeaderName,
  parseListenPath,
  parseQuota,
  parseSeconds,
  problem,
  type Parsed,
} from '../../../src/domain/validation';

function refused(parsed: Parsed<unknown>): string {
  assert.equal(parsed.ok, false, `expected a refusal, got ${JSON.stringify(parsed)}`);
  return (parsed as { message: string }).message;
}

describe('domain/validation', () => {
  it('isWritableText: no C0/C1 control, DEL, line or paragraph separator, or bidi control; anything printable', () => {
    for (const bad of ['\r', '\n', '\0', '\t', '\x1b', '\x7f', '\x80', '\x85', '\x9f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069']) {
      assert.equal(isWritableText(`a${bad}b`), false, JSON.stringify(bad));
    }
    for (const good of ['', 'a b', 'é€‘’“”', '\u00a0', '\u2027', '\u202f', '\u2065', '\u206a', '~\x7e', '\xa0\u{1f600}']) {
      assert.equal(isWritableText(good), true, JSON.stringify(good));
    }
  });

  it('parseGatewayBase: the address as it is, unless it has a control character or a line break', () => {
    assert.deepEqual(parseGatewayBase('https://gw.example.com/x'), { ok: true, value: 'https://gw.example.com/x' });
    assert.equal(refused(parseGatewayBase('https://gw.example.com\r\nX: 1')), 'The Gateway address “https://gw.example.com X: 1” has control characters or line breaks: it cannot be written into a file.');
  });

  it('mustParse returns the value, or throws the message; problem is the message or undefined', () => {
    assert.equal(mustParse({ ok: true, value: 7 }), 7);
    assert.throws(() => mustParse({ ok: false, message: 'Rate: no.' }), { message: 'Rate: no.' });
    assert.equal(problem({ ok: true, value: 1 }), undefined);
    assert.equal(problem({ ok: false, message: 'Why' }), 'Why');
  });

  it('parseCount: whole numbers with separators, 0 only when allowed, at most MAX_COUNT', () => {
    assert.deepEqual(parseCount(' 1,000 ', 'Rate'), { ok: true, value: 1000 });
    assert.deepEqual(parseCount('1 000', 'Rate'), { ok: true, value: 1000 });
    assert.deepEqual(parseCount('1_000_000', 'Rate'), { ok: true, value: 1_000_000 });
    assert.deepEqual(parseCount('1', 'Rate'), { ok: true, value: 1 });
    assert.deepEqual(parseCount('0', 'Rate', true), { ok: true, value: 0 });
    assert.deepEqual(parseCount(String(MAX_COUNT), 'Rate'), { ok: true, value: MAX_COUNT });
    assert.equal(MAX_COUNT, 1_000_000_000_000);
    assert.equal(refused(parseCount('0', 'Rate')), 'Rate: must be greater than 0.');
    assert.equal(refused(parseCount('x1', 'Rate')), 'Rate: enter a whole number greater than 0.');
    assert.equal(refused(parseCount('1x', 'Rate')), 'Rate: enter a whole number greater than 0.');
    assert.equal(refused(parseCount('', 'Rate', true)), 'Rate: enter a whole number (0 or more).');
    assert.equal(refused(parseCount('-1', 'Quota')), 'Quota: enter a whole number greater than 0.');
    assert.equal(refused(parseCount('1.5', 'Rate')), 'Rate: enter a whole number greater than 0.');
    assert.equal(refused(parseCount(String(MAX_COUNT + 1), 'Rate')), 'Rate: at most 1,000,000,000,000.');
    assert.equal(refused(parseCount('9'.repeat(20), 'Rate')), 'Rate: at most 1,000,000,000,000.');
  });

  it('parseCount: also a number grouped as the user’s locale shows it (10.000 in German), and says its bound so', () => {
    assert.equal(refused(parseCount('10.000', 'Quota')), 'Quota: enter a whole number greater than 0.', 'in English, 10.000 is not a whole number');
    try {
      configureFormats({ locale: 'de', language: 'en' });
      assert.deepEqual(parseCount('10.000', 'Quota'), { ok: true, value: 10_000 });
      assert.deepEqual(parseCount('1.000.000', 'Quota'), { ok: true, value: 1_000_000 });
      assert.deepEqual(parseCount('1,000', 'Quota'), { ok: true, value: 1000 });
      assert.deepEqual(parseQuota('10.000'), { ok: true, value: 10_000 });
      // Only whole groups of three: 1.5 and 10.00 are not counts.
      assert.equal(refused(parseCount('1.5', 'Rate')), 'Rate: enter a whole number greater than 0.');
      assert.equal(refused(parseCount('10.00', 'Rate')), 'Rate: enter a whole number greater than 0.');
      assert.equal(refused(parseCount('1000.000.', 'Rate')), 'Rate: enter a whole number greater than 0.');
      assert.equal(refused(parseCount(String(MAX_COUNT + 1), 'Rate')), 'Rate: at most 1.000.000.000.000.');
    } finally {
      configureFormats({ locale: 'en' });
    }
  });

  it('parseSeconds: a number, with s/m/h/d in any spelling or case; bounded', () => {
    const seconds = (text: string): number => mustParse(parseSeconds(text, 'Period'));
    assert.equal(seconds('60'), 60);
    assert.equal(seconds(' 60 '), 60);
    assert.equal(seconds('60s'), 60);
    assert.equal(seconds('2 sec'), 2);
    assert.equal(seconds('1 second'), 1);
    assert.equal(seconds('3 seconds'), 3);
    assert.equal(seconds('5m'), 300);
    assert.equal(seconds('5 MIN'), 300);
    assert.equal(seconds('1 minute'), 60);
    assert.equal(seconds('2 minutes'), 120);
    assert.equal(seconds('1h'), 3600);
    assert.equal(seconds('1 hour'), 3600);
    assert.equal(seconds('2 hours'), 7200);
    assert.equal(seconds('1d'), 86400);
    assert.equal(seconds('1 day'), 86400);
    assert.equal(seconds('2 Days'), 172800);
    assert.equal(seconds('1,000'), 1000);
    const hint = 'Period: enter seconds, or a number with s, m, h or d (e.g. 60, 5m, 1h, 1d).';
    assert.equal(refused(parseSeconds('5 weeks', 'Period')), hint);
    assert.equal(refused(parseSeconds('m', 'Period')), hint);
    assert.equal(refused(parseSeconds('x5m', 'Period')), hint);
    assert.equal(refused(parseSeconds('5m x', 'Period')), hint);
    assert.equal(refused(parseSeconds('', 'Period')), hint);
    assert.equal(refused(parseSeconds('0', 'Period')), 'Period: must be greater than 0.');
    assert.equal(refused(parseSeconds('0h', 'Period')), 'Period: must be greater than 0.');
    // The count itself is within MAX_COUNT, the seconds are not; exactly MAX_COUNT seconds is fine.
    assert.equal(refused(parseSeconds('1000000000000d', 'Period')), 'Period: too long.');
    assert.equal(seconds('1000000000000s'), MAX_COUNT);
    assert.equal(refused(parseSeconds('10000000000000', 'Period')), 'Period: at most 1,000,000,000,000.');
  });

  it('parseQuota: empty, unlimited, none or -1 mean unlimited; otherwise a count greater than 0', () => {
    for (const typed of ['', '  ', 'unlimited', ' UNLIMITED ', '-1', 'none', 'None']) {
      assert.deepEqual(parseQuota(typed), { ok: true, value: -1 }, typed);
    }
    assert.deepEqual(parseQuota('10,000'), { ok: true, value: 10000 });
    assert.equal(refused(parseQuota('0')), 'Quota: must be greater than 0.');
    assert.equal(refused(parseQuota('-2')), 'Quota: enter a whole number greater than 0.');
    assert.equal(refused(parseQuota('lots')), 'Quota: enter a whole number greater than 0.');
  });

  it('expiryDateText: the local day, as parseExpiryDate reads it back (near midnight, east and west of UTC)', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = tz;
        // 23:30 and 00:30 local: on one side of UTC midnight or the other, the UTC date is another day.
        for (const [hours, minutes] of [
          [23, 30],
          [0, 30],
        ] as const) {
          const now = new Date(2030, 0, 15, hours, minutes);
          const inAMonth = new Date(now.getTime() + 30 * 86_400_000);
          const text = expiryDateText(inAMonth);
          assert.equal(text, `2030-02-${String(inAMonth.getDate()).padStart(2, '0')}`, `${tz} ${hours}:${minutes}`);
          const parsed = mustParse(parseExpiryDate(text, now));
          const expires = new Date(parsed * 1000);
          assert.deepEqual([expires.getFullYear(), expires.getMonth(), expires.getDate()], [inAMonth.getFullYear(), inAMonth.getMonth(), inAMonth.getDate()], `${tz}: the day prefilled is the day the key gets`);
        }
      }
      process.env.TZ = 'UTC';
      assert.equal(expiryDateText(new Date(2030, 11, 31, 23, 59)), '2030-12-31');
      assert.equal(expiryDateText(new Date(999, 0, 5)), '0999-01-05');
    } finally {
      if (zone === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = zone;
      }
    }
  });

  it('parseExpiryDate: a day (its last second, local time) or a day and a time; in the future; a real date', () => {
    const now = new Date(2030, 0, 15, 12, 0, 0);
    assert.deepEqual(parseExpiryDate('2030-01-16', now), { ok: true, value: Math.floor(new Date(2030, 0, 16, 23, 59, 59).getTime() / 1000) });
    assert.deepEqual(parseExpiryDate(' 2030-01-15 ', now), { ok: true, value: Math.floor(new Date(2030, 0, 15, 23, 59, 59).getTime() / 1000) });
    assert.deepEqual(parseExpiryDate('2030-01-15 12:01', now), { ok: true, value: Math.floor(new Date(2030, 0, 15, 12, 1, 0).getTime() / 1000) });
    assert.deepEqual(parseExpiryDate('2030-01-15T13:30', now), { ok: true, value: Math.floor(new Date(2030, 0, 15, 13, 30, 0).getTime() / 1000) });
    assert.deepEqual(parseExpiryDate('2032-02-29', now), { ok: true, value: Math.floor(new Date(2032, 1, 29, 23, 59, 59).getTime() / 1000) });
    // The default "now" is the clock's: a date far ahead is accepted, a date behind is not.
    assert.equal(parseExpiryDate('9999-12-31').ok, true);
    assert.equal(refused(parseExpiryDate('2000-01-01')), 'The expiry must be in the future.');
    assert.equal(refused(parseExpiryDate('2030-01-15 12:00', now)), 'The expiry must be in the future.');
    assert.equal(refused(parseExpiryDate('2030-01-14', now)), 'The expiry must be in the future.');
    const shape = 'Enter a date as YYYY-MM-DD, optionally with a time: YYYY-MM-DD HH:MM.';
    for (const typed of ['2030-1-16', '30-01-16', '2030-01-16 1:00', '2030-01-16 10:00:00', 'x2030-01-16', '2030-01-16x', '2030/01/16', '']) {
      assert.equal(refused(parseExpiryDate(typed, now)), shape, typed);
    }
    for (const typed of ['2031-02-29', '2030-13-01', '2030-00-10', '2030-01-32', '2030-01-00', '2030-01-16 24:00', '2030-01-16 10:60']) {
      assert.equal(refused(parseExpiryDate(typed, now)), 'That date does not exist.', typed);
    }
  });

  it('parseAlias: optional, trimmed, at most 200 printable characters', () => {
    assert.deepEqual(parseAlias('   '), { ok: true, value: undefined });
    assert.deepEqual(parseAlias(' ci key '), { ok: true, value: 'ci key' });
    assert.deepEqual(parseAlias('a'.repeat(200)), { ok: true, value: 'a'.repeat(200) });
    assert.equal(refused(parseAlias('a'.repeat(201))), 'At most 200 characters.');
    assert.equal(refused(parseAlias('a\u0007b')), 'The alias cannot contain control characters.');
  });

  it('parseBaseUrl: http(s), a host, no user, query, fragment or /api; a scheme added; trailing slashes dropped', () => {
    assert.deepEqual(parseBaseUrl(' https://dash.example.com/ '), { ok: true, value: { url: 'https://dash.example.com', insecure: false } });
    assert.deepEqual(parseBaseUrl('dash.example.com:3000'), { ok: true, value: { url: 'https://dash.example.com:3000', insecure: false } });
    assert.deepEqual(parseBaseUrl('HTTP://localhost:3000//'), { ok: true, value: { url: 'http://localhost:3000', insecure: false } });
    assert.deepEqual(parseBaseUrl('http://dash.example.com/tyk-dash/'), { ok: true, value: { url: 'http://dash.example.com/tyk-dash', insecure: true } });
    assert.deepEqual(parseBaseUrl('http://127.0.0.1:8080'), { ok: true, value: { url: 'http://127.0.0.1:8080', insecure: false } });
    assert.deepEqual(parseBaseUrl('http://apis.example.com'), { ok: true, value: { url: 'http://apis.example.com', insecure: true } });
    assert.equal(refused(parseBaseUrl('  ')), 'Enter the URL, e.g. https://dashboard.example.com or http://localhost:3000.');
    assert.equal(refused(parseBaseUrl('http://')), 'That is not a URL: e.g. https://dashboard.example.com.');
    assert.equal(refused(parseBaseUrl('ftp://dash.example.com')), 'Use an http:// or https:// URL.');
    assert.equal(refused(parseBaseUrl('https://user:pw@dash.example.com')), 'Do not put a user or password in the URL: the credential is asked for next.');
    assert.equal(refused(parseBaseUrl('https://user@dash.example.com')), 'Do not put a user or password in the URL: the credential is asked for next.');
    assert.equal(refused(parseBaseUrl('https://dash.example.com/?a=1')), 'Remove the ?query or #fragment: enter only the server’s address.');
    assert.equal(refused(parseBaseUrl('https://dash.example.com/#top')), 'Remove the ?query or #fragment: enter only the server’s address.');
    const noApi = 'Enter the server’s address without /api or /tyk: the extension adds the paths.';
    assert.equal(refused(parseBaseUrl('https://dash.example.com/api')), noApi);
    assert.equal(refused(parseBaseUrl('https://dash.example.com/API/keys')), noApi);
    assert.equal(refused(parseBaseUrl('https://gw.example.com/tyk/')), noApi);
    assert.equal(parseBaseUrl('https://gw.example.com/tykgw').ok, true);
    assert.equal(parseBaseUrl('https://gw.example.com/myapi').ok, true);
  });

  it('parseBaseUrl without a scheme: http:// for this machine (Tyk’s local :3000 and :8080 are plain http), https:// for any other host', () => {
    const url = (typed: string): string => mustParse(parseBaseUrl(typed)).url;
    assert.equal(url('localhost:3000'), 'http://localhost:3000');
    assert.equal(url('LOCALHOST:8080/'), 'http://localhost:8080');
    assert.equal(url('localhost'), 'http://localhost');
    assert.equal(url('dev.localhost:3000'), 'http://dev.localhost:3000');
    assert.equal(url('127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(url('127.1.2.3:3000/tyk-dash'), 'http://127.1.2.3:3000/tyk-dash');
    assert.equal(url('[::1]:3000'), 'http://[::1]:3000');
    assert.equal(url('dashboard.example.com:3000'), 'https://dashboard.example.com:3000');
    assert.equal(url('10.0.0.5:3000'), 'https://10.0.0.5:3000');
    assert.equal(url('128.0.0.1'), 'https://128.0.0.1');
    assert.equal(url('localhost.example.com'), 'https://localhost.example.com');
    // A scheme typed is kept, whatever the host.
    assert.equal(url('https://localhost:3000'), 'https://localhost:3000');
    assert.equal(url('http://dashboard.example.com'), 'http://dashboard.example.com');
    // Plain http chosen by the rule is this machine's: never the insecure case.
    assert.equal(mustParse(parseBaseUrl('localhost:3000')).insecure, false);
    assert.equal(defaultScheme('localhost:3000'), 'http://');
    assert.equal(defaultScheme('[::1]'), 'http://');
    assert.equal(defaultScheme('tyk.example.com'), 'https://');
    assert.equal(defaultScheme('exa mple.com'), 'https://', 'not a host: https:// (the URL is refused anyway)');
    assert.equal(hasScheme(' HTTP://localhost'), true);
    assert.equal(hasScheme('ftp://x'), true);
    assert.equal(hasScheme('localhost:3000'), false, 'a port is not a scheme');
    assert.equal(hasScheme('//localhost'), false);
  });

  it('isLoopbackHost: this machine’s names only', () => {
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('example.com'), false);
    assert.equal(isLoopbackHost('10.0.0.1'), false);
  });

  it('parseCredential: trimmed; not empty, no Bearer, no whitespace inside', () => {
    assert.deepEqual(parseCredential(' abc123 \n'), { ok: true, value: 'abc123' });
    assert.deepEqual(parseCredential('bearerish'), { ok: true, value: 'bearerish' });
    assert.equal(refused(parseCredential(' ')), 'Paste the credential.');
    assert.equal(refused(parseCredential('Bearer abc')), 'Paste the credential alone, without “Bearer”: Tyk expects the raw value.');
    assert.equal(refused(parseCredential('bearer\tabc')), 'Paste the credential alone, without “Bearer”: Tyk expects the raw value.');
    assert.equal(refused(parseCredential('abc def')), 'The credential has spaces or line breaks inside: copy it again.');
    assert.equal(refused(parseCredential('abc\ndef')), 'The credential has spaces or line breaks inside: copy it again.');
  });

  it('isHttpToken and isUrlPath: RFC 9110 tokens and RFC 3986 paths, whole strings only', () => {
    assert.equal(isHttpToken("X-Api-Key!#$%&'*+-.^_`|~09"), true);
    for (const bad of ['', 'X Key', 'X:Key', 'X-Key\r\nY', 'é', '(x)', 'x"']) {
      assert.equal(isHttpToken(bad), false, JSON.stringify(bad));
    }
    assert.equal(isUrlPath("/a-b._~!$&'()*+,;=:@/%2F%aa"), true);
    assert.equal(isUrlPath(''), true);
    for (const bad of ['/a b', '/a\nb', '/a"b', '/a{b}', '/a#b', '/a?b', '/é', '/%2', '/%zz', '/a<b']) {
      assert.equal(isUrlPath(bad), false, JSON.stringify(bad));
    }
  });

  it('parseHeaderName: a trimmed token of at most 256 characters; the message quotes the name as plain text', () => {
    assert.deepEqual(parseHeaderName(' X-Api-Key '), { ok: true, value: 'X-Api-Key' });
    assert.deepEqual(parseHeaderName('x'.repeat(256)), { ok: true, value: 'x'.repeat(256) });
    assert.equal(refused(parseHeaderName('  ')), 'The header name is empty.');
    const bad = (name: string): string =>
      `The header name “${name}” is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only).`;
    assert.equal(refused(parseHeaderName('x'.repeat(257))), bad(`${'x'.repeat(60)}…`));
    assert.equal(refused(parseHeaderName('X-Key\r\nEvil: 1')), bad('X-Key Evil: 1'));
  });

  it('parseListenPath: a URL path of at most 2048 characters, with a leading slash; empty is /', () => {
    assert.deepEqual(parseListenPath(''), { ok: true, value: '/' });
    assert.deepEqual(parseListenPath('  '), { ok: true, value: '/' });
    assert.deepEqual(parseListenPath('petstore/'), { ok: true, value: '/petstore/' });
    assert.deepEqual(parseListenPath(' /petstore/ '), { ok: true, value: '/petstore/' });
    assert.deepEqual(parseListenPath(`/${'a'.repeat(2047)}`), { ok: true, value: `/${'a'.repeat(2047)}` });
    const bad = (path: string): string => `The listen path “${path}” has characters that cannot appear in a URL path as they are.`;
    assert.equal(refused(parseListenPath(`/${'a'.repeat(2048)}`)), bad(`/${'a'.repeat(59)}…`));
    assert.equal(refused(parseListenPath('/a b')), bad('/a b'));
    assert.equal(refused(parseListenPath('/a\r\nb')), bad('/a b'));
  });
});
