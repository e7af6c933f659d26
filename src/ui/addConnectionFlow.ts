// Add Connection: kind → base URL → credential (checked against the server before anything is saved)
// → display name. A failed check keeps the user on the credential step with the reason; Back keeps
// what was typed. A certificate the check does not trust can be fixed right there: trust a CA file,
// or accept a self-signed certificate for this connection, then the check runs again.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isUntrustedCertificate, type CredentialProblem } from '../tyk/errors';
import type { TykFlavor } from '../domain/model';
import { mustParse, parseBaseUrl, parseCredential, problem } from '../domain/validation';
import type { Ui } from './ui';
import { MultiStepInput, type InputStep } from './multiStepInput';
import { confirmSelfSigned, pickCaFile, type TlsChoiceItem } from './tlsChoices';
import { firstSentence } from '../domain/labels';

export interface NewConnection {
  kind: TykFlavor;
  url: string;
  credential: string;
  name: string;
  allowInsecureHttp: boolean;
  /** Chosen when the server's certificate was not trusted: a CA file to trust for this connection… */
  caFile?: string;
  /** …or no certificate check for this connection. */
  allowSelfSigned?: boolean;
}

/** What a credential is checked against. */
export interface VerifyTarget {
  kind: TykFlavor;
  url: string;
  caFile?: string;
  allowSelfSigned?: boolean;
  allowInsecureHttp?: boolean;
}

export interface AddConnectionFlowOptions {
  ui: Ui;
  /** Asks the server whether the credential works; returns why not (and the kind of failure), or undefined. */
  verify: (target: VerifyTarget, credential: string) => Promise<CredentialProblem | undefined>;
  /** Names already taken, to suggest a unique default. */
  existingNames: readonly string[];
  initial?: Partial<Pick<NewConnection, 'kind' | 'url' | 'name'>>;
}

interface KindItem extends vscode.QuickPickItem {
  flavor: TykFlavor;
}

const FIXES: TlsChoiceItem[] = [
  {
    choice: 'caFile',
    label: vscode.l10n.t('Use a CA certificate file…'),
    detail: vscode.l10n.t(
      'Trust the CA that signed the server’s certificate (a .pem, .crt or .cer file; a self-signed certificate is its own CA), for this connection only.',
    ),
  },
  {
    choice: 'selfSigned',
    label: vscode.l10n.t('Accept this self-signed certificate for this connection'),
    detail: vscode.l10n.t('The server’s certificate is not checked for this connection: only for a server you control.'),
  },
  { choice: 'back', label: vscode.l10n.t('Back'), detail: vscode.l10n.t('Change the credential, or go back further to change the address.') },
];

const KINDS: KindItem[] = [
  {
    flavor: 'dashboard',
    label: vscode.l10n.t('Tyk Dashboard'),
    description: vscode.l10n.t('Tyk Self-Managed or Tyk Cloud'),
    detail: vscode.l10n.t('Uses your user’s “Tyk Dashboard API Access Credentials” (Users → your user).'),
  },
  {
    flavor: 'gateway',
    label: vscode.l10n.t('Tyk Gateway'),
    description: vscode.l10n.t('open source, without a Dashboard'),
    detail: vscode.l10n.t('Uses the Gateway API secret from tyk.conf.'),
  },
];

function defaultName(url: string, taken: readonly string[]): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the text as typed
  }
  let name = host;
  for (let i = 2; taken.includes(name); i++) {
    name = `${host} (${i})`;
  }
  return name;
}

