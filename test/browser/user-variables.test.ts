// What a call sends for the far end to read (`userVariables`), through the element with a fake SDK that records
// each dial: from the property, the attribute or `call()`; changed by a `c2c-before-call` listener; fixed for the
// call under way once the listeners return. Refusals are rows of bad-input.test.ts; the real wire is in
// e2e.test.ts and security.test.ts.
import { expect, html } from '@open-wc/testing';
import type { C2cBeforeCallEvent } from '../../src/events/c2c-before-call.js';
import { C2cError } from '../../src/shared/errors.js';
import { answered, mount, untilState, type Harness } from './support/element-harness.js';

/** What the `n`-th call dialled with (1-based), `null` when it sent no variables at all. */
function sent(h: Harness, n: number): unknown {
  const options = h.sdk.clients[n - 1]!.calls.at(-1)!.dialOptions;
  return 'userVariables' in options ? options.userVariables : null;
}

async function callAndHangUp(h: Harness, n: number, call = () => h.el.call()): Promise<unknown> {
  const calling = call();
  await answered(h, n);
  await calling;
  await h.el.hangup();
  return sent(h, n);
}

describe('userVariables through the element', () => {
  it('none set: the dial carries no userVariables at all, and c2c-before-call offers an empty object to fill', async () => {
    const h = await mount();
    let offered: unknown;
    h.el.addEventListener('c2c-before-call', (e) => (offered = { ...e.userVariables }), { once: true });
    expect(await callAndHangUp(h, 1)).to.equal(null);
    expect(offered).to.deep.equal({});
  });

  it('the attribute\'s JSON reaches the dial and c2c-before-call as an object; the property reads the text', async () => {
    const h = await mount(html`<c2c-call-button token="guest-ready-token" destination="/public/support"
      user-variables='{"orderId":"A-1001","items":2,"gift":true}'></c2c-call-button>`);
    let offered: unknown;
    h.el.addEventListener('c2c-before-call', (e) => (offered = { ...e.detail.userVariables }), { once: true });
    expect(await callAndHangUp(h, 1)).to.deep.equal({ orderId: 'A-1001', items: 2, gift: true });
    expect(offered).to.deep.equal({ orderId: 'A-1001', items: 2, gift: true });
    expect(h.el.userVariables).to.equal('{"orderId":"A-1001","items":2,"gift":true}');
  });

  it('a listener changes this call\'s variables in place; the property is not touched, and later changes are not sent', async () => {
    const h = await mount();
    const property = { orderId: 'A-1001', page: 'https://shop.example/checkout' };
    h.el.userVariables = property;
    let kept: C2cBeforeCallEvent | undefined;
    h.el.addEventListener('c2c-before-call', (event) => {
      expect(event.userVariables).not.to.equal(property, 'a copy, this call\'s own');
      expect(event.userVariables).to.equal(event.detail.userVariables);
      event.userVariables.cartId = 'C-77';
      delete event.userVariables.page;
      kept = event;
      queueMicrotask(() => (event.userVariables.late = 'after the listener returned'));
    }, { once: true });
    expect(await callAndHangUp(h, 1)).to.deep.equal({ orderId: 'A-1001', cartId: 'C-77' });
    expect(kept!.userVariables.late, 'the late change landed on the event, not on the wire').to.be.a('string');
    expect(property).to.deep.equal({ orderId: 'A-1001', page: 'https://shop.example/checkout' });
  });

  it('call({ userVariables }) sends those for that call instead of the property\'s; the next call() the property\'s', async () => {
    const h = await mount();
    h.el.userVariables = { orderId: 'A-1001' };
    expect(await callAndHangUp(h, 1, () => h.el.call({ userVariables: { ticket: 'T-5' } }))).to.deep.equal({ ticket: 'T-5' });
    expect(await callAndHangUp(h, 2, () => h.el.call({ userVariables: '{"ticket":"T-6"}' }))).to.deep.equal({ ticket: 'T-6' });
    expect(await callAndHangUp(h, 3, () => h.el.call({ userVariables: {} }))).to.equal(null);
    expect(await callAndHangUp(h, 4)).to.deep.equal({ orderId: 'A-1001' });
  });

  it('a retry (the Try again button) sends the failed call\'s call() variables again', async () => {
    const h = await mount();
    h.el.userVariables = { orderId: 'A-1001' };
    const failing = h.el.call({ userVariables: { ticket: 'T-5' } });
    (await h.sdk.waitForCall(1)).answer.reject(new C2cError('no-answer', 'nobody'));
    expect(((await failing.catch((e: unknown) => e)) as C2cError).code).to.equal('no-answer');
    await untilState(h.el, 'error');
    h.part('retry')!.click();
    await answered(h, 2);
    expect(sent(h, 2)).to.deep.equal({ ticket: 'T-5' });
    await h.el.hangup();
  });

  it('a change of the property during a call is for the next call; the call under way keeps what it sent', async () => {
    const h = await mount();
    h.el.userVariables = { orderId: 'A-1001' };
    const calling = h.el.call();
    const call = await h.sdk.waitForCall(1);
    h.el.userVariables = { orderId: 'A-2002' };
    h.el.setAttribute('user-variables', '{"orderId":"A-3003"}');
    await h.el.updateComplete;
    call.answer.resolve();
    await calling;
    expect(h.el.state).to.equal('active');
    expect(sent(h, 1)).to.deep.equal({ orderId: 'A-1001' });
    await h.el.hangup();
    expect(await callAndHangUp(h, 2)).to.deep.equal({ orderId: 'A-3003' });
  });

  it('a listener that leaves a nested value gets config-invalid naming it, and nothing is sent', async () => {
    const h = await mount();
    h.el.addEventListener('c2c-before-call', (e) => Object.assign(e.userVariables, { cart: { id: 'C-1' } }), { once: true });
    const error = (await h.el.call().catch((e: unknown) => e)) as C2cError;
    expect(error.code).to.equal('config-invalid');
    expect(error.message).to.contain('"cart"');
    expect(h.sdk.clients).to.have.length(0);
  });
});
