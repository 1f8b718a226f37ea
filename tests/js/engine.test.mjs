// Unit tests for the pure timer engine: node --test tests/js/

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  formatClock,
  formatHash,
  parseHash,
  phasesFromPlan,
  stateAt,
  validateEdit,
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
    { name: 'A-skip', work: 15, rest: 15, rounds: 2, sets: 2, set_rest: 30, after: 45 },
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
      ['Transition', 45, null, null],
      ['B-skip — Work', 10, 1, 1],
      ['B-skip — Work', 10, 2, 1],
      ['Transition', 30, null, null],
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

describe('hash', () => {
  test('parse', () => {
    assert.deepEqual(parseHash('#timer=20-40x6'), { work: 20, rest: 40, rounds: 6 });
    assert.deepEqual(parseHash('timer=1-0x99'), { work: 1, rest: 0, rounds: 99 });
  });

  test('not a timer link → null', () => {
    for (const h of ['', '#', '#how-to', '#timers', undefined, null]) {
      assert.equal(parseHash(h), null, String(h));
    }
  });

  test('malformed timer link → NaN fields that fail validation', () => {
    for (const h of [
      '#timer=',
      '#timer=20-40',
      '#timer=20x6',
      '#timer=a-b',
      '#timer=20-40x6x2',
      '#timer=-1-40x6',
      '#timer=2.5-40x6',
    ]) {
      const v = parseHash(h);
      assert.ok(v && Number.isNaN(v.work), h);
      assert.equal(validateEdit(v), 'Work must be a whole number of seconds from 1 to 3600.');
    }
  });

  test('out-of-range values parse but fail validation', () => {
    assert.equal(
      validateEdit(parseHash('#timer=0-40x6')),
      'Work must be a whole number of seconds from 1 to 3600.',
    );
    assert.equal(
      validateEdit(parseHash('#timer=20-40x100')),
      'Rounds must be a whole number from 1 to 99.',
    );
  });

  test('format and round trip', () => {
    assert.equal(formatHash({ work: 20, rest: 40, rounds: 6 }), '#timer=20-40x6');
    assert.equal(formatHash(45, 15, 8), '#timer=45-15x8');
    const v = { work: 3600, rest: 0, rounds: 1 };
    assert.deepEqual(parseHash(formatHash(v)), v);
  });
});

describe('validateEdit', () => {
  const W = 'Work must be a whole number of seconds from 1 to 3600.';
  const R = 'Rest must be a whole number of seconds from 0 to 3600.';
  const N = 'Rounds must be a whole number from 1 to 99.';

  test('valid values (numbers or input strings)', () => {
    assert.equal(validateEdit({ work: 20, rest: 40, rounds: 6 }), null);
    assert.equal(validateEdit({ work: '20', rest: '0', rounds: '99' }), null);
    assert.equal(validateEdit({ work: 1, rest: 3600, rounds: 1 }), null);
    assert.equal(validateEdit({ work: 3600, rest: 0, rounds: 99 }), null);
  });

  test('work', () => {
    for (const w of [
      0,
      3601,
      -1,
      2.5,
      '2.5',
      '',
      ' ',
      'abc',
      '1e3',
      NaN,
      null,
      undefined,
      Infinity,
    ]) {
      assert.equal(validateEdit({ work: w, rest: 10, rounds: 3 }), W, String(w));
    }
  });

  test('rest', () => {
    for (const r of [-1, 3601, 1.5, '', 'x']) {
      assert.equal(validateEdit({ work: 10, rest: r, rounds: 3 }), R, String(r));
    }
  });

  test('rounds', () => {
    for (const n of [0, 100, 1.5, '', '-3']) {
      assert.equal(validateEdit({ work: 10, rest: 0, rounds: n }), N, String(n));
    }
  });

  test('first error wins', () => {
    assert.equal(validateEdit({ work: 0, rest: -1, rounds: 0 }), W);
    assert.equal(validateEdit({ work: 5, rest: -1, rounds: 0 }), R);
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
