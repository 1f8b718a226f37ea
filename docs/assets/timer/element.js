// <drill-timer>: the interval timer's view. The timing rules live in engine.js; this file builds
// the controls, keeps the display in step with the clock and plays the cues. Without JavaScript,
// and on paper, the server-rendered table inside the element is the timer.
//
// Built for a coach at a track: the whole surface takes the phase's colour (timer.css), the
// clock fills the width, one big Start/Pause, a compact bar ("dock") keeps the timer in reach
// while the page scrolls, and a Focus view fills the screen where Fullscreen is missing.
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
} from './engine.js';

// Beeps are scheduled this far ahead on the audio clock, and topped up on every tick: the audio
// clock keeps time in a hidden tab, where the browser may run our timers once a minute.
const SCHEDULE_AHEAD_MS = 120_000;
// How often the display and the beep queue are refreshed when no animation frames come.
const TICK_MS = 250;
const TICK_TONE = { hz: 880, seconds: 0.12 }; // 3, 2 and 1 s before a phase ends
const CHANGE_TONE = { hz: 1320, seconds: 0.5 }; // at each phase change, and "go" on Start
// Silence before the first tone: Bluetooth headphones wake up on sound and clip what comes first.
const PRE_ROLL_SECONDS = 0.3;
const VIBRATE_MS = 200;
// A second tap on Reset within this time resets a running or paused timer.
const CONFIRM_MS = 3000;
const STORAGE_KEY_PREFIX = 'drillbook:timer:';

// --- sound ---------------------------------------------------------------------------------

// One AudioContext for every timer on the page: browsers limit how many a page may open.
let audioContext;
// The timers on the page, told when the audio clock comes back (see watchAudio).
const timers = new Set();

// The shared AudioContext, running if the browser lets it; undefined without Web Audio. Call it
// from a click or key press: browsers (iOS Safari above all) start audio only in a user gesture.
// A context that cannot come back (closed, or stuck after an interruption) is replaced.
function resumeAudio() {
  try {
    if (!audioContext || audioContext.state === 'closed') {
      audioContext = new (window.AudioContext || window.webkitAudioContext)();
      watchAudio(audioContext);
    }
    if (audioContext.state !== 'running') {
      const context = audioContext;
      return context.resume().then(
        () => context,
        () => {
          context.close().catch(() => {});
          audioContext = undefined; // the next gesture makes a new one
          return undefined;
        },
      );
    }
  } catch {
    // No Web Audio: the timer runs without sound.
  }
  return Promise.resolve(audioContext);
}

// While the context is suspended or interrupted (iOS app switch, a phone call) its clock stops,
// and every queued beep would play late by the length of the break: when it runs again, each
// timer queues its beeps afresh from the true elapsed time.
function watchAudio(context) {
  context.addEventListener('statechange', () => {
    if (context.state === 'running') for (const timer of timers) timer.resyncCues();
  });
}

// Where the browser has the Audio Session API (Safari), ask for "playback" audio, which the
// ring/silent switch does not mute. Like resumeAudio(), only inside a user gesture.
function preferPlaybackAudio() {
  try {
    if (navigator.audioSession) navigator.audioSession.type = 'playback';
  } catch {
    // An implementation that refuses the type: the default session still plays.
  }
}

// One tone at `at` seconds on the context's clock. The oscillator stays in `scheduled` until it
// has played, so a reschedule can stop the ones still waiting. Volume 0: a silent pre-roll.
function beep(context, at, { hz, seconds }, scheduled, volume = 0.3) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = hz;
  // Ramp the volume up and down to avoid clicks; exponential ramps cannot reach 0, hence 1e-4.
  gain.gain.setValueAtTime(1e-4, at);
  gain.gain.exponentialRampToValueAtTime(Math.max(volume, 1e-4), at + 0.01);
  gain.gain.exponentialRampToValueAtTime(1e-4, at + seconds);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(at);
  oscillator.stop(at + seconds);
  scheduled.add(oscillator);
  oscillator.onended = () => {
    scheduled.delete(oscillator);
    gain.disconnect();
  };
}

// A timed phase's beeps as [elapsed ms, tone]: ticks 3, 2 and 1 s before its end (only those
// inside the phase, so a 2 s phase gets two), then the change tone at its end. An open phase
// (ending at a tap, end Infinity) has none: its change tone plays on the tap.
function phaseBeeps(phase) {
  if (!Number.isFinite(phase.end)) return [];
  const ticks = [3000, 2000, 1000]
    .map((before) => [phase.end - before, TICK_TONE])
    .filter(([at]) => at > phase.start);
  return [...ticks, [phase.end, CHANGE_TONE]];
}

