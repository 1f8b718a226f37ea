// Unit tests for the pure timer engine: node --test tests/js/

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  editsOf,
  formatClock,
  formatElapsed,
  formatHash,
  parseHash,
  phasesFromPlan,
  spokenText,
  stateAt,
  summary,
  timeline,
  validateEdits,
  withEdits,
} from '../../docs/assets/timer/engine.js';

const drill = {
  id: 'high-knee-run',
  title: 'High-knee run',
  prepare: 10,
  cooldown: 0,
  blocks: [
    { name: 'High-knee run', work: 20, rest: 40, rounds: 6, sets: 1, set_rest: 0, after: 0 },
  ],
};

const session = {
  id: 'session',
  title: 'Session',
  prepare: 5,
  cooldown: 60,
  blocks: [
    {
      name: 'A-skip',
      work: 15,
      rest: 15,
      rounds: 2,
      sets: 2,
      set_rest: 30,
      after: 45,
      after_label: 'Walk back',
    },
    { name: 'B-skip', work: 10, rest: 0, rounds: 2, sets: 1, set_rest: 0, after: 30 },
    { name: 'Strides', work: 20, rest: 10, rounds: 1, sets: 1, set_rest: 0, after: 99 },
  ],
};

// Offsets must be contiguous, integer and consistent with durations.
function assertContiguous(phases) {
  let t = 0;
  for (const p of phases) {
    assert.equal(p.start, t);
    assert.ok(Number.isInteger(p.start) && Number.isInteger(p.end));
    assert.equal(p.end - p.start, p.duration);
    assert.ok(p.duration > 0);
    t = p.end;
  }
}

describe('phasesFromPlan: single drill', () => {
  const ph = phasesFromPlan(drill);

  test('count and order: prepare + 6 work + 5 rest, no trailing rest', () => {
    assert.equal(ph.length, 1 + 6 + 5);
    assert.deepEqual(
      ph.map((p) => p.kind),
      [
        'prepare',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'rest',
        'work',
      ],
    );
    assert.equal(ph.at(-1).kind, 'work');
  });

  test('labels', () => {
    assert.equal(ph[0].label, 'Get ready');
    assert.equal(ph[1].label, 'High-knee run — Work');
    assert.equal(ph[2].label, 'High-knee run — Rest');
  });

  test('counters on work and rest phases', () => {
    assert.deepEqual(
      ph.slice(1).map((p) => [p.kind, p.round, p.rounds, p.set, p.sets, p.block]),
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6].map((r, i) => [i % 2 ? 'rest' : 'work', r, 6, 1, 1, 0]),
    );
    assert.equal(ph[0].round, undefined);
  });

  test('offsets in ms', () => {
    assertContiguous(ph);
    assert.deepEqual(
      ph.slice(0, 4).map((p) => [p.start, p.end, p.duration]),
      [
        [0, 10000, 10000],
        [10000, 30000, 20000],
        [30000, 70000, 40000],
        [70000, 90000, 20000],
      ],
    );
    assert.equal(ph.at(-1).end, 10000 + 6 * 20000 + 5 * 40000);
  });

  test('prepare 0 and rest 0 are skipped', () => {
    const p = phasesFromPlan({
      ...drill,
      prepare: 0,
      blocks: [{ ...drill.blocks[0], rest: 0, rounds: 3 }],
    });
    assert.deepEqual(
      p.map((x) => x.kind),
      ['work', 'work', 'work'],
    );
    assert.equal(p[0].start, 0);
    assertContiguous(p);
  });

  test('single round: just work', () => {
    const p = phasesFromPlan({ ...drill, prepare: 0, blocks: [{ ...drill.blocks[0], rounds: 1 }] });
    assert.equal(p.length, 1);
  });

  test('missing sets defaults to 1', () => {
    const b = { ...drill.blocks[0] };
    delete b.sets;
    assert.equal(phasesFromPlan({ ...drill, blocks: [b] }).length, 12);
  });
});

