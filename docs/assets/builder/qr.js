// A QR code as inline SVG, made in the browser by the bundled qrcode-generator (MIT, in
// assets/vendor/): a share link never goes to a QR service. Black on white with the 4-module
// quiet zone phones need; CSS sizes it.
import qrcode from '../vendor/qrcode-generator/qrcode.js';

const QUIET = 4;

function escapeText(text) {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );
}

// The SVG markup for `text`, named `label` for screen readers; null if it is too long for a
// QR code. Level M, as the printed sheets' codes (macros/render/qr.py): survives a crease.
export function qrSvg(text, label) {
  let code;
  try {
    code = qrcode(0, 'M');
    code.addData(text);
    code.make();
  } catch {
    return null;
  }
  const count = code.getModuleCount();
  const size = count + 2 * QUIET;
  let path = '';
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      if (!code.isDark(row, column)) continue;
      let run = 1; // one rectangle per run of dark modules in a row
      while (column + run < count && code.isDark(row, column + run)) run++;
      path += `M${column + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
      column += run - 1;
    }
  }
  return (
    `<svg class="builder-qr" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeText(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
