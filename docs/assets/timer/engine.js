// Pure timer logic (no DOM, so Node can test it). The phase expansion must
// match the Python side, which renders the same plan as the no-JS table.

const S = 1000;

// Plan → phases with absolute offsets in integer ms.
export function phasesFromPlan(plan) {
  const out = [];
  let t = 0; // summed in integer ms, so offsets never drift
  const add = (sec, p) => {
    const duration = Math.round(sec * S);
    out.push({ ...p, start: t, end: t + duration, duration });
    t += duration;
  };
  if (plan.prepare > 0) add(plan.prepare, { kind: 'prepare', label: 'Get ready' });
  const blocks = plan.blocks || [];
  blocks.forEach((b, block) => {
    const { rounds, sets = 1 } = b;
    for (let set = 1; set <= sets; set++) {
      for (let round = 1; round <= rounds; round++) {
        const c = { block, round, rounds, set, sets };
        add(b.work, { kind: 'work', label: `${b.name} — Work`, ...c });
        if (round < rounds) {
          if (b.rest > 0) add(b.rest, { kind: 'rest', label: `${b.name} — Rest`, ...c });
        } else if (set < sets && b.set_rest > 0) {
          add(b.set_rest, { kind: 'rest', label: `${b.name} — Set rest`, ...c });
        }
      }
    }
    if (block < blocks.length - 1 && b.after > 0) {
      add(b.after, { kind: 'rest', label: 'Transition', block, nextBlock: blocks[block + 1].name });
    }
  });
  if (plan.cooldown > 0) add(plan.cooldown, { kind: 'cooldown', label: 'Cool-down' });
  return out;
}

// At elapsed == phase.end we are already in the next phase.
export function stateAt(phases, elapsedMs) {
  const total = phases.length ? phases[phases.length - 1].end : 0;
  const e = Math.max(0, elapsedMs);
  if (e >= total) {
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
  // Binary search for the last phase with start <= e (called every frame).
  let lo = 0;
  let hi = phases.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (phases[mid].start <= e) lo = mid;
    else hi = mid - 1;
  }
  const phase = phases[lo];
  return {
    index: lo,
    phase,
    remainingMs: phase.end - e,
    elapsedInPhaseMs: e - phase.start,
    totalRemainingMs: total - e,
    next: phases[lo + 1] || null,
    done: false,
  };
}

// "#timer=20-40x6" → {work, rest, rounds}; null if not a timer link (e.g. a heading
// anchor). A malformed timer link gives NaNs, so validateEdit() words the message.
export function parseHash(str) {
  const m = /^#?timer=(.*)$/.exec(String(str || ''));
  if (!m) return null;
  const v = /^(\d+)-(\d+)x(\d+)$/.exec(m[1]);
  return v ? { work: +v[1], rest: +v[2], rounds: +v[3] } : { work: NaN, rest: NaN, rounds: NaN };
}

// formatHash({work, rest, rounds}) or formatHash(work, rest, rounds)
export function formatHash(work, rest, rounds) {
  if (typeof work === 'object') ({ work, rest, rounds } = work);
  return `#timer=${work}-${rest}x${rounds}`;
}

// Numbers or raw input strings; "2.5", "1e3" and "" are not whole numbers.
const whole = (v, min, max) => {
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max;
};

// Message for the first invalid field, or null.
export function validateEdit({ work, rest, rounds }) {
  if (!whole(work, 1, 3600)) return 'Work must be a whole number of seconds from 1 to 3600.';
  if (!whole(rest, 0, 3600)) return 'Rest must be a whole number of seconds from 0 to 3600.';
  if (!whole(rounds, 1, 99)) return 'Rounds must be a whole number from 1 to 99.';
  return null;
}

// "m:ss", rounded up: a 20 s phase starts at 0:20 and shows 0:01 until its very end.
export function formatClock(ms) {
  const s = Math.max(0, Math.ceil(ms / S));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
