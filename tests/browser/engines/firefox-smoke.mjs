// The <drill-timer> smoke steps in Firefox, driven over WebDriver BiDi by puppeteer-core.
//
//   node tests/browser/engines/firefox-smoke.mjs BASE_URL [--firefox PATH]
//
// BASE_URL serves the site (`make serve` gives http://127.0.0.1:8000/). Firefox is the one
// given with --firefox, else $FIREFOX_PATH, else firefox-esr or firefox on $PATH (Debian:
// apt-get install -y firefox-esr). Nothing is downloaded. Each step gets a fresh tab and prints one line,
// `ok STEP - what` or `not ok STEP - what: why`; the exit code is 1 if any step failed and 2
// if the run could not start. Selectors, labels and expected text: smoke.json beside this file.
// Time is real here (no fake clock as in the Chromium suite), so each step waits at most
// a few seconds for the display to change.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const here = new URL('.', import.meta.url);
const { ui: UI, scenario: S } = JSON.parse(readFileSync(new URL('smoke.json', here), 'utf8'));

function die(message) {
  console.error(`firefox-smoke: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const flag = args.indexOf('--firefox');
const firefoxArg = flag >= 0 ? args.splice(flag, 2)[1] : undefined;
const [base] = args;
if (!base || !/^https?:\/\//.test(base))
  die('usage: node firefox-smoke.mjs BASE_URL [--firefox PATH]');
const url = (path) => new URL(path, base.endsWith('/') ? base : `${base}/`).href;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function findFirefox() {
  const given = firefoxArg || process.env.FIREFOX_PATH;
  if (given)
    return executable(given)
      ? given
      : die(
          `no Firefox at ${given}: install Debian's firefox-esr (apt-get install -y firefox-esr)`,
        );
  for (const name of ['firefox-esr', 'firefox']) {
    for (const dir of (process.env.PATH || '').split(delimiter)) {
      if (dir && executable(join(dir, name))) return join(dir, name);
    }
  }
  return die(
    "Firefox not found: install Debian's firefox-esr (apt-get install -y firefox-esr) or set FIREFOX_PATH",
  );
}

let puppeteer;
try {
  ({ default: puppeteer } = await import('puppeteer-core'));
} catch (e) {
  die(
    `puppeteer-core is not installed (${e.code || e.message}): run \`make test\`, or ` +
      '`cd tests/browser/engines && PUPPETEER_SKIP_DOWNLOAD=1 npm ci`',
  );
}

// --- reading and using the timer (the one place that knows the DOM: smoke.json) --------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Everything the display shows, read in one round trip.
function snap(page) {
  return page.evaluate((ui) => {
    const el = document.querySelector(ui.timer);
    if (!el) return null;
    const out = { state: el.getAttribute(ui.stateAttribute) };
    for (const [k, sel] of Object.entries(ui.parts))
      out[k] = el.querySelector(sel)?.textContent ?? null;
    return out;
  }, UI);
}

// Polls the display until `ok(snapshot)` holds; the failure names what was awaited and what showed.
async function until(page, what, ok, ms = 5000) {
  const end = Date.now() + ms;
  let s;
  for (;;) {
    s = await snap(page);
    if (s && ok(s)) return s;
    if (Date.now() > end)
      throw new Error(`waited ${ms} ms for ${what}; the timer shows ${JSON.stringify(s)}`);
    await sleep(40);
  }
}

function expect(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// A control (button or summary) of the timer by its accessible name, e.g. UI.controls.pause.
async function control(page, name) {
  const handle = await page.evaluateHandle(
    (ui, name) => {
      const el = document.querySelector(ui.timer);
      return (
        [...(el?.querySelectorAll(ui.controlSelector) ?? [])].find(
          (c) => (c.getAttribute('aria-label') || c.textContent).trim() === name,
        ) ?? null
      );
    },
    UI,
    name,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`the timer has no control named ${JSON.stringify(name)}`);
  return el;
}

// A real click (trusted input events, so AudioContext may start as it would for a person).
async function click(page, name) {
  await (await control(page, name)).click();
}

async function field(page, label) {
  const handle = await page.evaluateHandle(
    (ui, label) => {
      const el = document.querySelector(ui.timer);
      const l = [...(el?.querySelectorAll('label') ?? [])].find(
        (l) => l.textContent.trim() === label,
      );
      return l?.control ?? el?.querySelector(`[aria-label="${label}"]`) ?? null;
    },
    UI,
    label,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`the timer has no field labelled ${JSON.stringify(label)}`);
  return el;
}

// Opens a page and waits for its timer to come alive (its Start button).
async function open(page, path) {
  await page.goto(url(path), { waitUntil: 'load' });
  await ready(page);
}

async function ready(page, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await control(page, UI.controls.start);
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await sleep(40);
  }
}

