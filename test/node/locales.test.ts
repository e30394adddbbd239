/**
 * The eleven translated tables against the English ones: same keys (errors code by code), nothing empty, the same
 * `{…}` placeholders, nothing left in English, and the script and punctuation of their language. A failure names
 * the locale and the key.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { enCallStrings } from '../../src/in-call/english.js';
import { enPageStrings } from '../../src/button/english.js';
import ar from '../../src/i18n/locales/ar.js';
import de from '../../src/i18n/locales/de.js';
import es from '../../src/i18n/locales/es.js';
import fr from '../../src/i18n/locales/fr.js';
import he from '../../src/i18n/locales/he.js';
import it_ from '../../src/i18n/locales/it.js';
import ja from '../../src/i18n/locales/ja.js';
import ko from '../../src/i18n/locales/ko.js';
import nl from '../../src/i18n/locales/nl.js';
import pt from '../../src/i18n/locales/pt.js';
import zh from '../../src/i18n/locales/zh.js';
import { LOCALES as LOADERS } from '../../src/i18n/locales/index.js';
import { LANGUAGES } from '../../src/i18n/locale-controller.js';

const LOCALES: Record<string, unknown> = { es, fr, de, it: it_, pt, nl, ja, ko, zh, ar, he };

describe('the languages the resolver knows and the tables it can load', () => {
  it('are the same eleven, and each loads its own table', async () => {
    assert.deepEqual([...LANGUAGES].sort(), Object.keys(LOCALES).sort());
    assert.deepEqual(Object.keys(LOADERS).sort(), Object.keys(LOCALES).sort());
    for (const [lang, load] of Object.entries(LOADERS)) assert.equal((await load()).default, LOCALES[lang], lang);
  });
});

/**
 * Values that may equal the English one, per locale and key, each with why: only words that really are the same
 * in that language. An entry whose value no longer equals the English one fails too, so the list stays this short.
 */
const SAME_AS_ENGLISH: Record<string, Record<string, string>> = {
  nl: { camera: 'Dutch writes “camera” exactly as English does (macOS, Windows and Chrome in Dutch all say “Camera”).' },
};

/** Words kept as they are in every language: browser names and the URL scheme. */
const BRAND_NAMES = /\b(?:Chrome|Edge|Firefox|Safari|https)\b/g;
const PLACEHOLDER = /\{(\w+)\}/g;

/** What the text of each locale must be written in (letters other than brand names and placeholders). */
const SCRIPTS: Record<string, { name: string; letter: RegExp; latin?: RegExp }> = {
  ar: { name: 'Arabic', letter: /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u },
  he: { name: 'Hebrew', letter: /[\u0590-\u05FF\uFB1D-\uFB4F]/u },
  // Japanese Safari spells its menu item “このWebサイトの設定” with a Latin “Web”: the visitor must find it as written.
  ja: { name: 'Japanese (kana or kanji)', letter: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, latin: /Web(?=サイト)/g },
  ko: { name: 'Korean (Hangul)', letter: /\p{Script=Hangul}/u },
  zh: { name: 'Chinese (Han)', letter: /\p{Script=Han}/u },
};

/** Status lines that the English ends with “…” (a state in progress): the translation keeps an ellipsis. */
const PROGRESS_STATUSES = ['authorizing', 'connecting', 'ringing', 'reconnecting', 'ending'] as const;

/** `{ call: 'Call', errors: { network: '…' } }` → `[['call', 'Call'], ['errors.network', '…']]`. */
function flatten(table: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === 'errors' && !prefix && typeof value === 'object' && value !== null) {
      for (const [inner, innerValue] of flatten(value, path)) out.set(inner, innerValue);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

function placeholderCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) counts.set(name!, (counts.get(name!) ?? 0) + 1);
  return counts;
}

function describeCounts(counts: Map<string, number>): string {
  return counts.size === 0 ? 'none' : [...counts].map(([name, n]) => `{${name}}×${n}`).join(', ');
}

/** Fails with every problem of one check, one line each, prefixed by the locale and key. */
function assertNoProblems(lang: string, check: string, problems: string[]): void {
  if (problems.length > 0) {
    assert.fail(`locale "${lang}" ${check}: ${problems.length} problem(s)\n${problems.map((p) => `  ${lang}.${p}`).join('\n')}`);
  }
}

const english = flatten({ ...enPageStrings, ...enCallStrings });

describe('English reference tables', () => {
  it('has page and call keys that do not overlap, and the 19 error codes', () => {
    const overlap = Object.keys(enPageStrings).filter((key) => key in enCallStrings);
    assert.deepEqual(overlap, [], `keys in both button/english.ts and in-call/english.ts: ${overlap.join(', ')}`);
    assert.equal([...english.keys()].filter((key) => key.startsWith('errors.')).length, 19);
  });

  it('has no allow-listed key that does not exist', () => {
    const unknown = Object.entries(SAME_AS_ENGLISH).flatMap(([lang, keys]) =>
      Object.keys(keys).filter((key) => !english.has(key) || !(lang in LOCALES)).map((key) => `${lang}.${key}`),
    );
    assert.deepEqual(unknown, [], `SAME_AS_ENGLISH names keys or locales that do not exist: ${unknown.join(', ')}`);
  });
});

