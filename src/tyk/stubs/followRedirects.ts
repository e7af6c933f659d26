// Stands in for `follow-redirects` in dist/main.js (see esbuild.mjs): the client never follows a
// redirect (maxRedirects: 0), so axios uses Node's own http/https and never reaches these.
function unavailable(): never {
  throw new Error('redirects are not followed by this extension');
}

export default {
  http: { request: unavailable, get: unavailable },
  https: { request: unavailable, get: unavailable },
};