// --- text ----------------------------------------------------------------------------------

// "Round 2 of 6", plus " · Set 1 of 2" when the block has sets; '' outside rounds (Get ready,
// the rest between drills, cool-down) and after the end.
function roundText(phase) {
  if (!phase?.round) return '';
  const round = `Round ${phase.round} of ${phase.rounds}`;
  return phase.sets > 1 ? `${round} · Set ${phase.set} of ${phase.sets}` : round;
}

// What the status region says as a phase starts, as one sentence:
// "High-knee run — Work, round 1 of 6", "Walk back — next: B-skip", and "Done" at the end.
function announcement(phase) {
  if (!phase) return 'Done';
  const round = roundText(phase).toLowerCase().replace(' · ', ', ');
  return round ? `${phase.label}, ${round}` : phase.label;
}

// The phase in a word or two, for the dock: "Work", "20 m", "Walk back", "Get ready".
function shortLabel(phase) {
  const [first, last] = phase.label.split(' — ');
  return last && !last.startsWith('next:') ? last : first;
}

function nextText(phase, next) {
  if (next) return `Next: ${next.label}`;
  return phase ? 'Last phase' : '';
}

// The main button's word for each moment. In an open phase it ends the phase: "Done" after a
// run over the distance, "Go" to end a walk-back and start the next run.
function mainLabel(state, phase) {
  if (state === 'running' && phase?.open) return phase.kind === 'work' ? 'Done' : 'Go';
  return { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Start again' }[state];
}

// --- plan and saved edits ------------------------------------------------------------------

// The plan from data-plan, or null when it is missing, malformed or has no blocks.
function parsePlan(json) {
  try {
    const plan = JSON.parse(json);
    return plan.blocks.length ? plan : null;
  } catch {
    return null;
  }
}

// localStorage throws where storage is blocked (settings, some private modes): the timer then
// works as usual and just does not remember the edit.
function loadEdits(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function saveEdits(key, edits) {
  try {
    localStorage.setItem(key, JSON.stringify(edits));
  } catch {
    // See loadEdits().
  }
}

function forgetEdits(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // See loadEdits().
  }
}

// --- DOM helpers ---------------------------------------------------------------------------

function makeElement(tag, attributes = {}, text = '') {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.textContent = text;
  return element;
}

function makeButton(text, onClick, attributes = {}) {
  const button = makeElement('button', { type: 'button', ...attributes }, text);
  button.onclick = onClick;
  return button;
}

// The class of a part of the widget, as timer.css names it.
function partClass(name) {
  return { class: `drill-timer__${name}` };
}

// Write only on change: the display is refreshed every frame, and each write is a DOM mutation
// (and, in the status region, something a screen reader may say again).
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function vibrate() {
  try {
    navigator.vibrate?.(VIBRATE_MS);
  } catch {
    // A cue is never worth an error.
  }
}

// --- the element ---------------------------------------------------------------------------

// The timer the dock belongs to: the last one started, else the first on the page.
let dockOwner = null;

class DrillTimer extends HTMLElement {
  // The plan from data-plan, as the site shipped it; edits are applied over it.
  #plan;
  // The phases of the plan in use, and their timeline given the closes so far.
  #phases = [];
  #timeline = [];
  // Elapsed ms at which each open phase (a run over a distance, a walk-back) was closed.
  #closes = [];
  #timerId;
  // Where this timer's edits are saved: per timer id, so each drill keeps its own.
  #storageKey;

  // Built by #build(); #ui stays undefined when data-plan is unusable.
  #ui;
  #display; // the elements that show the state: label, clock, counters, status, error…
  #buttons; // main (Start/Pause/Done), skip, reset, sound, voice, screen
  #fields = []; // the edit form's inputs, one {effort, rest, rounds} per block
  #dock; // the compact bar: {bar, text, button}

  // 'idle', 'running', 'paused' or 'done'; mirrored to data-state for the stylesheet.
  #state = 'idle';
  // performance.now() at Start (moved back by Skip), at the latest pause, and the total of
  // earlier pauses: elapsed time is computed from these, never counted in ticks.
  #startedAt = 0;
  #pausedAt = 0;
  #pausedTotalMs = 0;
  // Elapsed ms when the last phase ended, for the end summary.
  #finishedAfterMs = 0;
  // Index of the phase last announced; null until the first one after Start or Reset.
  #announcedPhaseIndex = null;
  // Handles of the interval and the animation frame that drive #render() while running.
  #tickInterval;
  #animationFrame;
  // Set by a first tap on Reset while running or paused; a second tap before it ends resets.
  #resetConfirmTimeout = null;
  // Whether the full timer is on screen (the dock shows only when it is not).
  #uiVisible = true;
  #visibilityObserver;
  #pageTitle = document.title;
  // The last title we wrote, so we only ever put back a title that is still ours (another
  // script may have set one since).
  #titleWritten = null;

  #soundOn = true;
  #voiceOn = false;
  // Oscillators queued on the audio clock that have not played yet.
  #scheduledBeeps = new Set();
  // Start's pre-roll and "go", kept out of the queue: a resync (the new AudioContext reports
  // 'running' just after Start) must not cut them off.
  #startTones = new Set();
  // Every beep due before this elapsed time (ms) is on the audio clock; 0 after a cancel.
  #beepsQueuedUntilMs = 0;

  // The screen wake lock we hold, if any, and whether a request for one is under way.
  #wakeLock = null;
  #wakeLockPending = false;

  get running() {
    return this.#state === 'running';
  }

  connectedCallback() {
    if (!this.#ui && !this.#build()) return; // unusable plan: the static table stays the timer
    timers.add(this);
    dockOwner ||= this;
    this.#pageTitle = document.title;
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    document.addEventListener('fullscreenchange', this.#onScreenChange);
    document.addEventListener('keydown', this.#onDocumentKeyDown);
    this.#visibilityObserver = new IntersectionObserver(([entry]) => {
      this.#uiVisible = entry.isIntersecting;
      this.#showDock();
    });
    this.#visibilityObserver.observe(this.#ui);
  }

  disconnectedCallback() {
    if (!this.#ui) return;
    // Taken out of the page (a script that replaces content does so without an unload):
    // stop everything we own.
    this.#reset();
    this.#leaveFocusView();
    timers.delete(this);
    if (dockOwner === this) dockOwner = null;
    this.#visibilityObserver.disconnect();
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    document.removeEventListener('fullscreenchange', this.#onScreenChange);
    document.removeEventListener('keydown', this.#onDocumentKeyDown);
  }

  // A hidden tab gets no animation frames: show the right state the moment it is visible again,
  // take the wake lock again (the browser drops it while hidden) and bring the audio back.
  #onVisibilityChange = () => {
    this.#render();
    if (!this.running || document.hidden) return;
    this.#holdWakeLock();
    if (audioContext && audioContext.state !== 'running') {
      audioContext.resume().then(
        () => this.resyncCues(),
        () => {},
      );
    } else {
      this.resyncCues();
    }
  };

  // Fullscreen can also end without our button (Esc): follow the document, not the clicks.
  #onScreenChange = () => this.#showScreenButton();

  // Esc leaves the Focus view, as it leaves fullscreen.
  #onDocumentKeyDown = (event) => {
    if (event.key === 'Escape' && this.classList.contains('drill-timer--focus')) {
      this.#leaveFocusView();
    }
  };

  // Space presses the main button while the timer itself has focus.
  #onKeyDown = (event) => {
    // Never other keys: Material binds f, s, /, p, n, comma and period.
    if (event.key !== ' ' || event.ctrlKey || event.altKey || event.metaKey) return;
    // On a button, input or summary, Space already does that control's job.
    if (event.target.closest('button,input,summary')) return;
    event.preventDefault(); // or the page scrolls
    if (!event.repeat) this.#pressMain();
  };

  // --- building ----------------------------------------------------------------------------

  // Put the controls over the static table. False, leaving the table alone, for a bad plan.
  #build() {
    const plan = parsePlan(this.dataset.plan);
    if (!plan) return false;
    this.#plan = plan;
    this.#timerId = this.dataset.timerId || plan.id;
    this.#storageKey = STORAGE_KEY_PREFIX + this.#timerId;

    this.#display = this.#buildDisplay();
    this.#buttons = this.#buildButtons();
    const more = makeElement('div', partClass('more'));
    const { main, ...secondary } = this.#buttons;
    more.append(...Object.values(secondary));
    const editor = this.#buildEditor();
    const d = this.#display;
    this.#ui = makeElement('div', {
      ...partClass('ui'),
      role: 'group',
      'aria-label': `Interval timer: ${plan.title}`,
    });
    this.#ui.append(d.label, d.count, d.clock, d.bar, d.next, d.meta, main, more);
    this.#ui.append(editor, d.error, d.status);
    this.#dock = this.#buildDock();
    this.prepend(this.#ui);
    this.append(this.#dock.bar);
    this.#showScreenButton();
    this.classList.add('drill-timer--js'); // the stylesheet hides the table from here on

    // Focusable, though not in the Tab order: a click inside focuses the timer, so Space works.
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1;
    this.addEventListener('keydown', this.#onKeyDown);

    this.#applyEdits(this.#initialEdits());
    return true;
  }

  #buildDisplay() {
    return {
      label: makeElement('p', partClass('label')),
      count: makeElement('p', partClass('count')),
      // aria-live off: a per-second countdown would drown screen reader users.
      clock: makeElement('div', {
        ...partClass('clock'),
        role: 'timer',
        'aria-live': 'off',
        'aria-atomic': 'false',
      }),
      bar: makeElement('progress', { ...partClass('bar'), 'aria-label': 'Phase progress' }),
      next: makeElement('p', partClass('next')),
      meta: makeElement('p', partClass('meta')),
      // Screen readers hear each phase change here, once (role=status is polite).
      status: makeElement('p', { ...partClass('sr'), role: 'status' }),
      error: makeElement('p', { ...partClass('err'), role: 'alert' }),
    };
  }

  #buildButtons() {
    const buttons = {
      main: makeButton('Start', () => this.#pressMain(), partClass('main')),
      skip: makeButton('Skip phase', () => this.#skip()),
      reset: makeButton('Reset', () => this.#pressReset()),
      sound: makeButton('Sound on', () => this.#toggleSound()),
      voice: makeButton('Voice off', () => this.#toggleVoice()),
      screen: makeButton('Fullscreen', () => this.#toggleScreen()),
    };
    // Offer only what this browser can do; the Focus view stands in for Fullscreen.
    buttons.voice.hidden = !window.speechSynthesis;
    return buttons;
  }

  #buildDock() {
    const bar = makeElement('div', {
      ...partClass('dock'),
      role: 'group',
      'aria-label': `Timer: ${this.#plan.title}`,
      hidden: '',
    });
    // The text scrolls back to the full timer.
    const text = makeButton('', () => this.#ui.scrollIntoView({ block: 'center' }), {
      ...partClass('dock-text'),
    });
    const button = makeButton('Start', () => this.#pressMain(), partClass('dock-main'));
    bar.append(text, button);
    return { bar, text, button };
  }

  // One row of fields per block (per drill in a session): each keeps its own numbers. Only what
  // can change without reshaping the plan is offered: a distance stays a distance, a walk-back
  // stays a walk-back.
  #buildEditor() {
    // novalidate: errors go to our role=alert text, not browser bubbles.
    const form = makeElement('form', { novalidate: '' });
    const several = this.#plan.blocks.length > 1;
    this.#fields = this.#plan.blocks.map((block) => {
      const group = makeElement('fieldset');
      if (several) group.append(makeElement('legend', {}, block.name));
      const field = (label, min, max) => {
        const wrapper = makeElement('label', {}, `${label} `);
        const input = makeElement('input', {
          type: 'number',
          inputmode: 'numeric',
          min,
          max,
          step: 1,
        });
        wrapper.append(input);
        group.append(wrapper);
        return input;
      };
      const fields = {
        effort: block.distance ? field('Distance (m)', 1, 400) : field('Work (s)', 1, 3600),
        rest: block.walk_back ? null : field('Rest (s)', 0, 3600),
        rounds: field('Rounds', 1, 99),
      };
      if (block.walk_back) group.append(makeElement('p', {}, 'Recovery: walk back'));
      form.append(group);
      return fields;
    });
    // Apply is the form's submit button (a button's default type), so Enter in a field applies.
    const apply = makeElement('button', {}, 'Apply');
    const resetToPlan = makeButton('Reset to plan', () => this.#resetToPlan());
    form.append(apply, resetToPlan);
    form.onsubmit = (event) => {
      event.preventDefault();
      this.#applyForm();
    };
    const details = makeElement('details', partClass('edit'));
    details.append(makeElement('summary', {}, 'Edit timer'), form);
    return details;
  }

  // --- edits -------------------------------------------------------------------------------

  // Which numbers to start with: a link to this timer, else its saved edits, else none (null:
  // the plan from the data). A bad link is ignored with a message; a bad save silently. The
  // older "#timer=" link, which names no timer, opens a page's only timer if it has one block.
  #initialEdits() {
    const single = this.#plan.blocks.length === 1 && this.#onlyTimer();
    const linked = parseHash(location.hash, this.#timerId, single);
    if (linked) {
      const problem =
        linked === 'invalid'
          ? 'it is not a timer plan like 20-40x4.'
          : validateEdits(this.#plan, linked);
      if (!problem) return linked;
      setText(this.#display.error, `Ignored the timer link: ${problem}`);
    }
    const saved = loadEdits(this.#storageKey);
    return saved && !validateEdits(this.#plan, saved) ? saved : null;
  }

  #onlyTimer() {
    return document.querySelectorAll('drill-timer').length === 1;
  }

  // Use the edits (or, for null, the plan from the data); show them in the form; go idle.
  #applyEdits(edits) {
    const plan = edits ? withEdits(this.#plan, edits) : this.#plan;
    this.#phases = phasesFromPlan(plan);
    editsOf(plan).forEach((edit, index) => {
      const fields = this.#fields[index];
      fields.effort.value = edit.effort;
      if (fields.rest) fields.rest.value = edit.rest;
      fields.rounds.value = edit.rounds;
    });
    this.#reset();
  }

  // Apply: check the numbers, save them for this timer, put them in the address bar as a link
  // to share (keyed to this timer), and use them.
  #applyForm() {
    const edits = this.#fields.map((fields) => ({
      effort: fields.effort.value,
      rest: fields.rest ? fields.rest.value : 0,
      rounds: fields.rounds.value,
    }));
    const problem = validateEdits(this.#plan, edits);
    setText(this.#display.error, problem || '');
    if (problem) return;
    const numbers = edits.map((edit, index) => ({
      effort: Number(edit.effort),
      distance: Boolean(this.#plan.blocks[index].distance),
      rest: Number(edit.rest),
      walkBack: Boolean(this.#plan.blocks[index].walk_back),
      rounds: Number(edit.rounds),
    }));
    saveEdits(this.#storageKey, numbers);
    // replaceState: no jump to an anchor, no extra history entry.
    history.replaceState(history.state, '', formatHash(this.#timerId, numbers));
    this.#applyEdits(numbers);
  }

  // Reset to plan: forget the saved edits and take a link to this timer out of the address bar.
  #resetToPlan() {
    forgetEdits(this.#storageKey);
    if (parseHash(location.hash, this.#timerId, this.#onlyTimer())) {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
    setText(this.#display.error, '');
    this.#applyEdits(null);
  }

  // --- running -----------------------------------------------------------------------------

  // Time since Start less the pauses, from the monotonic clock. Counting ticks instead would
  // drift whenever the browser throttles timers or drops frames.
  #elapsed() {
    switch (this.#state) {
      case 'idle':
        return 0;
      case 'done':
        return Infinity;
      case 'paused':
        return this.#pausedAt - this.#startedAt - this.#pausedTotalMs;
      default:
        return performance.now() - this.#startedAt - this.#pausedTotalMs;
    }
  }

  #now() {
    return stateAt(this.#timeline, this.#elapsed());
  }

  #setState(state) {
    this.#state = state;
    this.dataset.state = state;
    this.#buttons.skip.disabled = state === 'idle' || state === 'done';
    this.#cancelResetConfirm();
  }

  // The main button, the dock's button and Space: start, pause, resume, or end an open phase.
  #pressMain() {
    if (this.running && this.#now().phase?.open) this.#closeOpenPhase();
    else if (this.running) this.#pause();
    else this.#play();
  }

  // Start from idle, start again after the end, or resume a pause.
  #play() {
    const now = performance.now();
    const resuming = this.#state === 'paused';
    // Both audio calls must happen here, still inside the user's click or key press.
    preferPlaybackAudio();
    const audioReady = resumeAudio();
    if (resuming) {
      this.#pausedTotalMs += now - this.#pausedAt;
    } else {
      if (this.#state === 'done') this.#reset();
      this.#startedAt = now;
      this.#pausedTotalMs = 0;
    }
    // The dock is this timer's now: the one that had it hides its own.
    const previousOwner = dockOwner;
    dockOwner = this;
    if (previousOwner !== this) previousOwner?.#showDock();
    this.#setState('running');
    audioReady.then((context) => {
      if (!context || !this.running) return;
      this.resyncCues();
      if (!resuming && this.#cuesAudible()) {
        // A silent pre-roll wakes Bluetooth headphones, then "go".
        beep(context, context.currentTime, CHANGE_TONE, this.#startTones, 0);
        const go = context.currentTime + PRE_ROLL_SECONDS;
        beep(context, go, CHANGE_TONE, this.#startTones);
      }
    });
    this.#holdWakeLock();
    this.#startTicking();
  }

  #pause() {
    this.#pausedAt = performance.now();
    this.#setState('paused');
    this.#stopTicking();
    this.#releaseWakeLock();
    this.#cancelCues();
    this.#render();
  }

  // Skip: end the phase now. A timed phase ends by moving Start back by what is left of it; an
  // open one is closed, as its Done does.
  #skip() {
    const now = this.#now();
    if (now.phase?.open) {
      this.#closeOpenPhase();
      return;
    }
    this.#startedAt -= now.remainingMs;
    this.resyncCues();
    this.#render();
  }

  // End the open phase under way (a run over the distance, a walk-back) at this moment.
  #closeOpenPhase() {
    this.#closes = [...this.#closes, this.#elapsed()];
    this.#timeline = timeline(this.#phases, this.#closes);
    this.#playNow(CHANGE_TONE);
    this.resyncCues();
    this.#render();
  }

  // A first tap on Reset while a run is under way asks for a second: one stray tap must not wipe
  // a session. Idle or done, it resets at once.
  #pressReset() {
    if (this.#state === 'idle' || this.#state === 'done' || this.#resetConfirmTimeout) {
      this.#reset();
      return;
    }
    setText(this.#buttons.reset, 'Tap again to reset');
    this.#resetConfirmTimeout = setTimeout(() => this.#cancelResetConfirm(), CONFIRM_MS);
  }

  #cancelResetConfirm() {
    clearTimeout(this.#resetConfirmTimeout);
    this.#resetConfirmTimeout = null;
    setText(this.#buttons.reset, 'Reset');
  }

  // Back to the start of the plan, stopped and silent.
  #reset() {
    this.#stopTicking();
    this.#releaseWakeLock();
    this.#setState('idle');
    this.#cancelCues();
    this.#closes = [];
    this.#timeline = timeline(this.#phases, this.#closes);
    this.#announcedPhaseIndex = null;
    setText(this.#display.status, '');
    this.#render();
  }

  // Past the last phase. The final change tone is already queued on the audio clock and plays.
  // The page hears of it (bubbling 'drill-timer-finish'): assets/keep/record.js logs the run.
  #finish() {
    this.#finishedAfterMs = this.#timeline.at(-1)?.end ?? 0;
    this.#stopTicking();
    this.#releaseWakeLock();
    this.#setState('done');
    const detail = {
      id: this.#timerId,
      title: this.#plan.title,
      plannedMs: stateAt(this.#phases, 0).totalRemainingMs, // the timed part; runs count 0
      doneMs: this.#finishedAfterMs,
      efforts: this.#phases.filter((phase) => phase.kind === 'work').length,
    };
    this.dispatchEvent(new CustomEvent('drill-timer-finish', { bubbles: true, detail }));
  }

  // Animation frames keep the clock smooth while the page is visible; the interval keeps the
  // display and the beep queue going where frames stop coming.
  #startTicking() {
    this.#stopTicking();
    this.#tickInterval = setInterval(() => {
      this.#render();
      this.#queueBeeps();
    }, TICK_MS);
    const frame = () => {
      this.#render();
      if (this.running) this.#animationFrame = requestAnimationFrame(frame);
    };
    frame();
  }

  #stopTicking() {
    cancelAnimationFrame(this.#animationFrame);
    clearInterval(this.#tickInterval);
  }

  // --- display -----------------------------------------------------------------------------

  // Bring the display up to date with the clock. A new phase (after Start, or Skip while
  // paused) is announced once; the end finishes the run.
  #render() {
    const now = this.#now();
    if (this.#state !== 'idle' && now.index !== this.#announcedPhaseIndex) {
      this.#announcedPhaseIndex = now.index;
      if (!now.phase) this.#finish();
      this.#announce(now.phase, now.next);
    }
    this.#show(now);
  }

  // Status text, a vibration and, with Voice on, the drill's coaching spoken.
  #announce(phase, next) {
    setText(this.#display.status, announcement(phase));
    vibrate();
    if (this.#voiceOn && this.#soundOn && window.speechSynthesis) {
      speechSynthesis.cancel(); // never queue behind a phase that is over
      speechSynthesis.speak(new SpeechSynthesisUtterance(spokenText(phase, next)));
    }
  }

  #show({ index, phase, remainingMs, elapsedInPhaseMs, totalRemainingMs, next }) {
    const d = this.#display;
    const done = this.#state === 'done';
    // The stylesheet colours the whole surface by phase; idle stays the page's colours.
    this.dataset.phase = done ? 'done' : phase && this.#state !== 'idle' ? phase.kind : 'idle';
    setText(d.label, done ? this.#plan.title : phase.label);
    const clock = phase?.open ? formatElapsed(elapsedInPhaseMs) : formatClock(remainingMs);
    setText(d.clock, done ? 'Done' : clock);
    if (done) {
      setText(d.count, `Finished in ${summary(this.#phases, this.#finishedAfterMs)}`);
    } else {
      setText(d.count, phase?.open ? `${roundText(phase)} · tap when done` : roundText(phase));
    }
    // An open phase has no length: its bar is indeterminate (no value).
    if (phase?.open) {
      d.bar.removeAttribute('value');
    } else {
      d.bar.max = phase ? phase.duration : 1;
      d.bar.value = phase ? elapsedInPhaseMs : 1;
    }
    setText(d.next, done ? '' : nextText(phase, next));
    const opens = this.#timeline.slice(index).some((p) => p.open);
    const left = `Total left ${formatClock(totalRemainingMs)}${opens ? ' + runs' : ''}`;
    setText(d.meta, done ? '' : left);
    const label = mainLabel(this.#state, phase);
    setText(this.#buttons.main, label);
    setText(this.#dock.button, label);
    setText(this.#dock.text, done ? 'Done' : `${clock} ${shortLabel(phase)}`);
    this.#showPocket(phase, clock, done);
    this.#showDock();
  }

  // The dock: on screen while the full timer is not, for the timer that owns it.
  #showDock() {
    const show = dockOwner === this && !this.#uiVisible && !this.#inBigView();
    this.#dock.bar.hidden = !show;
    document.documentElement.classList.toggle('drill-timer-docked', show);
  }

  // The tab's title and the lock screen (Media Session) say the phase while running.
  #showPocket(phase, clock, done) {
    const active = this.#state === 'running' || this.#state === 'paused';
    if (active && dockOwner === this) {
      const wanted = `${clock} ${phase.label} · ${this.#pageTitle}`;
      if (document.title !== wanted) document.title = this.#titleWritten = wanted;
    } else if (this.#titleWritten) {
      if (document.title === this.#titleWritten) document.title = this.#pageTitle;
      this.#titleWritten = null;
    }
    const session = navigator.mediaSession;
    if (!session || dockOwner !== this || !window.MediaMetadata) return;
    const state = this.#state === 'running' ? 'playing' : active ? 'paused' : 'none';
    if (session.playbackState !== state) {
      session.playbackState = state;
      try {
        session.setActionHandler('play', active ? () => this.#play() : null);
        session.setActionHandler('pause', active ? () => this.#pause() : null);
      } catch {
        // An action this browser does not support: the page's own buttons still work.
      }
    }
    const title = done ? 'Done' : phase.label;
    if (active && session.metadata?.title !== title) {
      session.metadata = new MediaMetadata({
        title,
        artist: this.#plan.title,
        album: 'drillbook',
      });
    }
  }

  // --- cues: beeps and voice ---------------------------------------------------------------

  #toggleSound() {
    this.#soundOn = !this.#soundOn;
    setText(this.#buttons.sound, this.#soundOn ? 'Sound on' : 'Sound off');
    this.resyncCues(); // switching sound off silences the queued beeps at once
  }

  #toggleVoice() {
    this.#voiceOn = !this.#voiceOn;
    setText(this.#buttons.voice, this.#voiceOn ? 'Voice on' : 'Voice off');
  }

  #cuesAudible() {
    return this.running && this.#soundOn && audioContext?.state === 'running';
  }

  #playNow(tone) {
    if (this.#cuesAudible())
      beep(audioContext, audioContext.currentTime, tone, this.#scheduledBeeps);
  }

  // Stop every queued beep and any speech: for pause, skip, reset, sound off and restart.
  #cancelCues() {
    for (const oscillator of [...this.#scheduledBeeps, ...this.#startTones]) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    this.#scheduledBeeps.clear();
    this.#startTones.clear();
    this.#beepsQueuedUntilMs = 0;
    if (this.#voiceOn && window.speechSynthesis) speechSynthesis.cancel();
  }

  // Queue the beeps afresh from the true elapsed time: after the timeline moved (skip, a tap),
  // the sound was switched, or the audio clock stopped and runs again.
  resyncCues() {
    if (!this.running) return;
    for (const oscillator of this.#scheduledBeeps) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    this.#scheduledBeeps.clear();
    this.#beepsQueuedUntilMs = 0;
    this.#queueBeeps();
  }

  // Queue the beeps due before elapsed + SCHEDULE_AHEAD_MS that are not queued yet. Called on
  // every tick, so the queue never runs dry however the browser spaces the ticks out.
  #queueBeeps() {
    if (!this.#cuesAudible()) return;
    const elapsed = this.#elapsed();
    const from = Math.max(this.#beepsQueuedUntilMs, elapsed);
    const to = elapsed + SCHEDULE_AHEAD_MS;
    const audioTime = (ms) => audioContext.currentTime + (ms - elapsed) / 1000;
    for (const phase of this.#timeline) {
      if (phase.start >= to) break;
      for (const [at, tone] of phaseBeeps(phase)) {
        if (at >= from && at < to) beep(audioContext, audioTime(at), tone, this.#scheduledBeeps);
      }
    }
    this.#beepsQueuedUntilMs = to;
  }

  // --- screen: fullscreen, Focus view and wake lock ----------------------------------------

  #fullscreenAvailable() {
    return Boolean(this.requestFullscreen && document.fullscreenEnabled);
  }

  #inBigView() {
    return document.fullscreenElement === this || this.classList.contains('drill-timer--focus');
  }

  // Fullscreen where the browser has it; elsewhere (iPhone Safari) the Focus view, the timer
  // filling the window. The button says what it does next, in words.
  #toggleScreen() {
    if (this.classList.contains('drill-timer--focus')) {
      this.#leaveFocusView();
    } else if (this.#fullscreenAvailable()) {
      const change =
        document.fullscreenElement === this ? document.exitFullscreen() : this.requestFullscreen();
      change.catch(() => this.#enterFocusView()); // refused: the Focus view still helps
    } else {
      this.#enterFocusView();
    }
  }

  #enterFocusView() {
    this.classList.add('drill-timer--focus');
    document.documentElement.classList.add('drill-timer-focus');
    this.#showScreenButton();
    this.#showDock();
  }

  #leaveFocusView() {
    this.classList.remove('drill-timer--focus');
    document.documentElement.classList.remove('drill-timer-focus');
    this.#showScreenButton();
  }

  #showScreenButton() {
    const word = this.#fullscreenAvailable() ? 'Fullscreen' : 'Focus view';
    setText(this.#buttons.screen, this.#inBigView() ? `Exit ${word.toLowerCase()}` : word);
    this.#showDock();
  }

  // Keep the screen on while running. The browser may refuse, and it drops the lock when the
  // page is hidden (#onVisibilityChange asks again).
  async #holdWakeLock() {
    if (this.#wakeLock || this.#wakeLockPending || !navigator.wakeLock || document.hidden) return;
    this.#wakeLockPending = true;
    let lock;
    try {
      lock = await navigator.wakeLock.request('screen');
    } catch {
      return; // refused, e.g. in battery saver: the timer runs anyway
    } finally {
      this.#wakeLockPending = false;
    }
    if (!this.running) {
      lock.release(); // paused or reset while we waited
      return;
    }
    this.#wakeLock = lock;
    lock.onrelease = () => {
      if (this.#wakeLock === lock) this.#wakeLock = null;
    };
  }

  #releaseWakeLock() {
    this.#wakeLock?.release().catch(() => {});
    this.#wakeLock = null;
  }
}

// Defining a name twice throws: if another copy of this script defined it first, keep that one.
if (!customElements.get('drill-timer')) customElements.define('drill-timer', DrillTimer);
