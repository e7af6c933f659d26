// Tyk: Rotate Key… — as Tyk means it for each kind of key, and only after a question saying what happens:
// - a key (auth token, HMAC): a new key with the same rights, limits, policies and expiry, named apart
//   ("<alias> (rotated <date>)"), delivered like any new key (an HMAC key with the new secret Tyk issued);
//   then the old key is replaced by the new one in the open editors if the user agrees, and revoked only if
//   the user picks Revoke Old Key (never the default answer);
// - a certificate-bound key: the same, bound to a certificate the user picks (Tyk allows one key per
//   certificate: the old binding is never copied);
// - a basic-auth user: the same user with a new password (Tyk never gives a password back, so a copy could
//   not log in), after a question whose default answer keeps the current one.
import * as vscode from 'vscode';
import { formatApisOf } from '../domain/keyFormats';
import { maskKey } from '../domain/mask';
import { rotatedAlias } from '../domain/rotation';
import { grantedApis, resolveKey, type ResolvedKey } from '../app/resolveKey';
import { sendAndDeliver, type NewCredential, type NewKeyRequest } from '../app/createAndDeliver';
import { revokeResolved } from './revokeKey';
import type { Services } from '../app/services';
import { fingerprint } from '../services/knownKeys';
import { FlowCancelled } from '../ui/multiStepInput';
import { documentNames, findInOpenEditors, findWordInOpenEditors, replaceInOpenEditors, type FoundInEditors, type Replacement } from '../ui/openEditors';
import { certificateItems, pickCertificate } from '../ui/pickers';
import { withCancellableProgress } from '../ui/progress';
import { TykError } from '../tyk/errors';

export async function rotateKey(services: Services, arg?: unknown): Promise<{ revokedOld: boolean } | undefined> {
  const old = await resolveKey(services, arg);
  const { details, node } = old;
  const known = services.catalog.peek(node.connection.id);
  const names = new Map(known.map((a) => [a.apiId, a.name]));
  const apiIds = details.accessRights.map((r) => r.apiId);
  const apiNames = details.accessRights.map((r) => r.apiName || names.get(r.apiId) || r.apiId);
  const common: Omit<NewKeyRequest, 'summary' | 'create'> = {
    connection: node.connection,
    label: grantedApis(services, old),
    ...(details.alias ? { alias: details.alias } : {}),
    apiIds,
    apiNames,
    // For the insert formats: the catalog's APIs by id, else by name with `/` and `Authorization`.
    apis: formatApisOf(known, apiIds, apiNames),
  };
  if (details.kind === 'basic') {
    await newPassword(services, old, common);
    return { revokedOld: false };
  }
  const alias = rotatedAlias(details.alias ?? node.alias, maskKey(node.listedId), new Date());
  await askFirst(services, old, alias);
  const certificate = details.kind === 'certificate' ? await pickNewCertificate(services, old) : undefined;
  const created = await sendAndDeliver(services, {
    ...common,
    alias,
    summary: `rotation of ${old.title}: same session${certificate ? `, bound to the certificate ${certificate}` : ''}${details.kind === 'hmac' ? ', new HMAC secret' : ''}`,
    // The same rights, limits and expiry, its own alias; a suspended key's replacement is active (it replaces it).
    create: () => old.client.createKeyFromSession({ ...details.session, is_inactive: false, alias }, certificate ? { certificate } : {}),
  });
  if (!created) {
    return undefined;
  }
  const whereOld = await offerReplacement(services, old, created);
  const keep = vscode.l10n.t('Keep Old Key');
  const revoke = vscode.l10n.t('Revoke Old Key');
  // Keep first: the default answer (Enter) never revokes.
  const answer = await services.ui.choose(
    vscode.l10n.t('Revoke the old key {0} now?', old.title),
    `${vscode.l10n.t('The new key “{0}” has the same rights, limits and expiry. Revoke the old one once nothing uses it any more: calls made with it fail at once.', alias)}\n${whereOld}`,
    [keep, revoke],
  );
  if (answer !== revoke) {
    services.log.info(`Rotated ${old.title}; the old key was kept`);
    void services.ui.info(vscode.l10n.t('The old key {0} still works. Revoke it from the Tyk view when nothing uses it any more.', old.title));
    return { revokedOld: false };
  }
  await revokeResolved(services, old);
  void services.ui.info(vscode.l10n.t('Rotated: the old key {0} is revoked.', old.title));
  return { revokedOld: true };
}

