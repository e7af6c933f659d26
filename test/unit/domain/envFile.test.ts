// src/domain/envFile.ts: a key moved to .env — its name, its line (read back by the dotenv package, as an
// app reads it), and the reference written in its place (run by a real shell where it is a command).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parse } from 'dotenv';
import { appendEnvLine, envNamesIn, envReference, envVarName, hasEnvReference, readsEnvBesideFile, referenceText } from '../../../src/domain/envFile';
import { DEFAULT_GATEWAY_BASE, KEY_FORMATS, type FormatApi } from '../../../src/domain/keyFormats';

const petstore: FormatApi = { name: 'Petstore', listenPath: '/petstore/', authHeaderName: 'Authorization' };
const input = { apis: [petstore], gatewayBase: DEFAULT_GATEWAY_BASE };

/** The words a POSIX shell passes to curl for `command`, with `TYK_KEY_X` set to `key` in its environment. */
function curlArguments(command: string, name: string, key: string): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}`;
  const out = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', [name]: key } });
  return out.split('\0').slice(0, -1);
}

describe('domain/envFile', () => {
  describe('envVarName', () => {
    it('the alias in upper snake case after TYK_KEY_, accents dropped', () => {
      assert.equal(envVarName('ci-runner (staging)', new Set()), 'TYK_KEY_CI_RUNNER_STAGING');
      assert.equal(envVarName('Café  mobile', new Set()), 'TYK_KEY_CAFE_MOBILE');
    });

    it('TYK_KEY without an alias, or with one that has no letter or digit', () => {
      assert.equal(envVarName(undefined, new Set()), 'TYK_KEY');
      assert.equal(envVarName('—', new Set()), 'TYK_KEY');
    });

    it('made unique against the names already in the file: _2, _3…', () => {
      assert.equal(envVarName('ci', new Set(['TYK_KEY_CI'])), 'TYK_KEY_CI_2');
      assert.equal(envVarName('ci', new Set(['TYK_KEY_CI', 'TYK_KEY_CI_2'])), 'TYK_KEY_CI_3');
      assert.equal(envVarName(undefined, new Set(['TYK_KEY'])), 'TYK_KEY_2');
    });

    it('a long alias gives a name of at most 64 characters, not ending in _', () => {
      const name = envVarName(`${'a'.repeat(55)} b${'c'.repeat(40)}`, new Set());
      assert.ok(name.length <= 64, name);
      assert.match(name, /^TYK_KEY_A+_?B?C*$/);
      assert.doesNotMatch(name, /_$/);
    });
  });

  describe('envNamesIn', () => {
    it('the names a .env defines, with export and `NAME: value`, not comments', () => {
      const text = '# TYK_KEY_OLD=1\nAPP_PORT=4000\r\nexport TYK_KEY_CI="x"\n  SPACED = y\nYAML_LIKE: z\n\nnot a line\n';
      assert.deepEqual([...envNamesIn(text)].sort(), ['APP_PORT', 'SPACED', 'TYK_KEY_CI', 'YAML_LIKE']);
    });

    it('nothing in an empty file', () => {
      assert.equal(envNamesIn('').size, 0);
    });
  });

  describe('appendEnvLine', () => {
    it('appends on a line of its own, adding the line break the file lacks', () => {
      assert.equal(appendEnvLine('', 'TYK_KEY_CI', 'abc'), 'TYK_KEY_CI=abc\n');
      assert.equal(appendEnvLine('APP=1', 'TYK_KEY_CI', 'abc'), 'APP=1\nTYK_KEY_CI=abc\n');
      assert.equal(appendEnvLine('APP=1\n', 'TYK_KEY_CI', 'abc'), 'APP=1\nTYK_KEY_CI=abc\n');
    });

    it('keeps the file’s CRLF line breaks', () => {
      assert.equal(appendEnvLine('APP=1\r\nB=2', 'TYK_KEY_CI', 'abc'), 'APP=1\r\nB=2\r\nTYK_KEY_CI=abc\r\n');
    });

    it('every value is read back unchanged by the dotenv package, whatever it holds', () => {
      const values = [
        '5f1c2a9b8e7d4c3b2a1f0e9d8c7b6a5f',
        'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImFiYyIsImgiOiJtdXJtdXIxMjgifQ==',
        'with space',
        "it's",
        'a "quoted" $HOME `cmd` #hash',
        `both ' and "`,
        `it's a\\n`,
        'trailing\\',
        '',
      ];
      let text = 'APP=1\n';
      const names: string[] = [];
      for (const value of values) {
        const name = envVarName('k', envNamesIn(text));
        names.push(name);
        text = appendEnvLine(text, name, value);
      }
      const parsed = parse(text);
      assert.equal(parsed.APP, '1');
      names.forEach((name, i) => assert.equal(parsed[name], values[i], `${name} from ${text}`));
    });

    it('refuses a value with a line break or a control character, and a name no .env line may define', () => {
      assert.throws(() => appendEnvLine('', 'TYK_KEY', 'a\nB=2'), /line breaks/);
      assert.throws(() => appendEnvLine('', 'TYK_KEY', 'a\u0000'), /control characters/);
      assert.throws(() => appendEnvLine('', 'TYK KEY', 'a'), /Not a variable name/);
      assert.throws(() => appendEnvLine('', '1KEY', 'a'), /Not a variable name/);
      assert.throws(() => appendEnvLine('', 'TYK_KEY', `'"\``), /three quotes/);
    });
  });

  describe('envReference', () => {
    it('in the file’s own syntax', () => {
      assert.equal(envReference('http', 'TYK_KEY_X'), '{{$dotenv TYK_KEY_X}}');
      assert.equal(envReference('shellscript', 'TYK_KEY_X'), '$TYK_KEY_X');
      assert.equal(envReference('powershell', 'TYK_KEY_X'), '$env:TYK_KEY_X');
      for (const js of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact']) {
        assert.equal(envReference(js, 'TYK_KEY_X'), 'process.env.TYK_KEY_X');
      }
      assert.equal(envReference('python', 'TYK_KEY_X'), 'os.environ["TYK_KEY_X"]');
      assert.equal(envReference('go', 'TYK_KEY_X'), 'os.Getenv("TYK_KEY_X")');
      assert.equal(envReference('dotenv', 'TYK_KEY_X'), '${TYK_KEY_X}');
    });

    it('the name alone where the language has no way to read it', () => {
      assert.equal(envReference('plaintext', 'TYK_KEY_X'), 'TYK_KEY_X');
      assert.equal(envReference('markdown', 'TYK_KEY_X'), 'TYK_KEY_X');
      assert.equal(hasEnvReference('markdown'), false);
      assert.equal(hasEnvReference('python'), true);
    });
  });

  describe('referenceText: each insert format with the variable in place of the key', () => {
    it('the key alone and the .env line: the language’s reference', () => {
      assert.equal(referenceText('raw', input, 'typescript', 'TYK_KEY_CI'), 'process.env.TYK_KEY_CI');
      assert.equal(referenceText('env', input, 'python', 'TYK_KEY_CI'), 'os.environ["TYK_KEY_CI"]');
    });

    it('a header line: the API’s header with the reference', () => {
      assert.equal(referenceText('header', input, 'http', 'TYK_KEY_CI'), 'Authorization: {{$dotenv TYK_KEY_CI}}');
      assert.equal(
        referenceText('header', { ...input, apis: [{ ...petstore, authHeaderName: 'X-Api-Key' }] }, 'shellscript', 'TYK_KEY_CI'),
        'X-Api-Key: $TYK_KEY_CI',
      );
    });

    it('a REST Client variable reads the .env through REST Client’s $dotenv, the .env beside the .http file', () => {
      const reference = referenceText('restClient', input, 'plaintext', 'TYK_KEY_CI') ?? '';
      assert.equal(reference, '@tykKey = {{$dotenv TYK_KEY_CI}}');
      assert.equal(readsEnvBesideFile(reference), true);
      assert.equal(readsEnvBesideFile(referenceText('header', input, 'http', 'TYK_KEY_CI') ?? ''), true);
      assert.equal(readsEnvBesideFile(referenceText('curl', input, 'shellscript', 'TYK_KEY_CI') ?? ''), false);
      assert.equal(readsEnvBesideFile(referenceText('raw', input, 'typescript', 'TYK_KEY_CI') ?? ''), false);
    });

    it('the curl line, run by a real shell, sends the key from the environment in the API’s header', () => {
      const key = `a'b "c" $HOME \`x\``;
      const line = referenceText('curl', input, 'shellscript', 'TYK_KEY_CI') ?? '';
      assert.equal(line, 'curl -H "Authorization: $TYK_KEY_CI" http://localhost:8080/petstore/');
      assert.deepEqual(curlArguments(line, 'TYK_KEY_CI', key), ['-H', `Authorization: ${key}`, 'http://localhost:8080/petstore/']);
    });

    it('the curl line with a header name a shell would expand inside double quotes', () => {
      const odd = { ...input, apis: [{ ...petstore, authHeaderName: "X-$Key'!" }] };
      const line = referenceText('curl', odd, 'shellscript', 'TYK_KEY_CI') ?? '';
      assert.deepEqual(curlArguments(line, 'TYK_KEY_CI', 'k1'), ['-H', "X-$Key'!: k1", 'http://localhost:8080/petstore/']);
    });

    it('the PowerShell curl line reads $env:', () => {
      assert.equal(referenceText('curlPowerShell', input, 'powershell', 'TYK_KEY_CI'), `curl.exe -H "Authorization: $env:TYK_KEY_CI" 'http://localhost:8080/petstore/'`);
      const odd = { ...input, apis: [{ ...petstore, authHeaderName: 'X-$Key' }] };
      assert.equal(referenceText('curlPowerShell', odd, 'powershell', 'TYK_KEY_CI'), `curl.exe -H ('X-$Key: ' + $env:TYK_KEY_CI) 'http://localhost:8080/petstore/'`);
    });

    it('nothing for a basic-auth user or an HMAC key (more than one secret), or a request that cannot be written', () => {
      for (const format of KEY_FORMATS) {
        assert.equal(referenceText(format, { ...input, credential: { kind: 'basic', username: 'u', password: 'p' } }, 'http', 'TYK_KEY'), undefined);
        assert.equal(referenceText(format, { ...input, credential: { kind: 'hmac', secret: 's' } }, 'http', 'TYK_KEY'), undefined);
      }
      const broken = { ...input, apis: [{ ...petstore, authHeaderName: 'Bad Header' }] };
      assert.equal(referenceText('curl', broken, 'shellscript', 'TYK_KEY'), undefined);
      assert.equal(referenceText('header', broken, 'shellscript', 'TYK_KEY'), undefined);
      assert.equal(referenceText('raw', input, 'shellscript', 'NOT A NAME'), undefined);
    });
  });
});
