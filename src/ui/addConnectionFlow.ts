// Add Connection: kind → base URL → credential (checked against the server before anything is saved)
// → display name. A failed check keeps the user on the credential step with the reason; Back keeps
// what was typed.
import * as vscode from 'vscode';
import type { TykFlavor } from '../tyk/model';
import { mustParse, parseBaseUrl, parseCredential, problem } from '../tyk/validation';
import { dialogs } from './dialogs';
import { MultiStepInput, type InputStep } from './multiStepInput';

export interface NewConnection {
  kind: TykFlavor;
  url: string;
  credential: string;
  name: string;
  allowInsecureHttp: boolean;
}

export interface AddConnectionFlowOptions {
  /** Asks the server whether the credential works; returns why not, or undefined. */
  verify: (kind: TykFlavor, url: string, credential: string) => Promise<string | undefined>;
  /** Names already taken, to suggest a unique default. */
  existingNames: readonly string[];
  initial?: Partial<Pick<NewConnection, 'kind' | 'url' | 'name'>>;
}

interface KindItem extends vscode.QuickPickItem {
  flavor: TykFlavor;
}

const KINDS: KindItem[] = [
  {
    flavor: 'dashboard',
    label: 'Tyk Dashboard',
    description: 'Tyk Self-Managed or Tyk Cloud',
    detail: 'Uses your user’s “Tyk Dashboard API Access Credentials” (Users → your user).',
  },
  {
    flavor: 'gateway',
    label: 'Tyk Gateway',
    description: 'open source, without a Dashboard',
    detail: 'Uses the Gateway API secret from tyk.conf.',
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
  const title = 'Connect to Tyk';
  const state: Partial<NewConnection> & { confirmedInsecureFor?: string } = { ...o.initial };
  const totalSteps = 4;

  const pickKind: InputStep = async (input) => {
    const current = KINDS.find((k) => k.flavor === state.kind) ?? KINDS[0];
    const picked = await input.pick({
      title,
      step: 1,
      totalSteps,
      placeholder: 'What do you connect to?',
      items: KINDS,
      ...(current ? { activeItem: current } : {}),
    });
    state.kind = picked.flavor;
    return askUrl;
  };

  const askUrl: InputStep = async (input) => {
    const example = state.kind === 'gateway' ? 'http://localhost:8080' : 'https://dashboard.example.com or http://localhost:3000';
    const value = await input.input({
      title,
      step: 2,
      totalSteps,
      value: state.url ?? '',
      prompt: `The ${state.kind === 'gateway' ? 'Gateway' : 'Dashboard'}’s address, e.g. ${example}`,
      placeholder: example,
      validate: (v) => problem(parseBaseUrl(v)),
      verify: async (v) => {
        const { url, insecure } = mustParse(parseBaseUrl(v));
        if (insecure && state.confirmedInsecureFor !== url) {
          const ok = await dialogs.confirm(
            `Send the credential to ${url} over plain http?`,
            'It would cross the network unencrypted, readable by anyone on the way. Use https:// unless this network is trusted.',
            'Use http anyway',
          );
          if (!ok) {
            return 'Use an https:// address, or confirm plain http.';
          }
          state.confirmedInsecureFor = url;
        }
        return undefined;
      },
    });
    const { url, insecure } = mustParse(parseBaseUrl(value));
    state.url = url;
    state.allowInsecureHttp = insecure;
    return askCredential;
  };

  const askCredential: InputStep = async (input) => {
    const dashboard = state.kind !== 'gateway';
    const value = await input.input({
      title,
      step: 3,
      totalSteps,
      value: state.credential ?? '',
      password: true,
      prompt: dashboard
        ? 'Your Tyk Dashboard API Access Credentials (Dashboard → Users → your user). Stored only in VS Code’s secret storage.'
        : 'The Gateway API secret (`secret` in tyk.conf). Stored only in VS Code’s secret storage.',
      validate: (v) => problem(parseCredential(v)),
      verify: (v) => o.verify(state.kind ?? 'dashboard', state.url ?? '', mustParse(parseCredential(v))),
    });
    state.credential = mustParse(parseCredential(value));
    return askName;
  };

  const askName: InputStep = async (input) => {
    const value = await input.input({
      title,
      step: 4,
      totalSteps,
      value: state.name ?? defaultName(state.url ?? '', o.existingNames),
      prompt: 'A name for this connection (e.g. dev, staging, prod)',
      validate: (v) => (v.trim() === '' ? 'Enter a name.' : v.trim().length > 80 ? 'At most 80 characters.' : undefined),
    });
    state.name = value.trim();
  };

  await MultiStepInput.run(pickKind);
  return {
    kind: state.kind ?? 'dashboard',
    url: state.url ?? '',
    credential: state.credential ?? '',
    name: state.name ?? '',
    allowInsecureHttp: state.allowInsecureHttp ?? false,
  };
}
