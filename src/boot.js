// Starts the app without an inline script (the Content-Security-Policy allows none).
// Trunk writes the hashed names of wasm-bindgen's module and the wasm onto this script's
// tag (see `pattern_script` in Trunk.toml); this file reads them and calls init.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
