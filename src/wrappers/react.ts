'use client';
/**
 * `c2c-call-button/react`: the element as a React component, with typed props and typed event props, and a
 * ref to the element for `call()`, `hangup()` and the rest. Importing it defines `<c2c-call-button>`.
 *
 * ```tsx
 * import { C2cCallButton, type C2cCallButtonElement } from 'c2c-call-button/react';
 * const button = useRef<C2cCallButtonElement>(null);
 * <C2cCallButton ref={button} token="c2c_…" destination="/public/support" onC2cCallEnd={(e) => track(e.reason)} />
 * ```
 *
 * Tested with React 19 (`@lit/react` supports 18 too). It also types `<c2c-call-button>` written directly in TSX,
 * for React 19, which sets properties and adds `on<event>` listeners (`onc2c-call-end`) on custom elements itself.
 *
 * `'use client'`: in a React Server Components app (Next.js App Router) the component renders on the client;
 * a server component may render it with serializable props (no event props).
 */
import { createComponent, type EventName } from '@lit/react';
import type * as React from 'react';
// React itself through the default import: React is CommonJS, and its module.exports is the default export under
// every interop (webpack's strict ESM for "type": "module" packages, Rollup, esbuild, Vite, Node, dev servers
// that convert file by file); a namespace import is not. The types come from the namespace, which needs no
// esModuleInterop in the app's tsconfig.
import ReactModule from 'react';
import { defineC2cCallButton } from '../define.js';
import { C2cCallButton as C2cCallButtonElement } from '../button/c2c-call-button.js';
import type { C2cCallButtonEventProps, C2cCallButtonSettings } from './event-props.js';
import type { C2cCallEndEvent } from '../events/c2c-call-end.js';
import type { C2cCallStartEvent } from '../events/c2c-call-start.js';
import type { C2cQualityChangeEvent } from '../events/c2c-quality-change.js';
import type { C2cBeforeCallEvent } from '../events/c2c-before-call.js';
import type { C2cErrorEvent } from '../events/c2c-error.js';
import type { C2cStateChangeEvent } from '../events/c2c-state-change.js';

// Called, not imported for its side effect: a bare `import '../index.js'` is dropped by any bundler that takes a
// module for side-effect free (as our own build did before package.json listed the sources), and the element would
// never be defined.
// Where there is no `customElements` it does nothing.
defineC2cCallButton();

/** The element's class, as the type of a ref: `useRef<C2cCallButtonElement>(null)`. */
export type { C2cCallButtonElement };

export type { C2cCallButtonEventProps, C2cCallButtonSettings };

/** The props of `<C2cCallButton>`: the settings, the event props, and the usual HTML attributes. */
export type C2cCallButtonProps =
  Omit<React.HTMLAttributes<C2cCallButtonElement>, keyof C2cCallButtonSettings | keyof C2cCallButtonEventProps>
  & C2cCallButtonSettings
  & C2cCallButtonEventProps;

/**
 * `<c2c-call-button>` as a React component. Settings are set as element properties (so `strings` and `timeouts`
 * take objects), the event props are added as listeners, and `ref` gives the element.
 */
export const C2cCallButton: React.ForwardRefExoticComponent<C2cCallButtonProps & React.RefAttributes<C2cCallButtonElement>> =
  createComponent({
    react: ReactModule,
    tagName: 'c2c-call-button',
    elementClass: C2cCallButtonElement,
    displayName: 'C2cCallButton',
    events: {
      onC2cStateChange: 'c2c-state-change' as EventName<C2cStateChangeEvent>,
      onC2cBeforeCall: 'c2c-before-call' as EventName<C2cBeforeCallEvent>,
      onC2cCallStart: 'c2c-call-start' as EventName<C2cCallStartEvent>,
      onC2cCallEnd: 'c2c-call-end' as EventName<C2cCallEndEvent>,
      onC2cError: 'c2c-error' as EventName<C2cErrorEvent>,
      onC2cQualityChange: 'c2c-quality-change' as EventName<C2cQualityChangeEvent>,
    },
  });

/**
 * `<c2c-call-button>` written directly in TSX (React 19): the settings as properties (or `api-base` as the
 * attribute), and the events as `on<event>` listeners, e.g. `onc2c-call-end={(e) => e.reason}`.
 */
export interface C2cCallButtonJsxProps
  extends React.DetailedHTMLProps<React.HTMLAttributes<C2cCallButtonElement>, C2cCallButtonElement>, C2cCallButtonSettings {
  'api-base'?: string;
  /** The attribute, as JSON text: `user-variables='{"orderId":"A-1001"}'` (or the `userVariables` property). */
  'user-variables'?: string;
  'onc2c-state-change'?: (event: C2cStateChangeEvent) => void;
  'onc2c-before-call'?: (event: C2cBeforeCallEvent) => void;
  'onc2c-call-start'?: (event: C2cCallStartEvent) => void;
  'onc2c-call-end'?: (event: C2cCallEndEvent) => void;
  'onc2c-error'?: (event: C2cErrorEvent) => void;
  'onc2c-quality-change'?: (event: C2cQualityChangeEvent) => void;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'c2c-call-button': C2cCallButtonJsxProps;
    }
  }
}