/** The question before anything is created: what Rotate makes, and that the old key keeps working. */
async function askFirst(services: Services, old: ResolvedKey, alias: string): Promise<void> {
  const { kind } = old.details;
  const what =
    kind === 'certificate'
      ? vscode.l10n.t('A new key with the same access rights, limits, policies and expiry is created, named “{0}”, bound to a client certificate you pick next.', alias)
      : kind === 'hmac'
        ? vscode.l10n.t('A new key with the same access rights, limits, policies and expiry is created, named “{0}”, with a new HMAC secret.', alias)
        : vscode.l10n.t('A new key with the same access rights, limits, policies and expiry is created, named “{0}”.', alias);
  const confirmed = await services.ui.confirm(
    vscode.l10n.t('Rotate the key {0}?', old.title),
    `${what}\n${vscode.l10n.t('The old key keeps working until you revoke it: you are asked afterwards.')}`,
    vscode.l10n.t('Create New Key'),
  );
  if (!confirmed) {
    throw new FlowCancelled();
  }
}

/**
 * The old key's value, when known here: the key itself when the server lists keys by key, else the saved
 * copy (tyk.rememberCreatedKeys), else a word of the open editors whose fingerprint is the one remembered
 * when this extension created the key (`null`: this extension created it, and no open editor holds it).
 */
async function oldKeyValue(services: Services, old: ResolvedKey): Promise<string | null | undefined> {
  const { ref, details, node } = old;
  if (!ref.hashed) {
    return ref.id;
  }
  const connectionId = node.connection.id;
  const keyHash = details.keyHash ?? ref.id;
  const saved = await services.savedKeys.list().then(
    (keys) => keys.find((k) => k.connectionId === connectionId && k.keyHash === keyHash),
    // A secret storage that cannot be read: the saved copy is not known (the new key is already delivered).
    (e: unknown) => services.log.warn(`Could not read the saved keys: ${String(e)}`),
  );
  if (saved) {
    return saved.key;
  }
  const print = services.knownKeys.all().find((k) => k.connectionId === connectionId && k.keyHash === keyHash)?.fingerprint;
  return print === undefined ? undefined : (findWordInOpenEditors((word) => fingerprint(word) === print) ?? null);
}

/** What replaces what: the old key with the new one, and an HMAC key's secret with the new secret. */
function replacementsFor(old: ResolvedKey, value: string, created: NewCredential): Replacement[] | undefined {
  if (old.details.kind !== 'hmac') {
    return [{ from: value, to: created.key }];
  }
  // An HMAC key is used with its secret: the new id with the old secret would not sign.
  const { hmacSecret } = old.details;
  return hmacSecret && created.hmacSecret
    ? [
        { from: value, to: created.key },
        { from: hmacSecret, to: created.hmacSecret },
      ]
    : undefined;
}

/** "1 place in notes.txt", "3 places in 2 files (notes.txt, .env)". */
function placesText(found: FoundInEditors): string {
  const places = found.places === 1 ? vscode.l10n.t('1 place') : vscode.l10n.t('{0} places', found.places);
  return found.documents.length === 1
    ? vscode.l10n.t('{0} in {1}', places, documentNames(found))
    : vscode.l10n.t('{0} in {1} files ({2})', places, found.documents.length, documentNames(found));
}

/**
 * Offers to replace the old key with the new one where it is in the open editors (one edit, undoable);
 * returns a sentence saying where the old key is now, for the revoke question.
 */
