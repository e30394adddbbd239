// A build plugin: takes the indentation and line breaks out of Lit's `html`, `svg` and `css` tagged templates,
// which a JavaScript minifier must leave alone (they are strings). Only the templates' literal parts change, found
// with TypeScript's own parser, never inside `${…}`; source maps follow.
//   html/svg: every run of whitespace that holds a line break becomes one space (a space between two inline
//             elements stays a space, so nothing that renders changes);
//   css:      comments go, whitespace runs become one space, and spaces around { } ; , and after : are dropped.
import MagicString from 'magic-string';
import ts from 'typescript';
import type { Plugin } from 'vite';

const TAGS = new Set(['html', 'svg', 'css']);

export function minifyHtml(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
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

/** The literal parts of `tag\`…\`` templates in `code`, with their positions (without the delimiters). */
function templateParts(code: string, fileName: string): { start: number; end: number; css: boolean }[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const parts: { start: number; end: number; css: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const css = node.tag.text === 'css';
      const template = node.template;
      // A literal's text sits between its opening delimiter (` or }) and its closing one (` or ${).
      const add = (literal: ts.TemplateLiteralLikeNode, closing: number) =>
        parts.push({ start: literal.getStart(source) + 1, end: literal.getEnd() - closing, css });
      if (ts.isNoSubstitutionTemplateLiteral(template)) {
        add(template, 1);
      } else {
        add(template.head, 2);
        template.templateSpans.forEach((span) => add(span.literal, ts.isTemplateTail(span.literal) ? 1 : 2));
      }
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
      for (const { start, end, css } of templateParts(code, id)) {
        const text = code.slice(start, end);
        const minified = css ? minifyCss(text) : minifyHtml(text);
        if (minified !== text) output.overwrite(start, end, minified);
      }
      return output.hasChanged() ? { code: output.toString(), map: output.generateMap({ hires: 'boundary', source: id }) } : null;
    },
  };
}
