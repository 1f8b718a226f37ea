// "My sessions": custom sessions saved in this browser, and the builder's draft.
//
// localStorage "drillbook:sessions" = {"version": 1, "sessions": [session, ...]};
// session = {id, name, link: its share link without the "#" (builder/plan.js formatLink, so a
// saved session is read by the same code as a shared one), saved: ISO date}.
// localStorage "drillbook:builder-draft" = the link of the session being built (a string).
import { isDate, isText, readList, readText, writeList, writeText } from './store.js';

export const SESSIONS_KEY = 'drillbook:sessions';
const DRAFT_KEY = 'drillbook:builder-draft';

export function isSavedSession(entry) {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    isText(entry.id, 40) &&
    isText(entry.name, 60) &&
    isText(entry.link, 4000) &&
    entry.link.startsWith('v=') &&
    isDate(entry.saved)
  );
}

export function readSessions() {
  const { entries, ...rest } = readList(SESSIONS_KEY, 'sessions', isSavedSession);
  return { sessions: entries, ...rest };
}

export function writeSessions(sessions) {
  return writeList(SESSIONS_KEY, 'sessions', sessions);
}

function newId() {
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

// Save a session: the one with `id` is replaced, else a new one is added. Returns {id, problem}.
export function saveSession({ id, name, link }) {
  const { sessions } = readSessions();
  const entry = { id: id || newId(), name, link, saved: new Date().toISOString() };
  const index = sessions.findIndex((session) => session.id === entry.id);
  if (index === -1) sessions.push(entry);
  else sessions[index] = entry;
  return { id: entry.id, problem: writeSessions(sessions) };
}

export function renameSession(id, name) {
  const { sessions } = readSessions();
  return writeSessions(sessions.map((s) => (s.id === id ? { ...s, name } : s)));
}

export function deleteSession(id) {
  const { sessions } = readSessions();
  return writeSessions(sessions.filter((session) => session.id !== id));
}

// Sessions from both lists, each once by id (the imported copy wins: it is the one asked for).
export function mergeSessions(ours, theirs) {
  const byId = new Map();
  for (const session of [...ours, ...theirs]) byId.set(session.id, session);
  return [...byId.values()];
}

export function readDraft() {
  return readText(DRAFT_KEY);
}

export function writeDraft(link) {
  writeText(DRAFT_KEY, link);
}
