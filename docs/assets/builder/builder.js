// <session-builder>: build a session from the drill library, run it in the site's timer, share
// it as a link, print it and keep it in this browser. The frame (headings, fields, filters) is
// server-rendered by macros/render/templates/builder.html.j2; the drills come from the library
// JSON the build generates (macros/render/library.py); the rules are in plan.js.
//
// A custom element, as <drill-timer>: connectedCallback starts a builder wherever the element
// is put in a page (the module itself runs once).
import {
  deleteSession,
  readDraft,
  readSessions,
  renameSession,
  saveSession,
  writeDraft,
} from '../keep/sessions.js';
import {
  blockSummary,
  describe,
  drillsBySlug,
  emptySession,
  fieldProblem,
  formatLink,
  isLink,
  itemFor,
  itemProblem,
  MAX_DRILLS,
  parseLink,
  span,
  toPlan,
  validateSession,
} from './plan.js';
import { qrSvg } from './qr.js';

const LIBRARY_VERSION = 1;
const CONFIRM_MS = 3000; // a second press within this time confirms Clear or Delete
const LOG_ROWS = 24; // the printed log's blank rows; the sheet shows what fits

function make(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false && value !== undefined)
      element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

// Markup the build made from the data (the figures): trusted, parsed into a wrapper element.
function fromMarkup(tag, className, markup) {
  const element = make(tag, { class: className });
  element.innerHTML = markup;
  return element;
}

function numberField(label, name, value, [min, max], attributes = {}) {
  const input = make('input', {
    type: 'number',
    inputmode: 'numeric',
    step: 1,
    min,
    max,
    name,
    ...attributes,
  });
  input.value = value;
  return make('label', {}, `${label} `, input);
}

function select(label, name, options, value) {
  const field = make('select', { name });
  for (const [optionValue, text] of options) {
    field.append(make('option', { value: optionValue, selected: optionValue === value }, text));
  }
  return make('label', {}, `${label} `, field);
}

// A whole number from a field, or NaN ("", "2.5" and "1e3" are not).
function whole(text) {
  return /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : Number.NaN;
}

class SessionBuilder extends HTMLElement {
  #library;
  #drills; // slug → drill
  #session;
  #savedId = null; // the saved session being edited, if it was opened from My sessions
  #el = {}; // the frame's parts
  #timer = null;
  #pendingPlan = null; // a plan waiting for the running timer to be reset
  #stateObserver = null;
  #confirming = new Map(); // button → timeout, for the press-again confirmations
  #connected = false;

  connectedCallback() {
    this.#connected = true;
    this.#start();
  }

