// Tyk: Forget Saved Keys — deletes every saved key from VS Code's secret storage (not from Tyk).
import { dialogs } from '../ui/dialogs';
import { FlowCancelled } from '../ui/multiStepInput';
import type { Services } from './services';

export async function forgetSavedKeys(services: Services): Promise<void> {
  const count = (await services.savedKeys.list()).length;
  if (count === 0) {
    void dialogs.info('There are no saved keys.');
    return;
  }
  const confirmed = await dialogs.confirm(
    `Forget ${count} saved key${count === 1 ? '' : 's'}?`,
    'They are deleted from VS Code’s secret storage only: the keys keep working in Tyk (revoke them from the Tyk view).',
    'Forget',
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
  await services.savedKeys.clear();
  services.log.info(`Forgot ${count} saved key(s)`);
  void dialogs.info('Saved keys forgotten.');
}
