// A custom session, its share link and its timer plan: pure functions (no DOM), tested by Node
// (tests/js/plan.test.mjs) and checked against the Python text rules (tests/test_builder_plan.py).
//
// A session is what the builder edits:
//   {name, prepare, transition, label, cooldown, items: [item, ...]}
//   item: {slug, effort, distance, rest, walkBack, rounds, sets, setRest}
// effort is seconds, or metres when distance is true; rest is seconds (0 with walkBack).
// The drills' facts (name, cues, default numbers) and every limit come from the library the
// build generates (assets/data/library.json, macros/render/library.py); nothing is typed here.
import { formatClock, phasesFromPlan } from '../timer/engine.js';

// The share link is the URL's fragment, so the plan never reaches a server. Version 1:
//   #v=1&n=<name>&p=<get ready s>&t=<between drills s>&l=<between drills, what>&c=<cool-down s>
//     &d=<slug>:<block>,<slug>:<block>,...
// block: <effort>[m]-<rest|w>x<rounds>[s<sets>[r<set rest>]], as the timer's own links write a
// block ("20-40x4", "20m-wx3"), plus sets: "20-40x6s2r120". Text is percent-encoded.
// A change that old links cannot be read under takes a new version number; a link with another
// version is refused with a message, never half-read.
export const LINK_VERSION = '1';
export const MAX_DRILLS = 12; // what one printed sheet holds
const MAX_TEXT = 60; // a name or a label, as the data's labels
const BLOCK = /^(\d{1,4})(m?)-(\d{1,4}|w)x(\d{1,2})(?:s(\d{1,2})(?:r(\d{1,4}))?)?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
// Control characters are refused in text, as the data's models refuse them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function emptySession(library) {
  const { prepare, transition, transition_label: label } = library.defaults;
  return { name: '', prepare, transition, label, cooldown: 0, items: [] };
}

// A drill as the data prescribes it: its default block.
export function itemFor(drill) {
  const b = drill.block;
  return {
    slug: drill.slug,
    effort: b.distance || b.work,
    distance: Boolean(b.distance),
    rest: b.walk_back ? 0 : b.rest,
    walkBack: b.walk_back,
    rounds: b.rounds,
    sets: b.sets,
    setRest: b.set_rest,
  };
}

export function drillsBySlug(library) {
  return new Map(library.drills.map((drill) => [drill.slug, drill]));
}

// --- the link -------------------------------------------------------------------------------

export function formatLink(session) {
  const block = (i) =>
    `${i.effort}${i.distance ? 'm' : ''}-${i.walkBack ? 'w' : i.rest}x${i.rounds}` +
    (i.sets > 1 ? `s${i.sets}${i.setRest ? `r${i.setRest}` : ''}` : '');
  const parts = [
    `v=${LINK_VERSION}`,
    session.name ? `n=${encodeURIComponent(session.name)}` : '',
    `p=${session.prepare}`,
    `t=${session.transition}`,
    `l=${encodeURIComponent(session.label)}`,
    `c=${session.cooldown}`,
    `d=${session.items.map((i) => `${i.slug}:${block(i)}`).join(',')}`,
  ];
  return parts.filter(Boolean).join('&');
}

// Whether a fragment is a builder link at all (a heading's anchor is not).
export function isLink(hash) {
  return /^#?v=/.test(String(hash || ''));
}

// The session a link carries: {session} or {error: a sentence for the reader}.
export function parseLink(hash, library) {
  const text = String(hash || '').replace(/^#/, '');
  let params;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { error: 'This session link is damaged: it cannot be read.' };
  }
  const version = params.get('v');
  if (version !== LINK_VERSION) {
    return {
      error:
        `This session link is in a format this site does not read (version ${version || 'none'}; ` +
        `this site reads version ${LINK_VERSION}). Build the session again, or ask for a new link.`,
    };
  }
  const damaged = (what) => ({ error: `This session link is damaged: ${what}` });
  const number = (key, fallback) => {
    const value = params.get(key);
    return value === null ? fallback : /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  };
  const defaults = emptySession(library);
  const session = {
    name: params.get('n') || '',
    prepare: number('p', defaults.prepare),
    transition: number('t', defaults.transition),
    label: params.get('l') || defaults.label,
    cooldown: number('c', defaults.cooldown),
    items: [],
  };
  const drills = drillsBySlug(library);
  const parts = (params.get('d') || '').split(',').filter(Boolean);
  if (!parts.length) return damaged('it names no drills.');
  for (const part of parts) {
    const [slug, token = ''] = part.split(':');
    const match = BLOCK.exec(token);
    if (!SLUG.test(slug) || !match) return damaged(`“${part.slice(0, 40)}” is not a drill's plan.`);
    if (!drills.has(slug)) {
      return {
        error:
          `This session link is out of date: the drill “${slug}” is no longer in this site's ` +
          'library. Build the session again from the drills below.',
      };
    }
    const [, effort, metres, rest, rounds, sets, setRest] = match;
    session.items.push({
      slug,
      effort: Number(effort),
      distance: metres === 'm',
      rest: rest === 'w' ? 0 : Number(rest),
      walkBack: rest === 'w',
      rounds: Number(rounds),
      sets: sets ? Number(sets) : 1,
      setRest: setRest ? Number(setRest) : 0,
    });
  }
  const problem = validateSession(session, library);
  return problem ? damaged(problem) : { session };
}

// --- checks ---------------------------------------------------------------------------------

function inRange(value, [low, high]) {
  return Number.isInteger(value) && value >= low && value <= high;
}