  disconnectedCallback() {
    this.#connected = false;
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#stateObserver?.disconnect();
    for (const timeout of this.#confirming.values()) clearTimeout(timeout);
  }

  async #start() {
    const ui = this.querySelector('.builder__ui');
    if (!ui || this.#library) return;
    this.querySelector('.builder__nojs')?.remove();
    ui.hidden = false;
    const q = (selector) => this.querySelector(selector);
    this.#el = {
      message: q('.builder__message'),
      status: q('.builder__status'),
      settings: q('.builder__settings'),
      empty: q('.builder__empty'),
      items: q('.builder__items'),
      total: q('.builder__total'),
      link: q('input[name="link"]'),
      qr: q('.builder__qr'),
      qrCode: q('.builder__qr-code'),
      qrButton: q('[data-action="qr"]'),
      timer: q('.builder__timer'),
      filters: q('.builder__filters'),
      count: q('.builder__count'),
      drills: q('.builder__drills'),
      saved: q('.builder__saved-list'),
      sheet: q('.builder-sheet'),
    };
    let library;
    try {
      const response = await fetch(this.dataset.library);
      library = await response.json();
      if (library.version !== LIBRARY_VERSION) throw new Error('version');
    } catch {
      this.#say('The drill library could not be loaded. Check the connection and reload the page.');
      return;
    }
    if (!this.#connected) return;
    this.#library = library;
    this.#drills = drillsBySlug(library);
    this.#setLimits();
    this.addEventListener('input', this.#onInput); // selects too
    this.addEventListener('click', this.#onClick);
    window.addEventListener('hashchange', this.#onHashChange);
    this.#session = this.#initialSession();
    this.#renderAll();
    this.#renderLibrary();
    this.#renderSaved();
  }

  #setLimits() {
    const { limits } = this.#library;
    for (const name of ['prepare', 'transition', 'cooldown']) {
      const input = this.#el.settings.querySelector(`[name="${name}"]`);
      [input.min, input.max] = limits[name];
    }
  }

  // A link in the address bar wins; else the draft this browser kept; else an empty session.
  // A bad link leaves the builder empty, with a message saying why.
  #initialSession() {
    if (isLink(location.hash)) {
      const { session, error } = parseLink(location.hash, this.#library);
      if (session) return session;
      this.#say(error);
      return emptySession(this.#library);
    }
    const draft = readDraft();
    if (draft) {
      const { session, error } = parseLink(draft, this.#library);
      if (session) return session;
      this.#say(`Your last session could not be restored. ${error}`);
    }
    return emptySession(this.#library);
  }

  #onHashChange = () => {
    if (!isLink(location.hash) || location.hash.slice(1) === formatLink(this.#session)) return;
    const { session, error } = parseLink(location.hash, this.#library);
    this.#say(error || '');
    this.#savedId = null;
    this.#session = session || emptySession(this.#library);
    this.#renderAll();
  };

  #say(message) {
    this.#el.message.textContent = message;
  }

  #announce(text) {
    this.#el.status.textContent = text;
  }

  // --- the session ----------------------------------------------------------------------------

  #renderAll(focus) {
    const s = this.#session;
    const settings = this.#el.settings;
    for (const name of ['name', 'prepare', 'transition', 'label', 'cooldown']) {
      settings.querySelector(`[name="${name}"]`).value = s[name];
    }
    this.#renderItems(focus);
    this.#update();
  }

  #renderItems(focus) {
    const { items } = this.#session;
    this.#el.items.replaceChildren(...items.map((item, index) => this.#itemRow(item, index)));
    this.#el.empty.hidden = items.length > 0;
    if (focus) {
      const row = this.#el.items.children[focus.index];
      const buttons = row ? [...row.querySelectorAll('button:not(:disabled)')] : [];
      const same = buttons.find((button) => button.dataset.action === focus.action);
      (same || buttons[0])?.focus();
    }
    this.#renderLibraryButtons();
  }

  #itemRow(item, index) {
    const drill = this.#drills.get(item.slug);
    const { limits } = this.#library;
    const count = this.#session.items.length;
    const name = make('a', { href: this.dataset.root + drill.url }, drill.name);
    const legend = make('legend', {}, `${index + 1}. `, name);
    const effortLimits = item.distance ? limits.distance : limits.work;
    const fields = make(
      'div',
      { class: 'builder-item__fields' },
      numberField('Effort', 'effort', item.effort, effortLimits),
      select(
        'Effort in',
        'unit',
        [
          ['s', 'seconds'],
          ['m', 'metres'],
        ],
        item.distance ? 'm' : 's',
      ),
      select(
        'Recovery',
        'recovery',
        [
          ['s', 'timed rest'],
          ['w', 'walk back'],
        ],
        item.walkBack ? 'w' : 's',
      ),
      numberField('Rest (s)', 'rest', item.rest, limits.rest, { disabled: item.walkBack }),
      numberField('Rounds', 'rounds', item.rounds, limits.rounds),
      numberField('Sets', 'sets', item.sets, limits.sets),
      numberField('Between sets (s)', 'setRest', item.setRest, limits.set_rest),
    );
    fields.querySelector('[name="setRest"]').parentElement.hidden = item.sets < 2;
    const problemId = `builder-item-problem-${index}`;
    for (const input of fields.querySelectorAll('input'))
      input.setAttribute('aria-describedby', problemId);
    const button = (action, text, disabled) =>
      make(
        'button',
        {
          type: 'button',
          class: 'md-button',
          'data-action': action,
          'aria-label': `${text}: ${drill.name}`,
          disabled,
        },
        text,
      );
    const row = make(
      'li',
      { class: 'builder-item', 'data-index': index },
      make(
        'fieldset',
        {},
        legend,
        fromMarkup('span', 'builder-item__figure', drill.figure),
        fields,
        make('p', { class: 'builder-item__summary' }),
        make('p', { class: 'builder-item__problem', id: problemId }),
        make(
          'div',
          { class: 'builder-item__buttons' },
          button('up', 'Move up', index === 0),
          button('down', 'Move down', index === count - 1),
          button('remove', 'Remove', false),
        ),
      ),
    );
    return row;
  }

  // After every change: the numbers are checked, then the total, the link, the draft, the timer
  // and the printed sheet follow. Until a number is fixed, the last good timer stays.
  #update() {
    const session = this.#session;
    const rows = this.#el.items.children;
    session.items.forEach((item, index) => {
      const row = rows[index];
      const problem = this.#itemProblem(item);
      row.querySelector('.builder-item__problem').textContent = problem;
      if (!problem) {
        const block = toPlan({ ...session, items: [item] }, this.#library).blocks[0];
        row.querySelector('.builder-item__summary').textContent = blockSummary(block);
      }
    });
    const problem = validateSession(session, this.#library);
    if (problem) {
      this.#el.total.textContent = `Not ready: ${problem}`;
      return;
    }
    if (!session.items.length) {
      this.#el.total.textContent = 'Total: 0:00. Add drills to build a session.';
      this.#el.link.value = '';
      if (isLink(location.hash)) history.replaceState(history.state, '', location.pathname);
      writeDraft(null);
      this.#showTimer(null);
      this.#el.sheet.replaceChildren();
      this.#showQr();
      return;
    }
    const plan = toPlan(session, this.#library);
    this.#el.total.textContent = `Total: ${describe(plan)}`;
    const link = formatLink(session);
    this.#el.link.value = this.#shareUrl(link);
    if (location.hash.slice(1) !== link) history.replaceState(history.state, '', `#${link}`);
    writeDraft(link);
    this.#showTimer(plan);
    this.#renderSheet(plan);
    this.#showQr();
  }

  #shareUrl(link) {
    return `${location.origin}${location.pathname}#${link}`;
  }

  #itemProblem(item) {
    return itemProblem(item, this.#library.limits);
  }

  #onInput = (event) => {
    const field = event.target;
    if (!field.name || field.name === 'link') return;
    if (field.closest('.builder__filters')) {
      this.#renderLibrary();
      return;
    }
    const row = field.closest('.builder-item');
    if (row) this.#editItem(this.#session.items[Number(row.dataset.index)], field, row);
    else if (field.closest('.builder__settings')) this.#editSetting(field);
    else return;
    this.#update();
  };

  #editSetting(field) {
    const text = field.name === 'name' || field.name === 'label';
    const value = text ? field.value.trim() : whole(field.value);
    this.#session[field.name] =
      field.name === 'label' && !value ? this.#library.defaults.transition_label : value;
    const invalid = !text && Boolean(fieldProblem(field.name, value, this.#library.limits));
    field.setAttribute('aria-invalid', String(invalid));
  }

  #editItem(item, field, row) {
    const { limits } = this.#library;
    if (field.name === 'unit') {
      item.distance = field.value === 'm';
      const effort = row.querySelector('[name="effort"]');
      [effort.min, effort.max] = item.distance ? limits.distance : limits.work;
    } else if (field.name === 'recovery') {
      item.walkBack = field.value === 'w';
      row.querySelector('[name="rest"]').disabled = item.walkBack;
    } else {
      item[field.name] = whole(field.value);
      if (field.name === 'sets') {
        row.querySelector('[name="setRest"]').parentElement.hidden = !(item.sets > 1);
      }
    }
    const problem = this.#itemProblem(item);
    for (const input of row.querySelectorAll('input')) input.removeAttribute('aria-invalid');
    if (problem && field.tagName === 'INPUT') field.setAttribute('aria-invalid', 'true');
  }

  // --- buttons --------------------------------------------------------------------------------

  #onClick = (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) return;
    const row = button.closest('.builder-item');
    const index = row ? Number(row.dataset.index) : -1;
    const action = button.dataset.action;
    const actions = {
      up: () => this.#move(index, -1, 'up'),
      down: () => this.#move(index, 1, 'down'),
      remove: () => this.#remove(index),
      add: () => this.#add(button.dataset.slug),
      save: () => this.#save(),
      copy: () => this.#copy(),
      qr: () => this.#toggleQr(),
      print: () => window.print(),
      clear: () => this.#confirm(button, 'Press again to clear', () => this.#clear()),
      open: () => this.#open(button.dataset.id),
      rename: () => this.#startRename(button.closest('li'), button.dataset.id),
      'rename-save': () => this.#finishRename(button.closest('li'), button.dataset.id),
      'rename-cancel': () => this.#renderSaved(),
      delete: () =>
        this.#confirm(button, 'Press again to delete', () => {
          this.#storageSays(deleteSession(button.dataset.id));
          this.#announce('Deleted from My sessions.');
          this.#renderSaved();
        }),
    };
    actions[action]?.();
  };

