// Stands in for `https-proxy-agent` in dist/main.js (see esbuild.mjs): axios's own proxy support is
// off (proxy: false); VS Code routes Node's http/https through the user's proxy settings itself.
export class HttpsProxyAgent {
  constructor() {
    throw new Error('axios proxy agents are not used by this extension (proxy: false)');
  }
}

export default HttpsProxyAgent;
