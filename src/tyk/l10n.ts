// The translation seam of the Tyk client. src/tyk runs in plain Node (no `vscode` import), yet its
// messages reach the user: each goes through `t('… {0} …', arg)`, which formats it in English by
// default and, once the extension calls `setTranslate(vscode.l10n.t)`, looks it up in the extension's
// l10n bundle (src/main.ts sets it when the extension starts).
//
// Call `t()` when a message is made, never at module load: a module's top level runs before the
// extension has had a chance to call `setTranslate`. Messages are string literals (so that
// `npm run l10n` finds them for l10n/bundle.l10n.json); data goes in as arguments.

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Replaces `{0}`, `{1}`… with the arguments, as `vscode.l10n.t` does; unknown placeholders stay. */
export const defaultTranslate: Translate = (message, ...args) =>
  args.length === 0 ? message : message.replace(/\{(\d+)\}/g, (match, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : match));

let translate: Translate = defaultTranslate;

/** The message in the user's language, its `{n}` placeholders replaced by `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  return translate(message, ...args);
}

/** Routes every `t()` of this copy of the module through `fn` (the extension passes vscode.l10n.t). */
export function setTranslate(fn: Translate): void {
  translate = fn;
}