async function offerReplacement(services: Services, old: ResolvedKey, created: NewCredential): Promise<string> {
  const value = await oldKeyValue(services, old);
  const replacements = value ? replacementsFor(old, value, created) : undefined;
  if (value === null) {
    return vscode.l10n.t('The old key is in no open editor.');
  }
  if (value && !replacements) {
    return vscode.l10n.t('The old HMAC secret is not known here: replace the old key and its secret by hand where they are used.');
  }
  if (!replacements) {
    return vscode.l10n.t('Where the old key is used cannot be found automatically (it was created elsewhere, or the server lists it only by its hash): replace it by hand.');
  }
  const found = findInOpenEditors(replacements);
  if (found.places === 0) {
    return vscode.l10n.t('The old key is in no open editor.');
  }
  const replace = await services.ui.confirm(
    vscode.l10n.t('Replace the old key {0} with the new one in the open editors?', old.title),
    vscode.l10n.t('The old key is in {0}. The new key replaces it there in one edit; Undo puts it back.', placesText(found)),
    vscode.l10n.t('Replace'),
  );
  if (!replace) {
    return vscode.l10n.t('The old key is still in {0}.', placesText(found));
  }
  const replaced = await replaceInOpenEditors(replacements);
  services.log.info(`Replaced the old key ${old.title} with the new one in ${replaced.places} places in ${replaced.documents.length} open documents`);
  return replaced.places === 0 ? vscode.l10n.t('The old key could not be replaced in the open editors.') : vscode.l10n.t('The new key replaced it in {0}.', placesText(replaced));
}

/** A basic-auth user: after a question (the old password stops working at once), a new password for the same user. */
async function newPassword(services: Services, old: ResolvedKey, common: Omit<NewKeyRequest, 'summary' | 'create'>): Promise<void> {
  const username = old.details.username ?? old.details.keyId;
  const set = vscode.l10n.t('Set New Password');
  // The old password stops working at once: Keep comes first, the default answer (Enter) changes nothing.
  const answer = await services.ui.choose(
    vscode.l10n.t('Set a new password for the basic-auth user {0}?', username),
    vscode.l10n.t('A basic-auth user is rotated by its password: the same user, its rights and limits kept, a new generated password. The old password stops working at once.'),
    [vscode.l10n.t('Keep Current Password'), set],
  );
  if (answer !== set) {
    throw new FlowCancelled();
  }
  await sendAndDeliver(services, {
    ...common,
    label: vscode.l10n.t('{0}, user {1}', common.label, username),
    summary: `new password for the basic-auth user ${username} (same user, same session)`,
    progressTitle: vscode.l10n.t('Setting a new password for {0}…', username),
    passwordOnly: true,
    create: async () => {
      const set = await old.client.setBasicAuthPassword(old.ref);
      return { key: old.details.keyId, username: set.username, password: set.password };
    },
  });
}

/** The certificate the new key is bound to: another one than the old key's (Tyk allows one key per certificate). */
async function pickNewCertificate(services: Services, old: ResolvedKey): Promise<string> {
  const current = old.details.certificate;
  const all = await withCancellableProgress(services.ui, vscode.l10n.t('Reading the certificates of {0}…', old.node.connection.name), (signal) =>
    old.client.listCertificates({ signal }),
  );
  const others = all.filter((c) => c.id !== current);
  if (others.length === 0) {
    throw new TykError(
      'not-found',
      vscode.l10n.t(
        'The key {0} is bound to a client certificate, and Tyk allows one key per certificate: add the client’s new certificate to the server first (Dashboard: Certificates), then rotate the key onto it.',
        old.title,
      ),
    );
  }
  const picked = await pickCertificate(
    services.ui,
    certificateItems(others),
    vscode.l10n.t('Rotate the key {0}', old.title),
    vscode.l10n.t('The certificate the new key is bound to (the old key keeps its own until revoked)'),
  );
  return picked.id;
}
