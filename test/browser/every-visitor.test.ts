// Every visitor: twelve languages chosen from `lang` (or the browser), right-to-left, light and dark, forced colours,
// reduced motion and a 280 px wide screen, checked in every state with a fake SDK, and with axe.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import axe from 'axe-core';
import type { C2cCallButton } from '../../src/button/c2c-call-button.js';
import { C2cError, C2cErrorCode, isRetryable } from '../../src/shared/errors.js';
import { enCallStrings } from '../../src/in-call/english.js';
import { enPageStrings } from '../../src/button/english.js';
import type { C2cStrings } from '../../src/i18n/strings.js';
import { FakeSdk, type FakeCall } from '../support/fake-sdk.js';
import { untilState } from './support/element-harness.js';
import { demoToken, emulatorOrigin, resetFaults, setFaults } from './support/emulator.js';

const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'ko', 'zh', 'ar', 'he'] as const;
type Language = (typeof LANGUAGES)[number];

async function table(lang: Language): Promise<C2cStrings> {
  if (lang === 'en') return { ...enPageStrings, ...enCallStrings };
  return (await import(`../../src/i18n/locales/${lang}.ts`) as { default: C2cStrings }).default;
}

/** Mounts a button inside a `<div lang>`: the language comes from the nearest ancestor, as on most pages. */
async function mountIn(lang: string, attrs = ''): Promise<{ el: C2cCallButton; sdk: FakeSdk; root: ShadowRoot }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  wrapper.innerHTML = `<c2c-call-button token="guest-ready-token" destination="/public/support" ${attrs}></c2c-call-button>`;
  const el = wrapper.querySelector('c2c-call-button') as C2cCallButton;
  const sdk = new FakeSdk();
  el.sdk = sdk;
  await el.updateComplete;
  return { el, sdk, root: el.shadowRoot! };
}

const text = (root: ShadowRoot, selector: string) => root.querySelector(selector)?.textContent?.trim() ?? null;
const label = (root: ShadowRoot, selector: string) => root.querySelector(selector)?.getAttribute('aria-label') ?? null;
const liveRegion = (root: ShadowRoot) => root.querySelector('[role="status"]')!.textContent;

/** Drives a button through its states, calling `check(state)` in each; leaves it `ended`. */
async function throughStates(el: C2cCallButton, sdk: FakeSdk, check: (state: string) => Promise<void>): Promise<void> {
  await check('idle');
  sdk.holdConnect = true;
  el.call().catch(() => undefined);
  await untilState(el, 'connecting');
  await check('connecting');
  sdk.holdConnect = false;
  const attempt = sdk.clients.length + 1; // failed connects make no client
  sdk.connects.at(-1)!.resolve();
  const call: FakeCall = await sdk.waitForCall(attempt);
  call.emit({ type: 'ringing' });
  await untilState(el, 'ringing');
  await check('ringing');
  call.answer.resolve();
  await untilState(el, 'active');
  await inCallView(el);
  await check('active');
  el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-controls="keypad"]')!.click();
  await el.updateComplete;
  await check('keypad');
  call.emit({ type: 'media-lost' });
  await untilState(el, 'reconnecting');
  await check('reconnecting');
  call.emit({ type: 'media-restored' });
  await untilState(el, 'active');
  await el.hangup();
  await untilState(el, 'ended');
  await check('ended');
}

/** Waits for the in-call view, imported on intent: a fake SDK can answer before its chunk has arrived. */
async function inCallView(el: C2cCallButton): Promise<void> {
  for (let i = 0; !el.shadowRoot!.querySelector('[part="controls"]'); i++) {
    if (i > 500) throw new Error('the in-call view never arrived');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await el.updateComplete;
  }
}

/** A button in the `error` state with `code`. */
async function failWith(el: C2cCallButton, sdk: FakeSdk, code: C2cErrorCode): Promise<void> {
  sdk.connectError = new C2cError(code, `test: ${code}`);
  await el.call().catch(() => undefined);
  await untilState(el, 'error');
  sdk.connectError = undefined;
}

