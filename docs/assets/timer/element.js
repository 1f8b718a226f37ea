// <drill-timer> view; timing rules are in engine.js. The server-rendered table is the no-JS/print view.
import { phasesFromPlan, stateAt, parseHash, formatHash, validateEdit, formatClock } from './engine.js';

const AHEAD = 120000; // ms of beeps queued on the audio clock: outlasts throttled timers in hidden tabs
let actx; // shared: browsers cap AudioContexts per page

function audio() {
  try {
    actx ||= new (window.AudioContext || webkitAudioContext)();
    if (actx.state !== 'running') return actx.resume().then(() => actx, () => actx);
  } catch {}
  return Promise.resolve(actx);
}

function beep(ctx, at, freq, dur, live) {
  const o = ctx.createOscillator(), g = ctx.createGain();
  o.frequency.value = freq;
  g.gain.setValueAtTime(1e-4, at); // ramps avoid clicks; exponential ramps can't reach 0
  g.gain.exponentialRampToValueAtTime(0.3, at + 0.01);
  g.gain.exponentialRampToValueAtTime(1e-4, at + dur);
  o.connect(g).connect(ctx.destination);
  o.start(at);
  o.stop(at + dur);
  live.add(o);
  o.onended = () => { live.delete(o); g.disconnect(); };
}

const h = (tag, attrs = {}, text = '') => {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]);
  el.textContent = text;
  return el;
};
const set = (el, text) => { if (el.textContent !== text) el.textContent = text; };
const press = (b) => { const on = b.getAttribute('aria-pressed') != 'true'; b.setAttribute('aria-pressed', on); return on; };
const counter = (p) => p?.round ? `Round ${p.round} of ${p.rounds}` + (p.sets > 1 ? ` · Set ${p.set} of ${p.sets}` : '') : '';

class DrillTimer extends HTMLElement {
  get running() { return this._state == 'running'; }

  connectedCallback() {
    if (!this._ui && !this._init()) return;
    this._doc = [
      ['visibilitychange', () => { this._render(); if (this.running) this._lock(); }],
      ['fullscreenchange', () => this._b.fs.setAttribute('aria-pressed', document.fullscreenElement == this)],
    ];
    for (const [ev, fn] of this._doc) document.addEventListener(ev, fn);
  }

  disconnectedCallback() {
    // Instant navigation swaps pages without unload: stop everything we own.
    if (!this._ui) return;
    this._reset();
    for (const [ev, fn] of this._doc) document.removeEventListener(ev, fn);
  }

