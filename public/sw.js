// Aftercare's service worker. The server serves it at /sw.js with two constants in
// front, taken from the build it serves (see server/src/service_worker.rs):
//   VERSION  — a digest of the build: a new build is a new worker;
//   PRECACHE — every file of the build (Trunk's hashed wasm, JS and CSS, index.html,
//              icons, outbox.js), never kept by hand.
// Hashed files are served cache-first; navigations network-first with the cached shell
// as the offline fallback; the customer's API reads network-first with the last answer
// kept for offline reading; nothing but GET is ever cached. A new worker waits until the
// customer agrees to reload (the page posts 'skip-waiting').
/* global VERSION, PRECACHE, AftercareOutbox */
importScripts('/outbox.js');

const SHELL = `aftercare-shell-${VERSION}`;
const DATA = 'aftercare-data';
const SAVED_AT = 'x-aftercare-saved-at';
const NAVIGATION_TIMEOUT_MS = 5000;
const PRECACHED = new Set(PRECACHE);
// When the app last asked to forget the customer's data (sign-out): answers to requests
// that started earlier are not kept, so nothing slips back into the cleared cache.
let forgottenAt = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) =>
      // `reload`: straight from the server, never an older copy from the HTTP cache.
      cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('aftercare-shell-') && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'flush-outbox') event.waitUntil(AftercareOutbox.flush());
  // `at`: when the page asked, not when this worker got round to it — a request the page
  // made after asking must still be kept.
  if (event.data && event.data.type === 'forget-data') {
    forgottenAt = Math.max(forgottenAt, Number(event.data.at) || Date.now());
    event.waitUntil(caches.delete(DATA));
  }
});

// Background Sync (where the browser has it): the outbox is sent even if the app was
// closed when the connection came back.
self.addEventListener('sync', (event) => {
  if (event.tag === AftercareOutbox.SYNC_TAG) event.waitUntil(AftercareOutbox.flush());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    // API reads; a link into the API (a calendar file, a proof) is left to the browser.
    if (request.mode !== 'navigate' && keptForOffline(url)) event.respondWith(apiRead(event, request));
  } else if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(hashed(url.pathname) ? cacheFirst(request) : networkFirst(request));
  }
});

/** Trunk's content-hashed names (`name-0123456789abcdef.ext`) never change content. */
function hashed(path) {
  return /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(path);
}

/** API reads worth keeping for offline reading: the customer's own data, not health. */
function keptForOffline(url) {
  return !url.pathname.startsWith('/api/v1/health');
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

async function navigate(request) {
  try {
    return await Promise.race([fetch(request), timeout(NAVIGATION_TIMEOUT_MS)]);
  } catch {
    const shell = await caches.match('/index.html', { cacheName: SHELL });
    return shell || Response.error();
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: SHELL });
  return cached || fetch(request);
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

async function apiRead(event, request) {
  const started = Date.now();
  try {
    const response = await fetch(request);
    if (response.status === 200) event.waitUntil(keep(request.url, response.clone(), started));
    return response;
  } catch (error) {
    const cache = await caches.open(DATA);
    const cached = await cache.match(request.url, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

/** Stores an answer with the moment it was fetched, which the app shows as "as of". */
async function keep(url, response, started) {
  if (started <= forgottenAt) return;
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(Date.now()));
  headers.delete('etag');
  const body = await response.blob();
  if (started <= forgottenAt) return;
  const cache = await caches.open(DATA);
  await cache.put(url, new Response(body, { status: 200, statusText: 'OK', headers }));
}
