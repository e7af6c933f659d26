// The key view's script, in the webview (a browser, no Node, no vscode module): draws the view model the
// extension sends (src/domain/keyView.ts) and sends back which button was pressed. Every text is set as
// textContent or as a property, never parsed as HTML: server text stays text. Bundled on its own by
// esbuild.mjs into dist/webview/keyView.js (platform browser). The components of @vscode-elements are
// imported one by one: only those used are in the bundle.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { KeyViewAction, KeyViewFact, KeyViewMeter, KeyViewModel, KeyViewSection } from '../domain/keyView';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** The icon of each button (a codicon). */
const ICONS: Record<KeyViewAction, string> = { update: 'edit', rotate: 'replace', revoke: 'trash', copyHash: 'copy', openJson: 'json' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (content !== undefined) {
    node.textContent = content;
  }
  return node;
}

function facts(list: readonly KeyViewFact[]): HTMLElement {
  const dl = el('dl', 'facts');
  for (const fact of list) {
    dl.append(el('dt', undefined, fact.label), el('dd', fact.tone ? `tone-${fact.tone}` : undefined, fact.value));
  }
  return dl;
}

/** The quota bar: role meter, its numbers and its words for a screen reader. */
function meter(m: KeyViewMeter, label: string): HTMLElement {
  const wrap = el('div', 'meter-wrap');
  const bar = el('div', 'meter');
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-label', label);
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', String(m.max));
  bar.setAttribute('aria-valuenow', String(m.used));
  bar.setAttribute('aria-valuetext', m.text);
  const fill = el('div', 'meter-fill');
  const share = m.max > 0 ? Math.min(1, Math.max(0, m.used / m.max)) : 0;
  fill.style.width = `${(share * 100).toFixed(2)}%`;
  if (share >= 0.9) {
    fill.classList.add('high');
  }
  bar.append(fill);
  wrap.append(bar, el('div', 'meter-text', m.text));
  return wrap;
}

/** How each kind of section is drawn; a new kind of section gets its renderer here. */
const RENDERERS: { [K in KeyViewSection['kind']]: (section: Extract<KeyViewSection, { kind: K }>) => HTMLElement[] } = {
  facts: (s) => [facts(s.facts)],
  quota: (s) => (s.meter ? [meter(s.meter, s.heading), facts(s.facts)] : [facts(s.facts)]),
  list: (s) => {
    if (s.items.length === 0) {
      return [el('p', 'empty', s.empty)];
    }
    const ul = el('ul', 'list');
    for (const item of s.items) {
      const li = el('li');
      li.append(el('span', 'item', item.text));
      if (item.detail) {
        // A space between them: read aloud as two phrases, not one word.
        li.append(' ', el('span', 'detail', item.detail));
      }
      ul.append(li);
    }
    return [ul];
  },
};

function section(s: KeyViewSection): HTMLElement {
  const node = el('section', `section section-${s.id}`);
  const heading = el('h2', undefined, s.heading);
  heading.id = `heading-${s.id}`;
  node.setAttribute('aria-labelledby', heading.id);
  node.dataset.section = s.id;
  const render = RENDERERS[s.kind] as (section: KeyViewSection) => HTMLElement[];
  node.append(heading, ...render(s));
  return node;
}

function render(model: KeyViewModel): void {
  const root = document.getElementById('root');
  if (!root) {
    return;
  }
  // Keep the focus on the button that had it (a refresh redraws everything).
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.action : undefined;
  const header = el('header', 'header');
  const title = el('h1', 'title', model.title);
  const badge = el('span', `state state-${model.state.state}`, model.state.text);
  header.append(title, badge);

  const actions = el('div', 'actions');
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-label', model.actionsLabel);
  for (const a of model.actions) {
    const button = el('vscode-button', undefined, a.label);
    button.dataset.action = a.action;
    button.icon = ICONS[a.action];
    button.title = a.title;
    button.secondary = a.action !== 'update';
    button.disabled = !a.enabled;
    button.addEventListener('click', () => {
      if (!button.disabled) {
        vscode.postMessage({ type: 'action', action: a.action });
      }
    });
    actions.append(button);
  }
  const main = el('main', 'sections');
  main.append(...model.sections.map(section));
  root.replaceChildren(header, actions, main);
  document.title = model.title;
  if (focused) {
    actions.querySelector<HTMLElement>(`[data-action="${focused}"]`)?.focus();
  }
}

window.addEventListener('message', (event: MessageEvent<{ type?: unknown; model?: KeyViewModel; generation?: number }>) => {
  const message = event.data;
  if (message.type === 'model' && message.model) {
    render(message.model);
    vscode.postMessage({ type: 'rendered', generation: message.generation });
  }
});

vscode.postMessage({ type: 'ready' });
