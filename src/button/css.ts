/**
 * The element's style sheets, as `css` tagged templates: Lit's `CSSResult`, built from the literal alone. Lit's own
 * `css` checks each interpolated value before it builds one; these sheets have none (the signature refuses any), and
 * its checks and their messages would be page-load bytes on every site, as decorators would.
 */
import { unsafeCSS, type CSSResult } from 'lit';

/** CSS written in this package's source, never text from a page: `unsafeCSS` is safe for that. */
export function css(strings: TemplateStringsArray, ..._values: never[]): CSSResult {
  return unsafeCSS(strings[0]);
}
