// The key view's "Usage over time" section, in the webview: the 7 / 30 days toggle (buttons, aria-pressed),
// the sentence, a table of the same numbers (visually hidden for screen readers until "Show as table"), and
// the chart, drawn by dist/webview/usageChart.js (chartist, SVG), which is loaded, with the page's nonce, only when
// there is usage to draw: the page's own script stays small. Texts are set as textContent, never as markup.
import type { UsageViewModel } from '../domain/usageView';
import type { UsageChartApi } from './usageChartApi';
import { el } from './dom';

interface Poster {
  postMessage(message: unknown): void;
}

/** Where the chart's code is (the panel puts it on the page's script tag) and the nonce scripts need. */
const script = document.currentScript as HTMLScriptElement | null;
const chartSource = script?.dataset.chart;
const nonce = script?.nonce;

let latest: { usage: UsageViewModel; generation: number } | undefined;
let tableShown = false;
let chartLoad: Promise<UsageChartApi | undefined> | undefined;
let destroyChart: (() => void) | undefined;

declare global {
  interface Window {
    tykUsageChart?: UsageChartApi;
  }
}

/** The chart's code, loaded once. */
function loadChart(): Promise<UsageChartApi | undefined> {
  chartLoad ??= new Promise((resolve) => {
    if (window.tykUsageChart || !chartSource) {
      resolve(window.tykUsageChart);
      return;
    }
    const tag = document.createElement('script');
    tag.src = chartSource;
    if (nonce) {
      tag.nonce = nonce;
    }
    tag.addEventListener('load', () => resolve(window.tykUsageChart));
    tag.addEventListener('error', () => resolve(undefined));
    document.head.append(tag);
  });
  return chartLoad;
}

/** The section's body, drawn again from the latest usage whenever the whole view is drawn again. */
export function usageBody(vscode: Poster): HTMLElement {
  const body = el('div', 'usage');
  body.id = 'usage-body';
  // The sentence is a live region that stays in place, so a screen reader says each new one.
  const status = el('p', 'usage-message');
  status.setAttribute('role', 'status');
  body.append(el('div', 'usage-ranges'), status, el('div', 'usage-content'));
  if (latest) {
    draw(body, latest.usage, latest.generation, vscode);
  }
  return body;
}

/** Shows a usage model sent by the extension. */
export function showUsage(usage: UsageViewModel, generation: number, vscode: Poster): void {
  latest = { usage, generation };
  const body = document.getElementById('usage-body');
  if (body) {
    draw(body, usage, generation, vscode);
  }
}

function table(usage: UsageViewModel): HTMLTableElement {
  const t = el('table', tableShown ? 'usage-table' : 'usage-table visually-hidden');
  t.id = 'usage-table';
  t.append(el('caption', undefined, usage.table.caption));
  const head = el('tr');
  for (const text of [usage.table.date, usage.series.requests, usage.series.errors]) {
    const th = el('th', undefined, text);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const row of usage.rows) {
    const tr = el('tr');
    tr.dataset.date = row.date;
    const th = el('th', undefined, row.label);
    th.scope = 'row';
    tr.append(th, el('td', 'num', String(row.requests)), el('td', 'num', String(row.errors)));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function draw(body: HTMLElement, usage: UsageViewModel, generation: number, vscode: Poster): void {
  destroyChart?.();
  destroyChart = undefined;
  const focused = document.activeElement instanceof HTMLElement && body.contains(document.activeElement) ? document.activeElement.dataset.focusId : undefined;

  const ranges = body.querySelector<HTMLElement>('.usage-ranges');
  const message = body.querySelector<HTMLElement>('.usage-message');
  const content = body.querySelector<HTMLElement>('.usage-content');
  if (!ranges || !message || !content) {
    return;
  }
  ranges.replaceChildren();
  ranges.setAttribute('role', 'group');
  ranges.setAttribute('aria-label', usage.rangesLabel);
  for (const r of usage.ranges) {
    const button = el('button', 'usage-range', r.label);
    button.type = 'button';
    button.dataset.focusId = `range-${r.days}`;
    button.dataset.days = String(r.days);
    button.setAttribute('aria-pressed', String(r.selected));
    button.addEventListener('click', () => {
      if (!r.selected) {
        vscode.postMessage({ type: 'usageRange', days: r.days });
      }
    });
    ranges.append(button);
  }

  message.className = `usage-message usage-${usage.state}`;
  message.textContent = usage.message;
  const parts: HTMLElement[] = [];
  if (usage.undatedNote) {
    parts.push(el('p', 'usage-note', usage.undatedNote));
  }
  let chart: HTMLElement | undefined;
  if (usage.state === 'data') {
    chart = el('div', 'usage-chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', usage.chartLabel);
    const toggle = el('button', 'usage-table-toggle', tableShown ? usage.table.hide : usage.table.show);
    toggle.type = 'button';
    toggle.dataset.focusId = 'table-toggle';
    toggle.setAttribute('aria-controls', 'usage-table');
    toggle.setAttribute('aria-expanded', String(tableShown));
    const t = table(usage);
    toggle.addEventListener('click', () => {
      tableShown = !tableShown;
      t.classList.toggle('visually-hidden', !tableShown);
      toggle.textContent = tableShown ? usage.table.hide : usage.table.show;
      toggle.setAttribute('aria-expanded', String(tableShown));
    });
    parts.push(chart, toggle, t);
  }
  content.replaceChildren(...parts);
  if (focused) {
    body.querySelector<HTMLElement>(`[data-focus-id="${focused}"]`)?.focus();
  }
  if (!chart) {
    vscode.postMessage({ type: 'usageRendered', generation, chart: false });
    return;
  }
  const target = chart;
  void loadChart().then((api) => {
    if (latest?.generation !== generation || !target.isConnected) {
      return;
    }
    destroyChart = api?.draw(target, usage.rows, { ...usage.series, date: usage.table.date });
    vscode.postMessage({ type: 'usageRendered', generation, chart: destroyChart !== undefined });
  });
}
