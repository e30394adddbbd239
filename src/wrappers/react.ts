/**
 * `c2c-call-button/react`: the element as a React component, with typed props and typed event props, and a
 * ref to the element for `call()`, `hangup()` and the rest. Importing it defines `<c2c-call-button>`.
 *
 * ```tsx
 * import { C2cCallButton } from 'c2c-call-button/react';
 * <C2cCallButton token="c2c_…" destination="/public/support" onC2cCallEnd={(e) => track(e.reason)} />
 * ```
 *
 * It also types `<c2c-call-button>` written directly in TSX (React 19 passes properties and `on<event>` listeners
 * to custom elements itself).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { defineC2cCallButton } from '../define.js';
import { C2cCallButton as C2cCallButtonElement } from '../element/c2c-call-button.js';
import type {
  C2cBeforeCallEvent, C2cCallEndEvent, C2cCallStartEvent, C2cErrorEvent, C2cStateChangeEvent,
} from '../events.js';

// Called, not imported for its side effect: package.json's `sideEffects` lists only files of dist/, so the build
// drops a bare `import '../index.js'` from dist/wrappers/react.js, and the element would never be defined.
// Where there is no `customElements` it does nothing.
defineC2cCallButton();

export const C2cCallButton = createComponent({
  react: React,
  tagName: 'c2c-call-button',
  elementClass: C2cCallButtonElement,
  displayName: 'C2cCallButton',
  events: {
    onC2cStateChange: 'c2c-state-change' as EventName<C2cStateChangeEvent>,
    onC2cBeforeCall: 'c2c-before-call' as EventName<C2cBeforeCallEvent>,
    onC2cCallStart: 'c2c-call-start' as EventName<C2cCallStartEvent>,
    onC2cCallEnd: 'c2c-call-end' as EventName<C2cCallEndEvent>,
    onC2cError: 'c2c-error' as EventName<C2cErrorEvent>,
  },
});

/** The element's attributes and properties, and its events as `on<event>` listeners, for TSX. */
export interface C2cCallButtonJsxProps
  extends React.DetailedHTMLProps<React.HTMLAttributes<C2cCallButtonElement>, C2cCallButtonElement> {
  token?: string;
  destination?: string;
  space?: string;
  'api-base'?: string;
  host?: string;
  video?: boolean;
  label?: string;
  disabled?: boolean;
  strings?: C2cCallButtonElement['strings'];
  timeouts?: C2cCallButtonElement['timeouts'];
  'onc2c-state-change'?: (event: C2cStateChangeEvent) => void;
  'onc2c-before-call'?: (event: C2cBeforeCallEvent) => void;
  'onc2c-call-start'?: (event: C2cCallStartEvent) => void;
  'onc2c-call-end'?: (event: C2cCallEndEvent) => void;
  'onc2c-error'?: (event: C2cErrorEvent) => void;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'c2c-call-button': C2cCallButtonJsxProps;
    }
  }
}
