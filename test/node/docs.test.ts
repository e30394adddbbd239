// The docs against the repository: every relative link (and its #anchor) resolves, the README stays a short front
// door that links every page of docs/, the errors page says what the code does, the layout names every source file,
// and no public file cites a document outside the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { enCallStrings } from '../../src/in-call/english.js';
import { C2cErrorCode, isRetryable } from '../../src/shared/errors.js';

const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n').filter((file) => file && existsSync(file));
const markdownFiles = tracked.filter((file) => file.endsWith('.md'));
const read = (file: string) => readFileSync(file, 'utf8');

/** Markdown without its fenced code blocks, where `#` starts no heading. */
function withoutFences(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** Markdown without code, fenced or inline, where brackets are not links. */
function prose(text: string): string {
  return withoutFences(text).replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of withoutFences(read(file)).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

/** Relative links of `file` that point nowhere: a missing file, or a heading the target does not have. */
function brokenLinks(file: string, text: string, exists: (path: string) => boolean, anchorsOf: (path: string) => Set<string>): string[] {
  const broken: string[] = [];
  for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto:
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const resolved = path ? normalize(join(dirname(file), path)) : file;
    if (!exists(resolved)) broken.push(`${file}: ${target} (no such file)`);
    else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) broken.push(`${file}: ${target} (no such heading)`);
  }
  return broken;
}

/** The rows of the errors page's table: code, retry offered, what the visitor reads. */
function errorRows(text: string): Array<{ code: string; visitor: string; retry: string }> {
  return [...text.matchAll(/^\| `([a-z-]+)` \| .+ \| (.+) \| (yes|no) \|$/gm)].map(([, code, visitor, retry]) => ({ code: code!, visitor: visitor!, retry: retry! }));
}

describe('the docs', () => {
  it('link only to files and headings that exist', () => {
    const exists = (path: string) => existsSync(path) && (statSync(path).isFile() || statSync(path).isDirectory());
    const broken = markdownFiles.flatMap((file) => brokenLinks(file, read(file), exists, anchors));
    assert.ok(markdownFiles.length >= 12, markdownFiles.join(', '));
    assert.deepEqual(broken, []);
  });

  it('have a README under 200 lines that links every page of docs/ and CONTRIBUTING.md', () => {
    const readme = read('README.md');
    assert.ok(readme.split('\n').length < 200, `README.md has ${readme.split('\n').length} lines`);
    const pages = [...tracked.filter((file) => /^docs\/[^/]+\.md$/.test(file)), 'CONTRIBUTING.md'];
    const linked = new Set([...prose(readme).matchAll(/\]\(([^)#\s]+)/g)].map(([, target]) => target));
    assert.deepEqual(pages.filter((page) => !linked.has(page)), []);
  });

  it('list every error code in errors.md, with its retry and its English message', () => {
    const rows = errorRows(read('docs/errors.md'));
    assert.deepEqual(rows.map((row) => row.code).sort(), Object.values(C2cErrorCode).sort());
    for (const { code, visitor, retry } of rows) {
      assert.equal(retry, isRetryable(code as C2cErrorCode) ? 'yes' : 'no', `${code}: retry`);
      assert.equal(visitor, enCallStrings.errors[code as C2cErrorCode], `${code}: what the visitor reads`);
    }
  });

  it('name every error code in api.md, whose table of them is errors.md\'s alone', () => {
    const section = /## Error codes[^\n]*\n([\s\S]*?)\n## /.exec(read('docs/api.md'))![1]!;
    const named = [...section.matchAll(/`([a-z]+(?:-[a-z]+)*)`/g)].map(([, code]) => code);
    assert.deepEqual(Object.values(C2cErrorCode).filter((code) => !named.includes(code)), []);
    assert.doesNotMatch(section, /^\| code \|/m, 'a second table of the codes, to drift from errors.md');
  });

  it('name every source file in the layout of architecture.md', () => {
    const layout = read('docs/architecture.md');
    const unnamed = tracked
      .filter((file) => file.startsWith('src/') && file.endsWith('.ts'))
      .filter((file) => !/^src\/i18n\/locales\/[a-z]{2}\.ts$/.test(file) || !layout.includes('locales/<lang>.ts'))
      .filter((file) => !new RegExp(`(^|[\\s/(,])${file.split('/').pop()!.replace(/\./g, '\\.')}\\b`, 'm').test(layout));
    assert.deepEqual(unnamed, []);
  });

  it('keep the markers the bench writes between', () => {
    assert.match(read('README.md'), /<!-- bench:headline: [^\n]*-->\n[\s\S]*\n<!-- bench:headline:end -->/);
    assert.match(read('docs/benchmarks.md'), /<!-- bench:begin: [^\n]*-->\n[\s\S]*\n<!-- bench:end -->/);
  });

  it('cite no document outside the repository', () => {
    const outside = /shared\/docs|api-contract\.md|sdk-protocol\.md/;
    const publicFiles = tracked.filter((file) => /\.(md|ts|tsx|mjs|js|html)$/.test(file) && file !== 'test/node/docs.test.ts');
    assert.deepEqual(publicFiles.filter((file) => outside.test(read(file))), []);
  });

  it('catch what they say they catch (the checks themselves can fail)', () => {
    const text = 'See [a](docs/none.md), [b](docs/api.md#no-such-heading), [c](https://example.com), `[d](x.md)`.';
    const exists = (path: string) => path === 'docs/api.md';
    assert.deepEqual(brokenLinks('README.md', text, exists, () => new Set(['styling'])), [
      'README.md: docs/none.md (no such file)',
      'README.md: docs/api.md#no-such-heading (no such heading)',
    ]);
    assert.equal(slug('3a. Authentication failure at `connect`'), '3a-authentication-failure-at-connect');
    assert.deepEqual(errorRows('| `network` | offline | Could not connect. | yes |'), [{ code: 'network', visitor: 'Could not connect.', retry: 'yes' }]);
  });
});