describe('twelve languages', function () {
  this.timeout(60_000);

  for (const lang of LANGUAGES) {
    it(`${lang}: every state and every error code renders from the ${lang} table`, async () => {
      const strings = await table(lang);
      const { el, sdk, root } = await mountIn(lang);
      expect(root.querySelector('.root')!.getAttribute('lang')).to.equal(lang);
      await throughStates(el, sdk, async (state) => {
        switch (state) {
          case 'idle':
            expect(text(root, '[part="label"]')).to.equal(strings.call);
            break;
          case 'connecting':
          case 'ringing':
            expect(text(root, '[part="status"]')).to.equal(strings[state]);
            expect(label(root, '[part="hangup"]')).to.equal(strings.cancel);
            expect(liveRegion(root)).to.equal(strings[state]);
            break;
          case 'active':
          case 'reconnecting':
            expect(text(root, '[part="status"]')).to.equal(strings[state]);
            expect(label(root, '[part="mute"]')).to.equal(strings.mute);
            expect(label(root, '[part="hangup"]')).to.equal(strings.hangup);
            expect(label(root, '[aria-controls="keypad"]')).to.equal(strings.keypad);
            expect(label(root, '[part="timer"]')).to.include(strings.duration.split('{time}')[0]!.trim());
            expect(liveRegion(root)).to.equal(strings[state]);
            break;
          case 'keypad':
            expect(label(root, '[part="keypad"]')).to.equal(strings.keypad);
            expect(label(root, '.dialed')).to.equal(strings.dialed);
            expect([...root.querySelectorAll('.key')].map((key) => key.getAttribute('aria-label')))
              .to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', strings.keyStar, '0', strings.keyHash]);
            break;
          case 'ended':
            expect(text(root, '[part="label"]')).to.equal(strings.callAgain);
            expect(text(root, '[part="status"]')).to.equal(strings.ended);
            expect(liveRegion(root)).to.equal(strings.ended);
            break;
        }
      });
      for (const code of Object.values(C2cErrorCode)) {
        await failWith(el, sdk, code);
        expect(text(root, '[part="error"]'), code).to.equal(strings.errors[code]);
        expect(text(root, '[part="retry"]'), code).to.equal(isRetryable(code) ? strings.retry : null);
      }
    });
  }

  it('the element\'s own lang wins over its ancestors\'; a regional tag falls back to its language', async () => {
    const fr = await table('fr');
    const pt = await table('pt');
    const zh = await table('zh');
    const { el, root } = await mountIn('de', 'lang="fr-CA"');
    expect(text(root, '[part="label"]')).to.equal(fr.call);
    expect(root.querySelector('.root')!.getAttribute('lang')).to.equal('fr-CA');
    el.setAttribute('lang', 'pt-BR');
    await waitForText(root, '[part="label"]', pt.call);
    el.setAttribute('lang', 'zh-CN');
    await waitForText(root, '[part="label"]', zh.call);
  });

  it('follows a later change of an ancestor\'s lang, and the page\'s overrides still win', async () => {
    const es = await table('es');
    const ja = await table('ja');
    const { el, root } = await mountIn('es');
    el.strings = { errors: { network: 'Sin red (de la página)' } };
    expect(text(root, '[part="label"]')).to.equal(es.call);
    el.parentElement!.setAttribute('lang', 'ja');
    await waitForText(root, '[part="label"]', ja.call);
    el.strings = { call: 'お電話ください' };
    await el.updateComplete;
    expect(text(root, '[part="label"]')).to.equal('お電話ください');
  });

  it('a page in a language it does not speak falls back on the browser\'s languages, and follows them', async () => {
    const ko = await table('ko');
    const { el, root } = await mountIn('ru');
    expect(text(root, '[part="label"]')).to.equal(enPageStrings.call); // headless Chromium asks for en-US
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['ru-RU', 'ko-KR', 'en'] });
    try {
      window.dispatchEvent(new Event('languagechange'));
      await waitForText(root, '[part="label"]', ko.call);
      expect(root.querySelector('.root')!.getAttribute('lang')).to.equal('ko-KR');
    } finally {
      delete (navigator as unknown as { languages?: unknown }).languages;
      Object.defineProperty(Navigator.prototype, 'languages', original);
      window.dispatchEvent(new Event('languagechange'));
    }
    await waitForText(root, '[part="label"]', enPageStrings.call);
    el.remove();
  });

  it('a button that leaves the page stops following language changes', async () => {
    const { el, root } = await mountIn('en');
    const detached = document.createElement('div');
    detached.setAttribute('lang', 'fr');
    detached.append(el); // out of the page: its observer and listener are gone
    const before = document.documentElement.getAttribute('lang');
    document.documentElement.setAttribute('lang', 'de');
    window.dispatchEvent(new Event('languagechange'));
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    if (before === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', before);
    // Still connected to the page, it would have read its new ancestor's French.
    expect(text(root, '[part="label"]')).to.equal(enPageStrings.call);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 300) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function waitForText(root: ShadowRoot, selector: string, expected: string): Promise<void> {
  for (let i = 0; text(root, selector) !== expected; i++) {
    if (i > 200) throw new Error(`${selector} says "${text(root, selector)}", expected "${expected}"`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('screen readers', function () {
  this.timeout(20_000);

  it('each state is announced once, in the live region; the ticking timer is not (role=timer, not live)', async () => {
    const { el, sdk, root } = await mountIn('fr');
    const fr = await table('fr');
    const announced: string[] = [];
    const region = root.querySelector('[role="status"][aria-live="polite"]')!;
    const observer = new MutationObserver(() => announced.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    el.call().catch(() => undefined);
    const call = await sdk.waitForCall();
    call.emit({ type: 'ringing' });
    call.answer.resolve();
    await untilState(el, 'active');
    await inCallView(el);
    const before = announced.length;
    // Two ticks of the call's timer: the timer's text changes, the live region's does not.
    const timer = root.querySelector('[part="timer"]')!;
    const shown = timer.textContent;
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(timer.textContent).to.not.equal(shown);
    expect(timer.getAttribute('role')).to.equal('timer');
    expect(timer.hasAttribute('aria-live')).to.equal(false);
    expect(announced.length, 'nothing announced while the timer ticks').to.equal(before);
    expect(new Set(announced.filter((text) => text !== ''))).to.deep.equal(new Set([fr.authorizing, fr.connecting, fr.ringing, fr.active]));
    observer.disconnect();
    await el.hangup();
  });

  it('errors are announced assertively (role=alert); mute and keypad say whether they are pressed or open', async () => {
    const { el, sdk, root } = await mountIn('en');
    el.call().catch(() => undefined);
    (await sdk.waitForCall()).answer.resolve();
    await untilState(el, 'active');
    await inCallView(el);
    const mute = root.querySelector('[part="mute"]')!;
    const keypad = root.querySelector('[aria-controls="keypad"]')!;
    expect([mute.getAttribute('aria-pressed'), keypad.getAttribute('aria-expanded')]).to.deep.equal(['false', 'false']);
    el.toggleMute();
    (keypad as HTMLButtonElement).click();
    await until(() => el.muted);
    await el.updateComplete;
    expect([root.querySelector('[part="mute"]')!.getAttribute('aria-pressed'), root.querySelector('[aria-controls="keypad"]')!.getAttribute('aria-expanded')])
      .to.deep.equal(['true', 'true']);
    await el.hangup();
    await failWith(el, sdk, 'network');
    expect(root.querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
  });
});

describe('the keyboard', () => {
  it('a call that fails with no retry leaves the focus on its message, in the buttons\' ring, not at the top of the page', async () => {
    const { el, sdk, root } = await mountIn('en');
    el.focus(); // the call button
    sdk.connectError = new C2cError('token-invalid', 'test: token-invalid');
    await sendKeys({ press: 'Enter' });
    await untilState(el, 'error');
    sdk.connectError = undefined;
    await el.updateComplete;
    expect(root.querySelector('[part="retry"]')).to.equal(null);
    expect(root.activeElement?.getAttribute('part') ?? document.activeElement?.tagName, 'the focus').to.equal('error');
    // The element's own ring, not the browser's outline (black and white in Chromium, blue in Firefox).
    const ring = getComputedStyle(root.querySelector('[part="error"]')!);
    expect([ring.outlineStyle, ring.boxShadow]).to.deep.equal(['solid', 'rgb(255, 255, 255) 0px 0px 0px 2px, rgb(11, 107, 203) 0px 0px 0px 4px']);
    // With a retry, the retry button has it.
    await failWith(el, sdk, 'network');
    await el.updateComplete;
    expect(root.activeElement?.getAttribute('part') ?? document.activeElement?.tagName, 'the focus').to.equal('retry');
  });
});

describe('right to left', () => {
  for (const lang of ['ar', 'he'] as const) {
    it(`${lang}: the layout mirrors, the keypad keeps phone order, digits and timer stay left to right`, async () => {
      const { el, sdk, root } = await mountIn(lang);
      expect(root.querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
      el.call().catch(() => undefined);
      (await sdk.waitForCall()).answer.resolve();
      await untilState(el, 'active');
      await inCallView(el);
      // Mirrored: the hang-up button, last in the bar, sits at its left end.
      const hangup = root.querySelector('[part="hangup"]')!.getBoundingClientRect();
      const mute = root.querySelector('[part="mute"]')!.getBoundingClientRect();
      expect(hangup.left).to.be.lessThan(mute.left);
      expect(getComputedStyle(root.querySelector('[part="timer"]')!).direction).to.equal('ltr');
      root.querySelector<HTMLButtonElement>('[aria-controls="keypad"]')!.click();
      await el.updateComplete;
      const x = (key: string) => [...root.querySelectorAll('.key')].find((k) => k.textContent === key)!.getBoundingClientRect().left;
      expect(x('1')).to.be.lessThan(x('2'));
      expect(x('2')).to.be.lessThan(x('3'));
      expect(x('*')).to.be.lessThan(x('0'));
      expect(x('0')).to.be.lessThan(x('#'));
      [...root.querySelectorAll<HTMLButtonElement>('.key')].filter((k) => ['1', '2', '#'].includes(k.textContent!)).forEach((k) => k.click());
      await el.updateComplete;
      expect(text(root, '.dialed')).to.equal('12#');
      expect(getComputedStyle(root.querySelector('.dialed')!).direction).to.equal('ltr');
      await el.hangup();
    });
  }
});

/** axe's WCAG 2.x A and AA rules on the element (axe reads shadow roots). */
async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`);
}

describe('axe in every state, light and dark, left to right and right to left, and in forced colours', function () {
  this.timeout(120_000);
  afterEach(() => emulateMedia({ colorScheme: 'light', forcedColors: 'none' }));

  const variants: { name: string; lang: Language; media: Parameters<typeof emulateMedia>[0] }[] = [
    { name: 'light, ltr', lang: 'en', media: { colorScheme: 'light' } },
    { name: 'dark, ltr', lang: 'en', media: { colorScheme: 'dark' } },
    { name: 'light, rtl', lang: 'ar', media: { colorScheme: 'light' } },
    { name: 'dark, rtl', lang: 'he', media: { colorScheme: 'dark' } },
    { name: 'forced colours', lang: 'en', media: { forcedColors: 'active' } },
  ];
  for (const { name, lang, media } of variants) {
    it(`${name}: zero violations in idle, connecting, ringing, active with the keypad open, reconnecting, ended and error`, async () => {
      await emulateMedia(media);
      const { el, sdk } = await mountIn(lang);
      const found: string[] = [];
      await throughStates(el, sdk, async (state) => {
        found.push(...(await violations(el)).map((v) => `${state}: ${v}`));
      });
      await failWith(el, sdk, 'call-rejected');
      found.push(...(await violations(el)).map((v) => `error: ${v}`));
      expect(found).to.deep.equal([]);
    });
  }

  it('authorizing: zero violations, light and dark', async () => {
    // The emulator holds the token exchange, so `authorizing` stays on screen.
    await setFaults({ exchangeDelayMs: 10_000 });
    try {
      for (const colorScheme of ['light', 'dark'] as const) {
        await emulateMedia({ colorScheme });
        const { el } = await mountIn('en', `token="${demoToken}" api-base="${await emulatorOrigin()}"`);
        el.call().catch(() => undefined);
        await el.updateComplete;
        expect(el.state).to.equal('authorizing');
        expect(await violations(el), colorScheme).to.deep.equal([]);
        await el.hangup();
      }
    } finally {
      await resetFaults();
    }
  });
});

describe('colours, motion and small screens', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', forcedColors: 'none', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('follows the visitor\'s dark preference unless the page sets the colours', async () => {
    const { el, sdk, root } = await mountIn('en');
    el.call().catch(() => undefined);
    (await sdk.waitForCall()).answer.resolve();
    await untilState(el, 'active');
    await inCallView(el);
    const panel = () => getComputedStyle(root.querySelector('[part="controls"]')!).backgroundColor;
    expect(panel()).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(panel()).to.equal('rgb(31, 38, 48)');
    el.style.setProperty('--c2c-surface', '#fafafa');
    expect(panel()).to.equal('rgb(250, 250, 250)');
    await el.hangup();
  });

  it('in forced colours every control keeps a visible border and the focus ring shows', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const { el, sdk, root } = await mountIn('en');
    el.call().catch(() => undefined);
    (await sdk.waitForCall()).answer.resolve();
    await untilState(el, 'active');
    await inCallView(el);
    for (const button of root.querySelectorAll('button')) {
      const style = getComputedStyle(button);
      expect(parseFloat(style.borderTopWidth), button.outerHTML).to.be.greaterThan(0);
      expect(style.borderTopStyle).to.equal('solid');
    }
    const hangup = root.querySelector<HTMLButtonElement>('[part="hangup"]')!;
    hangup.focus({ focusVisible: true } as FocusOptions);
    expect(getComputedStyle(hangup).outlineStyle).to.equal('solid');
    await el.hangup();
  });

  it('with reduced motion nothing moves', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, sdk, root } = await mountIn('en');
    sdk.holdConnect = true;
    el.call().catch(() => undefined);
    await untilState(el, 'connecting');
    const spinner = getComputedStyle(root.querySelector('.spinner')!);
    expect(spinner.animationName).to.equal('none');
    expect(getComputedStyle(root.querySelector('button')!).transitionDuration).to.equal('0s');
    await el.hangup();
  });

  it('at 280 px wide nothing overflows the element or the screen, in every state, in the longest language; targets stay 24 px or more', async () => {
    await setViewport({ width: 280, height: 640 });
    const longest = await longestLanguage();
    const { el, sdk, root } = await mountIn(longest);
    const problems: string[] = [];
    const measure = async (state: string) => {
      await el.updateComplete;
      const box = el.getBoundingClientRect();
      if (box.right > 280 + 0.5 || box.left < -0.5) problems.push(`${state}: the element spans ${box.left}–${box.right}`);
      for (const node of root.querySelectorAll<HTMLElement>('*')) {
        const rect = node.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (node.classList.contains('sr-only')) continue;
        if (rect.right > box.right + 0.5 || rect.left < box.left - 0.5) problems.push(`${state}: ${node.className || node.tagName} leaves the element`);
        if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflow !== 'visible') problems.push(`${state}: ${node.className} scrolls`);
      }
      for (const button of root.querySelectorAll('button')) {
        const rect = button.getBoundingClientRect();
        if (rect.width < 24 || rect.height < 24) problems.push(`${state}: a ${rect.width}×${rect.height} target`);
      }
    };
    await throughStates(el, sdk, measure);
    for (const code of ['mic-denied', 'unsupported', 'call-in-progress'] as const) {
      await failWith(el, sdk, code);
      await measure(`error ${code}`);
    }
    // A video call brings a camera button and the video area.
    el.video = true;
    await throughStates(el, sdk, (state) => measure(`video ${state}`));
    expect(problems, `language ${longest}`).to.deep.equal([]);
  });

  it('at 280 px wide a label of one long word wraps inside the button instead of leaving the screen', async () => {
    await setViewport({ width: 280, height: 640 });
    const { el, root } = await mountIn('de', 'label="Kundendienstrufnummerfürgeschäftskunden"');
    const label = root.querySelector<HTMLElement>('[part=label]')!;
    const button = root.querySelector<HTMLElement>('button[part~=button]')!;
    const width = document.documentElement.clientWidth;
    expect(label.textContent).to.equal('Kundendienstrufnummerfürgeschäftskunden');
    expect(el.getBoundingClientRect().right).to.be.at.most(width + 0.5);
    expect(button.getBoundingClientRect().right).to.be.at.most(width + 0.5);
    expect(label.getBoundingClientRect().right).to.be.at.most(button.getBoundingClientRect().right + 0.5);
    expect(label.getBoundingClientRect().height, 'the label wraps onto more lines').to.be.above(30);
  });
});

/** The language whose status and error texts are longest in total: the one that needs the most room. */
async function longestLanguage(): Promise<Language> {
  let best: [Language, number] = ['en', 0];
  for (const lang of LANGUAGES) {
    const strings = await table(lang);
    const length = [strings.reconnecting, strings.authorizing, ...Object.values(strings.errors)].join('').length;
    if (length > best[1]) best = [lang, length];
  }
  return best[0];
}
