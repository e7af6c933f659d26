// Localisation of the code's strings (package.json's are test/unit/manifest.test.ts's). Every message
// the user reads goes through `vscode.l10n.t(…)`, or, in the plain-Node code of src/tyk and src/domain,
// through `l10n.t(…)` of @vscode/l10n (given VS Code's bundle by the extension at start); and
// l10n/bundle.l10n.json, the English bundle that @vscode/l10n-dev exports (`npm run l10n`), holds
// exactly those messages. Read with the TypeScript compiler API from src/**/*.ts, in plain Node.
//
// What "reaches the user" means here (the sinks): notifications and modals (ui.*,
// vscode.window.show*Message), progress titles, status bar texts, quick pick and input box titles,
// placeholders, prompts and validation messages (and what `validate`/`verify` return), quick pick
// items, tree items (labels, descriptions, tooltips, accessibility labels, their commands' titles),
// TykError and Error messages, src/domain/validation.ts's `no(…)` and keySpec.ts's checks, and the chat
// tools' texts. A string or template literal with a letter in it (codicons like `$(key)` aside) that
// flows into one of them without passing through a translate call is an offender. Not sinks, so
// English by design: the Tyk log (services/log.ts, `log.info(…)`, the client's `log` lines): it is
// for developers and bug reports, and stays English; ids, context values, command ids, JSON keys,
// setting names, and the words a user may type (`unlimited`, `5m`).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as ts from 'typescript';
import { BUNDLE, ROOT, bundleOf, extractMessages, lineOf, relative, sourceFiles, translateKind, type Message } from '../tools/l10nBundle';

/**
 * Literals that look like words but never reach the user, by file and exact text. Keep it short:
 * anything a user can read goes through l10n instead.
 */
const NOT_USER_FACING: ReadonlyArray<{ file: string; text: string; why: string }> = [
  {
    file: 'src/ui/multiStepInput.ts',
    text: 'cancelled',
    why: 'FlowCancelled is the sentinel of a user pressing Escape: app/reportError.ts drops it silently, its message is never shown',
  },
];

/**
 * Folders not scanned: src/tyk/stubs stand in for dependencies of axios the bundle leaves out (see
 * esbuild.mjs); their errors mean a broken bundle, never something a user did, like axios's own.
 */
const NOT_SCANNED = ['src/tyk/stubs/'];

/**
 * Functions whose result reaches the user but is not text: it is followed no further.
 * previewKey renders the text a key is inserted as (code: a header line, a .env line, a curl
 * command), masked, as the format pick's preview. ask (src/ui/limitSteps.ts) returns the value the
 * user typed, parsed (a number of requests or seconds): what it is given is the input box's.
 */
const DATA_FUNCTIONS = new Set(['previewKey', 'ask']);

/** The translate calls allowed to hand a message they did not write on (none). */
const FORWARDERS: string[] = [];

/** Where object literals describe UI (quick pick items, tree items, dialogs, the chat tools' results). */
const UI_DIRS = ['src/ui/', 'src/views/', 'src/commands/', 'src/tools/'];
/** Properties of UI objects that the user reads. */
const TEXT_PROPERTIES = new Set([
  'label',
  'description',
  'detail',
  'tooltip',
  'title',
  'placeholder',
  'placeHolder',
  'prompt',
  'message',
  'validationMessage',
  'openLabel',
  'invocationMessage',
  'confirmation',
]);
/** Properties the code sets on a UI object (a quick pick, a status bar item, a tree item) that the user reads. */
const ASSIGNED_PROPERTIES = new Set([...TEXT_PROPERTIES, 'text', 'accessibilityInformation']);
/** Properties whose value is a function returning a message (inline validation). */
const CHECK_PROPERTIES = new Set(['validate', 'verify']);
/** Functions (by name) whose every returned string is a message. */
const CHECK_FUNCTIONS = new Set(['checkKeySpec', 'checkSession']);
/**
 * Functions (by name) that write a document the user reads: the key details (JSON: its keys are
 * Tyk's, its values words), the heading of a new document, the request file of the walkthrough.
 * What they return, and the values of their objects and consts, are text.
 */
