// The English l10n bundle, l10n/bundle.l10n.json, generated from the sources so that it cannot drift:
// every message given to `vscode.l10n.t(…)` and to src/tyk's translation seam `t(…)` (src/tyk/l10n.ts),
// key and value the English message (the format of @vscode/l10n-dev, which translators and
// `vscode.l10n` read). Found with the TypeScript compiler API; a message must be a string literal.
//   npm run l10n                                   rewrites the bundle
//   node out/test/tools/l10nBundle.js              says whether it is up to date (exit 1 if not)
// test/unit/l10n.test.ts fails when the bundle and the sources disagree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../../..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** Every .ts file under src/, `/`-separated paths relative to the repository, sorted. */
export function sourceFiles(dir = path.join(ROOT, 'src')): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...sourceFiles(full));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out.sort();
}

export function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

export function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

export function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** The names a file binds to src/tyk's `t` (`import { t } from './l10n'`, `import { t as tr } from '../tyk/l10n'`). */
export function seamNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sf.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      /(^|\/)l10n$/.test(statement.moduleSpecifier.text) &&
      statement.importClause?.namedBindings &&
      ts.isNamedImports(statement.importClause.namedBindings)
    ) {
      for (const element of statement.importClause.namedBindings.elements) {
        if ((element.propertyName ?? element.name).text === 't') {
          names.add(element.name.text);
        }
      }
    }
  }
  return names;
}

export type TranslateKind = 'vscode' | 'seam';

/** `vscode.l10n.t(…)` / `l10n.t(…)` ('vscode'), or src/tyk's `t(…)` ('seam'); undefined for any other call. */
export function translateKind(node: ts.Node, seam: ReadonlySet<string>): TranslateKind | undefined {
  if (!ts.isCallExpression(node)) {
    return undefined;
  }
  const callee = node.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 't') {
    const target = callee.expression;
    if ((ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n')) {
      return 'vscode';
    }
  }
  return ts.isIdentifier(callee) && seam.has(callee.text) ? 'seam' : undefined;
}

export interface Message {
  /** The bundle's key: the message, or `message/comment` when it has a comment. */
  key: string;
  value: string | { message: string; comment: string[] };
  file: string;
  line: number;
  call: ts.CallExpression;
  kind: TranslateKind;
}

export interface Problem {
  file: string;
  line: number;
  problem: string;
}

function stringValue(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteral(node) ? node.text : undefined;
}

/** The message of a translate call: its first argument, a string literal (or `{ message, comment }` of literals). */
function messageOf(call: ts.CallExpression): Pick<Message, 'key' | 'value'> | string {
  const first = call.arguments[0];
  if (first && ts.isStringLiteral(first)) {
    return { key: first.text, value: first.text };
  }
  if (first && ts.isObjectLiteralExpression(first)) {
    const property = (name: string): ts.Expression | undefined =>
      first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name)?.initializer;
    const message = stringValue(property('message'));
    const rawComment = property('comment');
    const comment =
      rawComment === undefined
        ? []
        : ts.isArrayLiteralExpression(rawComment)
          ? rawComment.elements.map((e) => stringValue(e))
          : [stringValue(rawComment)];
    if (message !== undefined && comment.every((c): c is string => c !== undefined)) {
      return comment.length > 0 ? { key: `${message}/${comment.join('')}`, value: { message, comment } } : { key: message, value: message };
    }
  }
  if (first && (ts.isTemplateExpression(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
    return 'a template literal as the message: write a string literal with {0} placeholders, and pass the data as arguments';
  }
  return 'a message that is not a string literal (the bundle cannot be generated from it)';
}

/**
 * A translate function handing its own message and arguments on (`(message, ...args) =>
 * vscode.l10n.t(message, ...args)`, how src/tyk's seam is set to vscode.l10n): it holds no message.
 */
export function isForwarding(call: ts.CallExpression): boolean {
  const [first, second] = call.arguments;
  let fn: ts.Node | undefined = call.parent;
  while (fn && !ts.isFunctionLike(fn)) {
    fn = fn.parent;
  }
  if (!fn || !ts.isFunctionLike(fn) || !first || !ts.isIdentifier(first) || call.arguments.length !== 2 || !second || !ts.isSpreadElement(second)) {
    return false;
  }
  const [message, rest] = fn.parameters;
  return (
    fn.parameters.length === 2 &&
    message !== undefined &&
    rest !== undefined &&
    ts.isIdentifier(message.name) &&
    message.name.text === first.text &&
    rest.dotDotDotToken !== undefined &&
    ts.isIdentifier(rest.name) &&
    ts.isIdentifier(second.expression) &&
    rest.name.text === second.expression.text
  );
}

/** Every translate call of the sources, and the calls whose message is not a string literal. */
export function extractMessages(files: readonly string[] = sourceFiles()): { messages: Message[]; problems: Problem[]; forwards: Problem[] } {
  const messages: Message[] = [];
  const problems: Problem[] = [];
  const forwards: Problem[] = [];
  for (const file of files) {
    const sf = parse(file);
    const seam = seamNames(sf);
    const visit = (node: ts.Node): void => {
      const kind = translateKind(node, seam);
      if (kind && ts.isCallExpression(node) && isForwarding(node)) {
        forwards.push({ file: relative(file), line: lineOf(node), problem: 'forwards its message and arguments' });
      } else if (kind && ts.isCallExpression(node)) {
        const found = messageOf(node);
        if (typeof found === 'string') {
          problems.push({ file: relative(file), line: lineOf(node), problem: found });
        } else {
          messages.push({ ...found, file: relative(file), line: lineOf(node), call: node, kind });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { messages, problems, forwards };
}

/** The bundle: each message once, in the order of the sources (file by file). */
export function bundleOf(messages: readonly Message[]): Record<string, Message['value']> {
  const bundle: Record<string, Message['value']> = {};
  for (const m of messages) {
    if (!(m.key in bundle)) {
      bundle[m.key] = m.value;
    }
  }
  return bundle;
}

export function bundleText(bundle: Record<string, Message['value']>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

if (require.main === module) {
  const { messages, problems } = extractMessages();
  for (const p of problems) {
    console.error(`${p.file}:${p.line}: ${p.problem}`);
  }
  const text = bundleText(bundleOf(messages));
  const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
  if (process.argv.includes('--write')) {
    fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
    fs.writeFileSync(BUNDLE, text);
    console.log(`${relative(BUNDLE)}: ${Object.keys(bundleOf(messages)).length} messages${current === text ? ' (unchanged)' : ''}`);
  } else {
    console.log(current === text ? `${relative(BUNDLE)} is up to date` : `${relative(BUNDLE)} is out of date: run \`npm run l10n\``);
  }
  process.exitCode = problems.length > 0 || (!process.argv.includes('--write') && current !== text) ? 1 : 0;
}
