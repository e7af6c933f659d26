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

const KEPT_LINES = 500;
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'off'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** `tyk.log.level`: the lowest level written to the Tyk log (default info; `off` writes nothing). */
export function configuredLogLevel(): LogLevel {
  const value = vscode.workspace.getConfiguration('tyk').get<string>('log.level', 'info');
  return (LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : 'info';
}

export class Log implements vscode.Disposable {
  readonly redactor = new Redactor();
  /** The last lines written, as written (already redacted): what tests check for leaks. */
  readonly recent: string[] = [];
  private level: LogLevel = configuredLogLevel();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly channel: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tyk.log.level')) {
        this.level = configuredLogLevel();
      }
    });
  }

  private write(level: Exclude<LogLevel, 'off'>, message: string): void {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.level)) {
      return;
    }
    const line = this.redactor.apply(message);
    this.recent.push(`[${level}] ${line}`);
    if (this.recent.length > KEPT_LINES) {
      this.recent.splice(0, this.recent.length - KEPT_LINES);
    }
    this.channel[level](line);
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
    this.subscription.dispose();
    this.channel.dispose();
  }
}
