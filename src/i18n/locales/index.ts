/**
 * Every language besides English, one chunk each. The language resolver (`locale-controller.ts`) imports this table
 * only when a page is in one of them, so an English page carries none of their addresses.
 */
import type { C2cStrings } from '../strings.js';

type LocaleModule = Promise<{ default: C2cStrings }>;

export const LOCALES = {
  es: (): LocaleModule => import('./es.js'),
  fr: (): LocaleModule => import('./fr.js'),
  de: (): LocaleModule => import('./de.js'),
  it: (): LocaleModule => import('./it.js'),
  pt: (): LocaleModule => import('./pt.js'),
  nl: (): LocaleModule => import('./nl.js'),
  ja: (): LocaleModule => import('./ja.js'),
  ko: (): LocaleModule => import('./ko.js'),
  zh: (): LocaleModule => import('./zh.js'),
  ar: (): LocaleModule => import('./ar.js'),
  he: (): LocaleModule => import('./he.js'),
};
