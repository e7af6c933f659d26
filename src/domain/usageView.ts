// The "Usage over time" section of the key view: what its webview draws (chart, table, sentences), as a
// plain JSON model built here from a usage read (domain/usage.ts). Every text is final here: translated
// (l10n.t), numbers and dates formatted for the user (format.ts); the webview only lays it out, as text.
// Plain TypeScript.
import * as l10n from '@vscode/l10n';
import { plainText } from './displayText';
import { format } from './format';
import { USAGE_RANGES, gatewayUsageMessage, noTrafficMessage, type DailyUsage, type UsageRangeDays } from './usage';

/** What the section shows: the read in flight, the chart and table, no traffic, no analytics (Gateway), a failed read. */
export type UsageViewState = 'loading' | 'data' | 'empty' | 'unavailable' | 'error';

export interface UsageViewRow {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  /** The day as the user writes a short date: "Nov 24". */
  label: string;
  requests: number;
  errors: number;
}

export interface UsageViewModel {
  state: UsageViewState;
  /** The range shown (or being read). */
  days: UsageRangeDays;
  /** The 7 / 30 days toggle: one button each, the selected one pressed. */
  ranges: Array<{ days: UsageRangeDays; label: string; selected: boolean }>;
  rangesLabel: string;
  /** The sentence under the heading: loading, totals, no traffic, Gateway, the error. */
  message: string;
  /** Traffic Tyk did not place on a day, said apart (only when there is some). */
  undatedNote?: string;
  /** One per day, oldest first (state `data` only). */
  rows: UsageViewRow[];
  series: { requests: string; errors: string };
  /** What the chart is, for a screen reader (its SVG says nothing itself; the table has the numbers). */
  chartLabel: string;
  table: { caption: string; date: string; show: string; hide: string };
}

function rangeLabel(days: number): string {
  return l10n.t('Last {0} days', days);
}

function base(state: UsageViewState, days: UsageRangeDays, message: string): UsageViewModel {
  return {
    state,
    days,
    ranges: USAGE_RANGES.map((d) => ({ days: d, label: rangeLabel(d), selected: d === days })),
    rangesLabel: l10n.t('Usage period'),
    message,
    rows: [],
    series: { requests: l10n.t('Requests'), errors: l10n.t('Errors') },
    chartLabel: l10n.t('Requests and errors per day, last {0} days (UTC)', days),
    table: { caption: l10n.t('Requests and errors per day (UTC)'), date: l10n.t('Day (UTC)'), show: l10n.t('Show as table'), hide: l10n.t('Hide table') },
  };
}

/** "Nov 24" in the user's way of writing a short date, for a UTC day `YYYY-MM-DD`. */
export function shortDay(date: string): string {
  return new Intl.DateTimeFormat(format().locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** While the usage is read. */
export function usageLoading(days: UsageRangeDays): UsageViewModel {
  return base('loading', days, l10n.t('Reading the usage of the last {0} days…', days));
}

/** A Gateway connection: no analytics API. */
export function usageUnavailable(days: UsageRangeDays): UsageViewModel {
  return base('unavailable', days, gatewayUsageMessage());
}

/** The read failed: the error's message (a TykError's is plain text for the user), bounded. */
export function usageFailed(days: UsageRangeDays, message: string): UsageViewModel {
  return base('error', days, l10n.t('Could not read the usage: {0}', plainText(message, 400)));
}

/** The usage read: chart and table rows and the totals sentence, or the plain no-traffic sentence. */
export function usageView(days: UsageRangeDays, usage: DailyUsage): UsageViewModel {
  const f = format();
  const undated =
    usage.undated.requests + usage.undated.errors > 0
      ? l10n.t('Tyk also counted {0} (errors: {1}) it did not place on a day; they are not in the chart.', f.requests(usage.undated.requests), f.count(usage.undated.errors))
      : undefined;
  if (usage.noTraffic) {
    return base('empty', days, noTrafficMessage(days));
  }
  const model = base('data', days, l10n.t('{0} in the last {1} days (UTC); errors: {2}.', f.requests(usage.totals.requests), days, f.count(usage.totals.errors)));
  return {
    ...model,
    ...(undated ? { undatedNote: undated } : {}),
    rows: usage.days.map((d) => ({ date: d.date, label: shortDay(d.date), requests: d.requests, errors: d.errors })),
  };
}
