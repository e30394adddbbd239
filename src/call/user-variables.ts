/**
 * The variables a call sends, checked before anything is sent: a flat JSON object of names to strings, numbers
 * or booleans, within a size the relay and the far end's scripts can take. Pure, no DOM. Error messages name the
 * name that was refused, never a value: the values may be the visitor's.
 */
import { C2cError } from '../shared/errors.js';
import type { C2cUserVariables } from '../shared/user-variables.js';

/** The most bytes of UTF-8 JSON a call's variables may take (`{"orderId":"A-1001"}` is 20). */
export const MAX_USER_VARIABLES_BYTES = 4096;

/**
 * What a call is to send, in two parts: what the page gave (the `userVariables` property, the `user-variables`
 * attribute's text or `call()`'s option) and the copy of it that `c2c-before-call`'s listeners may have changed.
 * The element only copies at the click; the checks are here, on intent.
 */
export type UserVariablesInput = readonly [given: unknown, sent?: object];

/** A name the far end reads as it is: a letter, then letters, digits, `_` or `-`; at most 64 characters. */
const NAME = /^[A-Za-z][\w-]{0,63}$/;
/** Half of a UTF-16 pair without its other half: it has no UTF-8, so it cannot reach the far end as it is. */
const LONE_SURROGATE = /\p{Cs}/u;

const refuse = (why: string) => new C2cError('config-invalid', `user-variables ${why}`);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What the page gave, as a value: JSON text parsed. */
function parsed(given: unknown): unknown {
  if (typeof given !== 'string') return given;
  try {
    return JSON.parse(given);
  } catch (cause) {
    throw refuse(`is not JSON: ${(cause as Error).message}`);
  }
}

/**
 * The variables to send, as a fresh object in the page's order, or undefined when there are none.
 * `given` is what the page gave: nothing or `null` (none), an object, or JSON text of one; `sent` is what a call
 * sends of it (by default, all of it). Refuses with `config-invalid`: text that is not JSON; anything but a plain
 * object; a name that is not allowed; a value that is not a string, a finite number or a boolean (nested objects
 * and arrays included), or a string with a lone surrogate; and more than `MAX_USER_VARIABLES_BYTES` of JSON.
 */
export function checkUserVariables(given: unknown, sent?: object): C2cUserVariables | undefined {
  const value = parsed(given);
  if (value !== undefined && value !== null && !isPlainObject(value)) {
    throw refuse(`must be a JSON object of names to values, not ${kindOf(value)}.`);
  }
  const variables: C2cUserVariables = {};
  for (const [name, item] of Object.entries(sent ?? value ?? {})) {
    if (!NAME.test(name)) {
      throw refuse(`has the name ${JSON.stringify(name.slice(0, 80))}: a name is a letter, then letters, digits, _ or -, at most 64 characters.`);
    }
    const quoted = JSON.stringify(name);
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) throw refuse(`${quoted} is not well-formed text (a lone UTF-16 surrogate).`);
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw refuse(`${quoted} is not a finite number.`);
    } else if (typeof item !== 'boolean') {
      throw refuse(`${quoted} is ${kindOf(item)}: values are strings, numbers or booleans, nothing nested.`);
    }
    variables[name] = item; // a name starts with a letter: never `__proto__`
  }
  const bytes = new TextEncoder().encode(JSON.stringify(variables)).length;
  if (bytes > MAX_USER_VARIABLES_BYTES) {
    throw refuse(`are ${bytes} bytes of JSON; at most ${MAX_USER_VARIABLES_BYTES} are sent with a call.`);
  }
  return Object.keys(variables).length ? variables : undefined;
}