const sec = (clock) => clock.split(':').reduce((m, x) => m * 60 + Number(x), 0); // m:ss

async function ticksDown(page, from) {
  await until(page, `the clock to tick down from ${from}`, (s) => sec(s.clock) < sec(from), 2500);
}

// A running clock is read a moment after the click that set it (longer on a busy machine):
// it may show one second less than `expected`, never more and never two less.
function secondsBehind(shown, expected, what) {
  const behind = sec(expected) - sec(shown);
  if (!(behind === 0 || behind === 1))
    throw new Error(`${what}: expected ${expected} or a second less, got ${shown}`);
}

const PAUSE = 2000; // ms; 2 s or more, so a pause that kept counting shows at least 2 s less
const total = (s) =>
  s.meta?.startsWith(UI.totalPrefix) ? s.meta.slice(UI.totalPrefix.length).split(' ')[0] : s.meta;
const C = UI.controls,
  D = S.drill;

// --- the steps -------------------------------------------------------------------------------

const steps = [
  [
    'start',
    'Start runs the timer and the clock counts down',
    async (page) => {
      await open(page, D.path);
      let s = await snap(page);
      expect(s.state, 'idle', 'state before Start');
      expect(s.label, D.prepare.label, 'label before Start');
      expect(s.clock, D.prepare.clock, 'clock before Start');
      await click(page, C.start);
      s = await until(page, 'the running state', (s) => s.state === 'running');
      await control(page, C.pause); // the main button now pauses
      const first = s.clock;
      await ticksDown(page, first);
    },
  ],

  [
    'pause-resume',
    'Pause holds the remaining time and Resume continues from it',
    async (page) => {
      await open(page, D.path);
      await click(page, C.start);
      await until(page, 'the first second to pass', (s) => s.clock !== D.prepare.clock, 2500);
      await click(page, C.pause);
      const held = await until(page, 'the paused state', (s) => s.state === 'paused');
      await control(page, C.resume);
      await sleep(PAUSE);
      expect(
        JSON.stringify(await snap(page)),
        JSON.stringify(held),
        `the display ${PAUSE} ms into the pause`,
      );
      await click(page, C.resume);
      const resumed = await until(page, 'the running state again', (s) => s.state === 'running');
      // Within a second of the paused clock; had the pause counted, it would be 2 s or more behind.
      secondsBehind(
        resumed.clock,
        held.clock,
        'clock right after Resume (the pause must not count)',
      );
      await ticksDown(page, resumed.clock);
    },
  ],

  [
    'skip',
    'Skip phase jumps to the next phase, running or paused',
    async (page) => {
      await open(page, D.path);
      await click(page, C.start);
      await click(page, C.skip);
      let s = await until(page, `"${D.work.label}"`, (s) => s.label === D.work.label);
      secondsBehind(s.clock, D.work.clock, 'clock of the skipped-to phase');
      secondsBehind(total(s), D.totalAfterPrepare, 'total left after skipping the prepare phase');
      await click(page, C.pause);
      await click(page, C.skip);
      s = await until(page, `"${D.rest.label}"`, (s) => s.label === D.rest.label);
      expect(s.state, 'paused', 'state after skipping while paused');
      expect(s.clock, D.rest.clock, 'clock after skipping while paused');
    },
  ],

  [
    'edit-reload',
    'An edited timer persists across a reload',
    async (page) => {
      const E = S.edit;
      await open(page, D.path);
      await click(page, C.edit);
      for (const k of ['work', 'rest', 'rounds']) {
        const input = await field(page, UI.fields[k]);
        await input.evaluate((i) => {
          i.value = '';
        });
        await input.type(String(E[k]));
      }
      await click(page, C.apply);
      let s = await until(page, `total left ${E.total}`, (s) => total(s) === E.total);
      expect(s.error, '', 'error message after Apply');
      expect(await page.evaluate(() => location.hash), E.hash, 'address after Apply');
      await page.evaluate(() => {
        window.__samePage = true;
      });
      await open(page, D.path); // the address without the #timer= link: a full load
      expect(await page.evaluate(() => window.__samePage), undefined, 'a full reload happened');
      s = await until(
        page,
        `the saved total ${E.total} after the reload`,
        (s) => total(s) === E.total,
      );
      expect(
        await (await field(page, UI.fields.rounds)).evaluate((i) => i.value),
        String(E.rounds),
        'rounds after the reload',
      );
      await click(page, C.edit);
      await click(page, C.resetToPlan); // leaves the profile as it was for the later steps
      await until(page, `total left ${D.total} after Reset to plan`, (s) => total(s) === D.total);
    },
  ],

  [
    'link',
    'A #timer= link sets the timer',
    async (page) => {
      const L = S.link;
      await open(page, D.path + L.hash);
      const s = await until(page, `total left ${L.total}`, (s) => total(s) === L.total);
      expect(s.error, '', 'error message');
      expect(
        await (await field(page, UI.fields.rounds)).evaluate((i) => i.value),
        String(L.rounds),
        'rounds',
      );
      expect(await page.evaluate(() => location.hash), L.hash, 'address');
    },
  ],

  [
    'session',
    "A session's timer names the drill in its phase label",
    async (page) => {
      await open(page, S.session.path);
      await click(page, C.start);
      await click(page, C.skip);
      await until(page, `"${S.session.firstWork}"`, (s) => s.label === S.session.firstWork);
    },
  ],

  [
    'next',
    'A link from a running timer to another drill: the timer there works',
    async (page) => {
      const I = S.next;
      await open(page, D.path);
      await click(page, C.start);
      await until(page, 'the running state', (s) => s.state === 'running');
      const link = await page.$(I.link);
      if (!link) throw new Error(`no link ${I.link} on ${D.path}`);
      await link.click();
      const end = Date.now() + 10000;
      while (
        (await page.evaluate((ui) => document.querySelector(ui.timer)?.dataset.timerId, UI)) !==
        I.timerId
      ) {
        if (Date.now() > end)
          throw new Error(`no timer for ${I.timerId} 10 s after clicking ${I.link}`);
        await sleep(40);
      }
      expect(
        await page.evaluate(() => location.pathname),
        new URL(url(I.path)).pathname,
        'address',
      );
      const counts = await page.evaluate(
        (ui) => [
          document.querySelectorAll(ui.timer).length,
          document.querySelectorAll(`${ui.timer}[${ui.stateAttribute}=running]`).length,
        ],
        UI,
      );
      expect(counts.join(), '1,0', 'timers on the new page, running ones');
      await ready(page);
      let s = await snap(page);
      expect(s.label, D.prepare.label, 'label of the new timer');
      await click(page, C.start);
      s = await until(page, 'the new timer running', (s) => s.state === 'running');
      const first = s.clock;
      await ticksDown(page, first);
    },
  ],
];

// --- run -------------------------------------------------------------------------------------

const executablePath = findFirefox();
const started = Date.now();
const browser = await puppeteer
  .launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocolTimeout: 30000,
    // A mock audio backend: AudioContext runs with no sound device (CI machines have none).
    extraPrefsFirefox: { 'media.cubeb.force_mock_context': true },
  })
  .catch((e) => die(`could not start ${executablePath}: ${e.message}`));

let failed = 0;
try {
  console.log(`# ${await browser.version()} (${executablePath}) against ${base}`);
  for (const [id, what, run] of steps) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    try {
      await run(page);
      if (errors.length) throw new Error(`errors on the page: ${errors.join(' | ')}`);
      console.log(`ok ${id} - ${what}`);
    } catch (e) {
      failed++;
      console.log(`not ok ${id} - ${what}: ${e.message.replace(/\s+/g, ' ')}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(
  `# ${steps.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exit(failed ? 1 : 0);
