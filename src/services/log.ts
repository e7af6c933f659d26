// The "Tyk" log (a LogOutputChannel with levels). Every line passes through the redactor: credentials
// are replaced («redacted»), keys are masked, whatever the caller wrote.
import * as vscode from 'vscode';
import { SecretRedactor } from '../tyk/redactor';

/**
 * The Tyk log. Its level is the output channel's own (the Output view's gear, or Developer: Set Log
 * Level…): VS Code drops what is below it.
 */
export class Log implements vscode.Disposable {
  /** Shared with every Tyk client (services/clients.ts): a key or credential hidden here is hidden in their messages too. */
  readonly redactor = new SecretRedactor();

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.channel[level](this.redactor.apply(message));
  }

  trace(message: string): void {
    this.write('trace', message);
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
