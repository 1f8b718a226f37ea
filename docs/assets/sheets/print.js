// Printing sheets. "Print drill sheet" buttons are shown only when scripts run: the head's
// last script gives <html> the class sheet-js (docs/overrides/main.html: set there, before
// the page is styled, it costs no restyle). A link to a sheet with ?print (the sheets/
// gallery's Print) opens the print dialog once the page is there.
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print-sheet]')) window.print();
});

if (new URLSearchParams(location.search).has('print')) {
  // Take the query away first: a reload or Back must not print again.
  history.replaceState(history.state, '', location.pathname + location.hash);
  // Once everything the page loads is there (figures, QR code), so the dialog shows it all.
  addEventListener('load', () => window.print(), { once: true });
}
