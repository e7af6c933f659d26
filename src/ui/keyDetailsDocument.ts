// Show Key Details: a read-only JSON document (a virtual document, never a file) of a key's session,
// with its limits in words and its expiry and quota renewal as dates (src/domain/format.ts: as on every
// other screen). The URI holds an opaque token, never the key. The JSON keys are Tyk's and stay as they
// are; the summary's words are translated.
import * as vscode from 'vscode';
import type { Ui } from './ui';
import type { KeyDetails } from '../domain/model';
import { maskKey } from '../domain/mask';
import { hideSecretFields } from '../domain/secretFields';
import { format } from '../domain/format';
import { keyState, keyStateLabel } from '../domain/keyState';

export const KEY_DETAILS_SCHEME = 'tyk-key';

/** What kind of key it is, in words. */
function kindWords(kind: KeyDetails['kind']): string {
  switch (kind) {
    case 'basic':
      return vscode.l10n.t('basic-auth user');
    case 'hmac':
      return vscode.l10n.t('HMAC key (signs requests)');
    case 'certificate':
      return vscode.l10n.t('certificate-bound key');
    case 'authToken':
      return vscode.l10n.t('auth token');
  }
}

/** The document's content: a readable summary, then the whole session (secrets hidden). */
export function keyDetailsJson(details: KeyDetails, apiNames: ReadonlyMap<string, string>, now = Date.now()): string {
  const expires = details.expires;
  const summary = {
    key: maskKey(details.keyId),
    ...(details.keyHash ? { key_hash: details.keyHash } : {}),
    kind: kindWords(details.kind),
    ...(details.kind === 'basic' ? { username: details.username ?? null, password: vscode.l10n.t('(stored hashed by Tyk: set a new one with Rotate Key…)') } : {}),
    // A secret: masked, never in full (Rotate Key… issues a new one, shown once).
    ...(details.hmacSecret ? { hmac_secret: maskKey(details.hmacSecret) } : {}),
    ...(details.certificate ? { certificate: details.certificate } : {}),
    alias: details.alias ?? null,
    state: keyStateLabel(keyState(details, now)),
    expires: format().expiry(expires),
    rate_limit: details.rate === undefined ? null : format().rate(details.rate, details.per),
    quota: format().quota(details.quotaMax, details.quotaRenewalRate),
    // The live quota, when there is one: what is left, and when it renews.
    ...(details.quotaMax !== undefined && details.quotaMax > 0
      ? {
          quota_remaining: details.quotaRemaining === undefined ? null : format().count(details.quotaRemaining),
          quota_renews: details.quotaRenews && details.quotaRenews > 0 ? format().expiry(details.quotaRenews) : null,
        }
      : {}),
    apis: details.accessRights.map((r) => ({ api_id: r.apiId, name: r.apiName ?? apiNames.get(r.apiId) ?? null, versions: r.versions })),
    policies: details.policies,
    tags: details.tags,
  };
  return `${JSON.stringify({ summary, session: hideSecretFields(details.session, vscode.l10n.t('(hidden)')) }, null, 2)}\n`;
}

export class KeyDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private counter = 0;
  private readonly registration: vscode.Disposable;

  constructor(private readonly ui: Ui) {
    this.registration = vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(KEY_DETAILS_SCHEME, this),
      // A closed details document is not kept: opening the key again reads it afresh.
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme === KEY_DETAILS_SCHEME && this.contents.delete(d.uri.query)),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.query) ?? `{ "error": ${JSON.stringify(vscode.l10n.t('These key details are no longer available: open them again from the Tyk view.'))} }\n`;
  }

  /** Opens the details in a read-only JSON editor. */
  async open(title: string, json: string): Promise<vscode.TextDocument> {
    const token = `t${++this.counter}`;
    this.contents.set(token, json);
    const safeTitle = title.replace(/[\\/:*?"<>|#?]/g, '-');
    const uri = vscode.Uri.from({ scheme: KEY_DETAILS_SCHEME, path: `/${safeTitle}.json`, query: token });
    const document = await vscode.workspace.openTextDocument(uri);
    const json_ = document.languageId === 'json' ? document : await vscode.languages.setTextDocumentLanguage(document, 'json');
    await this.ui.showTextDocument(json_, { preview: true });
    return json_;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
