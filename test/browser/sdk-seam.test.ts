// The adapter's patches where the SDK is not as expected (src/signalwire/sdk-seam.ts): with the SDK as installed, calls
// report nothing missing; with seam targets moved in a scratch copy of the SDK (served by the test server's broken-sdk
// plugin: the adapter bundled with that copy), calls still go through with the SDK's own behaviour, and each patch
// that is off says so once per page, as a console warning that names what moved.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import type { CallSdk } from '../../src/shared/call-sdk.js';
import { seamGaps, type SeamTarget } from '../../src/signalwire/sdk-seam.js';
import { clearSdkStorage, demoToken, emulatorOrigin, resetFaults } from './support/emulator.ts';
import { watchPage } from './support/page-watch.ts';
import { eventually } from './support/wait.ts';

const watch = watchPage();

/** What the adapter warned about while `work` ran (the page's console.warn, as a developer sees it). */
async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const native = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    native.apply(console, args);
  };
  try {
    await work();
  } finally {
    console.warn = native;
  }
  return warnings.filter((line) => line.startsWith('c2c-call-button: @signalwire/js has no '));
}

async function button(sdk?: CallSdk): Promise<C2cCallButton> {
  const el = await fixture<C2cCallButton>(html`
    <c2c-call-button token=${demoToken} destination="/public/echo" api-base=${await emulatorOrigin()}></c2c-call-button>`);
  if (sdk) el.sdk = sdk;
  return el;
}

/** Calls, waits for the far end's echo to flow (the media connected), hangs up. */
async function callAndHangUp(el: C2cCallButton): Promise<void> {
  const from = watch.made().peers;
  await el.call();
  expect(el.state).to.equal('active');
  await eventually(async () => watch.openPeers(from).some((peer) => peer.connectionState === 'connected'),
    (connected) => connected, 10_000, 'the call\'s media to connect');
  await el.hangup();
  expect(el.state).to.equal('ended');
}

/** The adapter bundled with an SDK in which `targets` are moved, as a CallSdk, and what it has reported missing. */
async function adapterWith(targets: SeamTarget[]): Promise<{ sdk: CallSdk; gaps: () => SeamTarget[] }> {
  const url = `/__broken-sdk/${targets.join(',')}.js`;
  const adapter = (await import(url)) as { connect: CallSdk['connect']; seamGaps: () => SeamTarget[] };
  return { sdk: { isSupported: () => true, load: async () => undefined, connect: adapter.connect }, gaps: adapter.seamGaps };
}

describe('the SDK seam in a page', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await eventually(async () => watch.liveTracks().length, (n) => n === 0, 5_000, 'the microphone to be released');
    clearSdkStorage();
    await resetFaults();
  });

  it('with the SDK as installed, a call reports nothing missing', async () => {
    const el = await button();
    const warnings = await warningsDuring(() => callAndHangUp(el));
    expect(warnings).to.deep.equal([]);
    expect(seamGaps()).to.deep.equal([]);
    expect(watch.escapes).to.deep.equal([]);
  });

  // Targets that do not hide one another: each patch that needs one is reached on the first call.
  const sets: SeamTarget[][] = [
    ['closeConnection', 'attachSpeakerWatch', 'audioElement', 'connectionStateTimer', 'clearPeerTimers', 'peerConnection', 'localStreamOption'],
    ['sagaMonitor', 'wsClient', 'buildPeer'],
    // Hidden by buildPeer and peerConnection: with either moved, the adapter never sees a peer connection set.
    ['peerListeners'],
  ];
  for (const targets of sets) {
    it(`with ${targets.join(', ')} moved, two calls go through and each is warned about once`, async () => {
      const { sdk, gaps } = await adapterWith(targets);
      const el = await button(sdk);
      const warnings = await warningsDuring(async () => {
        await callAndHangUp(el);
        await callAndHangUp(el);
      });
      const named = (line: string) => /has no \S+ \((\w+)\)/.exec(line)?.[1];
      expect(warnings.map(named).sort(), warnings.join('\n')).to.deep.equal([...targets].sort());
      expect(gaps().sort()).to.deep.equal([...targets].sort());
      expect(watch.escapes).to.deep.equal([]);
    });
  }
});
