// The insert formats, from plain Node (src/domain/keyFormats.ts has no vscode import).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  DEFAULT_GATEWAY_BASE,
  KEY_FORMATS,
  credentialProblem,
  defaultFormatFor,
  envVariableName,
  fileKindFor,
  formatApisOf,
  formatKey,
  formatProblem,
  formatsFor,
  gatewayBaseFor,
  isKeyFormat,
  joinUrl,
  keyFormatLabel,
  previewKey,
  type FormatApi,
  type KeyFormatInput,
} from '../../../src/domain/keyFormats';

const KEY = '5f1c2a9b8e7d4c3b2a1f0e9d8c7b6a5f';
const petstore: FormatApi = { name: 'Petstore', listenPath: '/petstore/', authHeaderName: 'Authorization' };
const geo: FormatApi = { name: 'Geo Lookup', listenPath: '/geo/', authHeaderName: 'X-Api-Key' };
const input = (over: Partial<KeyFormatInput> = {}): KeyFormatInput => ({ key: KEY, apis: [petstore], gatewayBase: DEFAULT_GATEWAY_BASE, ...over });

/** The words a POSIX shell makes of a command line (the command itself dropped). */
function shellWords(command: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${command.replace(/^curl /, '')}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('domain/keyFormats', () => {
  it('raw: the key alone', () => {
    assert.equal(formatKey('raw', input()), KEY);
  });

  it('header: Authorization by default, the API’s own header name otherwise', () => {
    assert.equal(formatKey('header', input()), `Authorization: ${KEY}`);
    assert.equal(formatKey('header', input({ apis: [geo] })), `X-Api-Key: ${KEY}`);
    assert.equal(formatKey('header', input({ apis: [geo, petstore] })), `X-Api-Key: ${KEY}`, 'several APIs: the first one’s');
    assert.equal(formatKey('header', input({ apis: [] })), `Authorization: ${KEY}`, 'no API known: Authorization');
    assert.equal(formatKey('header', input({ apis: [{ ...geo, authHeaderName: '  ' }] })), `Authorization: ${KEY}`, 'a blank header name: Authorization');
  });

  it('env: TYK_KEY_<API>, the name upper-cased and sanitised', () => {
    assert.equal(formatKey('env', input()), `TYK_KEY_PETSTORE=${KEY}`);
    assert.equal(formatKey('env', input({ apis: [geo, petstore] })), `TYK_KEY_GEO_LOOKUP=${KEY}`, 'several APIs: the first one’s name');
    assert.equal(envVariableName('Payments API'), 'TYK_KEY_PAYMENTS_API');
    assert.equal(envVariableName('  Weather (open) '), 'TYK_KEY_WEATHER_OPEN', 'runs collapsed, ends trimmed');
    assert.equal(envVariableName('Mobile Backend (OAuth 2.0)'), 'TYK_KEY_MOBILE_BACKEND_OAUTH_2_0');
    assert.equal(envVariableName('orders-v2.api'), 'TYK_KEY_ORDERS_V2_API');
    assert.equal(envVariableName('Café Ünïcode'), 'TYK_KEY_CAFE_UNICODE', 'accents dropped, not replaced');
    assert.equal(envVariableName('***'), 'TYK_KEY', 'nothing left: the prefix alone');
    assert.equal(envVariableName(''), 'TYK_KEY');
    assert.equal(formatKey('env', input({ apis: [] })), `TYK_KEY=${KEY}`);
  });

  it('env: a key that needs it is quoted', () => {
    assert.equal(formatKey('env', input({ key: 'eyJvcmciOiIxIn0=' })), 'TYK_KEY_PETSTORE=eyJvcmciOiIxIn0=', 'base64 needs no quotes');
    assert.equal(formatKey('env', input({ key: 'my key #1' })), `TYK_KEY_PETSTORE='my key #1'`);
    // As dotenv reads them: it unescapes nothing (but \n and \r in double quotes), so the quote the value lacks is used.
    assert.equal(formatKey('env', input({ key: `it's $x` })), `TYK_KEY_PETSTORE="it's $x"`);
    assert.equal(formatKey('env', input({ key: `it's "x"` })), 'TYK_KEY_PETSTORE=`it\'s "x"`');
    assert.equal(formatKey('env', input({ key: `it's a\\n` })), 'TYK_KEY_PETSTORE=`it\'s a\\n`', 'double quotes would turn \\n into a line break');
    assert.match(formatProblem('env', input({ key: `'"\`` })) ?? '', /three quotes/);
    assert.equal(formatProblem('raw', input({ key: `'"\`` })), undefined);
  });

  it('restClient: a file variable', () => {
    assert.equal(formatKey('restClient', input()), `@tykKey = ${KEY}`);
  });

  it('curl: the header and the gateway URL + listen path', () => {
    assert.equal(formatKey('curl', input()), `curl -H "Authorization: ${KEY}" http://localhost:8080/petstore/`);
    assert.equal(
      formatKey('curl', input({ apis: [geo], gatewayBase: 'https://gateway.example.com/' })),
      `curl -H "X-Api-Key: ${KEY}" https://gateway.example.com/geo/`,
    );
    assert.equal(formatKey('curl', input({ apis: [] })), `curl -H "Authorization: ${KEY}" http://localhost:8080/`, 'no API: the root');
  });

  it('curl: a listen path or header the shell would read is single-quoted, and the shell reads it back exactly', () => {
    const odd: FormatApi = { name: 'Odd', listenPath: "/it's/", authHeaderName: "X-'Key" };
    const command = formatKey('curl', input({ apis: [odd] }));
    assert.equal(command, `curl -H "X-'Key: ${KEY}" 'http://localhost:8080/it'\\''s/'`);
    assert.deepEqual(shellWords(command), ['-H', `X-'Key: ${KEY}`, "http://localhost:8080/it's/"]);

    // Each of these is a valid URL path or HTTP token, and means something to a shell.
    const dangerous: FormatApi = { name: 'D', listenPath: "/$(id)pwned/a&b=1;c'd", authHeaderName: 'X-$Key`id`' };
    const key = "k$HOME'`id`!\\ \"x\"";
    const risky = formatKey('curl', input({ key, apis: [dangerous] }));
    assert.deepEqual(shellWords(risky), ['-H', `X-$Key\`id\`: ${key}`, "http://localhost:8080/$(id)pwned/a&b=1;c'd"], risky);
    assert.match(risky, /^curl -H 'X-\$Key/, 'a header the shell would expand is single-quoted');
  });

  it('joins the gateway and the listen path with one slash', () => {
    assert.equal(joinUrl('http://gw:8080', '/a/'), 'http://gw:8080/a/');
    assert.equal(joinUrl('http://gw:8080//', 'a'), 'http://gw:8080/a');
    assert.equal(joinUrl('http://gw:8080/', ''), 'http://gw:8080/');
    assert.equal(joinUrl(' http://gw:8080/ ', ' /a/ '), 'http://gw:8080/a/', 'both trimmed');
  });

  it('the gateway: a Gateway connection’s URL; a Dashboard’s gatewayUrl, else localhost:8080', () => {
    assert.equal(gatewayBaseFor({ kind: 'gateway', url: 'https://gw.example.com/' }), 'https://gw.example.com');
    assert.equal(gatewayBaseFor({ kind: 'gateway', url: 'https://gw.example.com', gatewayUrl: 'https://other' }), 'https://gw.example.com');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com', gatewayUrl: 'https://gateway.example.com' }), 'https://gateway.example.com');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com' }), 'http://localhost:8080');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com', gatewayUrl: ' ' }), 'http://localhost:8080');
    assert.equal(gatewayBaseFor({ kind: 'gateway', url: ' https://gw.example.com/ ' }), 'https://gw.example.com', 'trimmed');
  });

  it('previews show the key masked, with the quotes the real text gets', () => {
    for (const format of KEY_FORMATS) {
      const preview = previewKey(format, input({ apis: [geo] }));
      assert.ok(!preview.includes(KEY), `${format}: ${preview}`);
      assert.ok(preview.includes('5f1c…6a5f'), `${format}: ${preview}`);
    }
    assert.equal(previewKey('header', input({ apis: [geo] })), 'X-Api-Key: 5f1c…6a5f');
    assert.equal(previewKey('env', input({ key: 'my key with spaces #1' })), `TYK_KEY_PETSTORE='my k…s #1'`);
    const quotedKey = "abc'def'ghij'klmnop";
    assert.ok(!previewKey('curl', input({ key: quotedKey })).includes('def'), 'a key that gets escaped is still masked');
  });

  it('defaults by language and file name', () => {
    assert.equal(defaultFormatFor('plaintext', '/w/.env'), 'env');
    assert.equal(defaultFormatFor('plaintext', 'C:\\w\\.env.local'), 'env');
    assert.equal(defaultFormatFor('properties', '/w/.env.production'), 'env');
    assert.equal(defaultFormatFor('dotenv', '/w/settings'), 'env');
    assert.equal(defaultFormatFor('plaintext', '/w/prod.env'), 'env');
    assert.equal(defaultFormatFor('properties', '/w/app.properties'), 'raw', 'a properties file is not a .env file');
    assert.equal(defaultFormatFor('shellscript', '/w/.envrc'), 'curl', '.envrc is a shell script');
    assert.equal(defaultFormatFor('http', 'Untitled-1'), 'restClient');
    assert.equal(defaultFormatFor('plaintext', '/w/api.http'), 'restClient');
    assert.equal(defaultFormatFor('plaintext', '/w/API.REST'), 'restClient');
    assert.equal(defaultFormatFor('shellscript', '/w/run'), 'curl');
    assert.equal(defaultFormatFor('plaintext', '/w/try.sh'), 'curl');
    assert.equal(defaultFormatFor('typescript', '/w/app.ts'), 'raw');
    assert.equal(defaultFormatFor('plaintext', ''), 'raw');
    assert.equal(defaultFormatFor('json', '/w/.env.json'), 'env', 'a .env.* name wins');
  });

  it('kinds of file for the remembered choice', () => {
    assert.equal(fileKindFor('plaintext', '/w/.env'), fileKindFor('dotenv', '/w/.env.local'));
    assert.equal(fileKindFor('http', 'Untitled-1'), fileKindFor('plaintext', '/w/x.rest'));
    assert.equal(fileKindFor('typescript', '/w/a.ts'), fileKindFor('typescript', '/w/b.ts'));
    assert.notEqual(fileKindFor('typescript', '/w/a.ts'), fileKindFor('markdown', '/w/a.md'));
    assert.notEqual(fileKindFor('plaintext', '/w/notes.txt'), fileKindFor('plaintext', '/w/.env'));
  });

  it('labels every format, and knows its own names', () => {
    assert.deepEqual(KEY_FORMATS, ['raw', 'header', 'env', 'restClient', 'curl', 'curlPowerShell']);
    for (const format of KEY_FORMATS) {
      assert.ok(keyFormatLabel(format).label && keyFormatLabel(format).detail);
      assert.ok(isKeyFormat(format));
    }
    assert.ok(!isKeyFormat('ask') && !isKeyFormat(undefined) && !isKeyFormat('Raw'));
  });

  it('the APIs of a key: from the catalog by id, else a stand-in by name', () => {
    const known = [{ apiId: 'g', name: 'Geo Lookup', listenPath: '/geo/', authHeaderName: 'X-Api-Key', extra: 1 }];
    assert.deepEqual(formatApisOf(known, ['g', 'x', 'y'], ['Geo', 'Gone API']), [
      geo,
      { name: 'Gone API', listenPath: '/', authHeaderName: 'Authorization' },
      { name: 'y', listenPath: '/', authHeaderName: 'Authorization' },
    ]);
  });
});

describe('domain/keyFormats: exact words and quoting', () => {
  it('each format’s label and detail', () => {
    assert.deepEqual(keyFormatLabel('raw'), { label: 'Key only', detail: 'The key alone, as Tyk returned it' });
    assert.deepEqual(keyFormatLabel('header'), { label: 'HTTP header', detail: 'A header line with the header the API reads the key from' });
    assert.deepEqual(keyFormatLabel('env'), { label: '.env line', detail: 'A variable for a .env file: TYK_KEY_<API>=…' });
    assert.deepEqual(keyFormatLabel('restClient'), { label: 'REST Client variable', detail: 'A file variable for REST Client (.http): use it as {{tykKey}}' });
    assert.equal(keyFormatLabel('curl').label, 'curl command (bash/zsh)');
    assert.match(keyFormatLabel('curl').detail, /quoted for POSIX shells \(bash, zsh, sh\): not for fish, PowerShell or cmd$/);
  });

  it('env: bare for plain values (empty too), else the first of \' " ` the value lacks, written as it is (dotenv unescapes nothing)', () => {
    assert.equal(formatKey('env', input({ key: 'a_b@c%d+e=f:g,h.i/j~k-l' })), 'TYK_KEY_PETSTORE=a_b@c%d+e=f:g,h.i/j~k-l');
    assert.equal(formatKey('env', input({ key: '' })), 'TYK_KEY_PETSTORE=');
    assert.equal(formatKey('env', input({ key: 'a$b' })), "TYK_KEY_PETSTORE='a$b'");
    assert.equal(formatKey('env', input({ key: 'a\'b"c\\d$f' })), 'TYK_KEY_PETSTORE=`a\'b"c\\d$f`');
    assert.throws(() => formatKey('env', input({ key: 'a\'b"c`e' })), /three quotes/);
    assert.equal(formatKey('env', input({ key: "it's" })), 'TYK_KEY_PETSTORE="it\'s"');
  });

  it('curl: a header with ", $, `, \\ or ! is single-quoted; a plain URL is bare, any other single-quoted', () => {
    for (const key of ['a"b', 'a$b', 'a`b', 'a\\b', 'a!b']) {
      assert.match(formatKey('curl', input({ key })), /^curl -H 'Authorization: /, JSON.stringify(key));
    }
    assert.equal(formatKey('curl', input({ key: "a'b c" })), `curl -H "Authorization: a'b c" http://localhost:8080/petstore/`);
    assert.equal(
      formatKey('curl', input({ apis: [{ ...petstore, listenPath: '/a_b@c%2Fd+e=f:g,h.i-j/' }] })),
      `curl -H "Authorization: ${KEY}" http://localhost:8080/a_b@c%2Fd+e=f:g,h.i-j/`,
    );
    assert.equal(formatKey('curl', input({ apis: [{ ...petstore, listenPath: '/a~b/' }] })), `curl -H "Authorization: ${KEY}" 'http://localhost:8080/a~b/'`);
  });

  it('defaults: .env names and shell script extensions exactly', () => {
    assert.equal(defaultFormatFor('plaintext', '/w/.env'), 'env');
    assert.equal(defaultFormatFor('plaintext', '/w/x.env'), 'env');
    assert.equal(defaultFormatFor('plaintext', '/w/.envx'), 'raw');
    assert.equal(defaultFormatFor('properties', '/w/.envx'), 'env');
    assert.equal(defaultFormatFor('DOTENV', '/w/a'), 'env');
    assert.equal(defaultFormatFor('HTTP', '/w/a'), 'restClient');
    assert.equal(defaultFormatFor('ShellScript', '/w/a'), 'curl');
    assert.equal(defaultFormatFor('plaintext', '/w/a.bash'), 'curl');
    assert.equal(defaultFormatFor('plaintext', '/w/a.zsh'), 'curl');
    assert.equal(defaultFormatFor('plaintext', '/w/a.shx'), 'raw');
    assert.equal(defaultFormatFor('plaintext', '/w/a.https'), 'raw');
  });

  it('fileKindFor: the format when it is not raw, else the language (plaintext when none)', () => {
    assert.equal(fileKindFor('plaintext', '/w/.env'), 'env');
    assert.equal(fileKindFor('http', 'x'), 'restClient');
    assert.equal(fileKindFor('shellscript', 'x'), 'curl');
    assert.equal(fileKindFor('TypeScript', '/w/a.ts'), 'language:typescript');
    assert.equal(fileKindFor('', '/w/a'), 'language:plaintext');
  });

  it('formatApisOf: what the catalog says against a request is kept', () => {
    const known = [{ apiId: 't', name: 'Tcp', listenPath: '/t/', authHeaderName: 'Authorization', requestable: false, notRequestableReason: 'tcp' as const }];
    assert.deepEqual(formatApisOf(known, ['t']), [{ name: 'Tcp', listenPath: '/t/', authHeaderName: 'Authorization', requestable: false, notRequestableReason: 'tcp' }]);
    assert.deepEqual(formatApisOf([{ ...known[0], requestable: true, notRequestableReason: undefined }], ['t']), [{ name: 'Tcp', listenPath: '/t/', authHeaderName: 'Authorization' }]);
  });

  it('formatApisOf: an empty name falls back to the id; no names given', () => {
    assert.deepEqual(formatApisOf([], ['x'], ['']), [{ name: 'x', listenPath: '/', authHeaderName: 'Authorization' }]);
    assert.deepEqual(formatApisOf([], ['x']), [{ name: 'x', listenPath: '/', authHeaderName: 'Authorization' }]);
    assert.deepEqual(formatApisOf([], []), []);
  });
});

/** Characters that end a line somewhere (an editor, a shell, a .env parser) or reorder what a line shows. */
const HOSTILE = ['\r', '\n', '\r\n', '\0', '\t', '\x1b', '\x7f', '\x85', '\u2028', '\u2029', '\u202e', '\u2066'];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNWRITTEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('domain/keyFormats: nothing from a server adds a line', () => {
  const credentials: Array<KeyFormatInput['credential']> = [
    undefined,
    { kind: 'basic', username: 'alice', password: 'p4ss-w0rd' },
    { kind: 'hmac', secret: 'c2VjcmV0LXNlY3JldA==' },
  ];
  /** Every place a server's or a setting's text goes into a format, with `bad` put in the middle of it. */
  const places: Array<[string, (credential: KeyFormatInput['credential'], bad: string) => KeyFormatInput]> = [
    ['API name', (credential, bad) => input({ apis: [{ ...geo, name: `Geo${bad}X=1` }], ...(credential ? { credential } : {}) })],
    ['listen path', (credential, bad) => input({ apis: [{ ...geo, listenPath: `/geo${bad}DELETE /x/` }], ...(credential ? { credential } : {}) })],
    ['header name', (credential, bad) => input({ apis: [{ ...geo, authHeaderName: `X-Api-Key${bad}X-Injected` }], ...(credential ? { credential } : {}) })],
    ['gateway address', (credential, bad) => input({ gatewayBase: `https://gw.example.com${bad}x`, ...(credential ? { credential } : {}) })],
    ['key', (credential, bad) => input({ key: `${KEY}${bad}X=1`, ...(credential ? { credential } : {}) })],
    ['password', (_credential, bad) => input({ credential: { kind: 'basic', username: 'alice', password: `pw${bad}X=1` } })],
    ['HMAC secret', (_credential, bad) => input({ credential: { kind: 'hmac', secret: `c2Vj${bad}X=1` } })],
  ];

  it('every format, every place, every hostile character: refused, or written without it and with no extra line', () => {
    for (const credential of credentials) {
      for (const format of KEY_FORMATS) {
        const lines = formatKey(format, input(credential ? { credential } : {})).split('\n').length;
        for (const [place, make] of places) {
          for (const bad of HOSTILE) {
            const what = `${format} (${credential?.kind ?? 'key'}), ${place} with ${JSON.stringify(bad)}`;
            let text: string;
            const hostile = make(credential, bad);
            try {
              text = formatKey(format, hostile);
            } catch (e) {
              assert.equal((e as Error).message, formatProblem(format, hostile), `${what}: refused, saying why`);
              continue;
            }
            assert.equal(formatProblem(format, hostile), undefined, what);
            // The format's own line breaks (a basic-auth user's two .env lines) are counted; any other is not allowed.
            assert.equal(text.split('\n').length, lines, what);
            assert.doesNotMatch(text.replaceAll('\n', ''), UNWRITTEN, what);
          }
        }
      }
    }
  });

  it('a header name that is not an HTTP token is never written (it would be another header, or none)', () => {
    for (const name of ['X Api Key', 'X-Api-Key:', 'X-"Key"', 'Ключ', 'X-Api-Key: evil']) {
      for (const format of ['header', 'curl'] as const) {
        assert.throws(() => formatKey(format, input({ apis: [{ ...geo, authHeaderName: name }] })), /is not a valid HTTP header name/, `${format}: ${name}`);
      }
    }
  });

  it('a listen path with characters a URL path cannot hold is never written into a curl line', () => {
    for (const listenPath of ['/my api/', '/a#b', '/a?b=1', '/$(touch pwned) /', '/caf\u00e9/']) {
      assert.throws(() => formatKey('curl', input({ apis: [{ ...geo, listenPath }] })), /cannot appear in a URL path/, listenPath);
    }
  });
});

/** A deterministic stream of numbers in [0, 1) (the same cases on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Printable text a key may hold, shell and PowerShell quotes among it. */
function printable(next: () => number, length: number): string {
  const alphabet = ` !"#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_\`{|}~é€‘’‚‛“”\u00a0`;
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)] ?? 'x').join('');
}

