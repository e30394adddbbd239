/** Every English string, page-load and in-call together: the defaults that `strings` overrides. */
import { enCallStrings } from './en-call.js';
import { enPageStrings } from './en.js';
import type { C2cStrings } from './strings.js';

export const defaultStrings: C2cStrings = { ...enPageStrings, ...enCallStrings };
