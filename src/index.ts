/**
 * `c2c-call-button`, as installed from npm: importing this module defines `<c2c-call-button>`.
 * The element, its states, errors and events, the English strings, and the two REST calls as functions.
 */
import { defineC2cCallButton } from './define.js';

export { C2cCallButton } from './element/c2c-call-button.js';
export { defineC2cCallButton } from './define.js';
export { C2cState, canTransition } from './call/call-state.js';
export { C2cError, C2cErrorCode, isRetryable } from './errors.js';
export {
  C2cBeforeCallEvent,
  C2cErrorEvent,
  C2cEvent,
  C2cStateChangeEvent,
  type C2cBeforeCallDetail,
  type C2cErrorDetail,
  type C2cStateChangeDetail,
} from './events.js';
export {
  C2cCallEndEvent,
  C2cCallStartEvent,
  type C2cCallEndDetail,
  type C2cCallEndReason,
  type C2cCallStartDetail,
} from './call-events.js';
export { defaultStrings } from './i18n/default-strings.js';
export type { C2cCallStrings, C2cPageStrings, C2cStringOverrides, C2cStrings } from './i18n/strings.js';
export {
  createInviteToken,
  exchangeToken,
  type CreateInviteTokenOptions,
  type ExchangeTokenOptions,
} from './network/token-client.js';
export type { CallSdk, SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDialOptions } from './call/call-sdk.js';
export type { CallSessionTimeouts } from './call/call-session.js';

defineC2cCallButton();
