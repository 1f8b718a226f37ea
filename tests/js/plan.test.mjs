// Unit tests for the session builder's pure rules (docs/assets/builder/plan.js) and the local
// storage formats (docs/assets/keep/): node --test tests/js/
// The library here is a small hand-made one in the shape macros/render/library.py writes;
// tests/test_builder_plan.py runs plan.js on the real one.

import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  blockSummary,
  describe as describePlan,
  emptySession,
  formatLink,
  isLink,
  itemFor,
  MAX_DRILLS,
  parseLink,
  toPlan,
  totalSeconds,
  validateSession,
} from '../../docs/assets/builder/plan.js';

const limits = {
  work: [1, 3600],
  distance: [1, 400],
  rest: [0, 3600],
  rounds: [1, 99],
  sets: [1, 20],
  set_rest: [0, 3600],
  prepare: [0, 3600],
  transition: [0, 3600],
  cooldown: [0, 3600],
};
const block = (fields) => ({
  work: null,
  distance: null,
  rest: 0,
  walk_back: false,
  rounds: 4,
  sets: 1,
  set_rest: 0,
  ...fields,
});
const library = {
  version: 1,
  defaults: { prepare: 10, transition: 30, transition_label: 'Recover' },
  limits,
  max_plan_seconds: 10800,
  drills: [
    {
      slug: 'a-skip',
      name: 'A-skip',
      cues: ['Tall', 'Quick'],
      block: block({ work: 20, rest: 40 }),
    },
    {
      slug: 'push-off-run',
      name: 'Push-off run',
      cues: ['Push', 'Glide', 'Relax'],
      block: block({ distance: 20, walk_back: true, rounds: 3 }),
    },
  ],
};
const [skip, pushOff] = library.drills;

function session(items, fields = {}) {
  return { ...emptySession(library), ...fields, items };
}

describe('share link', () => {
  test('round-trips a session, names and labels included', () => {
    const original = session(
      [itemFor(skip), itemFor(pushOff), { ...itemFor(skip), sets: 2, setRest: 120 }],
      {
        name: 'Tuesday & “track”',
        label: 'Walk back',
        cooldown: 60,
      },
    );
    const link = formatLink(original);
    assert.match(link, /^v=1&/);
    assert.ok(link.includes('d=a-skip:20-40x4,push-off-run:20m-wx3,a-skip:20-40x4s2r120'));
    assert.deepEqual(parseLink(`#${link}`, library).session, original);
  });

  test('only a fragment starting with v= is a builder link', () => {
    assert.equal(isLink('#v=1&d=a-skip:20-40x4'), true);
    assert.equal(isLink('#builder-library'), false);
    assert.equal(isLink(''), false);
  });

  test('another version is refused with a message, not half-read', () => {
    const { session: got, error } = parseLink('#v=2&d=a-skip:20-40x4', library);
    assert.equal(got, undefined);
    assert.match(error, /version 2/);
  });

  test('a drill no longer in the library makes the link out of date', () => {
    assert.match(parseLink('#v=1&d=gone-drill:20-40x4', library).error, /out of date.*gone-drill/);
  });

  for (const bad of [
    'v=1',
    'v=1&d=a-skip',
    'v=1&d=a-skip:20-40',
    'v=1&d=a-skip:0-40x4',
    'v=1&d=a-skip:20-40x100',
    'v=1&d=a-skip:20m-wx4,Bad_Slug:20-40x4',
    'v=1&p=-5&d=a-skip:20-40x4',
    'v=1&p=99999&d=a-skip:20-40x4',
    `v=1&n=${'x'.repeat(61)}&d=a-skip:20-40x4`,
    'v=1&d=a-skip:3600-0x99s20r3600',
    `v=1&d=${Array(MAX_DRILLS + 1)
      .fill('a-skip:20-40x1')
      .join(',')}`,
  ]) {
    test(`malformed link ${bad.slice(0, 40)} gives a message`, () => {
      const result = parseLink(`#${bad}`, library);
      assert.equal(result.session, undefined);
      assert.match(result.error, /damaged/);
    });
  }

  test('a broken percent escape does not throw', () => {
    assert.equal(typeof parseLink('#v=1&n=%E0%A4%A&d=a-skip:20-40x4', library), 'object');
  });
});

describe('plan', () => {
  test('names every block, carries the cues and puts the transition between drills', () => {
    const plan = toPlan(
      session([itemFor(skip), itemFor(pushOff)], { label: 'Walk back' }),
      library,
    );
    assert.equal(plan.title, 'My session');
    assert.deepEqual(
      plan.blocks.map((b) => [b.name, b.after, b.after_label, b.cues.length]),
      [
        ['A-skip', 30, 'Walk back', 2],
        ['Push-off run', 0, 'Walk back', 3],
      ],
    );
    assert.equal(plan.blocks[1].distance, 20);
    assert.equal(plan.blocks[1].work, null);
  });

  test('the total is the timer’s: get ready, efforts, rests, transitions, cool-down', () => {
    const plan = toPlan(session([itemFor(skip), itemFor(skip)], { cooldown: 60 }), library);
    // 10 + 2 × (4 × 20 + 3 × 40) + 30 + 60
    assert.equal(totalSeconds(plan), 10 + 2 * 200 + 30 + 60);
    assert.equal(
      describePlan(plan),
      'Get ready 10 s, then 2 drills, 8 efforts, cool-down 1 min — 8:20 in all',
    );
  });

  test('summaries read as the printed plans do', () => {
    assert.equal(
      blockSummary(toPlan(session([itemFor(skip)]), library).blocks[0]),
      '4 × (20 s / 40 s rest)',
    );
    const sets = { ...itemFor(pushOff), sets: 2, setRest: 90 };
    assert.equal(
      blockSummary(toPlan(session([sets]), library).blocks[0]),
      '3 × (20 m / walk back), 2 sets with 1 min 30 s between',
    );
  });

  test('a plan longer than a timer runs is refused', () => {
    const long = { ...itemFor(skip), effort: 3600, rest: 0, rounds: 4 };
    assert.match(validateSession(session([long]), library), /longer than the 3 hours/);
  });
});

