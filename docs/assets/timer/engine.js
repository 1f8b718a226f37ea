// Pure timer logic (no DOM, so Node can test it). The phase expansion must match the Python
// side (macros/render/timer.py), which prints the same plan; tests/test_timer_plans.py checks.
//
// A phase is timed (durationMs) or open: a distance effort or a walk-back lasts until the coach
// taps. The state is a pure function of the elapsed time and of when the open phases were
// closed ("closes", elapsed ms), so it is right after any pause, throttling or hidden tab.

const SECOND = 1000;

// Spoken text reads a label's dash as a pause: "High-knee run, Work".
const SAY_PAUSE = / — /g;

// Plan → phases in order, each with its start and end (ms) when no open phase has been closed:
// after an open phase every start and end is Infinity (see timeline()).
export function phasesFromPlan(plan) {
  const out = [];
  const add = (seconds, phase) => out.push({ ...phase, duration: seconds * SECOND });
  const addOpen = (phase) => out.push({ ...phase, duration: null, open: true });
  const blocks = plan.blocks || [];
  if (plan.prepare > 0) {
    add(plan.prepare, { kind: 'prepare', label: 'Get ready', nextBlock: blocks[0]?.name });
  }
  blocks.forEach((block, index) => {
    const { name, rounds, sets = 1, cues = [] } = block;
    let effort = 0; // efforts of this block so far: picks a different cue each round
    for (let set = 1; set <= sets; set++) {
      for (let round = 1; round <= rounds; round++) {
        const counter = { block: index, name, round, rounds, set, sets };
        const cue = cues.length ? cues[effort % cues.length] : '';
        effort += 1;
        if (block.distance) {
          const label = `${name} — ${block.distance} m`;
          addOpen({ kind: 'work', label, distance: block.distance, cue, ...counter });
        } else {
          add(block.work, { kind: 'work', label: `${name} — Work`, cue, ...counter });
        }
        if (round < rounds) {
          if (block.walk_back) {
            addOpen({ kind: 'rest', label: `${name} — Walk back`, ...counter });
          } else if (block.rest > 0) {
            add(block.rest, { kind: 'rest', label: `${name} — Rest`, ...counter });
          }
        } else if (set < sets && block.set_rest > 0) {
          add(block.set_rest, { kind: 'rest', label: `${name} — Set rest`, ...counter });
        }
      }
    }
    const next = blocks[index + 1];
    if (next && block.after > 0) {
      const label = `${block.after_label || 'Recover'} — next: ${next.name}`;
      add(block.after, { kind: 'rest', label, block: index, nextBlock: next.name });
    }
  });
  if (plan.cooldown > 0) add(plan.cooldown, { kind: 'cooldown', label: 'Cool-down' });
  return timeline(out, []);
}

// The phases with start and end (ms) given when each open phase was closed, in order. An open
// phase not closed yet ends at Infinity, and so do the phases after it.
export function timeline(phases, closes) {
  let t = 0;
  let closed = 0;
  return phases.map((phase) => {
    const start = t;
    let end;
    if (phase.open) {
      end = closed < closes.length ? Math.max(start, closes[closed]) : Infinity;
      closed += 1;
    } else {
      end = start + phase.duration;
    }
    t = end;
    return { ...phase, start, end };
  });
}

// The state at `elapsedMs` on a timeline. At elapsed === phase.end we are already in the next
// phase. An open phase has no time left (remainingMs Infinity): the display counts it up.
export function stateAt(phases, elapsedMs) {
  const total = phases.length ? phases[phases.length - 1].end : 0;
  const elapsed = Math.max(0, elapsedMs);
  if (elapsed >= total) {
    return {
      index: phases.length,
      phase: null,
      remainingMs: 0,
      elapsedInPhaseMs: 0,
      totalRemainingMs: 0,
      next: null,
      done: true,
    };
  }
  // Binary search for the last phase with start <= elapsed (called every frame).
  let low = 0;
  let high = phases.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (phases[middle].start <= elapsed) low = middle;
    else high = middle - 1;
  }
  const phase = phases[low];
  return {
    index: low,
    phase,
    remainingMs: phase.end - elapsed,
    elapsedInPhaseMs: elapsed - phase.start,
    // The timed phases still to come, this one's remainder included; open ones count 0.
    totalRemainingMs: timedLeft(phases, low, elapsed),
    next: phases[low + 1] || null,
    done: false,
  };
}

function timedLeft(phases, index, elapsed) {
  let left = phases[index].open ? 0 : phases[index].end - elapsed;
  for (let i = index + 1; i < phases.length; i++) left += phases[i].duration || 0;
  return left;
}

// What the voice says as a phase starts: the drill and one of its cues for an effort, what
// comes next during a rest, all from the plan (the drill's data), nothing per drill here.
export function spokenText(phase, next) {
  if (!phase) return 'Done. Well done.';
  if (phase.kind === 'work') {
    const what = phase.distance ? `${phase.name}, ${phase.distance} metres` : phase.name;
    return phase.cue ? `${what}. ${phase.cue}.` : `${what}.`;
  }
  if (phase.kind === 'prepare') {
    return phase.nextBlock ? `Get ready. First: ${phase.nextBlock}.` : 'Get ready.';
  }
  if (phase.kind === 'cooldown') return 'Cool-down.';
  // A rest inside a drill ("High-knee run — Walk back") or between drills ("Walk back — next:
  // Push-off run"): what to do now, then what comes.
  const parts = phase.label.split(' — ');
  const now = phase.nextBlock ? parts[0] : parts.at(-1);
  if (!next) return `${now}.`;
  const round = next.rounds > 1 ? `, round ${next.round} of ${next.rounds}` : '';
  const coming =
    next.kind === 'work' ? `${next.name}${round}` : next.label.replace(SAY_PAUSE, ', ');
  return `${now}. Next: ${coming}.`;
}

