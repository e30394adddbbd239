// `<c2c-call-button>` in a Vue 3 template, compiled in the browser by Vue's full build, with
// `compilerOptions.isCustomElement = isC2cElement` from `c2c-call-button/vue`: reactive bindings reach the element
// as properties, and `@c2c-state-change` receives the states of a real call on the local space emulator.
import { expect } from '@open-wc/testing';
import { compile } from '@vue/compiler-dom';
import { createApp, nextTick, ref, type App } from 'vue/dist/vue.esm-browser.js';
import { isC2cElement, type C2cCallButtonElement } from '../../src/wrappers/vue.js';
import { C2cStateChangeEvent, type C2cState } from '../../src/index.js';
import { calls, clearSdkStorage, demoToken, emulatorOrigin, resetFaults, unknownToken } from './support/emulator.ts';

const streams: MediaStream[] = [];
const nativeGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);

function liveTracks(): MediaStreamTrack[] {
  return streams.flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live');
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let app: App | undefined;
let host: HTMLElement | undefined;
let warnings: string[] = [];
const nativeWarn = console.warn;

/** Mounts `template` with `setup`'s bindings, Vue told that the tag is a custom element. */
function mount(template: string, setup: () => Record<string, unknown>): C2cCallButtonElement {
  host = document.createElement('div');
  document.body.append(host);
  app = createApp({ setup, template });
  app.config.compilerOptions.isCustomElement = isC2cElement;
  app.mount(host);
  const el = host.querySelector('c2c-call-button');
  if (!el) throw new Error('nothing rendered');
  return el;
}

function callButton(el: C2cCallButtonElement): HTMLButtonElement {
  const button = el.shadowRoot?.querySelector<HTMLButtonElement>('[part="button"]');
  if (!button) throw new Error(`no call button in state ${el.state}`);
  return button;
}

describe('<c2c-call-button> in Vue 3 templates', function () {
  this.timeout(30_000);

  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    };
    navigator.mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = await nativeGetUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
  });

  afterEach(async () => {
    app?.unmount();
    app = undefined;
    host?.remove();
    console.warn = nativeWarn;
    navigator.mediaDevices.getUserMedia = nativeGetUserMedia;
    await until(() => liveTracks().length === 0, 5_000, 'every local track to stop');
    streams.splice(0);
    clearSdkStorage();
    await resetFaults();
  });

  it('binds token, destination and strings reactively as properties; @c2c-state-change hears a call to /public/echo reach active, then end', async () => {
    const token = ref(unknownToken);
    const destination = ref('/public/support');
    const strings = ref({ call: 'Llamar' });
    const heard: Event[] = [];
    let reached: { state: C2cState; resolve: () => void } | undefined;
    const onState = (event: Event) => {
      heard.push(event);
      if (event instanceof C2cStateChangeEvent && event.state === reached?.state) reached.resolve();
    };
    const reach = (state: C2cState) => new Promise<void>((resolve) => {
      reached = { state, resolve };
    });
    const origin = await emulatorOrigin();
    const el = mount(
      `<c2c-call-button :token="token" :destination="destination" :api-base="origin" :strings="strings"
         :userVariables="{ orderId: 'A-1001' }" @c2c-state-change="onState"></c2c-call-button>`,
      () => ({ token, destination, origin, strings, onState }),
    );
    await el.updateComplete;
    expect(el).to.be.instanceOf(customElements.get('c2c-call-button')!);
    expect([el.token, el.destination, el.apiBase]).to.deep.equal([unknownToken, '/public/support', origin]);
    expect(el.strings).to.deep.equal({ call: 'Llamar' });
    expect(el.hasAttribute('strings')).to.equal(false, 'an object is set as the property, not an attribute');
    expect(el.userVariables).to.deep.equal({ orderId: 'A-1001' }, ':userVariables binds the property');
    expect(callButton(el).textContent!.trim()).to.equal('Llamar');

    token.value = demoToken;
    destination.value = '/public/echo';
    strings.value = { call: 'Appeler' };
    await nextTick();
    await el.updateComplete;
    expect([el.token, el.destination]).to.deep.equal([demoToken, '/public/echo']);
    expect(callButton(el).textContent!.trim()).to.equal('Appeler');

    const active = reach('active');
    callButton(el).click();
    await active;
    expect(el.state).to.equal('active');
    expect(heard.every((event) => event instanceof C2cStateChangeEvent)).to.equal(true);
    expect(heard.map((event) => (event as C2cStateChangeEvent).state)).to.deep.equal(['authorizing', 'connecting', 'ringing', 'active']);
    expect(liveTracks()).to.have.length(1, 'the microphone is in use');
    expect((await calls()).at(-1)?.userVariables, 'what the far end got').to.deep.equal({ orderId: 'A-1001' });

    const ended = reach('ended');
    await el.hangup();
    await ended;
    expect(heard.map((event) => (event as C2cStateChangeEvent).state).slice(-2)).to.deep.equal(['ending', 'ended']);
    await until(() => liveTracks().length === 0, 5_000, 'the microphone to be released');
    expect(warnings.filter((line) => line.includes('[Vue warn]'))).to.deep.equal([]);
  });

  it('isC2cElement makes the template compiler create the element instead of resolving a component; bare boolean attributes reach it as true', async () => {
    expect(isC2cElement('c2c-call-button')).to.equal(true);
    expect(isC2cElement('c2c-call-buttons')).to.equal(false);
    expect(isC2cElement('my-element')).to.equal(false);

    // What @vitejs/plugin-vue runs at build time, where there is no customElements registry to consult (the
    // in-browser compiler falls back to customElements.get(), so it needs the option less).
    const template = '<c2c-call-button destination="/public/support" video disabled></c2c-call-button>';
    expect(compile(template).code).to.include('resolveComponent("c2c-call-button")');
    const compiled = compile(template, { isCustomElement: isC2cElement }).code;
    expect(compiled).to.not.include('resolveComponent');
    expect(compiled).to.include('"c2c-call-button"');

    const el = mount(template, () => ({}));
    await el.updateComplete;
    expect(warnings).to.deep.equal([]);
    expect([el.video, el.disabled]).to.deep.equal([true, true]);
    expect(callButton(el).disabled).to.equal(true);
    expect(el.destination).to.equal('/public/support');
  });
});
