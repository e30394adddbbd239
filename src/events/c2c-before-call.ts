import { C2cEvent } from './c2c-event.js';
import type { C2cUserVariables } from '../shared/user-variables.js';

export interface C2cBeforeCallDetail {
  destination: string;
  video: boolean;
  /**
   * What this call will send for the far end to read: a copy of the element's `userVariables` (or of `call()`'s),
   * this call's own. A listener changes it in place (`event.userVariables.cartId = cart.id`, `delete …`); the call
   * sends what it holds when the listeners return, checked like the property.
   */
  userVariables: C2cUserVariables;
}

/**
 * Cancelable: `preventDefault()` stops the call before anything is sent. Its `userVariables` is the one field a
 * listener may change (in place: the field itself is read-only).
 */
export class C2cBeforeCallEvent extends C2cEvent<C2cBeforeCallDetail> {
  static readonly type = 'c2c-before-call';
  declare readonly destination: string;
  declare readonly video: boolean;
  declare readonly userVariables: C2cUserVariables;
  constructor(destination: string, video: boolean, userVariables: C2cUserVariables = {}) {
    super(C2cBeforeCallEvent.type, { destination, video, userVariables }, true);
  }
}

declare global {
  interface HTMLElementEventMap {
    'c2c-before-call': C2cBeforeCallEvent;
  }
}
