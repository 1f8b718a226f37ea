// Printing sheets. "Print drill sheet" buttons are shown only when scripts run: the head's
// last script gives <html> the class sheet-js (docs/overrides/main.html: set there, before
// the page is styled, it costs no restyle). One listener serves every page, so Material's
// instant navigation needs nothing more. A link to a sheet with ?print (the sheets/ gallery's
// Print) opens the print dialog once the page is there.
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print-sheet]')) window.print();
});

function printIfAsked() {
  if (!new URLSearchParams(location.search).has('print')) return;
  // Take the query away first: a reload or Back must not print again.
  history.replaceState(history.state, '', location.pathname + location.hash);
  window.print();
}

// Material's instant navigation swaps pages without reloading this script: it announces each
// new page on document$; without it (the offline copy), the page load is the only one.
if (window.document$) window.document$.subscribe(() => setTimeout(printIfAsked));
else printIfAsked();
