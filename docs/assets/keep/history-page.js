// <run-history>: the History page. Lists the runs keep/history.js recorded, newest first, and
// exports and imports them with the saved sessions: JSON to move them to another browser, CSV
// for a spreadsheet. Everything stays on this device; a file is only read or written when the
// reader asks. The frame is server-rendered (macros/render/templates/history.html.j2).
//
// Export file: {"format": "drillbook", "version": 1, "exported": ISO date, "runs": [...],
// "sessions": [...]}, each list in its storage shape (history.js, sessions.js).
import { formatClock } from '../timer/engine.js';
import { isRun, mergeRuns, readHistory, runsCsv, writeHistory } from './history.js';
import { isSavedSession, mergeSessions, readSessions, writeSessions } from './sessions.js';

const EXPORT_FORMAT = 'drillbook';
const EXPORT_VERSION = 1;
const CONFIRM_MS = 3000;

function make(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = make('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

// What an export file holds that this site can use: {runs, sessions, ignored}, or null when
// it is not a drillbook export at all.
export function readExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || data.format !== EXPORT_FORMAT || data.version !== EXPORT_VERSION) return null;
  const runs = Array.isArray(data.runs) ? data.runs : [];
  const sessions = Array.isArray(data.sessions) ? data.sessions : [];
  const goodRuns = runs.filter(isRun);
  const goodSessions = sessions.filter(isSavedSession);
  const ignored = runs.length + sessions.length - goodRuns.length - goodSessions.length;
  return { runs: goodRuns, sessions: goodSessions, ignored };
}

class RunHistory extends HTMLElement {
  #el = {};
  #clearTimeout = null;

  connectedCallback() {
    const ui = this.querySelector('.history__ui');
    if (!ui) return;
    this.querySelector('.builder__nojs')?.remove();
    ui.hidden = false;
    this.#el = {
      message: this.querySelector('.history__message'),
      status: this.querySelector('.history__status'),
      table: this.querySelector('.history__table'),
      body: this.querySelector('.history__table tbody'),
      empty: this.querySelector('.history__empty'),
      file: this.querySelector('input[name="import"]'),
      clear: this.querySelector('[data-action="clear"]'),
    };
    this.addEventListener('click', this.#onClick);
    this.#el.file.addEventListener('change', this.#onFile);
    this.#render();
  }

  disconnectedCallback() {
    clearTimeout(this.#clearTimeout);
  }

  #render() {
    const history = readHistory();
    const saved = readSessions();
    this.#el.message.textContent = [history.problem, saved.problem].filter(Boolean).join(' ');
    const runs = [...history.runs].reverse();
    this.#el.body.replaceChildren(...runs.map((run) => this.#row(run)));
    this.#el.table.hidden = !runs.length;
    this.#el.empty.hidden = runs.length > 0;
    this.#el.status.textContent = `${plural(history.runs.length, 'run')} and ${plural(
      saved.sessions.length,
      'saved session',
    )} in this browser.`;
  }

  #row(run) {
    const date = new Date(run.at);
    const when = make('time', { datetime: run.at }, date.toLocaleString());
    const what = run.page ? make('a', { href: run.page }, run.title) : run.title;
    const planned = `${formatClock(run.plannedMs)} · ${plural(run.efforts, 'effort')}`;
    return make(
      'tr',
      {},
      make('td', {}, when),
      make('td', {}, what),
      make('td', {}, planned),
      make('td', {}, formatClock(run.doneMs)),
    );
  }

  #onClick = (event) => {
    const action = event.target.closest('button[data-action]')?.dataset.action;
    if (action === 'export-json') this.#exportJson();
    else if (action === 'export-csv') this.#exportCsv();
    else if (action === 'clear') this.#clear();
  };

  #exportJson() {
    const data = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exported: new Date().toISOString(),
      runs: readHistory().runs,
      sessions: readSessions().sessions,
    };
    download(`drillbook-${today()}.json`, 'application/json', `${JSON.stringify(data, null, 1)}\n`);
    this.#el.status.textContent = 'Exported your runs and saved sessions as a JSON file.';
  }

  #exportCsv() {
    download(`drillbook-history-${today()}.csv`, 'text/csv', runsCsv(readHistory().runs));
    this.#el.status.textContent = 'Exported your runs as a CSV file for a spreadsheet.';
  }

  #onFile = async () => {
    const file = this.#el.file.files[0];
    if (!file) return;
    const found = readExport(await file.text());
    this.#el.file.value = '';
    if (!found) {
      this.#el.message.textContent = `${file.name} is not a drillbook export: nothing was imported.`;
      return;
    }
    const problems = [
      writeHistory(mergeRuns(readHistory().runs, found.runs)),
      writeSessions(mergeSessions(readSessions().sessions, found.sessions)),
    ].filter(Boolean);
    this.#render();
    if (problems.length) this.#el.message.textContent = problems[0];
    const ignored = found.ignored ? ` Ignored ${found.ignored} entries this site cannot read.` : '';
    this.#el.status.textContent = `Imported ${plural(found.runs.length, 'run')} and ${plural(
      found.sessions.length,
      'saved session',
    )}.${ignored}`;
  };

  // Clearing asks for a second press within CONFIRM_MS.
  #clear() {
    const button = this.#el.clear;
    if (this.#clearTimeout) {
      clearTimeout(this.#clearTimeout);
      this.#clearTimeout = null;
      button.textContent = 'Clear history';
      const problem = writeHistory([]);
      this.#render();
      this.#el.status.textContent = problem || 'History cleared.';
      return;
    }
    button.textContent = 'Press again to clear';
    this.#clearTimeout = setTimeout(() => {
      this.#clearTimeout = null;
      button.textContent = 'Clear history';
    }, CONFIRM_MS);
  }
}

if (!customElements.get('run-history')) customElements.define('run-history', RunHistory);