// At the end: what was done, e.g. "12:34 · 8 efforts · 3 drills".
export function summary(phases, elapsedMs) {
  const efforts = phases.filter((phase) => phase.kind === 'work').length;
  const drills = new Set(phases.map((phase) => phase.block).filter((b) => b !== undefined)).size;
  const parts = [formatClock(elapsedMs), plural(efforts, 'effort')];
  if (drills > 1) parts.push(plural(drills, 'drill'));
  return parts.join(' · ');
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

// --- share links and edits ----------------------------------------------------------------
//
// A timer's link carries its whole plan, keyed by the timer's id, so two timers on one page
// never read each other's: "#timer.high-knee-run=20-40x4", and for a session one block per
// drill, comma-separated: "#timer.session-x=20-20x2,20-30x2,20m-wx2" (20m: a 20 m effort;
// w: walk back). The older "#timer=20-40x6" still opens a one-drill timer.

const BLOCK = /^(\d+)(m?)-(\d+|w)x(\d+)$/;

// The edits a hash gives this timer: [{effort, distance, rest, walkBack, rounds}, ...]; null
// when the hash is not for it (e.g. a heading anchor); 'invalid' for a malformed link to it.
export function parseHash(hash, timerId, single) {
  const text = decodeURIComponent(String(hash || '')).replace(/^#/, '');
  const keyed = `timer.${timerId}=`;
  let value;
  if (text.startsWith(keyed)) value = text.slice(keyed.length);
  else if (single && text.startsWith('timer=')) value = text.slice('timer='.length);
  else return null;
  const blocks = value.split(',').map((part) => BLOCK.exec(part));
  if (blocks.some((match) => !match)) return 'invalid';
  return blocks.map(([, effort, metres, rest, rounds]) => ({
    effort: Number(effort),
    distance: metres === 'm',
    rest: rest === 'w' ? 0 : Number(rest),
    walkBack: rest === 'w',
    rounds: Number(rounds),
  }));
}

export function formatHash(timerId, edits) {
  const blocks = edits.map(
    (edit) =>
      `${edit.effort}${edit.distance ? 'm' : ''}-${edit.walkBack ? 'w' : edit.rest}x${edit.rounds}`,
  );
  return `#timer.${timerId}=${blocks.join(',')}`;
}

// The plan's own numbers, as edits (what the form shows before any change).
export function editsOf(plan) {
  return plan.blocks.map((block) => ({
    effort: block.distance || block.work,
    distance: Boolean(block.distance),
    rest: block.rest,
    walkBack: Boolean(block.walk_back),
    rounds: block.rounds,
  }));
}

// The plan with each block's edit applied. Only what can change without reshaping the plan:
// the effort's length (seconds or metres, as the data has it), the rest, the rounds.
export function withEdits(plan, edits) {
  const blocks = plan.blocks.map((block, index) => {
    const edit = edits[index];
    const effort = block.distance ? { distance: edit.effort } : { work: edit.effort };
    return { ...block, ...effort, rest: block.walk_back ? 0 : edit.rest, rounds: edit.rounds };
  });
  return { ...plan, blocks };
}

// Numbers or raw input strings; "2.5", "1e3" and "" are not whole numbers.
const whole = (value, min, max) => {
  const number =
    typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= min && number <= max;
};

// Message for the first invalid field of the edits for `plan`, or null.
export function validateEdits(plan, edits) {
  if (!Array.isArray(edits) || edits.length !== plan.blocks.length) {
    return `The link has ${edits?.length ?? 0} parts; this timer has ${plan.blocks.length}.`;
  }
  for (const [index, edit] of edits.entries()) {
    const block = plan.blocks[index];
    const where = plan.blocks.length > 1 ? `${block.name}: ` : '';
    if (edit.distance !== undefined && edit.distance !== Boolean(block.distance)) {
      return `${where}this effort is ${block.distance ? 'a distance' : 'timed'}; the link says otherwise.`;
    }
    if (block.distance) {
      if (!whole(edit.effort, 1, 400)) return `${where}Distance must be 1 to 400 metres.`;
    } else if (!whole(edit.effort, 1, 3600)) {
      return `${where}Work must be a whole number of seconds from 1 to 3600.`;
    }
    if (!block.walk_back && !whole(edit.rest, 0, 3600)) {
      return `${where}Rest must be a whole number of seconds from 0 to 3600.`;
    }
    if (!whole(edit.rounds, 1, 99)) return `${where}Rounds must be a whole number from 1 to 99.`;
  }
  return null;
}

// "m:ss", rounded up: a 20 s phase starts at 0:20 and shows 0:01 until its very end.
export function formatClock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / SECOND));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

// "m:ss" counting up, rounded down: an open phase shows 0:00 for its first second.
export function formatElapsed(ms) {
  const seconds = Math.max(0, Math.floor(ms / SECOND));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
