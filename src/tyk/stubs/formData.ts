// Stands in for `form-data` in the bundle (see esbuild.mjs): axios imports it for multipart bodies,
// which the extension never sends. Anything that reaches for it fails loudly instead of silently.
export default class FormDataUnavailable {
  constructor() {
    throw new Error('multipart form bodies are not supported by this extension');
  }
}
