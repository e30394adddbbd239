/**
 * `c2c-call-button`, as installed from npm: importing this module defines `<c2c-call-button>`.
 * The element, its states, errors and events, the English strings, and the two REST calls as functions.
 */
import { enPageStrings } from './button/english.js';
import { defineC2cCallButton } from './define.js';
import { enCallStrings } from './in-call/english.js';
import type { C2cStrings } from './i18n/strings.js';

export { C2cCallButton } from './button/c2c-call-button.js';
export { defineC2cCallButton } from './define.js';
export { C2cState, canTransition } from './shared/call-state.js';
export { C2cError, C2cErrorCode, isRetryable } from './shared/errors.js';
export { C2cEvent } from './events/c2c-event.js';
export { C2cStateChangeEvent, type C2cStateChangeDetail } from './events/c2c-state-change.js';
export { C2cBeforeCallEvent, type C2cBeforeCallDetail } from './events/c2c-before-call.js';
export { C2cErrorEvent, type C2cErrorDetail } from './events/c2c-error.js';
export { C2cCallStartEvent, type C2cCallStartDetail } from './events/c2c-call-start.js';
export { C2cCallEndEvent, type C2cCallEndDetail, type C2cCallEndReason } from './events/c2c-call-end.js';
export { C2cQualityChangeEvent, type C2cQualityChangeDetail, type C2cQualityLevel } from './events/c2c-quality-change.js';
/** Every English string, the button's and the call's together: the defaults that `strings` overrides. */
export const defaultStrings: C2cStrings = { ...enPageStrings, ...enCallStrings };
export type { C2cCallStrings, C2cPageStrings, C2cStringOverrides, C2cStrings } from './i18n/strings.js';
export {
  createInviteToken,
  exchangeToken,
  type CreateInviteTokenOptions,
  type ExchangeTokenOptions,
} from './network/token-client.js';
export type { CallSdk, SdkCall, SdkCallEvent, SdkClient, SdkConnectOptions, SdkDialOptions } from './shared/call-sdk.js';
export type { CallSessionTimeouts } from './call/call-session.js';
export type { C2cCallOptions, C2cUserVariables } from './shared/user-variables.js';

defineC2cCallButton();