// The rule each number breaks, in words, or null: the library's limits are the models'.
export function fieldProblem(field, value, limits) {
  const [low, high] = limits[field];
  if (inRange(value, limits[field])) return null;
  const unit = field === 'distance' ? 'metres' : field === 'rounds' || field === 'sets' ? '' : 's';
  return `a whole number from ${low} to ${high}${unit ? ` ${unit}` : ''}`;
}

function textProblem(text, what) {
  if (text.length > MAX_TEXT) return `${what} is longer than ${MAX_TEXT} characters.`;
  if (CONTROL.test(text)) return `${what} has characters that cannot be shown.`;
  return null;
}

// The first thing wrong with a session, as a sentence, or null.
// The first problem with one drill's numbers ("Rest must be …."), or ''. A walk-back has no
// rest to check. Shared by the builder's field-by-field messages and validateSession.
export function itemProblem(item, limits) {
  const fields = [
    [item.distance ? 'distance' : 'work', item.effort, item.distance ? 'Distance' : 'Work'],
    ['rest', item.rest, 'Rest'],
    ['rounds', item.rounds, 'Rounds'],
    ['sets', item.sets, 'Sets'],
    ['set_rest', item.setRest, 'Rest between sets'],
  ];
  for (const [field, value, what] of fields) {
    if (field === 'rest' && item.walkBack) continue;
    const problem = fieldProblem(field, value, limits);
    if (problem) return `${what} must be ${problem}.`;
  }
  return '';
}

export function validateSession(session, library) {
  const { limits } = library;
  const drills = drillsBySlug(library);
  const checks = [
    ['prepare', session.prepare, 'Get ready'],
    ['transition', session.transition, 'Between drills'],
    ['cooldown', session.cooldown, 'Cool-down'],
  ];
  for (const [field, value, what] of checks) {
    const problem = fieldProblem(field, value, limits);
    if (problem) return `${what} must be ${problem}.`;
  }
  const text = textProblem(session.name, 'The name') || textProblem(session.label, 'The label');
  if (text) return text;
  if (session.items.length > MAX_DRILLS) return `A session holds at most ${MAX_DRILLS} drills.`;
  for (const item of session.items) {
    const drill = drills.get(item.slug);
    if (!drill) return `There is no drill “${item.slug}”.`;
    const problem = itemProblem(item, limits);
    if (problem) return `${drill.name}: ${problem}`;
  }
  const seconds = totalSeconds(toPlan(session, library));
  if (seconds > library.max_plan_seconds) {
    return `The timed part is ${Math.floor(seconds / 60)} min, longer than the ${
      library.max_plan_seconds / 3600
    } hours a timer runs: fewer rounds or sets.`;
  }
  return null;
}

// --- the plan -------------------------------------------------------------------------------

// The timer's plan (macros/render/timer.py's shape): each block named, with the drill's cues,
// and the session's transition after every block but the last.
export function toPlan(session, library) {
  const drills = drillsBySlug(library);
  const last = session.items.length - 1;
  return {
    id: 'custom-session',
    title: session.name || 'My session',
    prepare: session.prepare,
    cooldown: session.cooldown,
    blocks: session.items.map((item, index) => {
      const drill = drills.get(item.slug);
      return {
        name: drill.name,
        work: item.distance ? null : item.effort,
        distance: item.distance ? item.effort : null,
        rest: item.walkBack ? 0 : item.rest,
        walk_back: item.walkBack,
        rounds: item.rounds,
        sets: item.sets,
        set_rest: item.setRest,
        after: index === last ? 0 : session.transition,
        after_label: session.label,
        cues: [...drill.cues],
      };
    }),
  };
}

// The timed part in seconds, as the timer counts it (open phases count 0).
export function totalSeconds(plan) {
  return phasesFromPlan(plan).reduce((sum, phase) => sum + (phase.duration || 0), 0) / 1000;
}

export function hasOpenPhases(plan) {
  return phasesFromPlan(plan).some((phase) => phase.open);
}

// --- words (the same rules as macros/render/timer.py; tests/test_builder_plan.py compares) --

export function span(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (!minutes) return `${rest} s`;
  return `${minutes} min${rest ? ` ${rest} s` : ''}`;
}

function effortText(block) {
  return block.distance ? `${block.distance} m` : span(block.work);
}

function recoveryText(block) {
  if (block.walk_back) return 'walk back';
  return block.rest ? `${span(block.rest)} rest` : 'no rest';
}

// "4 × (20 s / 40 s rest)", "3 × (20 m / walk back), 2 sets with 2 min between"
export function blockSummary(block) {
  let text = `${block.rounds} × (${effortText(block)} / ${recoveryText(block)})`;
  if (block.sets > 1) {
    text += `, ${block.sets} sets`;
    if (block.set_rest) text += ` with ${span(block.set_rest)} between`;
  }
  return text;
}

// The whole plan in one line: "Get ready 10 s, then 3 drills, 8 efforts — 5:30 in all".
export function describe(plan) {
  const { blocks } = plan;
  let body;
  if (blocks.length === 1) {
    body = blockSummary(blocks[0]);
  } else {
    const efforts = blocks.reduce((sum, b) => sum + b.rounds * b.sets, 0);
    body = `${blocks.length} drills, ${efforts} efforts`;
  }
  const parts = [plan.prepare ? `Get ready ${span(plan.prepare)}, then ${body}` : body];
  if (plan.cooldown) parts.push(`cool-down ${span(plan.cooldown)}`);
  const total = totalSeconds(plan);
  const timedBlocks = total - plan.prepare - plan.cooldown;
  let ending;
  if (!hasOpenPhases(plan)) ending = `${formatClock(total * 1000)} in all`;
  else if (timedBlocks) {
    ending = `${formatClock(total * 1000)} timed, plus the runs and walk-backs that end with a tap`;
  } else ending = 'each run and walk-back ends with a tap';
  return `${parts.join(', ')} — ${ending}`;
}
