// The usage chart (chartist, SVG), bundled on its own into dist/webview/usageChart.js and loaded by the key
// view's page only when there is usage to draw (src/webview/usage.ts). One bar per day for its requests and,
// narrower, inside it, one for its errors (errors are requests whose response was an error), on the same
// scale from zero. Colours come from the page's CSS only (usage.css: --vscode-charts-* and --vscode-*), so
// the chart follows the theme by itself; it is drawn again when the width or the theme changes (the labels'
// sizes). The axis labels are SVG <text> drawn here (chartist's own are HTML in a foreignObject with a
// style attribute, which the page's CSP refuses). The SVG says nothing to a screen reader: the container is
// an image named by a summary (usage.ts), and the page has a table of the same numbers.
import { BarChart, FixedScaleAxis, Svg, type Attributes, type BarChartOptions, type ChartRect } from 'chartist';
import type { UsageViewRow } from '../domain/usageView';
import { el } from './dom';
import type { UsageChartApi, UsageChartLabels } from './usageChartApi';

const HEIGHT = 220;

// chartist gives its <svg> its size twice: as attributes and as a style attribute (createSvg). The page's
// CSP (no 'unsafe-inline' styles) refuses style attributes and logs an error for each; the same declarations
// set through the CSSOM are allowed. The attributes are enough here, but the style keeps chartist's layout.
// eslint-disable-next-line @typescript-eslint/unbound-method -- always called with its `this` (.call)
const setAttributes = Svg.prototype.attr as (this: Svg, attributes: string | Attributes, ns?: string) => Svg | string | null;
Svg.prototype.attr = function attr(this: Svg, attributes: string | Attributes, ns?: string) {
  if (typeof attributes === 'string') {
    return setAttributes.call(this, attributes, ns);
  }
  const { style, ...rest } = attributes;
  const node = this.getNode();
  if (typeof style === 'string' && (node instanceof HTMLElement || node instanceof SVGElement)) {
    node.style.cssText = style;
  }
  return setAttributes.call(this, rest);
} as Svg['attr'];

/** The y axis's ticks: from 0, at most 5 steps of 1, 2 or 5 × 10ⁿ (whole numbers), the last at or above `max`. */
function valueTicks(max: number): number[] {
  const target = Math.max(4, max);
  const magnitude = 10 ** Math.floor(Math.log10(target / 5));
  const step = [1, 2, 5, 10, 20].map((m) => Math.max(1, m * magnitude)).find((s) => Math.ceil(target / s) <= 5) ?? target;
  const top = Math.ceil(target / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_v, i) => i * step);
}

/** The page's font size in pixels. */
function fontSize(container: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(container).fontSize) || 13;
}

/** An SVG <text> label. */
function label(svg: Svg, text: string, attributes: Attributes, direction: 'horizontal' | 'vertical'): Svg {
  return svg.elem('text', attributes, `ct-label ct-${direction}`).text(text);
}

/** The axes' labels, as SVG text: every value tick; the days, as many as fit, today always. */
function drawLabels(svg: Svg, rect: ChartRect, rows: readonly UsageViewRow[], ticks: readonly number[], numbers: Intl.NumberFormat, size: number): void {
  const top = ticks.at(-1) ?? 1;
  for (const tick of ticks) {
    label(svg, numbers.format(tick), { x: rect.x1 - 6, y: rect.y1 - (tick / top) * rect.height(), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, 'vertical');
  }
  const step = rect.width() / Math.max(1, rows.length);
  const y = rect.y1 + size + 4;
  // The widest day's label, measured, decides how many days apart the labels are.
  const probe = label(svg, rows.reduce((w, r) => (r.label.length > w.length ? r.label : w), ''), { x: 0, y }, 'horizontal');
  const text = probe.getNode<SVGTextElement>().getComputedTextLength();
  probe.remove();
  const every = Math.max(1, Math.ceil((text + size) / step));
  // Centred under its day, but never past the SVG's right edge (the last day's, when days are narrow).
  const right = rect.x2 + rect.padding.right - text / 2;
  for (let i = rows.length - 1; i >= 0; i -= every) {
    label(svg, rows[i].label, { x: Math.min(rect.x1 + step * (i + 0.5), right), y, 'text-anchor': 'middle' }, 'horizontal');
  }
}

function create(container: HTMLElement, rows: readonly UsageViewRow[]): BarChart {
  const size = fontSize(container);
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 });
  const ticks = valueTicks(Math.max(0, ...rows.map((r) => Math.max(r.requests, r.errors))));
  const widestValue = Math.max(...ticks.map((t) => numbers.format(t).length));
  const options: BarChartOptions = {
    height: `${HEIGHT}px`,
    high: ticks.at(-1),
    low: 0,
    // Both series from zero, at the same place (stackMode true: overlapping), the errors' bar over the requests' one.
    stackBars: true,
    stackMode: true,
    chartPadding: { top: size / 2 + 2, right: 8, bottom: 0, left: 0 },
    axisX: { showLabel: false, showGrid: false, offset: size + 10 },
    axisY: { type: FixedScaleAxis, ticks, showLabel: false, showGrid: true, offset: Math.ceil(widestValue * size * 0.62) + 10 },
  };
  const chart = new BarChart(container, { labels: rows.map((r) => r.label), series: [rows.map((r) => r.requests), rows.map((r) => r.errors)] }, options);
  chart.on('draw', (event) => {
    if (event.type === 'bar') {
      // The bar's width (its stroke, a presentation attribute: no style) from the day's share of the width.
      const step = event.chartRect.width() / Math.max(1, rows.length);
      event.element.attr({ 'stroke-width': Math.max(1, Math.min(48, step * (event.seriesIndex === 0 ? 0.7 : 0.35))) });
    }
  });
  chart.on('created', (event) => drawLabels(event.svg, event.chartRect, rows, ticks, numbers, size));
  return chart;
}

/** The series' names with their colours' swatches (the same classes as the bars'). */
function legend(labels: UsageChartLabels): HTMLElement {
  const box = el('div', 'usage-legend');
  for (const [series, name] of [
    ['a', labels.requests],
    ['b', labels.errors],
  ] as const) {
    const item = el('span', `usage-legend-item ct-series-${series}`);
    item.append(el('span', 'usage-swatch'), el('span', undefined, name));
    box.append(item);
  }
  return box;
}

const api: UsageChartApi = {
  draw(container, rows, labels) {
    container.replaceChildren(legend(labels));
    const chart = create(container, rows);
    const resize = new ResizeObserver(() => chart.update());
    resize.observe(container);
    // A theme change (VS Code changes the body's classes and the --vscode-* variables): the colours follow
    // by themselves (CSS); the labels' sizes may not, so the chart is drawn again.
    const theme = new MutationObserver(() => chart.update());
    theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart.detach();
      container.replaceChildren();
    };
  },
};

window.tykUsageChart = api;