// --- storage: a stand-in localStorage, as a browser's --------------------------------------

class MemoryStorage {
  #items = new Map();
  getItem(key) {
    return this.#items.has(key) ? this.#items.get(key) : null;
  }
  setItem(key, value) {
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
}

const history = await import('../../docs/assets/keep/history.js');
const sessions = await import('../../docs/assets/keep/sessions.js');

describe('local history', () => {
  beforeEach(() => {
    globalThis.localStorage = new MemoryStorage();
  });
  const detail = {
    id: 'high-knee-run',
    title: 'High-knee run',
    plannedMs: 170000,
    doneMs: 171234,
    efforts: 4,
  };

  test('a finished run is added with its date, plan and time', () => {
    assert.equal(
      history.addRun(detail, '/drills/high-knee-run/', new Date('2026-11-24T10:00:00Z')),
      '',
    );
    const { runs, problem } = history.readHistory();
    assert.equal(problem, '');
    assert.deepEqual(runs, [
      { at: '2026-11-24T10:00:00.000Z', ...detail, doneMs: 171234, page: '/drills/high-knee-run/' },
    ]);
  });

  test('a damaged value is ignored with a message, never thrown', () => {
    localStorage.setItem(history.HISTORY_KEY, '{not json');
    const { runs, problem } = history.readHistory();
    assert.deepEqual(runs, []);
    assert.match(problem, /unreadable/);
    assert.equal(history.addRun(detail, '/'), ''); // and the next run starts a good list
    assert.equal(history.readHistory().runs.length, 1);
  });

  test('foreign entries are skipped and counted', () => {
    const good = { at: '2026-11-24T10:00:00.000Z', ...detail, page: '/' };
    const stored = {
      version: 1,
      runs: [
        good,
        { at: 'yesterday' },
        'x',
        null,
        { ...good, doneMs: -1 },
        { ...good, page: 'javascript:alert(1)' }, // it would become a link
        { ...good, page: '//elsewhere.example/' },
      ],
    };
    localStorage.setItem(history.HISTORY_KEY, JSON.stringify(stored));
    const { runs, ignored, problem } = history.readHistory();
    assert.deepEqual(runs, [good]);
    assert.equal(ignored, 6);
    assert.match(problem, /Ignored 6/);
  });

  test('blocked storage reads as empty with a message', () => {
    globalThis.localStorage = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    };
    assert.match(history.readHistory().problem, /does not let/);
    assert.match(history.addRun(detail, '/'), /Could not save/);
  });

  test('merging keeps each run once, oldest first', () => {
    const run = (at) => ({ at, ...detail, page: '/' });
    const merged = history.mergeRuns(
      [run('2026-01-02T00:00:00Z')],
      [run('2026-01-01T00:00:00Z'), run('2026-01-02T00:00:00Z')],
    );
    assert.deepEqual(
      merged.map((r) => r.at),
      ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    );
  });

  test('CSV quotes what needs it and defuses spreadsheet formulas', () => {
    const csv = history.runsCsv([
      { at: '2026-11-24T10:00:00.000Z', ...detail, title: '=SUM(1,2) "x"', page: '/' },
    ]);
    assert.equal(
      csv,
      'date,what,planned_s,done_s,efforts,page\r\n2026-11-24T10:00:00.000Z,"\'=SUM(1,2) ""x""",170,171,4,/\r\n',
    );
  });
});

describe('saved sessions', () => {
  beforeEach(() => {
    globalThis.localStorage = new MemoryStorage();
  });

  test('save, rename, replace and delete', () => {
    const { id } = sessions.saveSession({ name: 'Mine', link: 'v=1&d=a-skip:20-40x4' });
    sessions.renameSession(id, 'Tuesday');
    sessions.saveSession({ id, name: 'Tuesday', link: 'v=1&d=a-skip:20-40x5' });
    const [saved, ...more] = sessions.readSessions().sessions;
    assert.deepEqual(more, []);
    assert.equal(saved.name, 'Tuesday');
    assert.equal(saved.link, 'v=1&d=a-skip:20-40x5');
    sessions.deleteSession(id);
    assert.deepEqual(sessions.readSessions().sessions, []);
  });

  test('an entry that is not a saved session is ignored with a message', () => {
    const good = {
      id: 's1',
      name: 'A',
      link: 'v=1&d=a-skip:20-40x4',
      saved: '2026-11-24T10:00:00Z',
    };
    localStorage.setItem(
      sessions.SESSIONS_KEY,
      JSON.stringify({
        version: 1,
        sessions: [good, { ...good, id: 's2', link: 'javascript:alert(1)' }],
      }),
    );
    const { sessions: list, problem } = sessions.readSessions();
    assert.deepEqual(list, [good]);
    assert.match(problem, /Ignored 1 saved session this/);
  });
});