describe('phasesFromPlan: session', () => {
  const ph = phasesFromPlan(session);
  const rows = ph.map((p) => [p.label, p.duration / 1000, p.round ?? null, p.set ?? null]);

  test('full expansion matches the rules', () => {
    assert.deepEqual(rows, [
      ['Get ready', 5, null, null],
      ['A-skip — Work', 15, 1, 1],
      ['A-skip — Rest', 15, 1, 1],
      ['A-skip — Work', 15, 2, 1],
      ['A-skip — Set rest', 30, 2, 1],
      ['A-skip — Work', 15, 1, 2],
      ['A-skip — Rest', 15, 1, 2],
      ['A-skip — Work', 15, 2, 2],
      ['Walk back — next: B-skip', 45, null, null],
      ['B-skip — Work', 10, 1, 1],
      ['B-skip — Work', 10, 2, 1],
      ['Recover — next: Strides', 30, null, null],
      ['Strides — Work', 20, 1, 1],
      ['Cool-down', 60, null, null],
    ]);
  });

  test('kinds, block indices and transition target', () => {
    assert.deepEqual(
      ph.map((p) => p.kind),
      [
        'prepare',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'rest',
        'work',
        'work',
        'rest',
        'work',
        'cooldown',
      ],
    );
    assert.equal(ph[8].nextBlock, 'B-skip');
    assert.equal(ph[8].block, 0);
    assert.equal(ph[11].nextBlock, 'Strides');
    assert.deepEqual(
      ph.filter((p) => p.kind === 'work').map((p) => p.block),
      [0, 0, 0, 0, 1, 1, 2],
    );
    assert.ok(ph.filter((p) => p.kind === 'work').every((p) => p.sets === (p.block === 0 ? 2 : 1)));
  });

  test('last block "after" is ignored; offsets contiguous', () => {
    assertContiguous(ph);
    assert.equal(ph.at(-1).end, (5 + 15 * 6 + 30 + 45 + 20 + 30 + 20 + 60) * 1000);
  });

  test('set_rest 0 gives no set rest; after 0 gives no transition', () => {
    const p = phasesFromPlan({
      prepare: 0,
      cooldown: 0,
      blocks: [
        { name: 'X', work: 5, rest: 5, rounds: 1, sets: 3, set_rest: 0, after: 0 },
        { name: 'Y', work: 5, rest: 5, rounds: 1, sets: 1, set_rest: 0, after: 0 },
      ],
    });
    assert.deepEqual(
      p.map((x) => x.label),
      ['X — Work', 'X — Work', 'X — Work', 'Y — Work'],
    );
  });
});

describe('stateAt', () => {
  const ph = phasesFromPlan(drill);
  const total = ph.at(-1).end;

  test('at 0: first phase, full remaining', () => {
    const s = stateAt(ph, 0);
    assert.equal(s.index, 0);
    assert.equal(s.phase, ph[0]);
    assert.equal(s.remainingMs, 10000);
    assert.equal(s.elapsedInPhaseMs, 0);
    assert.equal(s.totalRemainingMs, total);
    assert.equal(s.next, ph[1]);
    assert.equal(s.done, false);
  });

  test('negative elapsed clamps to 0', () => {
    assert.equal(stateAt(ph, -500).index, 0);
    assert.equal(stateAt(ph, -500).remainingMs, 10000);
  });

  test('boundary belongs to the next phase', () => {
    assert.equal(stateAt(ph, 9999).index, 0);
    assert.equal(stateAt(ph, 9999).remainingMs, 1);
    const s = stateAt(ph, 10000);
    assert.equal(s.index, 1);
    assert.equal(s.remainingMs, 20000);
    assert.equal(s.elapsedInPhaseMs, 0);
    assert.equal(stateAt(ph, 10001).remainingMs, 19999);
  });

  test('fractional ms (performance.now) work', () => {
    const s = stateAt(ph, 9999.5);
    assert.equal(s.index, 0);
    assert.equal(s.remainingMs, 0.5);
  });

  test('last phase has next = null', () => {
    const s = stateAt(ph, total - 1);
    assert.equal(s.index, ph.length - 1);
    assert.equal(s.next, null);
    assert.equal(s.totalRemainingMs, 1);
    assert.equal(s.done, false);
  });

  test('at and after total: done', () => {
    for (const e of [total, total + 1, 1e12, Infinity]) {
      const s = stateAt(ph, e);
      assert.equal(s.done, true);
      assert.equal(s.phase, null);
      assert.equal(s.next, null);
      assert.equal(s.remainingMs, 0);
      assert.equal(s.totalRemainingMs, 0);
      assert.equal(s.index, ph.length);
    }
  });

  test('empty phase list is done immediately', () => {
    assert.equal(stateAt([], 0).done, true);
  });
});