  // Order by buttons, not only by dragging: the focus stays on the button that was pressed,
  // in the drill's new place, so a keyboard can move a drill several steps in a row.
  #move(index, step, action) {
    const items = this.#session.items;
    const target = index + step;
    if (target < 0 || target >= items.length) return;
    [items[index], items[target]] = [items[target], items[index]];
    this.#renderItems({ index: target, action });
    this.#update();
    const name = this.#drills.get(items[target].slug).name;
    this.#announce(`${name} is now number ${target + 1} of ${items.length}.`);
  }

  #remove(index) {
    const [item] = this.#session.items.splice(index, 1);
    const count = this.#session.items.length;
    this.#renderItems(count ? { index: Math.min(index, count - 1), action: 'remove' } : null);
    this.#update();
    this.#announce(`Removed ${this.#drills.get(item.slug).name}.`);
    if (!count) this.#el.empty.querySelector('a')?.focus();
  }

  #add(slug) {
    const items = this.#session.items;
    if (items.length >= MAX_DRILLS) return;
    items.push(itemFor(this.#drills.get(slug)));
    this.#renderItems();
    this.#update();
    const name = this.#drills.get(slug).name;
    this.#announce(
      `Added ${name}: ${items.length} ${items.length === 1 ? 'drill' : 'drills'} in your session.`,
    );
  }

  #clear() {
    this.#session = emptySession(this.#library);
    this.#savedId = null;
    this.#say('');
    this.#renderAll();
    this.#announce('Cleared: the session is empty.');
  }

  // A destructive button asks for a second press within CONFIRM_MS; its words (and its
  // accessible name, which names the drill or session) say so meanwhile.
  #confirm(button, question, action) {
    const restore = () => {
      clearTimeout(this.#confirming.get(button));
      this.#confirming.delete(button);
      button.textContent = button.dataset.text;
      if (button.dataset.label) button.setAttribute('aria-label', button.dataset.label);
    };
    if (this.#confirming.has(button)) {
      restore();
      action();
      return;
    }
    button.dataset.text = button.textContent;
    button.textContent = question;
    const label = button.getAttribute('aria-label');
    if (label) {
      button.dataset.label = label;
      button.setAttribute('aria-label', `${question}: ${label.split(': ').slice(1).join(': ')}`);
    }
    this.#confirming.set(button, setTimeout(restore, CONFIRM_MS));
  }

  #storageSays(problem) {
    if (problem) this.#say(problem);
    return !problem;
  }

  #save() {
    const session = this.#session;
    if (!session.items.length) {
      this.#announce('Add a drill before saving.');
      return;
    }
    const problem = validateSession(session, this.#library);
    if (problem) {
      this.#announce(`Not saved: ${problem}`);
      return;
    }
    const exists = readSessions().sessions.some((saved) => saved.id === this.#savedId);
    const name = session.name || `Session of ${new Date().toLocaleDateString()}`;
    const result = saveSession({
      id: exists ? this.#savedId : null,
      name,
      link: formatLink(session),
    });
    if (!this.#storageSays(result.problem)) return;
    this.#savedId = result.id;
    this.#announce(`Saved “${name}” in My sessions.`);
    this.#renderSaved();
  }

  async #copy() {
    const url = this.#el.link.value;
    if (!url) {
      this.#announce('Add a drill first: an empty session has no link.');
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      this.#announce('Share link copied.');
    } catch {
      this.#el.link.select();
      this.#announce('Copy the selected link from the Share link box.');
    }
  }

  // --- QR code and the printed sheet ----------------------------------------------------------

  #toggleQr() {
    const show = this.#el.qr.hidden;
    this.#el.qr.hidden = !show;
    this.#el.qrButton.setAttribute('aria-expanded', String(show));
    this.#el.qrButton.textContent = show ? 'Hide QR code' : 'Show QR code';
    this.#showQr();
  }

  #showQr() {
    if (this.#el.qr.hidden) return;
    const url = this.#el.link.value;
    const svg = url && qrSvg(url, 'QR code of the share link');
    if (svg) this.#el.qrCode.innerHTML = svg;
    else
      this.#el.qrCode.textContent = url
        ? 'This link is too long for a QR code.'
        : 'Add a drill first.';
  }

  #renderSheet(plan) {
    const session = this.#session;
    const drills = plan.blocks.map((block, index) => {
      const drill = this.#drills.get(session.items[index].slug);
      return make(
        'li',
        {},
        fromMarkup('span', 'builder-sheet__figure', drill.figure),
        make(
          'div',
          {},
          make('p', { class: 'builder-sheet__name' }, `${index + 1}. ${drill.name}`),
          make('p', {}, blockSummary(block)),
          make(
            'ul',
            { class: 'builder-sheet__cues' },
            ...drill.cues.slice(0, 3).map((cue) => make('li', {}, cue)),
          ),
        ),
      );
    });
    const between =
      session.transition && plan.blocks.length > 1
        ? `Between drills: ${session.label}, ${span(session.transition)}.`
        : '';
    const qr = qrSvg(this.#el.link.value, 'QR code: this session in the builder');
    const rows = Array.from({ length: LOG_ROWS }, () =>
      make('tr', {}, make('td'), make('td'), make('td')),
    );
    const log = make(
      'table',
      { class: 'builder-sheet__log-table' },
      make('caption', {}, 'Log'),
      make(
        'thead',
        {},
        make('tr', {}, ...['Date', 'Done', 'Notes'].map((h) => make('th', { scope: 'col' }, h))),
      ),
      make('tbody', {}, ...rows),
    );
    this.#el.sheet.replaceChildren(
      make(
        'div',
        { class: 'builder-sheet__head' },
        make(
          'div',
          {},
          make('h2', { class: 'builder-sheet__title' }, plan.title),
          make('p', {}, describe(plan)),
          make('p', {}, between),
        ),
        qr
          ? make(
              'div',
              { class: 'builder-sheet__qr' },
              fromMarkup('span', '', qr),
              make('p', {}, 'Scan to open this session'),
            )
          : '',
      ),
      make('ol', { class: 'builder-sheet__drills', 'data-count': plan.blocks.length }, ...drills),
      make('div', { class: 'builder-sheet__log' }, log),
    );
  }

  // --- the timer ------------------------------------------------------------------------------

  // The site's own timer, given this plan (element.js builds it on insertion). A run under way
  // keeps its plan: the new one takes over when the timer is reset.
  #showTimer(plan) {
    const current = this.#timer;
    const state = current?.dataset.state;
    if (current && (state === 'running' || state === 'paused')) {
      this.#pendingPlan = plan;
      this.#announce('The timer keeps the plan it started with: reset it to use your changes.');
      return;
    }
    this.#pendingPlan = null;
    this.#stateObserver?.disconnect();
    if (!plan) {
      this.#timer = null;
      this.#el.timer.replaceChildren(make('p', {}, 'Add a drill to get a timer.'));
      return;
    }
    const timer = make('drill-timer', {
      'data-timer-id': plan.id,
      'data-plan': JSON.stringify(plan),
    });
    this.#el.timer.replaceChildren(timer);
    this.#timer = timer;
    this.#stateObserver = new MutationObserver(() => {
      if (timer.dataset.state === 'idle' && this.#pendingPlan !== null)
        this.#showTimer(this.#pendingPlan);
    });
    this.#stateObserver.observe(timer, { attributes: true, attributeFilter: ['data-state'] });
  }

  // --- the library ----------------------------------------------------------------------------

  #renderLibrary() {
    const value = (name) => this.#el.filters.querySelector(`[name="${name}"]`).value;
    const words = value('search').toLowerCase().split(/\s+/).filter(Boolean);
    const level = value('level');
    const muscle = value('muscle');
    const equipment = value('equipment');
    const shown = this.#library.drills.filter((drill) => {
      const text = [drill.name, ...drill.aliases, drill.summary, ...drill.primary_muscles]
        .join(' ')
        .toLowerCase();
      const gear = drill.equipment.length ? drill.equipment : ['no equipment'];
      return (
        words.every((word) => text.includes(word)) &&
        (!level || drill.level === level) &&
        (!muscle || drill.primary_muscles.includes(muscle)) &&
        (!equipment || gear.includes(equipment))
      );
    });
    const total = this.#library.drills.length;
    this.#el.count.textContent = `${shown.length} of ${total} drills`;
    this.#el.drills.replaceChildren(...shown.map((drill) => this.#libraryCard(drill)));
    this.#renderLibraryButtons();
  }

  #libraryCard(drill) {
    const gear = drill.equipment.length ? drill.equipment.join(', ') : 'no equipment';
    return make(
      'li',
      { class: 'builder-drill' },
      fromMarkup('span', 'builder-drill__figure', drill.figure),
      make(
        'div',
        {},
        make(
          'p',
          { class: 'builder-drill__name' },
          make('a', { href: this.dataset.root + drill.url }, drill.name),
        ),
        make(
          'p',
          { class: 'builder-drill__meta' },
          `${drill.level} · ${drill.primary_muscles.join(', ')} · ${gear}`,
        ),
        make('p', {}, drill.summary),
        make('p', {}, `Default: ${drill.dosage}`),
      ),
      make(
        'button',
        {
          type: 'button',
          class: 'md-button',
          'data-action': 'add',
          'data-slug': drill.slug,
          'aria-label': `Add ${drill.name}`,
        },
        'Add',
      ),
    );
  }

  #renderLibraryButtons() {
    const full = this.#session.items.length >= MAX_DRILLS;
    for (const button of this.#el.drills.querySelectorAll('[data-action="add"]'))
      button.disabled = full;
    if (full)
      this.#el.count.textContent = `Your session has ${MAX_DRILLS} drills, the most one sheet holds.`;
  }

  // --- My sessions ----------------------------------------------------------------------------

  #renderSaved() {
    const { sessions, problem } = readSessions();
    if (problem) this.#say(problem);
    const list = this.#el.saved;
    if (!sessions.length) {
      list.replaceChildren(make('li', {}, 'No saved sessions yet.'));
      return;
    }
    list.replaceChildren(
      ...sessions.map((saved) => {
        const when = new Date(saved.saved).toLocaleDateString();
        const drills = new URLSearchParams(saved.link).get('d')?.split(',').length || 0;
        const button = (action, text) =>
          make(
            'button',
            {
              type: 'button',
              class: 'md-button',
              'data-action': action,
              'data-id': saved.id,
              'aria-label': `${text}: ${saved.name}`,
            },
            text,
          );
        return make(
          'li',
          { class: 'builder-saved' },
          make(
            'p',
            {},
            make('strong', {}, saved.name),
            ` · ${drills} ${drills === 1 ? 'drill' : 'drills'} · saved ${when}`,
          ),
          make(
            'div',
            { class: 'builder-item__buttons' },
            button('open', 'Open'),
            button('rename', 'Rename'),
            button('delete', 'Delete'),
          ),
        );
      }),
    );
  }

  #open(id) {
    const saved = readSessions().sessions.find((session) => session.id === id);
    if (!saved) return;
    const { session, error } = parseLink(saved.link, this.#library);
    if (!session) {
      this.#say(`“${saved.name}” cannot be opened. ${error}`);
      return;
    }
    this.#say('');
    this.#session = session;
    this.#savedId = id;
    this.#renderAll();
    this.#announce(`Opened “${saved.name}”.`);
    this.querySelector('#builder-session')?.scrollIntoView();
  }

  #startRename(row, id) {
    const saved = readSessions().sessions.find((session) => session.id === id);
    if (!saved) return;
    const input = make('input', { name: 'rename', maxlength: 60, autocomplete: 'off' });
    input.value = saved.name;
    const button = (action, text) =>
      make(
        'button',
        { type: 'button', class: 'md-button', 'data-action': action, 'data-id': id },
        text,
      );
    row.replaceChildren(
      make('label', {}, `New name for “${saved.name}” `, input),
      make(
        'div',
        { class: 'builder-item__buttons' },
        button('rename-save', 'Save name'),
        button('rename-cancel', 'Cancel'),
      ),
    );
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== 'Escape') return;
      // Or the key goes on to press the Rename button the focus moves back to.
      event.preventDefault();
      if (event.key === 'Enter') this.#finishRename(row, id);
      else this.#renderSaved();
    });
    input.focus();
    input.select();
  }

  #finishRename(row, id) {
    const name = row.querySelector('input[name="rename"]').value.trim();
    if (!name) {
      this.#announce('A name cannot be empty.');
      return;
    }
    if (!this.#storageSays(renameSession(id, name.slice(0, 60)))) return;
    this.#renderSaved();
    this.#announce(`Renamed to “${name}”.`);
    this.#el.saved.querySelector(`[data-action="rename"][data-id="${id}"]`)?.focus();
  }
}

if (!customElements.get('session-builder'))
  customElements.define('session-builder', SessionBuilder);
