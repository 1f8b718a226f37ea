// <drill-movement>: the play/pause button of a drill's movement figure (figures.html.j2).
// The figure animates itself (SMIL, from macros/render/movement.py); this only holds it on its
// first key position until the reader presses Play, and pauses it again. The player stays
// hidden without this script, and is hidden again for readers who ask for reduced motion
// (figures.css hides it too, and on paper): the strip above shows the key positions.
//
// A classic script, not a module: the copy opened from disk (file://) refuses modules. Its
// names live in a block, out of the page's global scope.

{
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  class DrillMovement extends HTMLElement {
    connectedCallback() {
      this.figure = this.querySelector('svg.drill-figure');
      this.button = this.querySelector('button');
      if (!this.started) {
        // Once per element: it may be taken out of the page and put back.
        this.started = true;
        this.figure.pauseAnimations();
        this.figure.setCurrentTime(0);
        this.button.addEventListener('click', () => this.play(!this.playing));
      }
      this.onMotionChange = () => this.followMotionSetting();
      reducedMotion.addEventListener('change', this.onMotionChange);
      this.followMotionSetting();
    }

    disconnectedCallback() {
      reducedMotion.removeEventListener('change', this.onMotionChange);
    }

    get playing() {
      return this.button.getAttribute('aria-pressed') === 'true';
    }

    followMotionSetting() {
      this.hidden = reducedMotion.matches;
      if (reducedMotion.matches) {
        this.play(false);
      }
    }

    play(on) {
      if (on) {
        this.figure.unpauseAnimations();
      } else {
        this.figure.pauseAnimations();
      }
      this.button.setAttribute('aria-pressed', String(on));
    }
  }

  if (!customElements.get('drill-movement')) {
    customElements.define('drill-movement', DrillMovement);
  }
}