describe('60-minute session: boundaries exact to the ms', () => {
  // prepare 10 s + 120 × (20 s work + 10 s rest) minus the last rest = 3600 s.
  const plan = {
    prepare: 10,
    cooldown: 0,
    blocks: [
      { name: 'Intervals', work: 20, rest: 10, rounds: 120, sets: 1, set_rest: 0, after: 0 },
    ],
  };
  const ph = phasesFromPlan(plan);
  const total = ph.at(-1).end;

  test('shape and total', () => {
    assert.equal(ph.length, 1 + 120 + 119);
    assert.equal(total, 3600000);
    assertContiguous(ph);
  });

  test('every boundary ±1 ms', () => {
    ph.forEach((p, i) => {
      const before = stateAt(ph, p.start - 1);
      const at = stateAt(ph, p.start);
      const after = stateAt(ph, p.start + 1);
      if (i > 0) {
        assert.equal(before.index, i - 1);
        assert.equal(before.remainingMs, 1);
        assert.equal(formatClock(before.remainingMs), '0:01');
      }
      assert.equal(at.index, i);
      assert.equal(at.remainingMs, p.duration);
      assert.equal(formatClock(at.remainingMs), formatClock(p.duration));
      assert.equal(at.totalRemainingMs, total - p.start);
      assert.equal(after.index, i);
      assert.equal(after.remainingMs, p.duration - 1);
    });
    assert.equal(stateAt(ph, total - 1).done, false);
    assert.equal(stateAt(ph, total).done, true);
  });

  test('expected start of round r is exact', () => {
    for (let r = 1; r <= 120; r++) {
      const s = stateAt(ph, 10000 + (r - 1) * 30000);
      assert.equal(s.phase.kind, 'work');
      assert.equal(s.phase.round, r);
      assert.equal(s.elapsedInPhaseMs, 0);
    }
  });

  test('simulated 60 fps playback never skips or reorders phases', () => {
    let last = 0;
    const seen = new Set([0]);
    for (let e = 0; e < total; e += 1000 / 60) {
      const s = stateAt(ph, e);
      assert.ok(s.index === last || s.index === last + 1, `jump at ${e}`);
      assert.ok(s.remainingMs > 0 && s.remainingMs <= s.phase.duration);
      last = s.index;
      seen.add(s.index);
    }
    assert.equal(seen.size, ph.length);
  });

  test('total time display', () => {
    assert.equal(formatClock(stateAt(ph, 0).totalRemainingMs), '60:00');
  });
});

describe('hash: a link carries the whole plan of one timer', () => {
  const two = {
    blocks: [
      { name: 'A', work: 20, rest: 40, rounds: 4 },
      { name: 'B', distance: 20, walk_back: true, rest: 0, rounds: 3 },
    ],
  };

  test('keyed by the timer id: another timer on the page ignores it', () => {
    assert.deepEqual(parseHash('#timer.x=20-40x6', 'x'), [
      { effort: 20, distance: false, rest: 40, walkBack: false, rounds: 6 },
    ]);
    assert.equal(parseHash('#timer.x=20-40x6', 'y'), null);
  });

  test('the older #timer= form opens a one-drill timer only', () => {
    assert.equal(parseHash('#timer=20-40x6', 'x', true)[0].effort, 20);
    assert.equal(parseHash('#timer=20-40x6', 'x', false), null);
  });

  test('not a timer link → null', () => {
    for (const h of ['', '#', '#how-to', '#timers', undefined, null]) {
      assert.equal(parseHash(h, 'x', true), null, String(h));
    }
  });

  test('malformed link to this timer → invalid', () => {
    for (const h of [
      '#timer.x=',
      '#timer.x=20-40',
      '#timer.x=20x6',
      '#timer.x=a-b',
      '#timer.x=2.5-40x6',
    ]) {
      assert.equal(parseHash(h, 'x'), 'invalid', h);
    }
  });

  test('a session link round-trips every block, distance and walk-back included', () => {
    const hash = formatHash('s', editsOf(two));
    assert.equal(hash, '#timer.s=20-40x4,20m-wx3');
    assert.deepEqual(parseHash(hash, 's'), editsOf(two));
  });

  test('edits apply per block, keeping each block its own numbers', () => {
    const edited = withEdits(two, parseHash('#timer.s=15-45x2,30m-wx5', 's'));
    assert.deepEqual(
      edited.blocks.map((b) => [b.work, b.distance, b.rest, b.rounds]),
      [
        [15, undefined, 45, 2],
        [undefined, 30, 0, 5],
      ],
    );
  });

  test('validation names the block, and a link cannot turn a distance into seconds', () => {
    assert.equal(validateEdits(two, editsOf(two)), null);
    assert.equal(
      validateEdits(two, parseHash('#timer.s=20-40x4,20-wx3', 's')),
      'B: this effort is a distance; the link says otherwise.',
    );
    assert.equal(
      validateEdits(two, parseHash('#timer.s=20-40x4', 's')),
      'The link has 1 parts; this timer has 2.',
    );
  });
});

