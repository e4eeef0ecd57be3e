// Starts the app without an inline script (the Content-Security-Policy allows none).
// Trunk writes the hashed names of wasm-bindgen's module and the wasm onto this script's
// tag (see `pattern_script` in Trunk.toml); this file reads them and calls init.
//
// Before that it registers the service worker (public/sw.js) and keeps what the app
// shows about it in `window.AftercarePwa`: a waiting new version (event
// `aftercare-update`) and the browser's install offer (event `aftercare-installable`).
const pwa = (window.AftercarePwa = { update: null, install: null, accepted: false });
const tell = (name) => window.dispatchEvent(new Event(name));

if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js')
    .then((registration) => {
      const offer = () => {
        // A worker waiting while another controls the page is a new version.
        if (registration.waiting && navigator.serviceWorker.controller) {
          pwa.update = registration.waiting;
          tell('aftercare-update');
        }
      };
      offer();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (worker) worker.addEventListener('statechange', () => worker.state === 'installed' && offer());
      });
      // Look for a new version whenever the app comes back into view, and hourly.
      const check = () => registration.update().catch(() => {});
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
      setInterval(check, 3_600_000);
    })
    .catch(() => {});
  // The new worker took over because the customer agreed: load the new version. The
  // first worker ever taking over asks who is signed in once more, through itself, so the
  // app can start offline from the very next visit. The answer's body is read to its end:
  // left unread, the request stays open (a connection held, and Lighthouse waited its
  // whole 45 s for the network to go quiet).
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (pwa.accepted) window.location.reload();
    else if (!hadController)
      fetch('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then((answer) => answer.arrayBuffer())
        .catch(() => {});
  });
}

/** Lets the waiting version take over; the page reloads when it has. */
pwa.applyUpdate = () => {
  if (!pwa.update) return;
  pwa.accepted = true;
  pwa.update.postMessage('skip-waiting');
};

/** Forgets the customer's saved answers (sign-out, another account signing in). */
pwa.forgetData = async () => {
  const worker = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (worker) worker.postMessage({ type: 'forget-data', at: Date.now() });
  if (window.caches) await caches.delete('aftercare-data');
};

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  pwa.install = event;
  tell('aftercare-installable');
});
window.addEventListener('appinstalled', () => {
  pwa.install = null;
  tell('aftercare-installable');
});

/** Shows the browser's install dialog; true when the customer installed. */
pwa.promptInstall = async () => {
  const offer = pwa.install;
  if (!offer) return false;
  pwa.install = null;
  tell('aftercare-installable');
  await offer.prompt();
  const choice = await offer.userChoice;
  return choice.outcome === 'accepted';
};

// What waits in the outbox leaves when the connection returns and at every start.
window.addEventListener('online', () => window.AftercareOutbox && window.AftercareOutbox.flush());

const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
window.AftercareOutbox && window.AftercareOutbox.flush();
