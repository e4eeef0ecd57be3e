// The outbox: claims, messages and booking requests made without a connection, kept in
// IndexedDB with their Idempotency-Key and sent when the connection returns. One script
// for both sides: the page loads it with a <script> tag, the service worker with
// importScripts, so the app (online event, app start) and Background Sync send the same
// way. A Web Lock lets only one of them send at a time; the server's Idempotency-Key
// handling makes any retry harmless anyway.
//
// An entry: { id (its Idempotency-Key), account, kind ('claim' | 'message' | 'booking'),
//   url (under /api/v1), body (the JSON request), meta (what the app shows and restores),
//   created, state ('waiting' | 'refused'), problem (the server's problem+json when it
//   refused), photos ([{ name, blob, id }] to upload first, for a claim) }.
(function (scope) {
  'use strict';
  const DB_NAME = 'aftercare';
  const STORE = 'outbox';
  const CHANNEL = 'aftercare-outbox';
  const SYNC_TAG = 'aftercare-outbox';
  const API = '/api/v1';

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function transaction(mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => {
        db.close();
        resolve(request ? request.result : undefined);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    });
  }

  const all = () => transaction('readonly', (store) => store.getAll());
  const put = (entry) => transaction('readwrite', (store) => store.put(entry));
  const remove = (id) => transaction('readwrite', (store) => store.delete(id));

  // Tells every open page (and this one) that the outbox changed.
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  function announce(message) {
    if (channel) channel.postMessage(message);
    tellPage(message);
  }
  function tellPage(message) {
    if (typeof scope.dispatchEvent === 'function' && typeof CustomEvent === 'function' && scope.document) {
      scope.dispatchEvent(new CustomEvent('aftercare-outbox', { detail: message }));
    }
  }
  if (channel) channel.onmessage = (event) => tellPage(event.data);

  /** Keeps a submission (JSON text of an entry; photos as [{ blob, name }]) and tries to send. */
  async function add(json, photos) {
    const entry = JSON.parse(json);
    entry.created = Date.now();
    entry.state = 'waiting';
    entry.problem = null;
    entry.photos = Array.from(photos || [], (p) => ({ name: p.name, blob: p.blob, id: null }));
    await put(entry);
    announce({ type: 'added', id: entry.id, kind: entry.kind });
    // Neither waits: without a service worker `ready` never settles.
    requestSync();
    flush();
  }

  async function requestSync() {
    try {
      const registration = await scope.navigator.serviceWorker?.ready;
      await registration?.sync?.register(SYNC_TAG);
    } catch {
      // No Background Sync: the online event and the next app start send instead.
    }
  }

  /** The account's entries as JSON text (photos as name, size and uploaded id), oldest first. */
  async function listJson(account) {
    const entries = (await all())
      .filter((e) => e.account === account)
      .sort((a, b) => a.created - b.created)
      .map((e) => ({
        ...e,
        photos: (e.photos || []).map((p) => ({ name: p.name, size: p.blob ? p.blob.size : 0, id: p.id })),
      }));
    return JSON.stringify(entries);
  }

  async function discard(id) {
    await remove(id);
    announce({ type: 'discarded', id });
  }

  /** Forgets every entry of an account (sign-out). */
  async function clearAccount(account) {
    for (const entry of await all()) {
      if (entry.account === account) await remove(entry.id);
    }
    announce({ type: 'cleared' });
  }

  let running = null;
  /** Sends what waits, oldest first; stops at the first sign of being offline. */
  function flush() {
    if (!running) {
      const send = () => sendAll().catch(() => {});
      const locks = scope.navigator && scope.navigator.locks;
      running = (locks ? locks.request('aftercare-outbox', send) : send()).finally(() => {
        running = null;
      });
    }
    return running;
  }

  async function request(path, init) {
    return fetch(API + path, { credentials: 'same-origin', ...init });
  }

  async function sendAll() {
    const waiting = (await all()).filter((e) => e.state === 'waiting');
    if (waiting.length === 0) return;
    // Only the signed-in account's entries go, under its own session.
    const me = await request('/me', { headers: { Accept: 'application/json' } });
    if (!me.ok) return;
    const account = (await me.json()).id;
    const mine = waiting.filter((e) => e.account === account).sort((a, b) => a.created - b.created);
    for (const entry of mine) {
      if ((await sendOne(entry)) === 'later') break;
    }
  }

  async function sendOne(entry) {
    try {
      for (const photo of entry.photos || []) {
        if (photo.id) continue;
        const form = new FormData();
        form.append('file', photo.blob, photo.name);
        const uploaded = await request('/claims/uploads', {
          method: 'POST',
          headers: { Accept: 'application/json' },
          body: form,
        });
        if (!uploaded.ok) return refuseOrWait(entry, uploaded);
        photo.id = (await uploaded.json()).id;
        await put(entry); // an upload done is never repeated
      }
      const body = { ...entry.body };
      const photoIds = (entry.photos || []).map((p) => p.id);
      if (photoIds.length) body.photo_ids = [...(body.photo_ids || []), ...photoIds];
      const response = await request(entry.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Idempotency-Key': entry.id,
        },
        body: JSON.stringify(body),
      });
      if (!response.ok) return refuseOrWait(entry, response);
      const answer = await response.json().catch(() => null);
      await remove(entry.id);
      announce({ type: 'sent', id: entry.id, kind: entry.kind, answer });
      return 'sent';
    } catch {
      return 'later';
    }
  }

  // Signed out, throttled or a server fault: try again later. Anything else is the
  // server's considered answer (the slot was taken, the claim is closed): the entry comes
  // back to the customer with the reason, their input intact.
  async function refuseOrWait(entry, response) {
    if (response.status === 401 || response.status === 408 || response.status === 429 || response.status >= 500) {
      return 'later';
    }
    entry.state = 'refused';
    entry.problem = await response.json().catch(() => ({
      type: 'about:blank',
      status: response.status,
      code: 'error.unexpected',
      title: 'Refused',
      errors: [],
    }));
    await put(entry);
    announce({ type: 'refused', id: entry.id, kind: entry.kind });
    return 'refused';
  }

  scope.AftercareOutbox = { add, listJson, discard, clearAccount, flush, SYNC_TAG };
})(self);
