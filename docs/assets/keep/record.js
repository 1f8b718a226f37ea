// Loaded on every page (mkdocs.yml extra_javascript), so kept small: any timer on the site that
// reaches its end dispatches 'drill-timer-finish' (timer/element.js), and the run is added to
// this browser's history. Nothing is sent anywhere. Reading, checking, exporting and importing
// the history is keep/history.js's job, on the History page.
//
// localStorage "drillbook:history" = {"version": 1, "runs": [run, ...]}, oldest first, at most
// MAX_RUNS; run = {at: ISO date, id: timer id, title, plannedMs: the plan's timed part,
// doneMs: the timer's clock at the end, pauses left out, efforts: efforts in the plan, page: the
// page's path and fragment, so a custom session's run links back to its plan}.

export const HISTORY_KEY = 'drillbook:history';
export const HISTORY_VERSION = 1;
export const MAX_RUNS = 1000;

// The run a finished timer reports, as stored.
export function runOf(detail, page, at = new Date()) {
  return {
    at: at.toISOString(),
    id: String(detail.id).slice(0, 100),
    title: String(detail.title).slice(0, 100),
    plannedMs: Math.max(0, Math.round(detail.plannedMs) || 0),
    doneMs: Math.max(0, Math.round(detail.doneMs) || 0),
    efforts: Math.max(0, Math.round(detail.efforts) || 0),
    page: String(page).slice(0, 2000),
  };
}

// Add a run; returns '' or why it could not be saved. A stored value that is not a list of
// ours is replaced (the key is ours; keep/history.js reports such values when it reads them).
export function recordRun(run) {
  try {
    let runs = [];
    try {
      const data = JSON.parse(localStorage.getItem(HISTORY_KEY));
      if (data?.version === HISTORY_VERSION && Array.isArray(data.runs)) runs = data.runs;
    } catch {
      // Damaged: start a good list.
    }
    runs = [...runs, run].slice(-MAX_RUNS);
    localStorage.setItem(HISTORY_KEY, JSON.stringify({ version: HISTORY_VERSION, runs }));
    return '';
  } catch {
    return 'Could not save in this browser (storage is blocked or full).';
  }
}

// One listener for every timer of the page. (No document: Node, running the tests.)
globalThis.document?.addEventListener('drill-timer-finish', (event) => {
  if (event.detail) recordRun(runOf(event.detail, location.pathname + location.hash));
});