const DOCUMENT_FUNCTIONS = new Set(['keyDetailsJson', 'hideSecrets', 'untitledContent', 'requestFileText']);
/** Properties that are text wherever they are: what a request to Tyk was for (put in its messages). */
const TEXT_PROPERTIES_ANYWHERE = new Set(['what']);
/** Calls whose arguments (by index; 'all') the user reads, by the callee's name or its last part. */
const CALL_SINKS = new Map<string, number[] | 'all'>(
  Object.entries({
  'ui.info': 'all',
  'ui.warn': 'all',
  'ui.error': 'all',
  'ui.confirm': 'all',
  'ui.showKey': [0],
  'ui.pickFile': 'all',
  showInformationMessage: 'all',
  showWarningMessage: 'all',
  showErrorMessage: 'all',
  showQuickPick: 'all',
  showInputBox: 'all',
  setStatusBarMessage: [0],
  withProgress: [0],
  withCancellableProgress: [1],
  showCancellableProgress: [1],
  pickConnection: [1],
  pickFrom: [4, 5],
  no: [0],
  withErrorReport: [1],
  reportError: [2],
  } satisfies Record<string, number[] | 'all'>),
);
/** Constructors whose arguments (by index) the user reads. */
const NEW_SINKS = new Map<string, number[]>(
  Object.entries({
  TykError: [1],
  Error: [0],
  TreeItem: [0],
  MessageNode: [1, 3, 4],
  LanguageModelTextPart: [0],
  MarkdownString: [0],
  }),
);
/** Methods of strings, arrays and numbers: their arguments are separators, patterns, locales, never text. */
const DATA_METHODS = new Set([
  'join',
  'replace',
  'split',
  'slice',
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'search',
  'match',
  'test',
  'exec',
  'padStart',
  'padEnd',
  'toLocaleString',
  'toFixed',
  'get',
  'has',
]);

/**
 * A literal's text with a letter in it, once set aside codicons (`$(key)`), codes in capitals
 * (`ECONNRESET`, `TYK_KEY`, `GET`) and HTTP header names; not a URL (`http://localhost:8080`), a
 * path (`/your-api/`) nor a camelCase name (`tykKey`): those are data, not words.
 */
function wordy(text: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(text) || /^\/[\w./-]*$/.test(text) || /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(text)) {
    return false;
  }
  return /\p{L}/u.test(
    text
      .replace(/\$\([\w~-]+\)/g, '')
      .replace(/\b[A-Z][A-Z0-9_]+\b/g, '')
      .replace(/^(Authorization|X-[\w-]+)$/, ''),
  );
}

function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const left = calleeName(expression.expression);
    return left ? `${left}.${expression.name.text}` : expression.name.text;
  }
  return '';
}

interface Offender {
  file: string;
  line: number;
  text: string;
}

function program(): ts.Program {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(sourceFiles(), { ...parsed.options, noEmit: true });
}

