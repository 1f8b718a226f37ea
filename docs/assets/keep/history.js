// The local history of finished runs. Loaded on every page (mkdocs.yml extra_javascript): any
// timer on the site that reaches its end dispatches 'drill-timer-finish' (timer/element.js),
// and a line is added here. It stays in this browser's localStorage; nothing is sent anywhere.
// The History page (keep/history-page.js) lists, exports and imports it.
//
// localStorage "drillbook:history" = {"version": 1, "runs": [run, ...]}, oldest first, at most
// MAX_RUNS; run = {at: ISO date, id: timer id, title, plannedMs: the plan's timed part,
// doneMs: time from Start to the end, pauses left out, efforts: efforts in the plan, page: the
// page's path and fragment, so a custom session's run links back to its plan}.
import { isCount, isDate, isText, readList, writeList } from './store.js';

export const HISTORY_KEY = 'drillbook:history';
export const MAX_RUNS = 1000;

export function isRun(run) {
  return (
    typeof run === 'object' &&
    run !== null &&
    isDate(run.at) &&
    isText(run.id, 100) &&
    isText(run.title, 100) &&
    isCount(run.plannedMs) &&
    isCount(run.doneMs) &&
    isCount(run.efforts) &&
    isText(run.page, 2000)
  );
}

export function readHistory() {
  const { entries, ...rest } = readList(HISTORY_KEY, 'runs', isRun);
  return { runs: entries, ...rest };
}

// Replace the whole history (import, clear); returns '' or why it could not be saved.
export function writeHistory(runs) {
  return writeList(HISTORY_KEY, 'runs', runs.slice(-MAX_RUNS));
}

// Runs from both lists, each once (the same moment and timer is the same run), oldest first.
export function mergeRuns(ours, theirs) {
  const seen = new Map();
  for (const run of [...ours, ...theirs]) seen.set(`${run.at}|${run.id}`, run);
  return [...seen.values()].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function addRun(detail, page, at = new Date()) {
  const run = {
    at: at.toISOString(),
    id: String(detail.id).slice(0, 100),
    title: String(detail.title).slice(0, 100),
    plannedMs: Math.round(detail.plannedMs) || 0,
    doneMs: Math.round(detail.doneMs) || 0,
    efforts: detail.efforts || 0,
    page: String(page).slice(0, 2000),
  };
  if (!isRun(run)) return 'The run could not be recorded.';
  // Entries this site cannot read are dropped here: the key is ours, and they cannot be shown.
  return writeHistory([...readHistory().runs, run]);
}

// Spreadsheets: one line per run, times in seconds.
export function runsCsv(runs) {
  const cell = (value) => {
    // A leading = + - @ would make a spreadsheet run the text as a formula.
    const text = String(value).replace(/^[=+\-@]/, "'$&");
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [['date', 'what', 'planned_s', 'done_s', 'efforts', 'page']];
  for (const run of runs) {
    const seconds = (ms) => Math.round(ms / 1000);
    lines.push([run.at, run.title, seconds(run.plannedMs), seconds(run.doneMs), run.efforts]);
    lines.at(-1).push(run.page);
  }
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

// A module runs once per page load, and the listener stays for instant navigation's new pages.
// (No document: Node, running the tests.)
globalThis.document?.addEventListener('drill-timer-finish', (event) => {
  if (event.detail) addRun(event.detail, location.pathname + location.hash);
});