for (const [lang, table] of Object.entries(LOCALES)) {
  describe(`locale ${lang}`, () => {
    const strings = flatten(table);

    it('has exactly the keys of the English tables, errors included', () => {
      const missing = [...english.keys()].filter((key) => !strings.has(key));
      const extra = [...strings.keys()].filter((key) => !english.has(key));
      assertNoProblems(lang, 'keys', [...missing.map((key) => `${key}: missing`), ...extra.map((key) => `${key}: not an English key`)]);
    });

    it('has a non-empty string for every key', () => {
      const problems = [...strings].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
      assertNoProblems(lang, 'empty or non-string values', problems);
    });

    it('has the placeholders of the English text, as often, and no others', () => {
      const problems: string[] = [];
      for (const [key, source] of english) {
        const value = strings.get(key);
        if (typeof value !== 'string' || typeof source !== 'string') continue;
        const want = placeholderCounts(source);
        const got = placeholderCounts(value);
        const names = new Set([...want.keys(), ...got.keys()]);
        if ([...names].some((name) => want.get(name) !== got.get(name))) {
          problems.push(`${key}: English has ${describeCounts(want)}, translation has ${describeCounts(got)} — ${JSON.stringify(value)}`);
        }
      }
      assertNoProblems(lang, 'placeholders', problems);
    });

    it('has no value left in English (except the justified allow-list)', () => {
      const allowed = SAME_AS_ENGLISH[lang] ?? {};
      const problems: string[] = [];
      for (const [key, source] of english) {
        const value = strings.get(key);
        const same = typeof value === 'string' && value.trim().toLowerCase() === String(source).trim().toLowerCase();
        if (same && !(key in allowed)) problems.push(`${key}: same as English ${JSON.stringify(source)}`);
        if (!same && key in allowed) problems.push(`${key}: allow-listed as same as English but is ${JSON.stringify(value)}; drop it from SAME_AS_ENGLISH`);
      }
      assertNoProblems(lang, 'untranslated values', problems);
    });

    it('keeps an ellipsis on the statuses of a state in progress, and writes “…” rather than "..."', () => {
      const problems: string[] = [];
      for (const key of PROGRESS_STATUSES) {
        const value = strings.get(key);
        if (typeof value === 'string' && !value.trimEnd().endsWith('…')) problems.push(`${key}: no “…” at the end of ${JSON.stringify(value)}`);
      }
      for (const [key, value] of strings) {
        if (typeof value === 'string' && value.includes('...')) problems.push(`${key}: three dots instead of “…” in ${JSON.stringify(value)}`);
      }
      assertNoProblems(lang, 'ellipses', problems);
    });

    const script = SCRIPTS[lang];
    if (script) {
      it(`is written in ${script.name} script, with no Latin words other than brand names`, () => {
        const problems: string[] = [];
        for (const [key, value] of strings) {
          if (typeof value !== 'string') continue;
          const rest = value.replace(PLACEHOLDER, '').replace(BRAND_NAMES, '').replace(script.latin ?? /(?!)/g, '');
          const latin = rest.match(/[A-Za-z]+/g);
          if (latin) problems.push(`${key}: Latin letters ${JSON.stringify(latin)} in ${JSON.stringify(value)}`);
          // A string made only of brand names (none today) has no letters of its own to check.
          const hasOwnLetters = /\p{L}/u.test(rest);
          if (hasOwnLetters && !script.letter.test(rest)) problems.push(`${key}: no ${script.name} letters in ${JSON.stringify(value)}`);
        }
        assertNoProblems(lang, `script`, problems);
      });
    }

    if (lang === 'ja' || lang === 'zh') {
      it('ends sentences with the full stop “。”, not "."', () => {
        const problems: string[] = [];
        for (const [key, source] of english) {
          const value = strings.get(key);
          if (typeof value !== 'string') continue;
          if (String(source).endsWith('.') && !value.endsWith('。')) problems.push(`${key}: English ends a sentence, translation does not end with “。”: ${JSON.stringify(value)}`);
          if (/\.(?:\s|$)/u.test(value.replace(BRAND_NAMES, ''))) problems.push(`${key}: ASCII full stop in ${JSON.stringify(value)}`);
        }
        assertNoProblems(lang, 'full stops', problems);
      });
    }

    if (lang === 'ar') {
      it('uses the Arabic comma “،” and question mark “؟”, not "," or "?"', () => {
        const problems = [...strings]
          .filter(([, value]) => typeof value === 'string' && /[,?;]/.test(value))
          .map(([key, value]) => `${key}: Latin punctuation in ${JSON.stringify(value)}`);
        assertNoProblems(lang, 'punctuation', problems);
      });
    }
  });
}
