// The HTML pages the bench serves. The CDN pages are written here as a site would write them: the script tag
// of the module build (or of the classic build) and the element's tag. The Vite apps' pages come from their
// build, with the call's configuration filled into their {{TOKEN}}, {{DESTINATION}} and {{API_BASE}}.
export const MODULE_FILE = 'c2c-call-button.js';
export const CLASSIC_FILE = 'c2c-call-button.classic.js';

const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Fills `{{NAME}}` placeholders of a built page with HTML-escaped values. */
export function fillPage(template, { token, destination, apiBase }) {
  const values = { TOKEN: token, DESTINATION: destination, API_BASE: apiBase };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name) => (name in values ? escape(values[name]) : whole));
}

function page(title, head, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><link rel="icon" href="data:,">${head}</head>
<body>${body}</body></html>`;
}

const buttons = ({ token, destination, apiBase }, count) =>
  `<c2c-call-button token="${escape(token)}" destination="${escape(destination)}" api-base="${escape(apiBase)}"></c2c-call-button>\n`.repeat(count);

/** A page loading the CDN build: `form` 'module' (`<script type="module">`) or 'classic' (`<script src>`). */
export function cdnPage(form, config) {
  const script = form === 'classic'
    ? `<script src="/${CLASSIC_FILE}"></script>`
    : `<script type="module" src="/${MODULE_FILE}"></script>`;
  return page(`c2c bench: CDN ${form} build`, script, buttons(config, 1));
}

/**
 * A page with `count` buttons and no script: the bench imports the module build itself, to time it.
 * `count` 0 is the baseline page, with no element at all.
 */
export function scalePage(count, config) {
  return page(`c2c bench: ${count} buttons`, '', buttons(config, count));
}
