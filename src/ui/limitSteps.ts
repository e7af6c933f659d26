// The inputs Create Key and Update Key share: rate limit, its period, quota, quota period, expiry.
// One definition each (prompt, inline check, parsing), so both flows ask and read them alike.
import * as vscode from 'vscode';
import { mustParse, parseCount, parseExpiryDate, parseQuota, parseSeconds, problem } from '../domain/validation';
import { format } from '../domain/format';
import type { InputOptions, MultiStepInput } from './multiStepInput';

/** One value to type: what the prompt says, how it is checked as it is typed, and how it is read. */
export interface Field<T> {
  prompt: string;
  validate: (value: string) => string | undefined;
  parse: (value: string) => T;
}

/** Asks for `field` in the flow's input box; resolves with its parsed value. */
export async function ask<T>(input: MultiStepInput, o: Pick<InputOptions, 'title' | 'step' | 'totalSteps' | 'value'>, field: Field<T>): Promise<T> {
  return field.parse(await input.input({ ...o, prompt: field.prompt, validate: field.validate }));
}

export function rateField(): Field<number> {
  const name = vscode.l10n.t('Rate');
  return {
    prompt: vscode.l10n.t('Rate limit: how many requests (0 = no rate limit)'),
    validate: (v) => problem(parseCount(v, name, true)),
    parse: (v) => mustParse(parseCount(v, name, true)),
  };
}

export function perField(rate: number | undefined): Field<number> {
  const name = vscode.l10n.t('Period');
  return {
    prompt:
      rate === undefined
        ? vscode.l10n.t('… per how many seconds (e.g. 1, 60, 5m, 1h)')
        : vscode.l10n.t('… per how many seconds (e.g. 1, 60, 5m, 1h): {0} per …', format().requests(rate)),
    validate: (v) => problem(parseSeconds(v, name)),
    parse: (v) => mustParse(parseSeconds(v, name)),
  };
}

/** `note`: what happens to the live quota (Update Key keeps it). */
export function quotaField(note?: string): Field<number> {
  const prompt = vscode.l10n.t('Quota: requests per quota period (“{0}” for no quota)', vscode.l10n.t('unlimited'));
  return {
    prompt: note ? `${prompt}. ${note}` : prompt,
    validate: (v) => problem(parseQuota(v)),
    parse: (v) => mustParse(parseQuota(v)),
  };
}

export function quotaPeriodField(): Field<number> {
  const name = vscode.l10n.t('Quota period');
  return {
    prompt: vscode.l10n.t('Quota period: the quota renews every … (e.g. 3600, 1h, 1d, 30d)'),
    validate: (v) => problem(parseSeconds(v, name)),
    parse: (v) => mustParse(parseSeconds(v, name)),
  };
}

/** An expiry date; parsed to unix seconds. */
export function expiryDateField(now: () => Date): Field<number> {
  return {
    prompt: vscode.l10n.t('Expiry date: YYYY-MM-DD (end of that day) or YYYY-MM-DD HH:MM, local time'),
    validate: (v) => problem(parseExpiryDate(v, now())),
    parse: (v) => mustParse(parseExpiryDate(v, now())),
  };
}

export interface ExpiryItem extends vscode.QuickPickItem {
  /** From now; absent: never. */
  seconds?: number;
  /** "On a date…": the date is typed next. */
  date?: boolean;
}

const DAY = 24 * 3600;

/** The expiry choices: never, 1 hour … 30 days, or a date. */
export function expiryItems(): ExpiryItem[] {
  return [
    { label: vscode.l10n.t('Never') },
    ...[3600, DAY, 7 * DAY, 30 * DAY].map((seconds) => ({ label: format().duration(seconds), seconds })),
    { label: vscode.l10n.t('On a date…'), detail: vscode.l10n.t('YYYY-MM-DD'), date: true },
  ];
}

/** The expiry, in unix seconds (-1: never), of a preset chosen at `now`. */
export function expiryOf(item: ExpiryItem, now: Date): number {
  return item.seconds ? Math.floor(now.getTime() / 1000) + item.seconds : -1;
}
