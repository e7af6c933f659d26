// The translate calls of the sources (`vscode.l10n.t(…)`, and `l10n.t(…)` of @vscode/l10n in the
// plain-Node code), found with the TypeScript compiler API, for test/unit/l10n.test.ts: it checks that
// what reaches the user goes through one, and that these are the messages of the English bundle
// @vscode/l10n-dev exports (`npm run l10n`). A message must be a string literal.
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

export type TranslateKind = 'vscode';

/** `vscode.l10n.t(…)` / `l10n.t(…)` (of vscode or @vscode/l10n); undefined for any other call. */
export function translateKind(node: ts.Node): TranslateKind | undefined {
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
  return undefined;
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
 * vscode.l10n.t(message, ...args)`): it holds no message.
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
    const visit = (node: ts.Node): void => {
      const kind = translateKind(node);
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
