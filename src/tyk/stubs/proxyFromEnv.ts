// Stands in for `proxy-from-env` in dist/main.js (see esbuild.mjs): with proxy: false axios never
// asks which proxy the environment names.
export function getProxyForUrl(): string {
  return '';
}

export default { getProxyForUrl };
