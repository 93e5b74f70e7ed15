// The service worker of quiz attempts (docs/offline.md). Its scope is the attempts' path only.
// Attempt pages, their submit page and the static files they use are fetched from the network
// first; a copy is kept so that the pages still open (and reload) without a connection. The
// attempt page asks it to keep every page of the attempt ahead of time ("keep"); the review page,
// once the attempt is over, deletes them from the cache itself. Saves and submits (POST) pass
// through and are never kept: the page's own script queues them until the connection returns.
const CACHE = "muloqot-attempts-v1";
const ATTEMPT_PAGE = /\/quizzes\/attempts\/[0-9a-f-]{36}\/(submit\/)?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function keepable(url) {
  return (
    url.origin === self.location.origin &&
    (ATTEMPT_PAGE.test(url.pathname) || url.pathname.startsWith("/static/"))
  );
}

async function store(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(request, response);
  }
}

const SEND = /\/quizzes\/attempts\/[0-9a-f-]{36}\/(save|submit)\/$/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && SEND.test(url.pathname)) {
    // Sent as they are, from here: a failure reaches the page's script, which keeps the save
    // queued. (Left to the browser, a request the worker does not answer escapes Chromium's
    // offline emulation, and the tests could not drop the connection.)
    event.respondWith(fetch(request));
    return;
  }
  if (request.method !== "GET" || !keepable(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        event.waitUntil(store(request, response.clone()));
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request, { ignoreVary: true });
        return cached || Response.error();
      }),
  );
});

// True when every page asked for is now kept.
async function keep(urls) {
  const kept = await Promise.all(
    urls
      .filter((url) => keepable(new URL(url, self.location.href)))
      .map((url) =>
        fetch(url, { credentials: "same-origin" })
          .then(async (response) => {
            await store(url, response);
            return response.ok && !response.redirected;
          })
          .catch(() => false),
      ),
  );
  return kept.every(Boolean);
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    event.waitUntil(keep(data.urls).then((all) => event.ports[0]?.postMessage({ all })));
  }
});