  _init() {
    try {
      this._plan = JSON.parse(this.dataset.plan);
      if (!this._plan.blocks.length) return;
    } catch { return; } // bad plan: keep the static table
    this._key = 'drillbook:timer:' + (this.dataset.timerId || this._plan.id);
    this._beeps = new Set();
    const c = (n) => ({ class: 'drill-timer__' + n });
    const ui = this._ui = h('div', { ...c('ui'), role: 'group', 'aria-label': 'Interval timer: ' + this._plan.title });
    const v = this._v = {
      label: h('p', c('label')),
      // aria-live off: a per-second countdown would drown screen reader users.
      clock: h('div', { ...c('clock'), role: 'timer', 'aria-live': 'off', 'aria-atomic': 'false' }),
      count: h('p', c('count')),
      bar: h('progress', { ...c('bar'), 'aria-label': 'Phase progress' }),
      meta: h('p', c('meta')),
      total: h('span'),
      next: h('span'),
      status: h('p', { ...c('sr'), role: 'status' }),
      err: h('p', { ...c('err'), role: 'alert' }),
    };
    v.meta.append(v.total, ' · ', v.next);
    const bar = h('div', c('controls'));
    const btn = (name, fn, attrs) => { const b = h('button', { type: 'button', ...attrs }, name); b.onclick = fn; return b; };
    const tog = { 'aria-pressed': false };
    const b = this._b = {
      main: btn('Start', () => this._toggle(), c('main')),
      skip: btn('Skip phase', () => this._skip()),
      reset: btn('Reset', () => this._reset()),
      mute: btn('Mute', () => { this._muted = press(b.mute); this._queue(1); }, tog),
      voice: btn('Voice', () => { this._voice = press(b.voice); }, tog),
      fs: btn('Fullscreen', () => {
        (document.fullscreenElement == this ? document.exitFullscreen() : this.requestFullscreen()).catch(() => {});
      }, tog),
    };
    bar.append(...Object.values(b));
    b.voice.hidden = !window.speechSynthesis;
    b.fs.hidden = !(this.requestFullscreen && document.fullscreenEnabled);

    // novalidate: errors go to our role=alert text, not browser bubbles.
    const form = h('form', { novalidate: '' });
    const num = (name, min, max) => {
      const l = h('label', {}, name + ' '), i = h('input', { type: 'number', inputmode: 'numeric', min, max, step: 1 });
      l.append(i); form.append(l); return i;
    };
    this._in = { work: num('Work (s)', 1, 3600), rest: num('Rest (s)', 0, 3600), rounds: num('Rounds', 1, 99) };
    form.append(h('button', {}, 'Apply'), btn('Reset to plan', () => this._restore()));
    form.onsubmit = (e) => { e.preventDefault(); this._edit(); };
    const det = h('details', c('edit'));
    det.append(h('summary', {}, 'Edit timer'), form);

    ui.append(v.label, v.clock, v.count, v.bar, v.meta, bar, det, v.err, v.status);
    this.prepend(ui);
    this.classList.add('drill-timer--js');
    if (!this.hasAttribute('tabindex')) this.tabIndex = -1; // a click inside focuses the timer, so Space works
    this.addEventListener('keydown', (e) => {
      // Only Space, and not on controls that Space already activates.
      // Never other keys: Material binds f, s, /, p, n, comma and period.
      if (e.key != ' ' || e.ctrlKey || e.altKey || e.metaKey || e.target.closest('button,input,summary')) return;
      e.preventDefault();
      if (!e.repeat) this._toggle();
    });

    // Precedence: #timer= link, then saved edit, then the data plan.
    let edit = parseHash(location.hash);
    const bad = edit && validateEdit(edit);
    if (!edit || bad) {
      if (bad) set(v.err, 'Ignored the timer link: ' + bad);
      try { edit = JSON.parse(localStorage.getItem(this._key)); } catch {}
      if (edit && validateEdit(edit)) edit = null;
    }
    this._use(edit);
    return 1;
  }

  // Apply {work, rest, rounds} to every block; null = the data plan as shipped.
  _use(edit) {
    const plan = edit
      ? { ...this._plan, blocks: this._plan.blocks.map((bl) => ({ ...bl, work: +edit.work, rest: +edit.rest, rounds: +edit.rounds })) }
      : this._plan;
    this._phases = phasesFromPlan(plan);
    for (const k in this._in) this._in[k].value = plan.blocks[0][k];
    this._reset();
  }

  _edit() {
    const val = {};
    for (const k in this._in) val[k] = this._in[k].value;
    const err = validateEdit(val);
    set(this._v.err, err || '');
    if (err) return;
    for (const k in val) val[k] = +val[k];
    try { localStorage.setItem(this._key, JSON.stringify(val)); } catch {}
    history.replaceState(history.state, '', formatHash(val)); // no scroll jump, no history entry
    this._use(val);
  }

