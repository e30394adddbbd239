import { expect } from '@open-wc/testing';

describe('harness', () => {
  it('loads the SDK', async () => {
    const sdk = await import('@signalwire/js');
    expect(typeof sdk.SignalWire).to.equal('function');
  });
  it('gets a fake microphone', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    expect(stream.getAudioTracks()).to.have.length(1);
    stream.getTracks().forEach((t) => t.stop());
  });
});