/** The literals with words that reach a sink of the sources without passing through a translate call. */
function bypasses(prog: ts.Program): Offender[] {
  const checker = prog.getTypeChecker();
  const offenders = new Map<ts.Node, Offender>();
  const seen = new Set<ts.Node>();
  const files = sourceFiles().filter((f) => relative(f) !== 'src/domain/l10n.ts' && !NOT_SCANNED.some((d) => relative(f).startsWith(d)));

  for (const file of files) {
    const sf = prog.getSourceFile(file);
    assert.ok(sf, file);
    const rel = relative(file);
    const inUi = UI_DIRS.some((d) => rel.startsWith(d));

    /** A literal whose type is a union of literals (`'created' | 'saved'`, `Quoting`): an id, not text. */
    const isId = (node: ts.Expression): boolean => {
      const type = checker.getContextualType(node);
      const literal = (t: ts.Type): boolean => t.isStringLiteral() || (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0;
      return type !== undefined && (type.isUnion() ? type.types.every(literal) : type.isStringLiteral());
    };

    const offend = (node: ts.Expression, text: string): void => {
      const at = relative(node.getSourceFile().fileName);
      if (!isId(node) && !NOT_USER_FACING.some((a) => a.file === at && a.text === text)) {
        offenders.set(node, { file: at, line: lineOf(node), text });
      }
    };

    /** The returned expressions of a function (not of the functions inside it). */
    const returned = (fn: ts.SignatureDeclaration): ts.Expression[] => {
      if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) {
        return [fn.body];
      }
      const out: ts.Expression[] = [];
      const body = (fn as ts.FunctionLikeDeclarationBase).body;
      const walk = (n: ts.Node): void => {
        if (ts.isReturnStatement(n) && n.expression) {
          out.push(n.expression);
        } else if (!ts.isFunctionLike(n)) {
          ts.forEachChild(n, walk);
        }
      };
      if (body) {
        walk(body);
      }
      return out;
    };

    /**
     * Follows what a name holds (a const's or a parameter's initializer, an object literal's property,
     * a getter's value), or what a function of the sources returns.
     */
    const follow = (symbol: ts.Symbol | undefined): void => {
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target && DATA_FUNCTIONS.has(target.name)) {
        return;
      }
      for (const declaration of target?.declarations ?? []) {
        if (!declaration.getSourceFile().fileName.startsWith(path.join(ROOT, 'src') + path.sep)) {
          continue;
        }
        if ((ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
          collect(declaration.initializer);
        } else if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isGetAccessorDeclaration(declaration)) {
          returned(declaration).forEach(collect);
        }
      }
    };

    /** Every literal with words in `node` that is not a translate call's message. */
    function collect(node: ts.Node): void {
      if (seen.has(node)) {
        return;
      }
      seen.add(node);
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        if (wordy(node.text)) {
          offend(node, node.text);
        }
      } else if (ts.isTemplateExpression(node)) {
        const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
        if (wordy(parts.join(' '))) {
          offend(node, parts.join('${…}'));
        }
        node.templateSpans.forEach((s) => collect(s.expression));
      } else if (ts.isCallExpression(node)) {
        if (translateKind(node)) {
          // The message is translated; what fills its placeholders must be too.
          node.arguments.slice(1).forEach(collect);
          return;
        }
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee)) {
          collect(callee.expression);
          if (DATA_METHODS.has(callee.name.text)) {
            return;
          }
        }
        // What a function of the sources returns, and what it is given (it may be put in its message);
        // a data function's result is not text, whatever it was given.
        const symbol = checker.getSymbolAtLocation(callee);
        const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        if (target && DATA_FUNCTIONS.has(target.name)) {
          return;
        }
        follow(symbol);
        node.arguments.forEach(collect);
      } else if (ts.isNewExpression(node)) {
        node.arguments?.forEach(collect);
      } else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
        returned(node).forEach(collect);
      } else if (ts.isConditionalExpression(node)) {
        collect(node.whenTrue);
        collect(node.whenFalse);
      } else if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
          collect(node.left);
          collect(node.right);
        } else if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
          collect(node.right);
        }
      } else if (ts.isObjectLiteralExpression(node)) {
        for (const p of node.properties) {
          const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '';
          if (ts.isPropertyAssignment(p) && TEXT_PROPERTIES.has(name)) {
            collect(p.initializer);
          } else if (ts.isShorthandPropertyAssignment(p) && TEXT_PROPERTIES.has(name)) {
            follow(checker.getShorthandAssignmentValueSymbol(p));
          } else if (ts.isSpreadAssignment(p)) {
            collect(p.expression);
          }
        }
      } else if (ts.isArrayLiteralExpression(node)) {
        node.elements.forEach(collect);
      } else if (
        ts.isParenthesizedExpression(node) ||
        ts.isAsExpression(node) ||
        ts.isSatisfiesExpression(node) ||
        ts.isNonNullExpression(node) ||
        ts.isAwaitExpression(node) ||
        ts.isSpreadElement(node) ||
        ts.isTypeAssertionExpression(node)
      ) {
        collect(node.expression);
      } else if (ts.isIdentifier(node)) {
        follow(checker.getSymbolAtLocation(node));
      } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol) {
          follow(symbol);
        } else if (ts.isElementAccessExpression(node)) {
          // `LABELS[kind]`: every value the table holds.
          const table = checker.getSymbolAtLocation(node.expression);
          for (const d of table?.declarations ?? []) {
            if (ts.isVariableDeclaration(d) && d.initializer && ts.isObjectLiteralExpression(d.initializer)) {
              d.initializer.properties.forEach((p) => ts.isPropertyAssignment(p) && collect(p.initializer));
            }
          }
        }
      }
    }

    const sinkArgs = (args: readonly ts.Expression[], which: number[] | 'all' | undefined): void => {
      if (which) {
        args.forEach((a, i) => (which === 'all' || which.includes(i) ? collect(a) : undefined));
      }
    };

    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && !translateKind(node)) {
        const name = calleeName(node.expression);
        const last = name.split('.').pop() ?? '';
        // The Ui's methods, however it is reached (services.ui.info, this.ui.confirm, o.ui.warn…).
        const onUi = name.split('.').slice(-2).join('.');
        sinkArgs(
          node.arguments,
          CALL_SINKS.get(name) ?? (onUi.startsWith('ui.') ? CALL_SINKS.get(onUi) : undefined) ?? (name.startsWith('vscode.window.') || last === name ? CALL_SINKS.get(last) : undefined),
        );
        if (node.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const cls = ts.findAncestor(node, ts.isClassLike);
          const base = cls?.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText())) ?? [];
          if (base.some((b) => /Error$/.test(b))) {
            sinkArgs(node.arguments, [0]);
          }
        }
      } else if (ts.isNewExpression(node)) {
        const last = calleeName(node.expression).split('.').pop() ?? '';
        sinkArgs(node.arguments ?? [], NEW_SINKS.get(last));
      } else if (ts.isReturnStatement(node) && node.expression) {
        const fn = ts.findAncestor(node, ts.isFunctionLike);
        if (fn && ts.isFunctionDeclaration(fn) && fn.name && (CHECK_FUNCTIONS.has(fn.name.text) || DOCUMENT_FUNCTIONS.has(fn.name.text))) {
          collect(node.expression);
        }
      } else if (
        (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) &&
        node.initializer &&
        ts.findAncestor(node, (n) => ts.isFunctionDeclaration(n) && n.name !== undefined && DOCUMENT_FUNCTIONS.has(n.name.text))
      ) {
        collect(node.initializer);
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && TEXT_PROPERTIES_ANYWHERE.has(node.name.text)) {
        collect(node.initializer);
      } else if (inUi && (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
        const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
        if (TEXT_PROPERTIES.has(name)) {
          if (ts.isPropertyAssignment(node)) {
            collect(node.initializer);
          } else {
            follow(checker.getShorthandAssignmentValueSymbol(node));
          }
        } else if (CHECK_PROPERTIES.has(name) && ts.isPropertyAssignment(node) && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
          returned(node.initializer).forEach(collect);
        }
      } else if (
        inUi &&
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        ASSIGNED_PROPERTIES.has(node.left.name.text)
      ) {
        collect(node.right);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...offenders.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function list(items: ReadonlyArray<{ file: string; line: number; text?: string; problem?: string }>): string {
  return items.map((i) => `  ${i.file}:${i.line}: ${i.text !== undefined ? JSON.stringify(i.text) : (i.problem ?? '')}`).join('\n');
}

describe('localisation (l10n)', () => {
  const { messages, problems, forwards } = extractMessages();

  it('every message is a string literal: no template literal, no variable, inside vscode.l10n.t / t', () => {
    assert.ok(messages.length > 300, `${messages.length} translate calls`);
    assert.equal(problems.length, 0, `translate calls whose message is not a string literal:\n${list(problems)}`);
    assert.deepEqual([...new Set(forwards.map((f) => f.file))], FORWARDERS, 'no translate call hands on a message it did not write');
  });

  it('l10n/bundle.l10n.json is what @vscode/l10n-dev exports from the sources, and the scan below sees the same messages (fix: npm run l10n)', function () {
    this.timeout(60_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tyk-l10n-'));
    try {
      const cli = path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      const run = spawnSync(process.execPath, [cli, 'export', '--outDir', out, path.join(ROOT, 'src')], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const exported = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(JSON.parse(fs.readFileSync(BUNDLE, 'utf8')), exported, `${relative(BUNDLE)} is out of date: run \`npm run l10n\``);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
    const bundle = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, unknown>;
    const expected = bundleOf(messages);
    const missing = Object.keys(expected).filter((k) => !(k in bundle));
    const extra = Object.keys(bundle).filter((k) => !(k in expected));
    assert.deepEqual(missing, [], `messages of the sources missing from ${relative(BUNDLE)}: run \`npm run l10n\``);
    assert.deepEqual(extra, [], `messages of ${relative(BUNDLE)} no source uses: run \`npm run l10n\``);
    for (const [key, value] of Object.entries(bundle)) {
      assert.deepEqual(value, expected[key], `${key}: the English text`);
    }
  });

  it('fills every placeholder of a message, with nothing left over: {0}…{n} for n + 1 arguments', () => {
    const wrong: Array<Pick<Message, 'file' | 'line'> & { problem: string }> = [];
    for (const m of messages) {
      const message = typeof m.value === 'string' ? m.value : m.value.message;
      const args = m.call.arguments.slice(1);
      if (args.some(ts.isSpreadElement) || (args.length === 1 && args[0] && ts.isObjectLiteralExpression(args[0])) || ts.isObjectLiteralExpression(m.call.arguments[0] ?? m.call)) {
        continue;
      }
      const used = new Set([...message.matchAll(/\{(\d+)\}/g)].map((x) => Number(x[1])));
      const ok = used.size === args.length && [...used].every((i) => i < args.length);
      if (!ok) {
        wrong.push({ file: m.file, line: m.line, problem: `${args.length} argument(s) for placeholders {${[...used].join('}, {')}}: ${message}` });
      }
    }
    assert.equal(wrong.length, 0, `messages whose placeholders and arguments disagree:\n${list(wrong)}`);
  });

  it('calls @vscode/l10n’s t() in src/tyk and src/domain only when a message is made, never at a module’s top level (before the extension configures it)', () => {
    const early = messages.filter((m) => {
      if (!m.file.startsWith('src/tyk/') && !m.file.startsWith('src/domain/')) {
        return false;
      }
      let node: ts.Node | undefined = m.call.parent;
      while (node && !ts.isSourceFile(node)) {
        if (ts.isFunctionLike(node) || (ts.isPropertyDeclaration(node) && !node.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword))) {
          return false;
        }
        node = node.parent;
      }
      return true;
    });
    assert.equal(early.length, 0, `t() at a module's top level:\n${list(early.map((m) => ({ file: m.file, line: m.line, text: m.key })))}`);
  });

  it('keeps src/tyk and src/domain free of vscode: their messages go through @vscode/l10n', () => {
    for (const file of [...sourceFiles(path.join(ROOT, 'src', 'tyk')), ...sourceFiles(path.join(ROOT, 'src', 'domain'))]) {
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /from 'vscode'|require\('vscode'\)/, relative(file));
    }
    assert.ok(
      messages.some((m) => m.file.startsWith('src/tyk/')),
      'src/tyk translates its messages',
    );
  });

  it('no literal with words reaches the user without passing through l10n', function () {
    this.timeout(60_000);
    const offenders = bypasses(program());
    assert.equal(offenders.length, 0, `user-facing literals outside vscode.l10n.t / t (wrap each in one, data as {n} arguments):\n${list(offenders)}`);
  });

  it('the scan finds a bypass when there is one (it is not blind)', function () {
    this.timeout(60_000);
    {
      // A copy of one command with a literal message put back, scanned with the rest.
      const file = path.join(ROOT, 'src', 'commands', 'removeConnection.ts');
      const source = fs.readFileSync(file, 'utf8').replace("vscode.l10n.t('Removed {0}.', connection.name)", '`Removed ${connection.name}.`');
      assert.match(source, /`Removed \$\{connection\.name\}\.`/);
      const host = ts.createCompilerHost({});
      const original = host.getSourceFile.bind(host);
      host.getSourceFile = (name, version, onError, create) =>
        path.resolve(name) === file ? ts.createSourceFile(name, source, version, true) : original(name, version, onError, create);
      const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
      const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
      const offenders = bypasses(ts.createProgram(sourceFiles(), { ...parsed.options, noEmit: true }, host));
      assert.deepEqual(
        offenders.map((o) => `${o.file} ${o.text}`),
        ['src/commands/removeConnection.ts Removed ${…}.'],
      );
    }
  });
});
