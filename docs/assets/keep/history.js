// The local history of finished runs, read for the History page (keep/history-page.js): each
// entry checked, merged on import, written as CSV. keep/record.js adds the runs and defines
// the format; entries that do not match it are ignored with a message, never shown.
import { HISTORY_KEY, HISTORY_VERSION, MAX_RUNS, recordRun, runOf } from './record.js';
import { isCount, isDate, isText, readList, STORE_VERSION, writeList } from './store.js';

if (HISTORY_VERSION !== STORE_VERSION) throw new Error('keep/: one storage version, please');

export { HISTORY_KEY, MAX_RUNS };

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
    isText(run.page, 2000) &&
    /^\/(?!\/)/.test(run.page) // a path on this site: it becomes a link
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

// What a finished timer's event adds (as record.js does on every page); '' or a problem.
export function addRun(detail, page, at = new Date()) {
  return recordRun(runOf(detail, page, at));
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
