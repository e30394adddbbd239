/**
 * What a page sends with a call for the far end to read (an agent, a script, an AI agent in the space): the
 * SDK's `userVariables`. Types only; the checks run on intent (`call/user-variables.ts`).
 */

/** Names to strings, numbers or booleans: `{ orderId: 'A-1001', cartItems: 3, signedIn: true }`. */
export type C2cUserVariables = Record<string, string | number | boolean>;

/** `call()`'s options: what this one call sends, in place of the element's `userVariables`. */
export interface C2cCallOptions {
  /** The variables of this call (an object, or JSON text of one); `{}` sends none. */
  userVariables?: C2cUserVariables | string;
}
