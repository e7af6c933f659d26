// The "Tyk" log (a LogOutputChannel with levels). Every line passes through the redactor: credentials
// are replaced, keys are masked, whatever the caller wrote.
import * as vscode from 'vscode';
import { maskKey } from '../tyk/mask';

export class Redactor {
  private readonly credentials = new Set<string>();
  private readonly keys = new Set<string>();

  addCredential(value: string | undefined): void {
    if (value && value.length >= 4) {
      this.credentials.add(value);
    }
  }

  addKey(value: string | undefined): void {
    if (value && value.length >= 6) {
      this.keys.add(value);
    }
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is replaced whole.
    for (const secret of [...this.credentials].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('«credential»');
    }
    for (const key of [...this.keys].sort((a, b) => b.length - a.length)) {
      out = out.split(key).join(maskKey(key));
    }
    return out;
  }
}

export class Log implements vscode.Disposable {
  readonly redactor = new Redactor();

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  trace(message: string): void {
    this.channel.trace(this.redactor.apply(message));
  }

  debug(message: string): void {
    this.channel.debug(this.redactor.apply(message));
  }

  info(message: string): void {
    this.channel.info(this.redactor.apply(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redactor.apply(message));
  }

  error(message: string): void {
    this.channel.error(this.redactor.apply(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
