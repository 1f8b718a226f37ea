// drillbook's service worker: the timer keeps working at a track with no signal.
// At install it caches the core pages and what they load; after that every same-origin GET is
// answered from the cache first, and anything else fetched is cached on the way. The build
// (macros/postbuild/offline.py) fills in VERSION, a hash of the built site, and PRECACHE: a new deploy
// is a new cache, and the old one is deleted when the new worker takes over.
const VERSION = "dev";
const PRECACHE = [];
const CACHE = `drillbook-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith("drillbook-") && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            // Keep only whole, plain answers: not errors, redirects or partial content.
            if (response.status === 200 && response.type === "basic" && !response.redirected) {
              cache.put(request, response.clone());
            }
            return response;
          }),
      ),
    ),
  );
});
