// The webview scripts' one way of making an element: its text set as textContent, never parsed as HTML.

/** A `tag` element with `className` and `content` as its text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined) {
    node.textContent = content;
  }
  return node;
}
