/**
 * The element's language: its own `lang`, else the nearest ancestor's (across shadow roots), else the browser's
 * languages, matched by primary subtag (`pt-BR` → `pt`, `zh-CN` → `zh`); English when none is supported. It follows
 * later changes of `lang` and of the browser's languages. English ships with the page; every other language is one
 * chunk, imported when the page is in it, so a page pays for its own language only.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { enPageStrings } from '../button/english.js';
import { mergeStrings, type C2cCallStrings, type C2cLoadedStrings, type C2cStringOverrides, type C2cStrings } from './strings.js';

/** The languages besides English; their tables are found through `locales/index.ts`, imported when needed. */
export const LANGUAGES = ['es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'ko', 'zh', 'ar', 'he'] as const;

export type C2cLanguage = 'en' | (typeof LANGUAGES)[number];

/** How long the first render waits for the page's language before it shows English (then switches). */
const FIRST_RENDER_WAIT_MS = 3_000;

/** The supported language of a BCP 47 tag, by its primary subtag; `iw` is the old code for Hebrew. */
export function matchLanguage(tag: string | null | undefined): C2cLanguage | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  const code = primary === 'iw' ? 'he' : primary;
  return code === 'en' || LANGUAGES.includes(code as never) ? (code as C2cLanguage) : undefined;
}

/** Languages written right to left. */
export function isRightToLeft(lang: C2cLanguage): boolean {
  return lang === 'ar' || lang === 'he';
}

/** The nearest element, from `element` up (leaving shadow roots through their hosts), with a `lang` attribute. */
function langSource(element: Element): Element | undefined {
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node instanceof Element && node.hasAttribute('lang')) return node;
  }
  return undefined;
}

export class LocaleController implements ReactiveController {
  /** The language the element speaks. */
  lang: C2cLanguage = 'en';
  /** The tag it came from (`pt-BR`, `ar-EG`), for `lang` attributes and `Intl`; `en` by default. */
  tag = 'en';
  /** Settles when the language's table is there, or after a bounded wait; undefined when nothing is loading. */
  ready: Promise<void> | undefined;
  #table?: C2cStrings;
  #observer?: MutationObserver;

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#resolve());
    // A change of `lang` anywhere in the documents above the element may change its language: such changes are rare.
    for (let root = this.#host.getRootNode(); ; root = (root as ShadowRoot).host.getRootNode()) {
      this.#observer.observe(root instanceof Document ? root.documentElement : root, { attributeFilter: ['lang'], subtree: true });
      if (!(root instanceof ShadowRoot)) break;
    }
    this.#observer.observe(this.#host, { attributeFilter: ['lang'] });
    addEventListener('languagechange', this.#resolve);
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    removeEventListener('languagechange', this.#resolve);
  }

  /**
   * The strings in the element's language, the page's overrides on top: the page-load ones, and every one once
   * the in-call view has brought the English of the rest (`english`).
   */
  strings(overrides: C2cStringOverrides | undefined, english: C2cCallStrings): C2cStrings;
  strings(overrides: C2cStringOverrides | undefined): C2cLoadedStrings;
  strings(overrides: C2cStringOverrides | undefined, english?: C2cCallStrings): C2cLoadedStrings {
    return mergeStrings(enPageStrings, english, this.#table, overrides);
  }

  readonly #resolve = (): void => {
    // A page in a language we do not speak falls back on what the visitor's browser asks for, then English.
    const candidates = [langSource(this.#host)?.getAttribute('lang'), ...navigator.languages];
    const tag = candidates.find((candidate) => matchLanguage(candidate) !== undefined)?.trim() ?? 'en';
    const lang = matchLanguage(tag)!;
    if (tag !== this.tag) {
      this.tag = tag;
      this.#host.requestUpdate();
    }
    if (lang === this.lang) return;
    this.lang = lang;
    this.#table = undefined;
    this.#host.requestUpdate();
    if (lang === 'en') return;
    const loading = import('./locales/index.js').then(({ LOCALES }) => LOCALES[lang]()).then(
      (module) => {
        if (this.lang !== lang) return;
        this.#table = module.default;
        this.#host.requestUpdate();
      },
      () => undefined, // unreachable chunk: the element stays in English
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.ready = Promise.race([loading, new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_RENDER_WAIT_MS)))])
      .finally(() => clearTimeout(timer));
  };
}
