// The key view's webview panel: its page (a strict Content-Security-Policy: nothing but the extension's
// own dist/webview/ files, the script by nonce, no remote content), the view model sent to it, and the
// buttons pressed in it. What the panel shows and does is decided by src/app/keyViews.ts; what the page
// draws is src/webview/keyView.ts.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KEY_VIEW_ACTIONS, type KeyViewAction, type KeyViewModel } from '../domain/keyView';

export const KEY_VIEW_TYPE = 'tyk.keyView';

/** What the page may send: it is ready (again, after being hidden), it drew a model, a button was pressed. */
export type KeyViewMessage = { type: 'ready' } | { type: 'rendered'; generation: number } | { type: 'action'; action: KeyViewAction };

/** A message from the page, checked: anything else is ignored. */
export function keyViewMessage(data: unknown): KeyViewMessage | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const { type, action, generation } = data as Record<string, unknown>;
  if (type === 'ready') {
    return { type };
  }
  if (type === 'rendered' && typeof generation === 'number') {
    return { type, generation };
  }
  if (type === 'action' && KEY_VIEW_ACTIONS.includes(action as KeyViewAction)) {
    return { type, action: action as KeyViewAction };
  }
  return undefined;
}

/** The page: its only sources are the webview folder (cspSource) and the script carrying `nonce`. */
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
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${uri('keyView.js')}"></script>
</body>
</html>`;
}

export class KeyViewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private model: KeyViewModel | undefined;
  private generation = 0;
  private renderedGeneration = 0;
  private readonly rendered = new vscode.EventEmitter<number>();
  private readonly actions = new vscode.EventEmitter<KeyViewAction>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires with the generation of each model the page has drawn. */
  readonly onDidRender = this.rendered.event;
  /** Fires when a button of the page is pressed. */
  readonly onDidAction = this.actions.event;
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
    }
  }

  private post(): void {
    if (this.model) {
      void this.panel.webview.postMessage({ type: 'model', model: this.model, generation: ++this.generation });
    }
  }

  private disposeEmitters(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.rendered.dispose();
    this.actions.dispose();
  }

  dispose(): void {
    this.panel.dispose();
  }
}