/** PowerShell's single quote characters: ' and the typographic ‘ ’ ‚ ‛. */
const PS_QUOTES = "'\u2018\u2019\u201a\u201b";

/**
 * The arguments PowerShell passes for a command line of single-quoted strings and bare words (the
 * command itself dropped), as its tokenizer reads them: inside quotes, two quote characters are one.
 */
function powerShellWords(command: string): string[] {
  const words: string[] = [];
  let i = command.indexOf(' ') + 1;
  while (i < command.length) {
    let word = '';
    if (PS_QUOTES.includes(command[i] ?? 'x')) {
      for (i++; ; i++) {
        const c = command[i];
        assert.ok(c !== undefined, `unterminated string in ${command}`);
        if (PS_QUOTES.includes(c)) {
          if (!PS_QUOTES.includes(command[i + 1] ?? 'x')) {
            i++;
            break;
          }
          i++;
        }
        word += command[i] ?? '';
      }
    } else {
      for (; i < command.length && command[i] !== ' '; i++) {
        word += command[i] ?? '';
      }
    }
    assert.ok(i === command.length || command[i] === ' ', `a word ends at a space: ${command}`);
    words.push(word);
    i++;
  }
  return words;
}

describe('domain/keyFormats: which shell a curl command is for', () => {
  it('curl for POSIX shells is labelled so; PowerShell has its own, with curl.exe (not the Invoke-WebRequest alias)', () => {
    assert.deepEqual(keyFormatLabel('curlPowerShell'), {
      label: 'curl command (PowerShell)',
      detail: 'A curl.exe call to the API’s listen path with the key’s header, quoted for PowerShell (Windows PowerShell and PowerShell 7)',
    });
    assert.deepEqual(keyFormatLabel('curlPowerShell', 'basic'), {
      label: 'curl command (PowerShell)',
      detail: 'A curl.exe call to the API’s listen path with -u username:password, quoted for PowerShell',
    });
    assert.equal(keyFormatLabel('curl', 'basic').label, 'curl command (bash/zsh)');
    assert.equal(formatKey('curlPowerShell', input()), `curl.exe -H 'Authorization: ${KEY}' 'http://localhost:8080/petstore/'`);
    assert.equal(previewKey('curlPowerShell', input({ apis: [geo] })), `curl.exe -H 'X-Api-Key: 5f1c…6a5f' 'http://localhost:8080/geo/'`);
    assert.ok(isKeyFormat('curlPowerShell'));
  });

  it('PowerShell: a quote (also ‘ ’ ‚ ‛, which PowerShell reads as quotes) is doubled; $ and ` stay as they are', () => {
    const key = "it's‘a’b‚c‛$env:HOME`n";
    assert.equal(formatKey('curlPowerShell', input({ key })), `curl.exe -H 'Authorization: it''s‘‘a’’b‚‚c‛‛$env:HOME\`n' 'http://localhost:8080/petstore/'`);
    assert.deepEqual(powerShellWords(formatKey('curlPowerShell', input({ key, apis: [{ ...geo, listenPath: "/it's/" }] }))), [
      '-H',
      `X-Api-Key: ${key}`,
      "http://localhost:8080/it's/",
    ]);
  });

  it('PowerShell, a basic-auth user: curl.exe -u, quoted', () => {
    const basic = input({ credential: { kind: 'basic', username: 'alice', password: "p'w d" } });
    assert.equal(formatKey('curlPowerShell', basic), `curl.exe -u 'alice:p''w d' 'http://localhost:8080/petstore/'`);
    assert.equal(previewKey('curlPowerShell', basic), `curl.exe -u 'alice:…' 'http://localhost:8080/petstore/'`, 'a short password is masked whole');
    assert.equal(formatKey('curl', basic), `curl -u 'alice:p'\\''w d' http://localhost:8080/petstore/`);
  });

  it('PowerShell: refused for a " anywhere, or a \\ ending an argument with a space (Windows PowerShell 5.1 passes them wrongly)', () => {
    const why = /^Windows PowerShell passes a double quote, or a backslash at the end of an argument with a space, to curl\.exe wrongly/;
    assert.match(formatProblem('curlPowerShell', input({ key: 'a"b' })) ?? '', why);
    assert.match(formatProblem('curlPowerShell', input({ key: 'ab\\' })) ?? '', why, 'the header argument always has a space');
    assert.equal(formatProblem('curlPowerShell', input({ key: 'a\\b' })), undefined, 'a backslash inside is passed right');
    const user = (password: string): KeyFormatInput => input({ credential: { kind: 'basic', username: 'alice', password } });
    assert.equal(formatProblem('curlPowerShell', user('pw\\')), undefined, 'no space: passed as it is');
    assert.match(formatProblem('curlPowerShell', user('p w\\')) ?? '', why);
    assert.match(formatProblem('curlPowerShell', user('p"w')) ?? '', why);
    assert.equal(formatProblem('curl', input({ key: 'a"b\\' })), undefined, 'POSIX shells take both');
    assert.throws(() => formatKey('curlPowerShell', input({ key: 'a"b' })), (e: Error) => why.test(e.message));
  });

  it('every printable key reaches curl as it is: read back by sh, and by PowerShell’s quoting rules', () => {
    const next = random(14);
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const key = printable(next, 1 + Math.floor(next() * 30));
      const url = 'http://localhost:8080/petstore/';
      assert.deepEqual(shellWords(formatKey('curl', input({ key }))), ['-H', `Authorization: ${key}`, url], JSON.stringify(key));
      if (formatProblem('curlPowerShell', input({ key })) === undefined) {
        assert.deepEqual(powerShellWords(formatKey('curlPowerShell', input({ key }))), ['-H', `Authorization: ${key}`, url], JSON.stringify(key));
      } else {
        assert.ok(key.includes('"') || key.endsWith('\\'), JSON.stringify(key));
        refused++;
      }
    }
    assert.ok(refused > 0 && refused < 20, `both kinds of key met: ${refused} refused for PowerShell`);
  });

  it('a PowerShell script asks for the PowerShell command; a shell script for the POSIX one', () => {
    assert.equal(defaultFormatFor('powershell', '/w/run'), 'curlPowerShell');
    assert.equal(defaultFormatFor('PowerShell', 'Untitled-1'), 'curlPowerShell');
    assert.equal(defaultFormatFor('plaintext', 'C:\\w\\Try.PS1'), 'curlPowerShell');
    assert.equal(defaultFormatFor('plaintext', '/w/mod.psm1'), 'curlPowerShell');
    assert.equal(defaultFormatFor('plaintext', '/w/mod.psd1'), 'curlPowerShell');
    assert.equal(defaultFormatFor('plaintext', '/w/a.ps1x'), 'raw');
    assert.equal(defaultFormatFor('plaintext', '/w/a.ps2'), 'raw');
    assert.equal(defaultFormatFor('shellscript', '/w/run.ps1'), 'curl', 'the language wins');
    assert.equal(fileKindFor('powershell', '/w/a.ps1'), 'curlPowerShell');
  });
});

