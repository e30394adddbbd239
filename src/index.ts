/**
 * `c2c-call-button`: importing this module defines `<c2c-call-button>`.
 */
import { defineC2cCallButton } from './define.js';

export { C2cCallButton } from './c2c-call-button.js';
export { defineC2cCallButton } from './define.js';
export { C2cState, canTransition } from './call-state.js';
export { C2cError, C2cErrorCode, isRetryable } from './errors.js';
export {
  C2cBeforeCallEvent,
  C2cCallEndEvent,
  C2cCallStartEvent,
  C2cErrorEvent,
  C2cStateChangeEvent,
  type C2cCallEndReason,
} from './events.js';
export { defaultStrings, type C2cStringOverrides, type C2cStrings } from './strings.js';
export { createInviteToken, exchangeToken, type CreateInviteTokenOptions, type ExchangeTokenOptions } from './token-client.js';
export type { CallSdk, SdkCall, SdkCallEvent, SdkClient } from './call-sdk.js';
export type { CallSessionTimeouts } from './call-session.js';

defineC2cCallButton();
