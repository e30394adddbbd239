/**
 * The element's events as framework props (`onC2cStateChange` …), typed, and its settings: what the React and
 * Vue wrappers both describe. Types only.
 */
import type { C2cCallEndEvent } from '../events/c2c-call-end.js';
import type { C2cCallStartEvent } from '../events/c2c-call-start.js';
import type { C2cQualityChangeEvent } from '../events/c2c-quality-change.js';
import type { C2cCallButton } from '../button/c2c-call-button.js';
import type { C2cBeforeCallEvent } from '../events/c2c-before-call.js';
import type { C2cErrorEvent } from '../events/c2c-error.js';
import type { C2cStateChangeEvent } from '../events/c2c-state-change.js';

/**
 * What a page sets on the element: its attributes and writable properties. The read-only `state`, `error` and
 * `muted`, and the methods, are read through a ref instead.
 */
export type C2cCallButtonSettings = Partial<Pick<C2cCallButton,
  'token' | 'destination' | 'space' | 'apiBase' | 'host' | 'video' | 'label' | 'disabled' | 'strings' | 'timeouts' | 'sdk'
  | 'preferredDevices' | 'qualityThresholds' | 'userVariables'>>;

/** The element's events as props. */
export interface C2cCallButtonEventProps {
  onC2cStateChange?: (event: C2cStateChangeEvent) => void;
  /** Cancelable: `event.preventDefault()` stops the call before anything is sent; `event.userVariables` may be changed. */
  onC2cBeforeCall?: (event: C2cBeforeCallEvent) => void;
  onC2cCallStart?: (event: C2cCallStartEvent) => void;
  onC2cCallEnd?: (event: C2cCallEndEvent) => void;
  onC2cError?: (event: C2cErrorEvent) => void;
  onC2cQualityChange?: (event: C2cQualityChangeEvent) => void;
}
