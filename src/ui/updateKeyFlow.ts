// Update Key…: what to change (expiry, quota, rate limit, suspend/reactivate, reset quota), then the
// new value, validated inline.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { KeyDetails } from '../domain/model';
import { format } from '../domain/format';
import { ask, expiryDateField, expiryItems, expiryOf, perField, quotaField, quotaPeriodField, rateField } from './limitSteps';
import { MultiStepInput, type InputOptions, type InputStep } from './multiStepInput';

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
      description: format().expiry(details.expires),
    },
    {
      change: 'quota',
      label: vscode.l10n.t('Change quota…'),
      description: format().quota(details.quotaMax, details.quotaRenewalRate),
    },
    {
      change: 'rate',
      label: vscode.l10n.t('Change rate limit…'),
      description: format().rate(details.rate ?? 0, details.per),
    },
    details.isInactive
      ? { change: 'reactivate', label: vscode.l10n.t('Reactivate'), description: vscode.l10n.t('the key works again') }
      : { change: 'suspend', label: vscode.l10n.t('Suspend'), description: vscode.l10n.t('calls with the key are refused until it is reactivated') },
    { change: 'reset', label: vscode.l10n.t('Reset quota now'), description: vscode.l10n.t('the remaining quota goes back to the maximum') },
  ];
  const stepTitle = vscode.l10n.t('Update the key {0}', title);
  // Each value is a step of its own (Back goes to the previous answer). How many there are depends on
  // the answers (Suspend is one step, a quota two or three): a step shows a total only when no answer
  // left can change it.
  const at = (step: number, initial: string, totalSteps?: number): Pick<InputOptions, 'title' | 'step' | 'totalSteps' | 'value'> => ({
    title: stepTitle,
    step,
    ...(totalSteps === undefined ? {} : { totalSteps }),
    value: initial,
  });
  const limits = { quotaMax: details.quotaMax, rate: details.rate };

  const choose: InputStep = async (input) => {
    const picked = await input.pick({ title: stepTitle, step: 1, placeholder: vscode.l10n.t('What to change'), items });
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
    // A preset ends here; "On a date…" asks the date next.
    const picked = await input.pick({ title: stepTitle, step: 2, placeholder: vscode.l10n.t('New expiry, from now'), items: expiryItems() });
    if (picked.date) {
      return expiryDate;
    }
    const expires = expiryOf(picked, now());
    update = {
      changes: { expires },
      resetQuota: false,
      description: expires === -1 ? vscode.l10n.t('never expires') : vscode.l10n.t('expires {0}', format().expiry(expires)),
    };
    return undefined;
  };

  const expiryDate: InputStep = async (input) => {
    const expires = await ask(input, at(3, '', 3), expiryDateField(now));
    update = { changes: { expires }, resetQuota: false, description: vscode.l10n.t('expires {0}', format().expiry(expires)) };
  };

  const quota: InputStep = async (input) => {
    const current = details.quotaMax === undefined || details.quotaMax <= 0 ? vscode.l10n.t('unlimited') : String(details.quotaMax);
    // "unlimited" ends here; a number asks its period next.
    limits.quotaMax = await ask(input, at(2, current), quotaField(vscode.l10n.t('The remaining quota is kept.')));
    if (limits.quotaMax === -1) {
      update = { changes: { quota_max: -1, quota_renewal_rate: -1 }, resetQuota: false, description: vscode.l10n.t('unlimited quota') };
      return undefined;
    }
    return quotaPeriod;
  };

  const quotaPeriod: InputStep = async (input) => {
    const current = details.quotaRenewalRate && details.quotaRenewalRate > 0 ? String(details.quotaRenewalRate) : '1d';
    const renewal = await ask(input, at(3, current, 3), quotaPeriodField());
    const quotaMax = limits.quotaMax ?? -1;
    update = { changes: { quota_max: quotaMax, quota_renewal_rate: renewal }, resetQuota: false, description: vscode.l10n.t('a quota of {0}', format().quota(quotaMax, renewal)) };
  };

  const rate: InputStep = async (input) => {
    limits.rate = await ask(input, at(2, String(details.rate ?? 1000), 3), rateField());
    return ratePer;
  };

  const ratePer: InputStep = async (input) => {
    const per = await ask(input, at(3, String(details.per ?? 1), 3), perField(limits.rate));
    const r = limits.rate ?? 0;
    update = { changes: { rate: r, allowance: r, per }, resetQuota: false, description: r <= 0 ? format().rate(r) : vscode.l10n.t('a rate limit of {0}', format().rate(r, per)) };
  };

  await MultiStepInput.run(ui, choose);
  if (!update) {
    throw new Error(vscode.l10n.t('no change chosen'));
  }
  return update;
}
