// Reading and writing this browser's localStorage, defensively: storage may be blocked (some
// private modes, settings), full, or hold a value this site did not write (another program on
// the same origin, a hand edit, an older or newer version). Nothing here throws: a read says
// what it could not use, and the caller shows that as a message.
//
// Every list is stored as {"version": 1, "<name>": [entry, ...]} under a "drillbook:" key.

export const STORE_VERSION = 1;

// {entries, ignored, problem}: the entries that pass `isEntry`; how many did not; and a
// sentence when the stored value itself could not be used ('' when all is well).
export function readList(key, name, isEntry) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return { entries: [], ignored: 0, problem: 'This browser does not let the site use storage.' };
  }
  if (raw === null) return { entries: [], ignored: 0, problem: '' };
  let data;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  if (!data || data.version !== STORE_VERSION || !Array.isArray(data[name])) {
    return {
      entries: [],
      ignored: 0,
      problem: `The saved ${name} in this browser are unreadable (damaged, or written by another program or version) and were ignored.`,
    };
  }
  const entries = data[name].filter((entry) => {
    try {
      return isEntry(entry);
    } catch {
      return false;
    }
  });
  const ignored = data[name].length - entries.length;
  const problem = ignored
    ? `Ignored ${ignored} saved ${ignored === 1 ? name.slice(0, -1) : name} this site cannot read.`
    : '';
  return { entries, ignored, problem };
}

// Write the list; returns '' or a sentence saying why it could not be saved.
export function writeList(key, name, entries) {
  try {
    localStorage.setItem(key, JSON.stringify({ version: STORE_VERSION, [name]: entries }));
    return '';
  } catch {
    return 'Could not save in this browser (storage is blocked or full).';
  }
}

export function readText(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeText(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // A draft is a convenience: without storage the link in the address bar still holds it.
  }
}

export const isText = (value, max = 200) => typeof value === 'string' && value.length <= max;
export const isCount = (value) => Number.isInteger(value) && value >= 0;
export const isDate = (value) => isText(value, 40) && !Number.isNaN(Date.parse(value));
