// A build plugin: takes the indentation and line breaks out of Lit's `html`, `svg` and `css` tagged templates,
// which a JavaScript minifier must leave alone (they are strings). Only the templates' literal parts change, found
// with TypeScript's own parser, never inside `${…}`; source maps follow.
//   html/svg: every run of whitespace that holds a line break becomes one space (a space between two inline
//             elements stays a space, so nothing that renders changes), and goes at a template's two ends;
//   css:      comments go, whitespace runs become one space, and spaces around { } ; , and after : are dropped.
import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

const TAGS = new Set(['html', 'svg', 'css']);

/** An html/svg literal part: whitespace with a line break becomes one space, and none at the template's two ends. */
export function minifyHtml(text: string, first = false, last = false): string {
  let minified = text.replace(/\s*\n\s*/g, ' ');
  if (first && /^\s*\n/.test(text)) minified = minified.replace(/^ /, '');
  if (last && /\n\s*$/.test(text)) minified = minified.replace(/ $/, '');
  return minified;
}

export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':') // in valid CSS a colon is never followed by meaningful space (`a: hover` is not a selector)
    .replace(/;}/g, '}')
    .trim();
}

interface TemplatePart {
  /** Where the literal text is, without its delimiters. */
  start: number;
  end: number;
  css: boolean;
  /** The template's first and last literal parts. */
  first: boolean;
  last: boolean;
}

/** The literal parts of `tag\`…\`` templates in `code`, with their positions. */
function templateParts(code: string, fileName: string): TemplatePart[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parts: TemplatePart[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const css = node.tag.text === 'css';
      const template = node.template;
      // A literal's text sits between its opening delimiter (` or }) and its closing one (` or ${).
      const literals: [ts.TemplateLiteralLikeNode, number][] = ts.isNoSubstitutionTemplateLiteral(template)
        ? [[template, 1]]
        : [[template.head, 2], ...template.templateSpans.map((span): [ts.TemplateLiteralLikeNode, number] => [span.literal, ts.isTemplateTail(span.literal) ? 1 : 2])];
      literals.forEach(([literal, closing], i) => parts.push({
        start: literal.getStart(source) + 1, end: literal.getEnd() - closing, css, first: i === 0, last: i === literals.length - 1,
      }));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return parts;
}

export function minifyLitTemplates(): Plugin {
  return {
    name: 'minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      const output = new MagicString(code);
      for (const { start, end, css, first, last } of templateParts(code, id)) {
        const text = code.slice(start, end);
        const minified = css ? minifyCss(text) : minifyHtml(text, first, last);
        if (minified !== text) output.overwrite(start, end, minified);
      }
      return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: 'boundary', source: id }) } : null;
    },
  };
}
