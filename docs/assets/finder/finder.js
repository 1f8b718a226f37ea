// <drill-finder>: the drills index filtered by level, main muscle, equipment and name, in the
// browser, as the reader chooses (macros/render/templates/drills_index.md.j2 writes the markup).
// Without JavaScript this never runs: the form stays hidden and the table lists every drill.
//
// A classic script, not a module, so the copy opened from disk (file://) runs it too. Each row
// carries what it is filtered on in data attributes, values joined with "|". Levels are
// checkboxes (none ticked: every level); the other fields hold one value each, "" for any.
// The choices are mirrored in the address (?level=beginner&muscle=calves), so a filtered list
// can be shared and survives a reload.

const FIELDS = ['name', 'level', 'muscle', 'equipment'];
const MANY = new Set(['level']);

// "High-knee run" and "high knee" are the same words to a reader: compare letters and digits
// only, lower case, one space between words.
function words(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function listOf(row, attribute) {
  return (row.getAttribute(attribute) || '').split('|');
}

function rowMatches(row, wanted) {
  if (wanted.level.length > 0 && !wanted.level.includes(row.dataset.level)) return false;
  if (wanted.muscle && !listOf(row, 'data-muscles').includes(wanted.muscle)) return false;
  if (wanted.equipment && !listOf(row, 'data-equipment').includes(wanted.equipment)) return false;
  if (wanted.name) {
    const query = words(wanted.name);
    return listOf(row, 'data-names').some((name) => words(name).includes(query));
  }
  return true;
}

function countText(shown, total) {
  const noun = total === 1 ? 'drill' : 'drills';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}

class DrillFinder extends HTMLElement {
  connectedCallback() {
    if (this.form) return; // moved, not new
    this.form = this.querySelector('form');
    this.rows = [...this.querySelectorAll('tbody tr')];
    this.count = this.querySelector('[data-finder-count]');
    this.empty = this.querySelector('[data-finder-empty]');
    this.readAddress();
    this.form.hidden = false;
    this.form.addEventListener('input', () => this.update());
    this.form.addEventListener('submit', (event) => event.preventDefault());
    // The reset event comes before the form's fields are reset: update once they are.
    this.form.addEventListener('reset', () => setTimeout(() => this.update()));
    this.update();
  }

  // { name: 'skip', level: ['beginner'], muscle: '', equipment: 'none' }
  wanted() {
    const data = new FormData(this.form);
    return Object.fromEntries(
      FIELDS.map((field) => [
        field,
        MANY.has(field) ? data.getAll(field).map(String) : String(data.get(field) || ''),
      ]),
    );
  }

  // Choices from the address; a value the form does not offer is ignored.
  readAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const field of FIELDS) {
      const values = params.getAll(field);
      if (values.length === 0) continue;
      for (const control of this.form.querySelectorAll(`[name="${field}"]`)) {
        if (control.type === 'checkbox') {
          control.checked = values.includes(control.value);
        } else if (control instanceof HTMLSelectElement) {
          const offered = [...control.options].some((option) => option.value === values[0]);
          if (offered) control.value = values[0];
        } else {
          control.value = values[0];
        }
      }
    }
  }

  writeAddress(wanted) {
    const params = new URLSearchParams();
    for (const field of FIELDS) {
      for (const value of [wanted[field]].flat()) if (value) params.append(field, value);
    }
    const query = params.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  }

  update() {
    const wanted = this.wanted();
    let shown = 0;
    for (const row of this.rows) {
      row.hidden = !rowMatches(row, wanted);
      if (!row.hidden) shown += 1;
    }
    this.count.textContent = countText(shown, this.rows.length);
    this.empty.hidden = shown > 0;
    this.writeAddress(wanted);
  }
}

if (!customElements.get('drill-finder')) customElements.define('drill-finder', DrillFinder);
