// <drill-timer>: the interval timer's view. The timing rules live in engine.js; this file builds
// the controls, keeps the display in step with the clock and plays the cues. Without JavaScript,
// and on paper, the server-rendered table inside the element is the timer.
import {
  formatClock,
  formatHash,
  parseHash,
  phasesFromPlan,
  stateAt,
  validateEdit,
} from './engine.js';

// Beeps are scheduled this far ahead on the audio clock. The audio clock keeps time in a hidden
// tab, where the browser throttles our timers, so the queue must outlast the longest gap.
const SCHEDULE_AHEAD_MS = 120_000;
// How often the display and the beep queue are refreshed when no animation frames come.
const TICK_MS = 250;
const TICK_TONE = { hz: 880, seconds: 0.12 }; // 3, 2 and 1 s before a phase ends
const CHANGE_TONE = { hz: 1320, seconds: 0.5 }; // at each phase change, and "go" on Start
const VIBRATE_MS = 200;
const STORAGE_KEY_PREFIX = 'drillbook:timer:';
const MAIN_BUTTON_LABEL = { idle: 'Start', running: 'Pause', paused: 'Resume', done: 'Start' };

// --- sound ---------------------------------------------------------------------------------

// One AudioContext for every timer on the page: browsers limit how many a page may open.
let audioContext;

