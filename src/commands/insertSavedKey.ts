// Tyk: Insert Saved Key… — puts a key saved earlier (tyk.rememberCreatedKeys) into the editor again.
import * as vscode from 'vscode';
import { plainText } from '../domain/displayText';
import { maskKey } from '../domain/mask';
import { format } from '../domain/format';
import { announceKey, copyKeyOnly, deliverKey } from '../ui/insertKey';
import type { SavedKey } from '../services/savedKeys';
import { DEFAULT_GATEWAY_BASE, formatApisOf, gatewayBaseFor, keyFormatLabel, type FormatApi, type KeyFormatInput } from '../domain/keyFormats';
import { FlowCancelled } from '../ui/multiStepInput';
import { formatForInsertion } from '../ui/pickKeyFormat';
import type { Services } from '../app/services';
import { deliveredWhere } from '../app/createAndDeliver';

export async function insertSavedKey(services: Services): Promise<string | undefined> {
  const saved = await services.savedKeys.list();
  if (saved.length === 0) {
    const enabled = vscode.workspace.getConfiguration('tyk').get<boolean>('rememberCreatedKeys', false);
    const open = vscode.l10n.t('Open Settings');
    void services.ui
      .info(
        enabled
          ? vscode.l10n.t('No saved keys yet: keys you create from now on are saved.')
          : vscode.l10n.t('No saved keys. Turn on “Tyk: Remember Created Keys” to keep new keys in VS Code’s secret storage.'),
        ...(enabled ? [] : [open]),
      )
      .then((a) => (a === open ? vscode.commands.executeCommand('workbench.action.openSettings', 'tyk.rememberCreatedKeys') : undefined));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...saved].reverse().map((k) => ({
      label: plainText(k.alias ?? maskKey(k.key)),
      description: plainText(`${k.apiNames.join(', ')} · ${k.connectionName}`),
      detail: k.alias
        ? vscode.l10n.t('{0} · created {1}', maskKey(k.key), format().dateTime(k.createdAt))
        : vscode.l10n.t('created {0}', format().dateTime(k.createdAt)),
      saved: k,
    })),
    {
      title: vscode.l10n.t('Insert Saved Key'),
      placeHolder: vscode.l10n.t('Choose a key to insert at the cursor'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (!picked) {
    throw new FlowCancelled();
  }
  services.log.redactor.addKey(picked.saved.key);
  const label = picked.saved.apiNames.join(', ') || vscode.l10n.t('a saved key');
  const warn = (m: string): void => services.log.warn(m);
  const { saved: chosen } = picked;
  const connection = services.store.get(chosen.connectionId);
  // How the key is written (setting or pick); Escape or a failure there gives the key alone.
  const formatInput: KeyFormatInput = {
    key: chosen.key,
    apis: savedFormatApis(services, chosen),
    gatewayBase: connection ? gatewayBaseFor(connection) : DEFAULT_GATEWAY_BASE,
  };
  const formatted = await formatForInsertion(services.ui, formatInput,
    services.state,
    warn,
    { clearAfterSeconds: services.clipboard.clearAfterSeconds() },
  );
  const k = {
    key: chosen.key,
    text: formatted.text,
    wholeLine: formatted.wholeLine,
    label,
    warn,
    movable: { format: formatted.format, input: formatInput, ...(chosen.alias ? { alias: chosen.alias } : {}) },
    ...(formatted.unwritable !== undefined ? { unwritable: formatted.unwritable } : {}),
  };
  const delivered = formatted.copyOnly ? await copyKeyOnly(services, k) : await deliverKey(services, k);
  services.log.info(`The saved key ${maskKey(chosen.key)} ${deliveredWhere(delivered)}${formatted.copyOnly ? '' : ` as: ${keyFormatLabel(formatted.format).label}`}`);
  announceKey(services, k, delivered, 'saved');
  return chosen.key;
}

/** The saved key's APIs for the formats: the catalog's when it has them all, else what was saved with the key. */
function savedFormatApis(services: Services, saved: SavedKey): FormatApi[] {
  const known = services.catalog.peek(saved.connectionId);
  const allKnown = saved.apiIds.every((id) => known.some((a) => a.apiId === id));
  return !allKnown && saved.apis?.length === saved.apiIds.length ? saved.apis : formatApisOf(known, saved.apiIds, saved.apiNames);
}
