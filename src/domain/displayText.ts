// Text from a server (or a model, or a hand-edited setting) made safe to show: the one place that turns
// an untrusted string into plain text for a notification, a tree label or tooltip, a quick pick or a
// chat confirmation. Bounded in length, one line, no control or bidi characters, and no syntax that VS
// Code would render as a link: `[label](command:…)` in a notification runs the command when clicked.
// Pure functions, plain Node.

/** The longest untrusted text shown by default (characters, the ellipsis aside). */
export const MAX_DISPLAY_LENGTH = 300;

/** Line and paragraph breaks of every kind, and tabs: shown as one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * Control characters (C0, DEL, C1), bidi embeddings, overrides, isolates and marks, zero-width
 * characters and the byte order mark: shown as U+FFFD, never acted on.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` as plain text: at most `max` characters (then `…`), on one line, control and bidi characters
 * replaced by U+FFFD, and link syntax broken: `](` becomes `] (`, so `[label](command:x)` and
 * `![img](url)` are never a link; `$(` becomes `$ (` so a quick pick shows no icon it did not choose.
 * Safe for a notification, a tree item's label, description or string tooltip, and a quick pick item.
 * Not for Markdown: use `markdownText`.
 */
export function plainText(text: string, max = MAX_DISPLAY_LENGTH): string {
  const limit = Math.max(1, Math.floor(max));
  // Cut first: a huge text costs no more than a short one (each later step is linear in the window).
  const window = text.length > limit * 4 + 16 ? text.slice(0, limit * 4 + 16) : text;
  const clean = window
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '\ufffd')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(/\]\s*\(/g, '] (')
    .replace(/\$\(/g, '$ (');
  const cut = clean.length > limit || window.length < text.length;
  if (!cut) {
    return clean;
  }
  let end = Math.min(limit, clean.length);
  // Never split a surrogate pair.
  if (end > 0 && end < clean.length && /[\ud800-\udbff]/.test(clean.charAt(end - 1))) {
    end--;
  }
  return `${clean.slice(0, end).trimEnd()}…`;
}

/** Every ASCII punctuation character: CommonMark lets each be escaped with a backslash. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * `text` as Markdown that shows exactly that text: `plainText`, then every ASCII punctuation character
 * backslash-escaped, so no link (`[x](command:…)`, `<https://…>`, `https://…`, `www.…` autolinks), image,
 * HTML (`<a>`), code span, emphasis, entity (`&…;`) or theme icon (`$(…)`) can form. For a
 * MarkdownString (tree tooltips, the chat tool's confirmation) and any other Markdown context.
 */
export function markdownText(text: string, max = MAX_DISPLAY_LENGTH): string {
  return plainText(text, max).replace(MARKDOWN_PUNCTUATION, '\\$&');
}

/**
 * `text` as a Markdown code span: `plainText` (one line), backticks (which would end the span) shown as
 * `‘`. Nothing forms inside a code span: no link, HTML or emphasis. For ids, paths and URLs in Markdown.
 */
export function markdownCode(text: string, max = MAX_DISPLAY_LENGTH): string {
  return `\`${plainText(text, max).replace(/`/g, '\u2018')}\``;
}

/** At most `max` UTF-16 units of `text`, never splitting a surrogate pair; the text itself unchanged. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const end = max > 0 && /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}
