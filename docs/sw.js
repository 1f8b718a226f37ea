// drillbook's service worker: the site keeps working at a track with no signal, and a deploy
// reaches returning visitors on their next page load.
//
// The build (macros/postbuild/offline.py) fills in VERSION, a hash of the built site, and
// PRECACHE, the core pages and everything they load (paths from the site's root). A deploy is
// a new worker with a new cache, filled at install; the old cache goes when it takes over.
// The core pages are the shell, the indexes, the sessions, the builder and the search index,
// not the drill pages: a first visit costs the same with 10 drills or 1000. A drill page is
// kept when it is visited (among the newest RUNTIME_ENTRIES), so it opens offline after that.
//
// Pages are network first: a visitor online always gets the deployed page, and the cache is
// for when there is no network, or no answer within NETWORK_TIMEOUT_MS (a weak signal).
// Chosen over stale-while-revalidate, which shows the previous deploy first and then needs a
// "new version, reload" prompt on every page: our pages are small, so asking the network
// first costs little when there is one. Files (stylesheets, scripts, the search index) come
// from this deploy's cache first: the precache is fetched fresh at install and a deploy
// replaces it. (On the one load after a deploy that the old worker still serves, the page is
// new and our unhashed files are the old ones; the new worker takes over during that load.)
const VERSION = "dev";
const PRECACHE = [];

// The site's own address (this file's folder, e.g. https://user.github.io/drillbook/). Cache
// names carry it, so two sites on one origin (two project sites of one GitHub user) keep their
// caches apart; requests outside it are not this worker's business.
const SITE = new URL("./", self.location).href;
const PREFIX = `drillbook ${SITE} `;
const CACHE = PREFIX + VERSION;
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, SITE).href));

const NETWORK_TIMEOUT_MS = 3000;
const RUNTIME_ENTRIES = 50; // pages and files kept beyond PRECACHE; least recently stored go first
const TOLERATED_FAILURES = 1; // precache files that may fail without failing the install

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// Every file from the network, not the browser's HTTP cache (cache: "reload"): GitHub Pages
// lets browsers keep files for 10 minutes, and a deploy within them would fill the new cache
// with the old site. One failed file (a dropped request, a file gone) costs that file, not
// offline use of the whole site; more fail the install and remove the half-filled cache, so
// the previous worker keeps its complete one and the browser tries again on a later visit.
async function precache() {
  const cache = await caches.open(CACHE);
  const results = await Promise.allSettled(
    PRECACHE.map(async (path) => {
      const response = await fetch(new Request(path, { cache: "reload" }));
      if (!usable(response)) throw new Error(`${path}: ${response.status}`);
      await cache.put(path, response);
    }),
  );
  const failures = results.filter((result) => result.status === "rejected");
  if (failures.length > TOLERATED_FAILURES) {
    await caches.delete(CACHE);
    throw failures[0].reason;
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if ((key.startsWith(PREFIX) && key !== CACHE) || (await isUnscopedCacheOfThisSite(key))) {
          await caches.delete(key);
        }
      }
      await self.clients.claim();
    })(),
  );
});

// Workers before names carried the site's address called every site's cache
// "drillbook-<version>": delete this site's, whose first entry is its home page, not a sibling's.
async function isUnscopedCacheOfThisSite(key) {
  if (!key.startsWith("drillbook-")) return false;
  const [first] = await (await caches.open(key)).keys();
  return first?.url === SITE;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SITE)) return;
  const address = pageAddress(new URL(request.url));
  event.respondWith(address ? page(event, address) : file(event));
});

// A page's one address in the cache, or null for a file. "drills/x/?h=knee" (a search result),
// "drills/x/?utm_source=…", "drills/x/index.html" and "drills/x" are all "drills/x/".
function pageAddress(url) {
  const path = url.pathname.replace(/\/index\.html$/, "/");
  if (path.endsWith("/")) return url.origin + path;
  return /\.[^/]*$/.test(path) ? null : `${url.origin}${path}/`;
}

async function page(event, address) {
  const url = new URL(event.request.url);
  // no-cache: ask the server even while the browser's HTTP cache holds the page (a cheap
  // "not modified" when nothing changed), so a deploy shows at once.
  const init = { cache: "no-cache", redirect: event.request.redirect };
  const network = fetchAndStore(event, address, new Request(url, init));
  try {
    return await Promise.race([network, timeout(NETWORK_TIMEOUT_MS)]);
  } catch {
    const cached = await caches.match(address, { cacheName: CACHE });
    if (!cached) return network; // nothing to fall back on: wait for the network after all
    // "…/drills" becomes "…/drills/" in the address bar too, or the page's relative links
    // would resolve one folder up.
    const slashless = address === `${url.origin}${url.pathname}/`;
    return slashless ? Response.redirect(address + url.search, 301) : cached;
  }
}

async function file(event) {
  const cached = await caches.match(event.request, { cacheName: CACHE });
  return cached ?? fetchAndStore(event, event.request.url, event.request);
}

// The network's answer; a plain one is also stored under `key`, and the worker stays alive
// until it is, even when the page was answered from the cache in the meantime.
function fetchAndStore(event, key, request) {
  const answer = fetch(request);
  // The first callback on `answer`, so the copy is taken before the page reads the body.
  const stored = answer.then((response) => usable(response) && store(key, response.clone()));
  event.waitUntil(stored.catch(() => {}));
  return answer;
}

async function store(key, response) {
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
  if (PRECACHED.has(key)) return;
  // Keep the newest RUNTIME_ENTRIES of the rest (keys() lists entries in the order stored).
  const runtime = (await cache.keys()).filter((request) => !PRECACHED.has(request.url));
  await Promise.all(runtime.slice(0, -RUNTIME_ENTRIES).map((request) => cache.delete(request)));
}

// Whole, plain answers only: not errors, redirects, partial or opaque responses.
function usable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}
