/**
 * The element's events as framework props (`onC2cStateChange` …), typed, and its settings: what the React and
 * Vue wrappers both describe. Types only.
 */
import type { C2cCallEndEvent, C2cCallStartEvent, C2cQualityChangeEvent } from '../call-events.js';
import type { C2cCallButton } from '../element/c2c-call-button.js';
import type { C2cBeforeCallEvent, C2cErrorEvent, C2cStateChangeEvent } from '../events.js';

/**
 * What a page sets on the element: its attributes and writable properties. The read-only `state`, `error` and
 * `muted`, and the methods, are read through a ref instead.
 */
export type C2cCallButtonSettings = Partial<Pick<C2cCallButton,
  'token' | 'destination' | 'space' | 'apiBase' | 'host' | 'video' | 'label' | 'disabled' | 'strings' | 'timeouts' | 'sdk'
  | 'preferredDevices' | 'qualityThresholds'>>;

/** The element's events as props. */
export interface C2cCallButtonEventProps {
  onC2cStateChange?: (event: C2cStateChangeEvent) => void;
  /** Cancelable: `event.preventDefault()` stops the call before anything is sent. */
  onC2cBeforeCall?: (event: C2cBeforeCallEvent) => void;
  onC2cCallStart?: (event: C2cCallStartEvent) => void;
  onC2cCallEnd?: (event: C2cCallEndEvent) => void;
  onC2cError?: (event: C2cErrorEvent) => void;
  onC2cQualityChange?: (event: C2cQualityChangeEvent) => void;
}
