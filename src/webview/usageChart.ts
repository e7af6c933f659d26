// The usage chart (uPlot), bundled on its own into dist/webview/usageChart.js and loaded by the key view's
// page only when there is usage to draw (src/webview/usage.ts). Requests per day as bars, errors as a line,
// in the theme's chart colours (--vscode-charts-*), drawn again when the theme or the width changes. The
// canvas says nothing to a screen reader: the page has a table of the same numbers.
import uPlot from 'uplot';
import type { UsageViewRow } from '../domain/usageView';
import type { UsageChartApi, UsageChartLabels } from './usageChartApi';

const HEIGHT = 220;

function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function options(width: number, rows: readonly UsageViewRow[], series: UsageChartLabels): uPlot.Options {
  const text = themeColour('--vscode-foreground', '#cccccc');
  const grid = themeColour('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)');
  const requests = themeColour('--vscode-charts-blue', '#3794ff');
  const errors = themeColour('--vscode-charts-red', '#f14c4c');
  const font = `${themeColour('--vscode-font-size', '13px')} ${themeColour('--vscode-font-family', 'sans-serif')}`;
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 0 });
  const axis = { stroke: text, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    axes: [
      { ...axis, space: 48, incrs: [1, 2, 5, 7, 10, 14], values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (rows[i]?.label ?? '') : '')) },
      { ...axis, size: 56, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000], values: (_u, splits) => splits.map((v) => numbers.format(v)) },
    ],
    series: [
      { label: series.date, value: (_u, i) => (i === null ? '' : (rows[i]?.label ?? '')) },
      { label: series.requests, stroke: requests, fill: requests, width: 1, paths: uPlot.paths.bars?.({ size: [0.6, 48] }), points: { show: false } },
      { label: series.errors, stroke: errors, width: 2, points: { show: true, size: 5, fill: errors } },
    ],
    legend: { show: true },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
  };
}

const api: UsageChartApi = {
  draw(container, rows, series) {
    const data: uPlot.AlignedData = [rows.map((_r, i) => i), rows.map((r) => r.requests), rows.map((r) => r.errors)];
    const width = (): number => Math.max(240, container.clientWidth);
    let plot = new uPlot(options(width(), rows, series), data, container);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    resize.observe(container);
    // A theme change (VS Code changes the body's classes and the --vscode-* variables): draw in its colours.
    const theme = new MutationObserver(() => {
      plot.destroy();
      plot = new uPlot(options(width(), rows, series), data, container);
    });
    theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      plot.destroy();
    };
  },
};

window.tykUsageChart = api;