// The shared AudioContext, resumed; undefined where there is no Web Audio. Call it from a click
// or key press: browsers (iOS Safari above all) let audio start only inside a user gesture.
function resumeAudio() {
  try {
    audioContext ||= new (window.AudioContext || window.webkitAudioContext)();
    if (audioContext.state !== 'running') {
      // Resolve either way: if resuming is refused, the timer runs without sound.
      return audioContext.resume().then(
        () => audioContext,
        () => audioContext,
      );
    }
  } catch {
    // No Web Audio: the timer runs without sound.
  }
  return Promise.resolve(audioContext);
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
// has played, so a reschedule can stop the ones still waiting.
function beep(context, at, { hz, seconds }, scheduled) {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = hz;
  // Ramp the volume up and down to avoid clicks; exponential ramps cannot reach 0, hence 1e-4.
  gain.gain.setValueAtTime(1e-4, at);
  gain.gain.exponentialRampToValueAtTime(0.3, at + 0.01);
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

// A phase's beeps as [elapsed ms, tone]: ticks 3, 2 and 1 s before its end (only those inside
// the phase, so a 2 s phase gets two), then the change tone at its end.
function phaseBeeps(phase) {
  const ticks = [3000, 2000, 1000]
    .map((before) => [phase.end - before, TICK_TONE])
    .filter(([at]) => at > phase.start);
  return [...ticks, [phase.end, CHANGE_TONE]];
}

// --- text ----------------------------------------------------------------------------------

// "Round 2 of 6", plus " · Set 1 of 2" when the block has sets; '' outside rounds (Get ready,
// transitions, cool-down) and after the end.
function roundText(phase) {
  if (!phase?.round) return '';
  const round = `Round ${phase.round} of ${phase.rounds}`;
  return phase.sets > 1 ? `${round} · Set ${phase.set} of ${phase.sets}` : round;
}

// What the status region says as a phase starts, as one sentence:
// "High-knee run — Work, round 1 of 6", "Transition, next: B-skip", and "Done" at the end.
function announcement(phase) {
  if (!phase) return 'Done';
  const parts = [phase.label];
  const round = roundText(phase).toLowerCase().replace(' · ', ', ');
  if (round) parts.push(round);
  if (phase.nextBlock) parts.push(`next: ${phase.nextBlock}`);
  return parts.join(', ');
}

// Speech reads a pause where the label has a dash: "High-knee run, Work".
function spokenLabel(phase) {
  return phase ? phase.label.replace(' — ', ', ') : 'Done';
}

function nextText(phase, next) {
  if (next) return `Next: ${next.label}`;
  return phase ? 'Last phase' : 'Finished';
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

// The plan with {work, rest, rounds} applied to every block.
function withEdit(plan, { work, rest, rounds }) {
  const blocks = plan.blocks.map((block) => ({
    ...block,
    work: Number(work),
    rest: Number(rest),
    rounds: Number(rounds),
  }));
  return { ...plan, blocks };
}

// localStorage throws where storage is blocked (settings, some private modes): the timer then
// works as usual and just does not remember the edit.
function loadEdit(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function saveEdit(key, edit) {
  try {
    localStorage.setItem(key, JSON.stringify(edit));
  } catch {
    // See loadEdit().
  }
}

function forgetEdit(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // See loadEdit().
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

// Flip a toggle button's aria-pressed; returns the new value.
function togglePressed(button) {
  const pressed = button.getAttribute('aria-pressed') !== 'true';
  button.setAttribute('aria-pressed', String(pressed));
  return pressed;
}

// --- the element ---------------------------------------------------------------------------

class DrillTimer extends HTMLElement {
  // The plan from data-plan, as the site shipped it; an edit is applied over it.
  #plan;
  // The phases of the plan in use (shipped or edited), with start and end offsets in ms.
  #phases = [];
  // Where this timer's edit is saved: per timer id, so each drill keeps its own.
  #storageKey;

  // Built by #build(); #ui stays undefined when data-plan is unusable.
  #ui;
  #display; // the elements that show the state: label, clock, counters, status, error…
  #buttons; // main (Start/Pause/Resume), skip, reset, mute, voice, fullscreen
  #inputs; // the edit form's work, rest and rounds

  // 'idle', 'running', 'paused' or 'done'; mirrored to data-state for the stylesheet.
  #state = 'idle';
  // performance.now() at Start (moved back by Skip), at the latest pause, and the total of
  // earlier pauses: elapsed time is computed from these, never counted in ticks.
  #startedAt = 0;
  #pausedAt = 0;
  #pausedTotalMs = 0;
  // Index of the phase last announced; null until the first one after Start or Reset.
  #announcedPhaseIndex = null;
  // Handles of the interval and the animation frame that drive #render() while running.
  #tickInterval;
  #animationFrame;

  #muted = false;
  #voiceOn = false;
  // Oscillators queued on the audio clock that have not played yet.
  #scheduledBeeps = new Set();
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
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    document.addEventListener('fullscreenchange', this.#onFullscreenChange);
  }

  disconnectedCallback() {
    if (!this.#ui) return;
    // Material's instant navigation swaps pages without an unload: stop everything we own.
    this.#reset();
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    document.removeEventListener('fullscreenchange', this.#onFullscreenChange);
  }

  // A hidden tab gets no animation frames: show the right state the moment it is visible again,
  // and take the wake lock again, which the browser drops while the page is hidden.
  #onVisibilityChange = () => {
    this.#render();
    if (this.running) this.#holdWakeLock();
  };

  // Fullscreen can also end without our button (Esc): follow the document, not the clicks.
  #onFullscreenChange = () => {
    const pressed = document.fullscreenElement === this;
    this.#buttons.fullscreen.setAttribute('aria-pressed', String(pressed));
  };

  // Space starts and pauses while the timer itself has focus.
  #onKeyDown = (event) => {
    // Never other keys: Material binds f, s, /, p, n, comma and period.
    if (event.key !== ' ' || event.ctrlKey || event.altKey || event.metaKey) return;
    // On a button, input or summary, Space already does that control's job.
    if (event.target.closest('button,input,summary')) return;
    event.preventDefault(); // or the page scrolls
    if (!event.repeat) this.#toggle();
  };

  // --- building ----------------------------------------------------------------------------

  // Put the controls over the static table. False, leaving the table alone, for a bad plan.
  #build() {
    const plan = parsePlan(this.dataset.plan);
    if (!plan) return false;
    this.#plan = plan;
    this.#storageKey = STORAGE_KEY_PREFIX + (this.dataset.timerId || plan.id);

    this.#display = this.#buildDisplay();
    this.#buttons = this.#buildButtons();
    const controls = makeElement('div', partClass('controls'));
    controls.append(...Object.values(this.#buttons));
    const editor = this.#buildEditor();
    const d = this.#display;
    this.#ui = makeElement('div', {
      ...partClass('ui'),
      role: 'group',
      'aria-label': `Interval timer: ${plan.title}`,
    });
    this.#ui.append(d.label, d.clock, d.count, d.bar, d.meta, controls, editor, d.error, d.status);
    this.prepend(this.#ui);
    this.classList.add('drill-timer--js'); // the stylesheet hides the table from here on

    // Focusable, though not in the Tab order: a click inside focuses the timer, so Space works.
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1;
    this.addEventListener('keydown', this.#onKeyDown);

    this.#applyEdit(this.#initialEdit());
    return true;
  }

  #buildDisplay() {
    const display = {
      label: makeElement('p', partClass('label')),
      // aria-live off: a per-second countdown would drown screen reader users.
      clock: makeElement('div', {
        ...partClass('clock'),
        role: 'timer',
        'aria-live': 'off',
        'aria-atomic': 'false',
      }),
      count: makeElement('p', partClass('count')),
      bar: makeElement('progress', { ...partClass('bar'), 'aria-label': 'Phase progress' }),
      meta: makeElement('p', partClass('meta')),
      totalLeft: makeElement('span'),
      next: makeElement('span'),
      // Screen readers hear each phase change here, once (role=status is polite).
      status: makeElement('p', { ...partClass('sr'), role: 'status' }),
      error: makeElement('p', { ...partClass('err'), role: 'alert' }),
    };
    display.meta.append(display.totalLeft, ' · ', display.next);
    return display;
  }

  #buildButtons() {
    const toggle = { 'aria-pressed': 'false' };
    const buttons = {
      main: makeButton('Start', () => this.#toggle(), partClass('main')),
      skip: makeButton('Skip phase', () => this.#skip()),
      reset: makeButton('Reset', () => this.#reset()),
      mute: makeButton('Mute', () => this.#toggleMute(), toggle),
      voice: makeButton('Voice', () => this.#toggleVoice(), toggle),
      fullscreen: makeButton('Fullscreen', () => this.#toggleFullscreen(), toggle),
    };
    // Offer only what this browser can do.
    buttons.voice.hidden = !window.speechSynthesis;
    buttons.fullscreen.hidden = !(this.requestFullscreen && document.fullscreenEnabled);
    return buttons;
  }

  #buildEditor() {
    // novalidate: errors go to our role=alert text, not browser bubbles.
    const form = makeElement('form', { novalidate: '' });
    const numberField = (label, min, max) => {
      const wrapper = makeElement('label', {}, `${label} `);
      const input = makeElement('input', {
        type: 'number',
        inputmode: 'numeric',
        min,
        max,
        step: 1,
      });
      wrapper.append(input);
      form.append(wrapper);
      return input;
    };
    this.#inputs = {
      work: numberField('Work (s)', 1, 3600),
      rest: numberField('Rest (s)', 0, 3600),
      rounds: numberField('Rounds', 1, 99),
    };
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

  // Which numbers to start with: a #timer= link, else this timer's saved edit, else none
  // (null: the plan from the data). A bad link is ignored with a message; a bad save silently.
  #initialEdit() {
    const linked = parseHash(location.hash);
    if (linked) {
      const problem = validateEdit(linked);
      if (!problem) return linked;
      setText(this.#display.error, `Ignored the timer link: ${problem}`);
    }
    const saved = loadEdit(this.#storageKey);
    return saved && !validateEdit(saved) ? saved : null;
  }

  // Use {work, rest, rounds} for every block, or the plan from the data for null; show those
  // numbers in the form, and start over from idle.
  #applyEdit(edit) {
    const plan = edit ? withEdit(this.#plan, edit) : this.#plan;
    this.#phases = phasesFromPlan(plan);
    for (const [name, input] of Object.entries(this.#inputs)) input.value = plan.blocks[0][name];
    this.#reset();
  }

  // Apply: check the numbers, save them for this timer, put them in the address bar as a link
  // to share, and use them.
  #applyForm() {
    const { work, rest, rounds } = this.#inputs;
    const problem = validateEdit({ work: work.value, rest: rest.value, rounds: rounds.value });
    setText(this.#display.error, problem || '');
    if (problem) return;
    const edit = {
      work: Number(work.value),
      rest: Number(rest.value),
      rounds: Number(rounds.value),
    };
    saveEdit(this.#storageKey, edit);
    // replaceState: no jump to an anchor, no extra history entry.
    history.replaceState(history.state, '', formatHash(edit));
    this.#applyEdit(edit);
  }

  // Reset to plan: forget the saved edit and take a #timer= link out of the address bar.
  #resetToPlan() {
    forgetEdit(this.#storageKey);
    if (parseHash(location.hash)) {
      history.replaceState(history.state, '', location.pathname + location.search);
    }
    setText(this.#display.error, '');
    this.#applyEdit(null);
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

  #setState(state) {
    this.#state = state;
    this.dataset.state = state;
    setText(this.#buttons.main, MAIN_BUTTON_LABEL[state]);
    this.#buttons.skip.disabled = state === 'idle' || state === 'done';
  }

  // The main button and Space.
  #toggle() {
    if (this.running) this.#pause();
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
    this.#setState('running');
    audioReady.then((context) => {
      this.#rescheduleBeeps();
      if (!resuming && this.#soundOn()) {
        beep(context, context.currentTime, CHANGE_TONE, this.#scheduledBeeps); // "go"
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

  // Jump to the start of the next phase, running or paused, by moving Start back by what is
  // left of this one.
  #skip() {
    this.#startedAt -= stateAt(this.#phases, this.#elapsed()).remainingMs;
    this.#rescheduleBeeps();
    this.#render();
  }

  // Back to the start of the plan, stopped and silent.
  #reset() {
    this.#stopTicking();
    this.#releaseWakeLock();
    this.#setState('idle');
    this.#cancelCues();
    this.#announcedPhaseIndex = null;
    setText(this.#display.status, '');
    this.#render();
  }

  // Past the last phase. The final change tone is already queued on the audio clock and plays.
  #finish() {
    this.#stopTicking();
    this.#releaseWakeLock();
    this.#setState('done');
  }

  // Animation frames keep the clock smooth while the page is visible; the interval keeps the
  // display and the beep queue going where frames stop coming.
  #startTicking() {
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
    const now = stateAt(this.#phases, this.#elapsed());
    if (this.#state !== 'idle' && now.index !== this.#announcedPhaseIndex) {
      this.#announcedPhaseIndex = now.index;
      this.#announce(now.phase);
      if (!now.phase) this.#finish();
    }
    this.#show(now);
  }

  // Status text, a vibration and, with Voice on, the phase's name spoken.
  #announce(phase) {
    setText(this.#display.status, announcement(phase));
    try {
      navigator.vibrate?.(VIBRATE_MS);
    } catch {
      // A cue is never worth an error.
    }
    if (this.#voiceOn && !this.#muted) {
      speechSynthesis.speak(new SpeechSynthesisUtterance(spokenLabel(phase)));
    }
  }

  #show({ phase, remainingMs, elapsedInPhaseMs, totalRemainingMs, next }) {
    const d = this.#display;
    this.dataset.phase = phase ? phase.kind : 'done'; // the stylesheet colours by phase
    setText(d.label, phase ? phase.label : 'Done');
    setText(d.clock, formatClock(remainingMs));
    setText(d.count, roundText(phase));
    // After the end the bar stays full.
    d.bar.max = phase ? phase.duration : 1;
    d.bar.value = phase ? elapsedInPhaseMs : 1;
    setText(d.totalLeft, `Total left ${formatClock(totalRemainingMs)}`);
    setText(d.next, nextText(phase, next));
  }

  // --- cues: beeps and voice ---------------------------------------------------------------

  #toggleMute() {
    this.#muted = togglePressed(this.#buttons.mute);
    this.#rescheduleBeeps(); // muting silences the queued beeps at once
  }

  #toggleVoice() {
    this.#voiceOn = togglePressed(this.#buttons.voice);
  }

  #soundOn() {
    return this.running && !this.#muted && audioContext?.state === 'running';
  }

  // Stop every queued beep and any speech: for pause, skip, reset, mute and restart.
  #cancelCues() {
    for (const oscillator of this.#scheduledBeeps) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    this.#scheduledBeeps.clear();
    this.#beepsQueuedUntilMs = 0;
    if (this.#voiceOn) speechSynthesis.cancel();
  }

  // After the timeline moved (skip) or the sound was switched: queue afresh from now.
  #rescheduleBeeps() {
    this.#cancelCues();
    this.#queueBeeps();
  }

  // Queue the beeps of the next SCHEDULE_AHEAD_MS that are not queued yet, in batches: only
  // once less than half of that is left, so most ticks add nothing.
  #queueBeeps() {
    if (!this.#soundOn()) return;
    const elapsed = this.#elapsed();
    const from = Math.max(this.#beepsQueuedUntilMs, elapsed);
    const to = elapsed + SCHEDULE_AHEAD_MS;
    if (to - from < SCHEDULE_AHEAD_MS / 2) return;
    const audioTime = (ms) => audioContext.currentTime + (ms - elapsed) / 1000;
    for (const phase of this.#phases) {
      for (const [at, tone] of phaseBeeps(phase)) {
        if (at >= from && at < to) beep(audioContext, audioTime(at), tone, this.#scheduledBeeps);
      }
    }
    this.#beepsQueuedUntilMs = to;
  }

  // --- screen: fullscreen and wake lock ----------------------------------------------------

  // aria-pressed follows in #onFullscreenChange.
  #toggleFullscreen() {
    const change =
      document.fullscreenElement === this ? document.exitFullscreen() : this.requestFullscreen();
    change.catch(() => {}); // refused (no user gesture, or not allowed in a frame): stay as we are
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
