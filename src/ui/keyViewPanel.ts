// The key view's webview panel: its page (a strict Content-Security-Policy: nothing but the extension's
// own dist/webview/ files, the script by nonce, no remote content), the view model sent to it, and the
// buttons pressed in it. What the panel shows and does is decided by src/app/keyViews.ts; what the page
// draws is src/webview/keyView.ts.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KEY_VIEW_ACTIONS, type KeyViewAction, type KeyViewModel } from '../domain/keyView';
import { USAGE_RANGES, type UsageRangeDays } from '../domain/usage';
import type { UsageViewModel } from '../domain/usageView';

export const KEY_VIEW_TYPE = 'tyk.keyView';

/**
 * What the page may send: it is ready (again, after being hidden), it drew a model, a button was pressed,
 * the usage period was changed (7 / 30 days), it drew the usage (`state`, and whether a chart was drawn).
 */
export type KeyViewMessage =
  | { type: 'ready' }
  | { type: 'rendered'; generation: number }
  | { type: 'action'; action: KeyViewAction }
  | { type: 'usageRange'; days: UsageRangeDays }
  | { type: 'usageRendered'; generation: number; chart: boolean };

/** A message from the page, checked: anything else is ignored. */
export function keyViewMessage(data: unknown): KeyViewMessage | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const { type, action, generation, days, chart } = data as Record<string, unknown>;
  if (type === 'ready') {
    return { type };
  }
  if (type === 'rendered' && typeof generation === 'number') {
    return { type, generation };
  }
  if (type === 'usageRange' && USAGE_RANGES.includes(days as UsageRangeDays)) {
    return { type, days: days as UsageRangeDays };
  }
  if (type === 'usageRendered' && typeof generation === 'number' && typeof chart === 'boolean') {
    return { type, generation, chart };
  }
  if (type === 'action' && KEY_VIEW_ACTIONS.includes(action as KeyViewAction)) {
    return { type, action: action as KeyViewAction };
  }
  return undefined;
}

/**
 * The page: its only sources are the webview folder (cspSource) and the scripts carrying `nonce`. The
 * usage chart's code (chartist, dist/webview/usageChart.js) is loaded by the page, with the same nonce, only
 * when there is usage to draw (`data-chart`).
 */
export function keyViewHtml(webview: Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>, folder: vscode.Uri, nonce: string, language: string): string {
  const uri = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(folder, name)).toString();
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${language.replace(/[^A-Za-z0-9-]/g, '')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${uri('keyView.css')}">
<link rel="stylesheet" href="${uri('usage.css')}">
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${uri('keyView.js')}" data-chart="${uri('usageChart.js')}"></script>
</body>
</html>`;
}

export class KeyViewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private model: KeyViewModel | undefined;
  private usageModel: UsageViewModel | undefined;
  private generation = 0;
  private usageGeneration = 0;
  private renderedGeneration = 0;
  private readonly rendered = new vscode.EventEmitter<number>();
  private readonly actions = new vscode.EventEmitter<KeyViewAction>();
  private readonly usageRanges = new vscode.EventEmitter<UsageRangeDays>();
  private readonly usageRendered = new vscode.EventEmitter<{ generation: number; state: UsageViewModel['state']; chart: boolean }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires with the generation of each model the page has drawn. */
  readonly onDidRender = this.rendered.event;
  /** Fires when a button of the page is pressed. */
  readonly onDidAction = this.actions.event;
  /** Fires when the page's usage period is changed (7 / 30 days). */
  readonly onDidChangeUsageRange = this.usageRanges.event;
  /** Fires when the page has drawn a usage model (its state, whether a chart was drawn). */
  readonly onDidRenderUsage = this.usageRendered.event;
  readonly onDidDispose: vscode.Event<void>;

  constructor(extensionUri: vscode.Uri, title: string, iconPath?: vscode.Uri) {
    const folder = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    // retainContextWhenHidden stays false: the page is cheap to draw again, and asks for its model when shown.
    this.panel = vscode.window.createWebviewPanel(KEY_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [folder] });
    if (iconPath) {
      this.panel.iconPath = iconPath;
    }
    this.onDidDispose = this.panel.onDidDispose;
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      this.panel.onDidDispose(() => this.disposeEmitters()),
    );
    this.panel.webview.html = keyViewHtml(this.panel.webview, folder, randomBytes(16).toString('base64'), vscode.env.language);
  }

  /** The webview panel itself (its title, whether it is visible). */
  get webviewPanel(): vscode.WebviewPanel {
    return this.panel;
  }

  /** The model shown (or about to be). */
  get shown(): KeyViewModel | undefined {
    return this.model;
  }

  /** How many models the page has drawn (a redraw of the same one after being hidden counts too). */
  get renders(): number {
    return this.renderedGeneration;
  }

  show(model: KeyViewModel, title: string): void {
    this.model = model;
    this.panel.title = title;
    this.post();
  }

  /** The usage shown in the page's "Usage over time" section (or about to be). */
  get usage(): UsageViewModel | undefined {
    return this.usageModel;
  }

  /** Shows `usage` in the "Usage over time" section (kept for a page drawn again). */
  showUsage(usage: UsageViewModel): void {
    this.usageModel = usage;
    this.postUsage();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** A message from the page (its onDidReceiveMessage): checked, then acted on. */
  receive(data: unknown): void {
    const message = keyViewMessage(data);
    switch (message?.type) {
      case 'ready':
        this.post();
        break;
      case 'rendered':
        this.renderedGeneration++;
        this.rendered.fire(message.generation);
        break;
      case 'action':
        this.actions.fire(message.action);
        break;
      case 'usageRange':
        this.usageRanges.fire(message.days);
        break;
      case 'usageRendered':
        if (message.generation === this.usageGeneration && this.usageModel) {
          this.usageRendered.fire({ generation: message.generation, state: this.usageModel.state, chart: message.chart });
        }
        break;
    }
  }

  private post(): void {
    if (this.model) {
      void this.panel.webview.postMessage({ type: 'model', model: this.model, generation: ++this.generation });
      // A page drawn again (shown after being hidden) draws its usage again too.
      this.postUsage();
    }
  }

  private postUsage(): void {
    if (this.usageModel) {
      void this.panel.webview.postMessage({ type: 'usage', usage: this.usageModel, generation: ++this.usageGeneration });
    }
  }

  private disposeEmitters(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.rendered.dispose();
    this.actions.dispose();
    this.usageRanges.dispose();
    this.usageRendered.dispose();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
