// The icon of @vscode-elements' vscode-button: a codicon, drawn by the codicon font. It stands in for the
// library's own vscode-icon (esbuild.mjs resolves the button's import of it here), which renders this one
// <span> through lit and carries styles for what the view never uses (action icons, spinning): about 2.5 KB
// of the webview's script. Same tag, same `name` attribute; the font's stylesheet is the page's
// (#vscode-codicon-stylesheet), linked into the shadow root as the library does.
class CodiconElement extends HTMLElement {
  static readonly observedAttributes = ['name'];
  private readonly glyph = document.createElement('span');

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const sheet = document.getElementById('vscode-codicon-stylesheet');
    if (sheet) {
      root.append(sheet.cloneNode());
    }
    this.glyph.setAttribute('aria-hidden', 'true');
    this.glyph.style.display = 'block';
    root.append(this.glyph);
  }

  connectedCallback(): void {
    this.style.display = 'inline-block';
  }

  attributeChangedCallback(): void {
    this.glyph.className = `codicon codicon-${this.getAttribute('name') ?? ''}`;
  }
}

if (!customElements.get('vscode-icon')) {
  customElements.define('vscode-icon', CodiconElement);
}
