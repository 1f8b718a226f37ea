// "Print drill sheet" buttons: shown only when this script runs (print.css), one listener for
// every page, so Material's instant navigation needs nothing more.
document.documentElement.classList.add('sheet-js');
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print-sheet]')) window.print();
});