describe('domain/keyFormats: what cannot be written says why', () => {
  const keyWhy = /^What Tyk returned has control characters or line breaks: it is not written into a file/;

  it('a key, username, password or HMAC secret with a control character: no format at all', () => {
    for (const bad of [input({ key: 'a\nb' }), input({ credential: { kind: 'basic', username: 'al\u2028ice', password: 'pw' } }), input({ credential: { kind: 'basic', username: 'alice', password: 'p\0w' } }), input({ credential: { kind: 'hmac', secret: 's\u202e' } }), input({ key: 'k\x85', credential: { kind: 'hmac', secret: 's' } })]) {
      assert.match(credentialProblem(bad) ?? '', keyWhy, JSON.stringify(bad.credential));
      for (const format of KEY_FORMATS) {
        assert.match(formatProblem(format, bad) ?? '', keyWhy, format);
      }
    }
    assert.equal(credentialProblem(input({ key: 'printable: é€ ‘’ "$`\\' })), undefined);
    assert.equal(credentialProblem(input({ key: 'k\x85', credential: { kind: 'basic', username: 'alice', password: 'pw' } })), undefined, 'a basic-auth user’s key id is not written');
  });

  it('the header name matters where it is written: a header line and a curl command of a key, not a basic-auth user', () => {
    const badHeader = { apis: [{ ...geo, authHeaderName: 'X Api' }] };
    const headerWhy = /^The header name “X Api” is not a valid HTTP header name/;
    for (const format of ['header', 'curl', 'curlPowerShell'] as const) {
      assert.match(formatProblem(format, input(badHeader)) ?? '', headerWhy, format);
      assert.equal(formatProblem(format, input({ ...badHeader, credential: { kind: 'basic', username: 'alice', password: 'pw' } })), undefined, `${format}: sent as Authorization: Basic`);
    }
    for (const format of ['raw', 'env', 'restClient'] as const) {
      assert.equal(formatProblem(format, input(badHeader)), undefined, format);
    }
    assert.equal(formatKey('header', input({ ...badHeader, credential: { kind: 'basic', username: 'alice', password: 'pw' } })), `Authorization: Basic ${Buffer.from('alice:pw').toString('base64')}`);
    assert.equal(formatProblem('header', input({ apis: [{ ...geo, authHeaderName: ' X-Key ' }] })), undefined, 'trimmed');
    assert.equal(formatKey('header', input({ apis: [{ ...geo, authHeaderName: ' X-Key ' }] })), `X-Key: ${KEY}`);
  });

  it('the listen path and the Gateway address matter in a curl command only', () => {
    const badPath = input({ apis: [{ ...geo, listenPath: '/a b/' }] });
    const badBase = input({ gatewayBase: 'https://gw.example.com/\u2028' });
    const basicBadPath = { ...badPath, credential: { kind: 'basic', username: 'alice', password: 'pw' } } as const;
    for (const format of ['curl', 'curlPowerShell'] as const) {
      assert.match(formatProblem(format, badPath) ?? '', /^The listen path “\/a b\/” has characters that cannot appear in a URL path/, format);
      assert.match(formatProblem(format, basicBadPath) ?? '', /^The listen path/, `${format}, basic-auth`);
      assert.match(formatProblem(format, badBase) ?? '', /^The Gateway address “https:\/\/gw\.example\.com\/ ?” has control characters or line breaks/, format);
    }
    for (const format of ['raw', 'header', 'env', 'restClient'] as const) {
      assert.equal(formatProblem(format, badPath), undefined, format);
      assert.equal(formatProblem(format, badBase), undefined, format);
    }
    assert.match(formatProblem('curl', input({ apis: [{ ...geo, authHeaderName: 'X Y', listenPath: '/a b/' }] })) ?? '', /^The header name/, 'the header first');
    assert.equal(formatKey('curl', input({ apis: [{ ...geo, listenPath: ' geo ' }] })), `curl -H "X-Api-Key: ${KEY}" http://localhost:8080/geo`, 'trimmed, with its slash');
  });

  it('an HMAC key: only its values matter (no request format fits it)', () => {
    const hmac = input({ apis: [{ ...geo, authHeaderName: 'X Y', listenPath: '/a b/' }], credential: { kind: 'hmac', secret: 's' } });
    assert.deepEqual(formatsFor(hmac), ['raw', 'env', 'restClient']);
    for (const format of KEY_FORMATS) {
      assert.equal(formatProblem(format, hmac), undefined, format);
    }
  });
});
