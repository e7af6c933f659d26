// The insert formats, from plain Node (src/domain/keyFormats.ts has no vscode import).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  DEFAULT_GATEWAY_BASE,
  KEY_FORMATS,
  defaultFormatFor,
  envVariableName,
  fileKindFor,
  formatApisOf,
  formatKey,
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
    assert.equal(formatKey('env', input({ key: `it's $x` })), `TYK_KEY_PETSTORE="it's \\$x"`);
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

  it('curl: a listen path or header with spaces or quotes is single-quoted, and the shell reads it back exactly', () => {
    const odd: FormatApi = { name: 'Odd', listenPath: "/my api/it's/", authHeaderName: 'X Key' };
    const command = formatKey('curl', input({ apis: [odd] }));
    assert.equal(command, `curl -H "X Key: ${KEY}" 'http://localhost:8080/my api/it'\\''s/'`);
    assert.deepEqual(shellWords(command), ['-H', `X Key: ${KEY}`, "http://localhost:8080/my api/it's/"]);

    const dangerous: FormatApi = { name: 'D', listenPath: '/$(touch pwned)/?a=1&b=`id`', authHeaderName: 'X-"Key"' };
    const key = "k$HOME'`id`!\\";
    const risky = formatKey('curl', input({ key, apis: [dangerous] }));
    assert.deepEqual(shellWords(risky), ['-H', `X-"Key": ${key}`, 'http://localhost:8080/$(touch pwned)/?a=1&b=`id`'], risky);
    assert.match(risky, /^curl -H 'X-"Key": /, 'a header the shell would expand is single-quoted');
  });

  it('joins the gateway and the listen path with one slash', () => {
    assert.equal(joinUrl('http://gw:8080', '/a/'), 'http://gw:8080/a/');
    assert.equal(joinUrl('http://gw:8080//', 'a'), 'http://gw:8080/a');
    assert.equal(joinUrl('http://gw:8080/', ''), 'http://gw:8080/');
  });

  it('the gateway: a Gateway connection’s URL; a Dashboard’s gatewayUrl, else localhost:8080', () => {
    assert.equal(gatewayBaseFor({ kind: 'gateway', url: 'https://gw.example.com/' }), 'https://gw.example.com');
    assert.equal(gatewayBaseFor({ kind: 'gateway', url: 'https://gw.example.com', gatewayUrl: 'https://other' }), 'https://gw.example.com');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com', gatewayUrl: 'https://gateway.example.com' }), 'https://gateway.example.com');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com' }), 'http://localhost:8080');
    assert.equal(gatewayBaseFor({ kind: 'dashboard', url: 'https://dash.example.com', gatewayUrl: ' ' }), 'http://localhost:8080');
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
    assert.deepEqual(KEY_FORMATS, ['raw', 'header', 'env', 'restClient', 'curl']);
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

  it('env: bare for plain values (empty too), single quotes unless the value holds one or a line break, then escaped double quotes', () => {
    assert.equal(formatKey('env', input({ key: 'a_b@c%d+e=f:g,h.i/j~k-l' })), 'TYK_KEY_PETSTORE=a_b@c%d+e=f:g,h.i/j~k-l');
    assert.equal(formatKey('env', input({ key: '' })), 'TYK_KEY_PETSTORE=');
    assert.equal(formatKey('env', input({ key: 'a$b' })), "TYK_KEY_PETSTORE='a$b'");
    assert.equal(formatKey('env', input({ key: 'a\nb\rc"d\\e`f' })), 'TYK_KEY_PETSTORE="a\\nb\\rc\\"d\\\\e\\`f"');
    assert.equal(formatKey('env', input({ key: "it's" })), 'TYK_KEY_PETSTORE="it\'s"');
  });

  it('curl: a header with ", $, `, \\, ! or a line break is single-quoted; a plain URL is bare, any other single-quoted', () => {
    for (const key of ['a"b', 'a$b', 'a`b', 'a\\b', 'a!b', 'a\nb', 'a\rb']) {
      assert.match(formatKey('curl', input({ key })), /^curl -H 'Authorization: /, JSON.stringify(key));
    }
    assert.equal(formatKey('curl', input({ key: "a'b c" })), `curl -H "Authorization: a'b c" http://localhost:8080/petstore/`);
    assert.equal(
      formatKey('curl', input({ apis: [{ ...petstore, listenPath: '/a_b@c%d+e=f:g,h.i-j/' }] })),
      `curl -H "Authorization: ${KEY}" http://localhost:8080/a_b@c%d+e=f:g,h.i-j/`,
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

  it('formatApisOf: an empty name falls back to the id; no names given', () => {
    assert.deepEqual(formatApisOf([], ['x'], ['']), [{ name: 'x', listenPath: '/', authHeaderName: 'Authorization' }]);
    assert.deepEqual(formatApisOf([], ['x']), [{ name: 'x', listenPath: '/', authHeaderName: 'Authorization' }]);
    assert.deepEqual(formatApisOf([], []), []);
  });
});
