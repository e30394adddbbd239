// Compile-time only (`npx tsc --noEmit`; never run): the React typings of `c2c-call-button/react`.
// Each `@ts-expect-error` marks a mistake the typings must reject: were they too loose (`any`, a missing event
// type, a prop that accepts anything), the directive would be unused and tsc would fail.
import { useRef, type ReactElement } from 'react';
import {
  C2cCallButton, type C2cCallButtonElement, type C2cCallButtonProps,
} from '../../src/wrappers/react.js';
import type { C2cCallEndReason, C2cState } from '../../src/index.js';

const reasons: C2cCallEndReason[] = [];
const durations: number[] = [];
const states: C2cState[] = [];

/** `<c2c-call-button>` written directly in TSX (React 19 sets properties and `on<event>` listeners itself). */
export function Intrinsic(): ReactElement {
  const ref = useRef<C2cCallButtonElement>(null);
  return (
    <div>
      <c2c-call-button
        ref={ref}
        token="c2c_7acc0e5e968706a032983cd80cdca219"
        destination="/public/support"
        api-base="http://127.0.0.1:8790"
        video
        label="Talk to sales"
        strings={{ call: 'Llamar', errors: { 'no-answer': 'Nadie contestó' } }}
        timeouts={{ answerMs: 30_000 }}
        className="cta"
        onc2c-call-end={(e) => reasons.push(e.reason)}
        onc2c-state-change={(e) => states.push(e.state, e.previous)}
        onc2c-before-call={(e) => {
          if (e.destination === '' || e.video) e.preventDefault();
          e.userVariables.cartId = 'C-77';
        }}
        userVariables={{ orderId: 'A-1001', items: 2, gift: true }}
        onc2c-call-start={(e) => e.callId.length}
        onc2c-error={(e) => (e.retryable ? e.code : e.status)}
        onc2c-quality-change={(e) => (e.level === 'poor' ? e.packetLoss + e.jitterMs + e.rttMs : 0)}
      />
      <c2c-call-button apiBase="http://127.0.0.1:8790" disabled={false} />
      <c2c-call-button user-variables='{"orderId":"A-1001"}' />

      {/* @ts-expect-error token is a string */}
      <c2c-call-button token={123} />
      {/* @ts-expect-error video is a boolean, not a string */}
      <c2c-call-button video="yes" />
      {/* @ts-expect-error strings are the element's strings: no such key */}
      <c2c-call-button strings={{ callNow: 'Call' }} />
      {/* @ts-expect-error a call-end event has no error code */}
      <c2c-call-button onc2c-call-end={(e) => e.code} />
      {/* @ts-expect-error the listener of c2c-call-end receives a C2cCallEndEvent, not any event type */}
      <c2c-call-button onc2c-call-end={(e: { code: string }) => e.code} />
      {/* @ts-expect-error a state-change event's state is a C2cState */}
      <c2c-call-button onc2c-state-change={(e) => e.state === 'busy'} />
      {/* @ts-expect-error the ref is the element, not another element type */}
      <c2c-call-button ref={useRef<HTMLInputElement>(null)} />
      {/* @ts-expect-error user variables hold strings, numbers or booleans: nothing nested */}
      <c2c-call-button userVariables={{ order: { id: 'A-1001' } }} />
      {/* @ts-expect-error the attribute is JSON text */}
      <c2c-call-button user-variables={{ orderId: 'A-1001' }} />
    </div>
  );
}

/** `<C2cCallButton>`: typed props, event props and a ref to the element. */
export function Wrapped(): ReactElement {
  const ref = useRef<C2cCallButtonElement>(null);
  const start = () => ref.current?.call().catch((error: unknown) => error);
  const state: C2cState | undefined = ref.current?.state;
  void state;
  return (
    <div>
      <C2cCallButton
        ref={ref}
        token="c2c_7acc0e5e968706a032983cd80cdca219"
        destination="/public/support"
        apiBase="http://127.0.0.1:8790"
        space="example"
        host="wss://relay.example.com"
        video={false}
        label="Call us"
        disabled={false}
        strings={{ call: 'Llamar' }}
        timeouts={{ exchangeMs: 5_000 }}
        className="cta"
        style={{ margin: 4 }}
        onClick={start}
        onC2cCallEnd={(e) => durations.push(e.durationMs)}
        onC2cStateChange={(e) => states.push(e.state)}
        onC2cBeforeCall={(e) => {
          e.userVariables.cartId = 'C-77';
          delete e.userVariables.page;
        }}
        userVariables={{ orderId: 'A-1001', page: 'https://shop.example/checkout' }}
        onC2cCallStart={(e) => e.callId}
        onC2cError={(e) => [e.code, e.message, e.retryable, e.status]}
        onC2cQualityChange={(e) => [e.level, e.packetLoss, e.jitterMs, e.rttMs]}
        preferredDevices={{ microphone: 'mic-id', speaker: 'speaker-id' }}
        qualityThresholds={{ fair: { packetLoss: 0.01, jitterMs: 20, rttMs: 200 }, poor: { packetLoss: 0.05, jitterMs: 50, rttMs: 500 } }}
      >
        <svg slot="icon" />
      </C2cCallButton>

      {/* @ts-expect-error a call-end event has no error code */}
      <C2cCallButton onC2cCallEnd={(e) => e.code} />
      {/* @ts-expect-error a quality level is good, fair or poor */}
      <C2cCallButton onC2cQualityChange={(e) => e.level === 'bad'} />
      {/* @ts-expect-error an error event has no duration */}
      <C2cCallButton onC2cError={(e) => e.durationMs} />
      {/* @ts-expect-error destination is a string */}
      <C2cCallButton destination={['/public/support']} />
      {/* @ts-expect-error user variables hold strings, numbers or booleans: no arrays */}
      <C2cCallButton userVariables={{ items: ['A-1', 'B-2'] }} />
      {/* @ts-expect-error user variables hold no null */}
      <C2cCallButton userVariables={{ orderId: null }} />
      {/* @ts-expect-error a listener changes the variables in place: the field itself is read-only */}
      <C2cCallButton onC2cBeforeCall={(e) => (e.userVariables = {})} />
      {/* @ts-expect-error disabled is a boolean */}
      <C2cCallButton disabled="disabled" />
      {/* @ts-expect-error timeouts take numbers of milliseconds */}
      <C2cCallButton timeouts={{ answerMs: '30s' }} />
      {/* @ts-expect-error state is read-only: read it through the ref */}
      <C2cCallButton state="active" />
      {/* @ts-expect-error muted is read-only: toggleMute() through the ref */}
      <C2cCallButton muted />
      {/* @ts-expect-error methods are not props */}
      <C2cCallButton call={() => Promise.resolve()} />
      {/* @ts-expect-error the ref is the element, not another element type */}
      <C2cCallButton ref={useRef<HTMLInputElement>(null)} />
      {/* @ts-expect-error an event prop spelled as a DOM listener attribute is not one of the component's */}
      <C2cCallButton onc2cCallEnd={() => undefined} />
    </div>
  );
}

// The props type is exported for components that pass them on.
export const defaults: C2cCallButtonProps = { destination: '/public/support', onC2cCallEnd: (e) => e.reason };
// @ts-expect-error the props type keeps the event type too
export const wrong: C2cCallButtonProps = { onC2cCallStart: (e) => e.durationMs };
