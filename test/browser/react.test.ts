// `c2c-call-button/react` rendered by React 19 (react-dom/client) in Chromium: the props reach the element, the
// event props receive the events of a whole call with the real SDK on the local space emulator, the ref hangs up,
// and unmounting mid-call hangs up and releases the microphone. No JSX here: this file is plain TypeScript.
import { expect } from '@open-wc/testing';
// React is CommonJS: served as converted modules, it has a default export (module.exports) only.
import React from 'react';
import ReactDOM from 'react-dom';
import ReactDOMClient, { type Root } from 'react-dom/client';
import { C2cCallButton, type C2cCallButtonElement, type C2cCallButtonProps } from '../../src/wrappers/react.js';
import {
  C2cBeforeCallEvent, C2cCallEndEvent, C2cCallStartEvent, C2cStateChangeEvent, type C2cState,
} from '../../src/index.js';
import { calls, clearSdkStorage, demoToken, emulatorOrigin, resetFaults } from './support/emulator.ts';
import { frames, liveTracks, peers, streams, unwatchMedia, until, watchMedia } from './support/media-watch.ts';

/** The emulator's answer to the page's `verto.bye` for `callId`: proof that the far end got the hang-up. */
function byeAnswer(callId: string): string | undefined {
  const bye = frames.find(({ direction, frame }) => direction === 'sent'
    && frame.params?.message?.method === 'verto.bye' && frame.params.message.params?.dialogParams?.callID === callId);
  if (!bye) return undefined;
  const answer = frames.find(({ direction, frame }) => direction === 'received' && frame.id === bye.frame.id);
  return answer?.frame.result?.result?.result?.message;
}

// ---- rendering --------------------------------------------------------------------------------------------------

let root: Root | undefined;
let container: HTMLElement | undefined;

/** Renders `<C2cCallButton {...props}>` (again, into the same root: an update) and returns the element. */
function render(props: C2cCallButtonProps & { ref?: React.Ref<C2cCallButtonElement> }): C2cCallButtonElement {
  if (!container) {
    container = document.createElement('div');
    document.body.append(container);
  }
  root ??= ReactDOMClient.createRoot(container);
  ReactDOM.flushSync(() => root!.render(React.createElement(C2cCallButton, props)));
  const el = container.querySelector('c2c-call-button');
  if (!el) throw new Error('nothing rendered');
  return el;
}

function unmount(): void {
  ReactDOM.flushSync(() => root?.unmount());
  root = undefined;
}

function callButton(el: C2cCallButtonElement): HTMLButtonElement {
  const button = el.shadowRoot?.querySelector<HTMLButtonElement>('[part="button"]');
  if (!button) throw new Error(`no call button in state ${el.state}`);
  return button;
}