export async function runAddConnectionFlow(o: AddConnectionFlowOptions): Promise<NewConnection> {
  const title = vscode.l10n.t('Connect to Tyk');
  const state: Partial<NewConnection> & { confirmedInsecureFor?: string } = { ...o.initial };
  const totalSteps = 4;

  const pickKind: InputStep = async (input) => {
    const current = KINDS.find((k) => k.flavor === state.kind) ?? KINDS[0];
    const picked = await input.pick({
      title,
      step: 1,
      totalSteps,
      placeholder: vscode.l10n.t('What do you connect to?'),
      items: KINDS,
      ...(current ? { activeItem: current } : {}),
    });
    state.kind = picked.flavor;
    return askUrl;
  };

  const askUrl: InputStep = async (input) => {
    const example = state.kind === 'gateway' ? 'http://localhost:8080' : vscode.l10n.t('https://dashboard.example.com or http://localhost:3000');
    const value = await input.input({
      title,
      step: 2,
      totalSteps,
      value: state.url ?? '',
      prompt: state.kind === 'gateway' ? vscode.l10n.t('The Gateway’s address, e.g. {0}', example) : vscode.l10n.t('The Dashboard’s address, e.g. {0}', example),
      placeholder: example,
      validate: (v) => problem(parseBaseUrl(v)),
      verify: async (v) => {
        const { url, insecure } = mustParse(parseBaseUrl(v));
        if (insecure && state.confirmedInsecureFor !== url) {
          const ok = await o.ui.confirm(
            vscode.l10n.t('Send the credential to {0} over plain http?', url),
            vscode.l10n.t('It would cross the network unencrypted, readable by anyone on the way. Use https:// unless this network is trusted.'),
            vscode.l10n.t('Use http anyway'),
          );
          if (!ok) {
            return vscode.l10n.t('Use an https:// address, or confirm plain http.');
          }
          state.confirmedInsecureFor = url;
        }
        return undefined;
      },
    });
    const { url, insecure } = mustParse(parseBaseUrl(value));
    if (state.url !== url) {
      // Trust chosen for one server does not carry over to another.
      state.caFile = undefined;
      state.allowSelfSigned = undefined;
    }
    state.url = url;
    state.allowInsecureHttp = insecure;
    return askCredential;
  };

  const target = (): VerifyTarget => ({
    kind: state.kind ?? 'dashboard',
    url: state.url ?? '',
    ...(state.caFile ? { caFile: state.caFile } : {}),
    ...(state.allowSelfSigned ? { allowSelfSigned: true } : {}),
    ...(state.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
  });

  const askCredential: InputStep = async (input) => {
    const dashboard = state.kind !== 'gateway';
    const prompt = dashboard
      ? vscode.l10n.t('Your Tyk Dashboard API Access Credentials (Dashboard → Users → your user). Stored only in VS Code’s secret storage.')
      : vscode.l10n.t('The Gateway API secret (`secret` in tyk.conf). Stored only in VS Code’s secret storage.');
    /** Why the check failed after a certificate choice: said above the box when it shows again. */
    let rejected: string | undefined;
    for (;;) {
      let untrusted: CredentialProblem | undefined;
      const value = await input.input({
        title,
        step: 3,
        totalSteps,
        value: state.credential ?? '',
        password: true,
        prompt: rejected ? `${rejected} — ${prompt}` : prompt,
        validate: (v) => problem(parseCredential(v)),
        verify: async (v) => {
          untrusted = undefined;
          const found = await o.verify(target(), mustParse(parseCredential(v)));
          if (isUntrustedCertificate(found)) {
            // Offered on the next screen, without typing the credential again.
            untrusted = found;
            return undefined;
          }
          return found?.message;
        },
      });
      state.credential = mustParse(parseCredential(value));
      if (!untrusted) {
        return askName;
      }
      const fixed = await fixCertificate(input, untrusted);
      if (fixed === 'ok') {
        return askName;
      }
      rejected = fixed === 'back' ? undefined : fixed.message;
    }
  };

  /** The certificate is not trusted: trust a CA file or accept it, then check again; or go back. */
  const fixCertificate = async (input: MultiStepInput, untrusted: CredentialProblem): Promise<'ok' | 'back' | CredentialProblem> => {
    let placeholder = firstSentence(untrusted.message);
    for (;;) {
      let picker: vscode.QuickPick<TlsChoiceItem> | undefined;
      const picked = await input.pick<TlsChoiceItem>({
        // The same title as the step it belongs to; what is wrong is said where the placeholder is.
        title,
        step: 3,
        totalSteps,
        placeholder,
        items: FIXES,
        onDidShow: (p) => {
          picker = p;
          return undefined;
        },
      });
      if (picked.choice === 'back') {
        state.caFile = undefined;
        state.allowSelfSigned = undefined;
        return 'back';
      }
      const url = state.url ?? '';
      let options: Pick<VerifyTarget, 'caFile' | 'allowSelfSigned'>;
      if (picked.choice === 'caFile') {
        const file = await pickCaFile(o.ui, url);
        if (!file) {
          continue;
        }
        options = { caFile: file };
      } else {
        if (!(await confirmSelfSigned(o.ui, url))) {
          continue;
        }
        options = { allowSelfSigned: true };
      }
      if (picker) {
        // Shown again (a file dialog may have hidden it), busy while the server is asked again.
        picker.enabled = false;
        picker.busy = true;
        picker.show();
      }
      const again = await o.verify({ kind: state.kind ?? 'dashboard', url, ...options, ...(state.allowInsecureHttp ? { allowInsecureHttp: true } : {}) }, state.credential ?? '');
      if (again?.kind === 'tls') {
        // Still a certificate problem (another CA, an unreadable file, another host name…): choose again.
        placeholder =
          options.caFile && isUntrustedCertificate(again)
            ? vscode.l10n.t('{0} does not make the certificate trusted: choose the CA that signed it.', path.basename(options.caFile))
            : firstSentence(again.message);
        continue;
      }
      // The certificate is now accepted: keep the choice even if the credential still fails.
      state.caFile = options.caFile;
      state.allowSelfSigned = options.allowSelfSigned;
      return again ?? 'ok';
    }
  };

  const askName: InputStep = async (input) => {
    const value = await input.input({
      title,
      step: 4,
      totalSteps,
      value: state.name ?? defaultName(state.url ?? '', o.existingNames),
      prompt: vscode.l10n.t('A name for this connection (e.g. dev, staging, prod)'),
      validate: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a name.') : v.trim().length > 80 ? vscode.l10n.t('At most {0} characters.', 80) : undefined),
    });
    state.name = value.trim();
  };

  await MultiStepInput.run(o.ui, pickKind);
  return {
    kind: state.kind ?? 'dashboard',
    url: state.url ?? '',
    credential: state.credential ?? '',
    name: state.name ?? '',
    allowInsecureHttp: state.allowInsecureHttp ?? false,
    ...(state.caFile ? { caFile: state.caFile } : {}),
    ...(state.allowSelfSigned ? { allowSelfSigned: true } : {}),
  };
}