describe('validateEdits: the edit form', () => {
  const one = { blocks: [{ name: 'A', work: 20, rest: 40, rounds: 4 }] };
  const edit = (effort, rest, rounds) => validateEdits(one, [{ effort, rest, rounds }]);
  const W = 'Work must be a whole number of seconds from 1 to 3600.';
  const R = 'Rest must be a whole number of seconds from 0 to 3600.';
  const N = 'Rounds must be a whole number from 1 to 99.';

  test('valid values (numbers or input strings)', () => {
    assert.equal(edit(20, 40, 6), null);
    assert.equal(edit('20', '0', '99'), null);
    assert.equal(edit(3600, 3600, 1), null);
  });

  test('work, rest and rounds out of range or not whole', () => {
    for (const w of [0, 3601, -1, 2.5, '2.5', '', ' ', 'abc', '1e3', NaN, null, Infinity]) {
      assert.equal(edit(w, 10, 3), W, String(w));
    }
    for (const r of [-1, 3601, 1.5, '', 'x']) assert.equal(edit(10, r, 3), R, String(r));
    for (const n of [0, 100, 1.5, '', '-3']) assert.equal(edit(10, 0, n), N, String(n));
  });

  test('first error wins', () => {
    assert.equal(edit(0, -1, 0), W);
    assert.equal(edit(5, -1, 0), R);
  });

  test('a distance is 1 to 400 m, and a walk-back has no rest to check', () => {
    const run = { blocks: [{ name: 'B', distance: 20, walk_back: true, rest: 0, rounds: 3 }] };
    assert.equal(validateEdits(run, [{ effort: 30, rest: 'x', rounds: 3 }]), null);
    assert.equal(
      validateEdits(run, [{ effort: 401, rest: 0, rounds: 3 }]),
      'Distance must be 1 to 400 metres.',
    );
  });
});

describe('open phases: distance efforts and walk-backs wait for a tap', () => {
  const plan = {
    prepare: 10,
    cooldown: 0,
    blocks: [
      {
        name: 'Push-off run',
        distance: 20,
        walk_back: true,
        rest: 0,
        rounds: 2,
        sets: 1,
        set_rest: 0,
        after: 0,
        cues: ['Push long', 'Opposite arm'],
      },
    ],
  };
  const phases = phasesFromPlan(plan);

  test('an effort over a distance is open, named by its distance', () => {
    assert.deepEqual(
      phases.map((p) => [p.label, Boolean(p.open), p.start, p.end]),
      [
        ['Get ready', false, 0, 10000],
        ['Push-off run — 20 m', true, 10000, Infinity],
        ['Push-off run — Walk back', true, Infinity, Infinity],
        ['Push-off run — 20 m', true, Infinity, Infinity],
      ],
    );
  });

  test('it lasts until closed, counting up; then the next phase starts at the tap', () => {
    const waiting = stateAt(phases, 600000);
    assert.equal(waiting.phase.label, 'Push-off run — 20 m');
    assert.equal(waiting.remainingMs, Infinity);
    assert.equal(formatElapsed(waiting.elapsedInPhaseMs), '9:50');
    const tapped = timeline(phases, [14000]);
    const resting = stateAt(tapped, 20000);
    assert.equal(resting.phase.label, 'Push-off run — Walk back');
    assert.equal(resting.elapsedInPhaseMs, 6000);
    assert.ok(stateAt(timeline(phases, [14000, 50000, 60000]), 60000).done);
  });

  test('each effort says the drill and a different cue; a rest says what comes', () => {
    const [, first, walk, second] = phases;
    assert.equal(spokenText(first, walk), 'Push-off run, 20 metres. Push long.');
    assert.equal(spokenText(second, null), 'Push-off run, 20 metres. Opposite arm.');
    assert.equal(spokenText(walk, second), 'Walk back. Next: Push-off run, round 2 of 2.');
    assert.equal(spokenText(phases[0], first), 'Get ready. First: Push-off run.');
    assert.equal(spokenText(null, null), 'Done. Well done.');
  });

  test('the end summary counts time, efforts and drills', () => {
    assert.equal(summary(phases, 75000), '1:15 · 2 efforts');
    assert.equal(summary(phasesFromPlan(session), 330000), '5:30 · 7 efforts · 3 drills');
  });

  test('a rest between drills says what the group does and the next drill', () => {
    const ph = phasesFromPlan(session);
    const between = ph.find((p) => p.nextBlock === 'B-skip' && p.kind === 'rest');
    const next = ph[ph.indexOf(between) + 1];
    assert.equal(spokenText(between, next), 'Walk back. Next: B-skip, round 1 of 2.');
  });
});

describe('formatClock', () => {
  const cases = [
    [20000, '0:20'],
    [19999, '0:20'],
    [19000, '0:19'],
    [200, '0:01'],
    [1, '0:01'],
    [0.4, '0:01'],
    [0, '0:00'],
    [-5, '0:00'],
    [59001, '1:00'],
    [60000, '1:00'],
    [60001, '1:01'],
    [61000, '1:01'],
    [600000, '10:00'],
    [3599000, '59:59'],
    [3600000, '60:00'],
    [5400000, '90:00'],
  ];
  for (const [ms, s] of cases) test(`${ms} ms → ${s}`, () => assert.equal(formatClock(ms), s));
});
