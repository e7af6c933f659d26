// What the usage chart's script (usageChart.ts, its own bundle, loaded on demand) offers the page's script.
import type { UsageViewRow } from '../domain/usageView';

/** The series' names and the days' (legend, axis). */
export interface UsageChartLabels {
  requests: string;
  errors: string;
  date: string;
}

export interface UsageChartApi {
  /** Draws requests and errors per day into `container`; returns what removes the chart. */
  draw(container: HTMLElement, rows: readonly UsageViewRow[], labels: UsageChartLabels): () => void;
}