/** The element's events as received through the React event props, in order. */
function recorder() {
  const events: Event[] = [];
  const waiters: { test: (event: Event) => boolean; resolve: (event: Event) => void }[] = [];
  const record = (event: Event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };
  const props = {
    onC2cStateChange: record, onC2cBeforeCall: record, onC2cCallStart: record, onC2cCallEnd: record, onC2cError: record,
  } satisfies C2cCallButtonProps;
  return {
    props,
    events,
    states: () => events.filter((e): e is C2cStateChangeEvent => e instanceof C2cStateChangeEvent).map((e) => e.state),
    /** Resolves with the first event (already received or to come) that passes `test`. */
    next(test: (event: Event) => boolean, what: string, timeoutMs = 15_000): Promise<Event> {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms; got ${events.map((e) => e.type)}`)), timeoutMs);
        waiters.push({ test, resolve: (event) => (clearTimeout(timer), resolve(event)) });
      });
    },
  };
}

const inState = (state: C2cState) => (event: Event) => event instanceof C2cStateChangeEvent && event.state === state;

describe('c2c-call-button/react with React 19', function () {
  this.timeout(30_000);

  beforeEach(() => watchMedia());

  afterEach(async () => {
    unmount();
    container?.remove();
    container = undefined;
    await until(() => liveTracks().length === 0, 5_000, 'every local track to stop');
    unwatchMedia();
    clearSdkStorage();
    await resetFaults();
  });

  it('a click places a call: the event props receive before-call, authorizing → connecting → ringing → active and call-start; the ref hangs up (reason local)', async () => {
    expect(React.version).to.match(/^19\./);
    const ref = React.createRef<C2cCallButtonElement>();
    const recorded = recorder();
    const el = render({
      ref, token: demoToken, destination: '/public/echo', apiBase: await emulatorOrigin(), userVariables: { orderId: 'A-1001' }, ...recorded.props,
    });
    expect(ref.current).to.equal(el);
    await el.updateComplete;

    callButton(el).click();
    const start = await recorded.next((e) => e instanceof C2cCallStartEvent, 'c2c-call-start') as C2cCallStartEvent;
    await recorded.next(inState('active'), 'state active');

    expect(recorded.events[0]).to.be.instanceOf(C2cBeforeCallEvent);
    const before = recorded.events[0] as C2cBeforeCallEvent;
    expect([before.destination, before.video, before.userVariables]).to.deep.equal(['/public/echo', false, { orderId: 'A-1001' }]);
    expect((await calls()).find((call) => call.callId === start.callId)?.userVariables, 'what the far end got').to.deep.equal({ orderId: 'A-1001' });
    expect(recorded.states()).to.deep.equal(['authorizing', 'connecting', 'ringing', 'active']);
    expect(start.callId).to.be.a('string').and.not.equal('');
    expect(el.state).to.equal('active');
    expect(liveTracks().filter((track) => track.kind === 'audio')).to.have.length(1, 'the microphone is in use');

    await ref.current!.hangup();
    const end = await recorded.next((e) => e instanceof C2cCallEndEvent, 'c2c-call-end') as C2cCallEndEvent;
    expect(end.reason).to.equal('local');
    expect(end.callId, 'the id c2c-call-start had').to.equal(start.callId);
    expect(end.durationMs).to.be.greaterThan(0);
    expect(recorded.states().slice(-2)).to.deep.equal(['ending', 'ended']);
    expect(recorded.events.filter((e) => e.type === 'c2c-error')).to.deep.equal([]);
    expect(byeAnswer(start.callId)).to.equal('CALL ENDED');
  });

  it('unmounting mid-call hangs up (the far end gets the bye, the element ends) and releases the microphone', async () => {
    const ref = React.createRef<C2cCallButtonElement>();
    const recorded = recorder();
    const el = render({ ref, token: demoToken, destination: '/public/echo', apiBase: await emulatorOrigin(), ...recorded.props });
    await el.updateComplete;
    callButton(el).click();
    const start = await recorded.next((e) => e instanceof C2cCallStartEvent, 'c2c-call-start') as C2cCallStartEvent;
    await recorded.next(inState('active'), 'state active');
    expect(liveTracks()).to.have.length(1);
    expect(peers.some((pc) => pc.connectionState !== 'closed')).to.equal(true);

    const afterUnmount: Event[] = [];
    const ended = new Promise<void>((resolve) => el.addEventListener('c2c-state-change', (event) => {
      afterUnmount.push(event);
      if (event.state === 'ended') resolve();
    }));
    el.addEventListener('c2c-call-end', (event) => afterUnmount.push(event));
    unmount();
    expect(el.isConnected).to.equal(false);
    expect(ref.current).to.equal(null);

    await ended;
    expect(el.state).to.equal('ended');
    const end = afterUnmount.find((e): e is C2cCallEndEvent => e instanceof C2cCallEndEvent);
    expect(end?.reason).to.equal('local');
    await until(() => byeAnswer(start.callId) !== undefined, 5_000, 'the emulator to answer the bye');
    expect(byeAnswer(start.callId)).to.equal('CALL ENDED');
    await until(() => liveTracks().length === 0, 5_000, 'the microphone to be released');
    expect(streams.flatMap((s) => s.getTracks()).every((track) => track.readyState === 'ended')).to.equal(true);
    expect(peers.every((pc) => pc.connectionState === 'closed')).to.equal(true);
  });

  it('props set the element\'s properties, and a re-render with new props updates them', async () => {
    const strings = { call: 'Llamar' };
    const el = render({ token: demoToken, destination: '/public/support', label: undefined, strings, className: 'cta' });
    await el.updateComplete;
    expect(el.destination).to.equal('/public/support');
    expect(el.token).to.equal(demoToken);
    expect(el.strings).to.equal(strings, 'the very object, as a property');
    expect(el.hasAttribute('strings')).to.equal(false);
    expect(el.classList.contains('cta')).to.equal(true);
    expect(callButton(el).textContent!.trim()).to.equal('Llamar');

    const same = render({ token: demoToken, destination: '/public/echo', strings: { call: 'Appeler' }, video: true, className: 'cta' });
    expect(same).to.equal(el, 'the same element, updated');
    await el.updateComplete;
    expect(el.destination).to.equal('/public/echo');
    expect(el.video).to.equal(true);
    expect(el.hasAttribute('video')).to.equal(true);
    expect(callButton(el).textContent!.trim()).to.equal('Appeler');

    render({ token: demoToken, destination: '/public/echo', className: 'cta' }); // strings and video left out
    await el.updateComplete;
    expect(el.video).to.not.equal(true);
    expect(el.hasAttribute('video')).to.equal(false);
    expect(callButton(el).textContent!.trim()).to.equal('Call');
  });

  it('event props can be replaced: the current handler runs, and its preventDefault() stops the call', async () => {
    const first: Event[] = [];
    const second: Event[] = [];
    const stop = (into: Event[]) => (event: C2cBeforeCallEvent) => {
      into.push(event);
      event.preventDefault();
    };
    const origin = await emulatorOrigin();
    const el = render({ token: demoToken, destination: '/public/echo', apiBase: origin, onC2cBeforeCall: stop(first) });
    await el.updateComplete;
    callButton(el).click();
    expect(first).to.have.length(1);
    expect(el.state).to.equal('idle', 'the call was stopped before anything was sent');

    render({ token: demoToken, destination: '/public/echo', apiBase: origin, onC2cBeforeCall: stop(second) });
    callButton(el).click();
    expect([first.length, second.length]).to.deep.equal([1, 1]);
    expect(el.state).to.equal('idle');

    render({ token: demoToken, destination: '/public/echo', apiBase: origin, disabled: true });
    await el.updateComplete;
    expect(el.disabled).to.equal(true);
    expect(callButton(el).disabled).to.equal(true);
    expect(frames).to.deep.equal([], 'no relay frame was sent');
    expect(streams).to.deep.equal([], 'the microphone was never asked for');
  });

  it('<c2c-call-button> rendered directly by React 19 gets its properties and onc2c-* listeners', async () => {
    const heard: Event[] = [];
    const strings = { call: 'Anrufen' };
    container = document.createElement('div');
    document.body.append(container);
    root = ReactDOMClient.createRoot(container);
    ReactDOM.flushSync(() => root!.render(React.createElement('c2c-call-button', {
      token: demoToken,
      destination: '/public/echo',
      'api-base': 'http://127.0.0.1:1',
      strings,
      'onc2c-before-call': (event: C2cBeforeCallEvent) => {
        heard.push(event);
        event.preventDefault();
      },
    })));
    const el = container.querySelector('c2c-call-button')!;
    await el.updateComplete;
    expect(el.strings).to.equal(strings);
    expect(el.apiBase).to.equal('http://127.0.0.1:1');
    expect(callButton(el).textContent!.trim()).to.equal('Anrufen');
    callButton(el).click();
    expect(heard).to.have.length(1);
    expect(heard[0]).to.be.instanceOf(C2cBeforeCallEvent);
    expect(el.state).to.equal('idle');
  });
});