  _restore() {
    try { localStorage.removeItem(this._key); } catch {}
    if (parseHash(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    set(this._v.err, '');
    this._use(null);
  }

  // Wall-clock based: never count ticks, so throttling or slow frames cannot drift.
  _elapsed() {
    const s = this._state;
    return s == 'idle' ? 0 : s == 'done' ? Infinity
      : (s == 'paused' ? this._pausedAt : performance.now()) - this._startedAt - this._pausedTotal;
  }

  _setState(s) {
    this._state = this.dataset.state = s;
    set(this._b.main, s == 'running' ? 'Pause' : s == 'paused' ? 'Resume' : 'Start');
    this._b.skip.disabled = s == 'idle' || s == 'done';
  }

  _toggle() {
    const s = this._state, now = performance.now();
    if (s == 'running') {
      this._pausedAt = now;
      this._setState('paused');
      this._stop();
      this._queue(1);
      return this._render();
    }
    // Still inside the user gesture, which iOS requires to unlock audio.
    try { if (navigator.audioSession) navigator.audioSession.type = 'playback'; } catch {}
    const ready = audio();
    if (s == 'paused') this._pausedTotal += now - this._pausedAt;
    else {
      if (s == 'done') this._reset();
      this._startedAt = now;
      this._pausedTotal = 0;
    }
    this._setState('running');
    ready.then((ctx) => {
      this._queue(1);
      if (s != 'paused' && this._until >= 0) beep(ctx, ctx.currentTime, 1320, 0.5, this._beeps); // "go"
    });
    this._lock();
    this._timer = setInterval(() => { this._render(); this._queue(); }, 250); // runs while rAF is paused
    const frame = () => { this._render(); if (this.running) this._raf = requestAnimationFrame(frame); };
    frame();
  }

  _skip() {
    const st = stateAt(this._phases, this._elapsed());
    this._startedAt -= st.remainingMs;
    this._queue(1);
    this._render();
  }

  _reset() {
    this._stop();
    this._setState('idle'); // before _queue, so nothing is re-queued
    this._queue(1);
    this._idx = -1;
    set(this._v.status, '');
    this._render();
  }

  _stop() {
    cancelAnimationFrame(this._raf);
    clearInterval(this._timer);
    this._unlock();
  }

  // Beeps go ahead on the audio clock, so they stay on time in throttled hidden tabs.
  // full: rebuild from now (pause/resume/skip/reset/mute); else top up.
  _queue(full) {
    const ctx = actx, e = this._elapsed();
    if (full) {
      this._beeps.forEach((o) => { try { o.stop(); } catch {} });
      this._beeps.clear();
      this._until = -1;
      if (this._voice) speechSynthesis.cancel();
    }
    if (!this.running || this._muted || ctx?.state != 'running') return;
    const from = Math.max(this._until, e), to = e + AHEAD, at = (t) => ctx.currentTime + (t - e) / 1000;
    if (to - from < AHEAD / 2) return;
    for (const p of this._phases) {
      for (const t of [p.end - 3000, p.end - 2000, p.end - 1000, p.end]) {
        // 3-2-1 ticks, then a longer, higher tone at the change
        if (t >= from && t < to && t > p.start) beep(ctx, at(t), t == p.end ? 1320 : 880, t == p.end ? 0.5 : 0.12, this._beeps);
      }
    }
    this._until = to;
  }

  async _lock() {
    if (this._wl || !navigator.wakeLock || document.hidden) return;
    this._wl = 1; // placeholder: blocks a second concurrent request
    try {
      const s = await navigator.wakeLock.request('screen');
      if (this.running && this._wl == 1) this._wl = s;
      else s.release();
      s.onrelease = () => { if (this._wl == s) this._wl = 0; }; // the browser drops it when hidden
    } catch { if (this._wl == 1) this._wl = 0; } // denied
  }

  _unlock() {
    this._wl?.release?.().catch(() => {});
    this._wl = 0;
  }

  _render() {
    const st = stateAt(this._phases, this._elapsed()), v = this._v, p = st.phase;
    if (this._state != 'idle' && st.index != this._idx) {
      this._idx = st.index;
      const c = counter(p).toLowerCase().replace(' · ', ', ');
      set(v.status, p ? p.label + (c && ', ' + c) + (p.nextBlock ? ', next: ' + p.nextBlock : '') : 'Done');
      try { navigator.vibrate?.(200); } catch {}
      if (this._voice && !this._muted) speechSynthesis.speak(new SpeechSynthesisUtterance(p ? p.label.replace(' — ', ', ') : 'Done'));
      if (!p) { this._stop(); this._setState('done'); } // the queued final tone still plays
    }
    this.dataset.phase = p ? p.kind : 'done';
    set(v.label, p ? p.label : 'Done');
    set(v.clock, formatClock(st.remainingMs));
    set(v.count, counter(p));
    v.bar.max = p ? p.duration : 1;
    v.bar.value = p ? st.elapsedInPhaseMs : 1;
    set(v.total, 'Total left ' + formatClock(st.totalRemainingMs));
    set(v.next, st.next ? 'Next: ' + st.next.label : p ? 'Last phase' : 'Finished');
  }
}

customElements.get('drill-timer') || customElements.define('drill-timer', DrillTimer);
