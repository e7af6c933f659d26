// Update Key…: what to change (expiry, quota, rate limit, suspend/reactivate, reset quota), then the
// new value, validated inline.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { KeyDetails } from '../tyk/model';
import { mustParse, parseCount, parseExpiryDate, parseQuota, parseSeconds, problem } from '../tyk/validation';
import { EXPIRY_PRESETS } from './createKeyFlow';
import { MultiStepInput, type InputStep } from './multiStepInput';

export interface KeyUpdate {
  /** Session fields to set. */
  changes: Record<string, unknown>;
  /** Reset the live quota (otherwise `suppress_reset=1` keeps it). */
  resetQuota: boolean;
  /** In words, for the log and the message. */
  description: string;
}

interface ChangeItem extends vscode.QuickPickItem {
  change: 'expiry' | 'quota' | 'rate' | 'suspend' | 'reactivate' | 'reset';
}

export async function runUpdateKeyFlow(ui: Ui, details: KeyDetails, title: string, now: () => Date = () => new Date()): Promise<KeyUpdate> {
  let update: KeyUpdate | undefined;
  const items: ChangeItem[] = [
    {
      change: 'expiry',
      label: vscode.l10n.t('Change expiry…'),
      description: details.expires && details.expires > 0 ? new Date(details.expires * 1000).toISOString() : vscode.l10n.t('never'),
    },
    {
      change: 'quota',
      label: vscode.l10n.t('Change quota…'),
      description:
        details.quotaMax === undefined || details.quotaMax < 0
          ? vscode.l10n.t('unlimited')
          : vscode.l10n.t('{0} per {1} s', details.quotaMax, details.quotaRenewalRate ?? '?'),
    },
    {
      change: 'rate',
      label: vscode.l10n.t('Change rate limit…'),
      description: details.rate === undefined || details.rate <= 0 ? vscode.l10n.t('none') : vscode.l10n.t('{0} per {1} s', details.rate, details.per ?? 1),
    },
    details.isInactive
      ? { change: 'reactivate', label: vscode.l10n.t('Reactivate'), description: vscode.l10n.t('the key works again') }
      : { change: 'suspend', label: vscode.l10n.t('Suspend'), description: vscode.l10n.t('calls with the key are refused until it is reactivated') },
    { change: 'reset', label: vscode.l10n.t('Reset quota now'), description: vscode.l10n.t('the remaining quota goes back to the maximum') },
  ];
  const stepTitle = vscode.l10n.t('Update the key {0}', title);

  const choose: InputStep = async (input) => {
    const picked = await input.pick({ title: stepTitle, step: 1, totalSteps: 2, placeholder: vscode.l10n.t('What to change'), items });
    switch (picked.change) {
      case 'suspend':
        update = { changes: { is_inactive: true }, resetQuota: false, description: vscode.l10n.t('suspended') };
        return undefined;
      case 'reactivate':
        update = { changes: { is_inactive: false }, resetQuota: false, description: vscode.l10n.t('reactivated') };
        return undefined;
      case 'reset':
        update = { changes: {}, resetQuota: true, description: vscode.l10n.t('quota reset') };
        return undefined;
      case 'expiry':
        return expiry;
      case 'quota':
        return quota;
      case 'rate':
        return rate;
    }
  };

  const expiry: InputStep = async (input) => {
    const presets = [...EXPIRY_PRESETS.map((p) => ({ label: p.label, seconds: p.seconds })), { label: vscode.l10n.t('On a date…'), seconds: undefined, date: true }];
    const picked = await input.pick({ title: stepTitle, step: 2, totalSteps: 2, placeholder: vscode.l10n.t('New expiry, from now'), items: presets });
    if ('date' in picked) {
      const value = await input.input({
        title: stepTitle,
        step: 2,
        totalSteps: 2,
        value: '',
        prompt: vscode.l10n.t('Expiry date: YYYY-MM-DD (end of that day) or YYYY-MM-DD HH:MM, local time'),
        validate: (v) => problem(parseExpiryDate(v, now())),
      });
      const expires = mustParse(parseExpiryDate(value, now()));
      update = { changes: { expires }, resetQuota: false, description: vscode.l10n.t('expires {0}', new Date(expires * 1000).toISOString()) };
      return;
    }
    const expires = picked.seconds ? Math.floor(now().getTime() / 1000) + picked.seconds : -1;
    update = {
      changes: { expires },
      resetQuota: false,
      description: expires === -1 ? vscode.l10n.t('never expires') : vscode.l10n.t('expires {0}', new Date(expires * 1000).toISOString()),
    };
  };

  const quota: InputStep = async (input) => {
    const max = await input.input({
      title: stepTitle,
      step: 2,
      totalSteps: 2,
      value: details.quotaMax === undefined || details.quotaMax < 0 ? vscode.l10n.t('unlimited') : String(details.quotaMax),
      prompt: vscode.l10n.t('Quota: requests per period (“{0}” for no quota). The remaining quota is kept.', vscode.l10n.t('unlimited')),
      validate: (v) => problem(parseQuota(v)),
    });
    const quotaMax = mustParse(parseQuota(max));
    if (quotaMax === -1) {
      update = { changes: { quota_max: -1, quota_renewal_rate: -1 }, resetQuota: false, description: vscode.l10n.t('unlimited quota') };
      return;
    }
    const period = await input.input({
      title: stepTitle,
      step: 2,
      totalSteps: 2,
      value: details.quotaRenewalRate && details.quotaRenewalRate > 0 ? String(details.quotaRenewalRate) : '1d',
      prompt: vscode.l10n.t('Quota period: renews every … (e.g. 3600, 1h, 1d)'),
      validate: (v) => problem(parseSeconds(v, vscode.l10n.t('Quota period'))),
    });
    const renewal = mustParse(parseSeconds(period, vscode.l10n.t('Quota period')));
    update = {
      changes: { quota_max: quotaMax, quota_renewal_rate: renewal },
      resetQuota: false,
      description: vscode.l10n.t('quota {0} per {1} s', quotaMax, renewal),
    };
  };

  const rate: InputStep = async (input) => {
    const count = await input.input({
      title: stepTitle,
      step: 2,
      totalSteps: 2,
      value: String(details.rate ?? 1000),
      prompt: vscode.l10n.t('Rate limit: how many requests (0 = no rate limit)'),
      validate: (v) => problem(parseCount(v, vscode.l10n.t('Rate'), true)),
    });
    const per = await input.input({
      title: stepTitle,
      step: 2,
      totalSteps: 2,
      value: String(details.per ?? 1),
      prompt: vscode.l10n.t('… per how many seconds (e.g. 1, 60, 1m)'),
      validate: (v) => problem(parseSeconds(v, vscode.l10n.t('Period'))),
    });
    const r = mustParse(parseCount(count, vscode.l10n.t('Rate'), true));
    const p = mustParse(parseSeconds(per, vscode.l10n.t('Period')));
    update = { changes: { rate: r, allowance: r, per: p }, resetQuota: false, description: vscode.l10n.t('rate {0} per {1} s', r, p) };
  };

  await MultiStepInput.run(ui, choose);
  if (!update) {
    throw new Error(vscode.l10n.t('no change chosen'));
  }
  return update;
}
