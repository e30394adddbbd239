// The demo page: wires <c2c-call-button> to the local space emulator (or, with ?token=&destination=&space=,
// to a real SignalWire space), lets you switch destination and token, and logs the element's events.
import {
  DEMO_C2C_TOKEN, DISABLED_C2C_TOKEN, EXPIRED_C2C_TOKEN, UNKNOWN_C2C_TOKEN,
} from '../emulator/directory.ts';
import { emulatorOrigin, logEvents } from './event-log.ts';

const TOKENS: Record<string, string> = {
  demo: DEMO_C2C_TOKEN,
  disabled: DISABLED_C2C_TOKEN,
  expired: EXPIRED_C2C_TOKEN,
  unknown: UNKNOWN_C2C_TOKEN,
};

const button = document.querySelector<HTMLElement>('#button')!;
const panel = document.querySelector<HTMLFormElement>('#panel')!;
const mode = document.querySelector<HTMLElement>('#mode')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function write(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.append(item);
}

function listen(): void {
  logEvents(button, log);
  button.addEventListener('c2c-quality-change', (event) =>
    write(`quality  ${event.level}: loss ${(event.packetLoss * 100).toFixed(1)} %, jitter ${event.jitterMs} ms, round trip ${event.rttMs} ms`));
  document.querySelector('#clear-log')!.addEventListener('click', () => log.replaceChildren());
}

async function main(): Promise<void> {
  listen();
  const params = new URLSearchParams(location.search);
  if (params.has('token') || params.has('space')) {
    // A real space: what the query says, no api-base, no panel.
    for (const name of ['token', 'destination', 'space']) {
      const value = params.get(name);
      if (value) button.setAttribute(name, value);
    }
    button.removeAttribute('api-base');
    panel.hidden = true;
    mode.textContent = `Real space${params.get('space') ? ` ${params.get('space')}` : ''} → ${params.get('destination') ?? '(no destination)'}`;
    return;
  }
  const origin = await emulatorOrigin();
  button.setAttribute('api-base', origin);
  const apply = () => {
    const data = new FormData(panel);
    button.setAttribute('destination', String(data.get('destination')));
    button.setAttribute('token', TOKENS[String(data.get('token'))] ?? DEMO_C2C_TOKEN);
    button.toggleAttribute('video', data.get('video') === 'on');
    const variables = String(data.get('variables')).trim();
    if (variables) button.setAttribute('user-variables', variables);
    else button.removeAttribute('user-variables');
    mode.textContent = `Local space emulator at ${origin} → ${String(data.get('destination'))} with the ${String(data.get('token'))} token`;
  };
  panel.addEventListener('change', apply);
  apply();
  wireContext(origin);
  wireNetwork(origin);
  wireDevices();
  wireLook();
}

/**
 * The call's context: the `user-variables` attribute from the panel, the page's address added by a `c2c-before-call`
 * listener when asked (the opt-in of docs/user-variables.md), and what the far end received, read back from the
 * emulator's call log once the call is answered.
 */
function wireContext(origin: string): void {
  const addPage = panel.elements.namedItem('add-page') as HTMLInputElement;
  const section = document.querySelector<HTMLElement>('.far-end')!;
  const received = document.querySelector<HTMLElement>('#far-end')!;
  button.addEventListener('c2c-before-call', (event) => {
    if (addPage.checked) event.userVariables.page = location.href;
    received.textContent = 'Calling…';
  });
  button.addEventListener('c2c-error', ({ code }) => {
    received.textContent = `This call did not connect (${code}): nothing to show.`;
  });
  button.addEventListener('c2c-call-start', async ({ callId }) => {
    const calls = (await (await fetch(`${origin}/__calls`)).json()) as { callId: string; destination: string; userVariables?: unknown }[];
    const call = calls.find((record) => record.callId === callId);
    section.hidden = false;
    received.textContent = call?.userVariables === undefined
      ? `${call?.destination ?? 'The call'}: no userVariables (nothing set)`
      : `${call.destination}, userVariables:\n${JSON.stringify(call.userVariables, null, 2)}`;
  });
}

/** The emulator degrades the echoed media of calls under way: the call's quality indicator follows. */
function wireNetwork(origin: string): void {
  const loss = panel.elements.namedItem('loss') as HTMLInputElement;
  const delay = panel.elements.namedItem('delay') as HTMLInputElement;
  const send = async () => {
    (panel.elements.namedItem('loss-out') as HTMLOutputElement).value = `${loss.value} %`;
    (panel.elements.namedItem('delay-out') as HTMLOutputElement).value = `${delay.value} ms`;
    await fetch(`${origin}/__faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mediaLossPercent: Number(loss.value), mediaDelayMs: Number(delay.value) }),
    });
  };
  loss.addEventListener('input', () => void send());
  delay.addEventListener('input', () => void send());
  document.querySelector('#network-reset')!.addEventListener('click', () => {
    loss.value = delay.value = '0';
    void send();
  });
}

/** Lists the visitor's devices (asking once for the microphone, to learn their names) for the `preferredDevices` property. */
function wireDevices(): void {
  const selects = { microphone: 'audioinput', speaker: 'audiooutput', camera: 'videoinput' } as const;
  const choose = () => {
    const preferred: Record<string, string> = {};
    for (const name of Object.keys(selects)) {
      const value = (panel.elements.namedItem(name) as HTMLSelectElement).value;
      if (value) preferred[name] = value;
    }
    (button as HTMLElement & { preferredDevices?: Record<string, string> }).preferredDevices = preferred;
  };
  document.querySelector('#list-devices')!.addEventListener('click', async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      stream.getTracks().forEach((track) => track.stop());
    } catch {
      // names stay hidden, ids are still listed
    }
    const devices = await navigator.mediaDevices.enumerateDevices();
    for (const [name, kind] of Object.entries(selects)) {
      const select = panel.elements.namedItem(name) as HTMLSelectElement;
      select.replaceChildren(new Option('system default', ''));
      for (const device of devices.filter((d) => d.kind === kind && d.deviceId !== 'default')) {
        select.append(new Option(device.label || device.deviceId.slice(0, 8), device.deviceId));
      }
    }
    write('devices listed: choose one for the next call');
  });
  for (const name of Object.keys(selects)) (panel.elements.namedItem(name) as HTMLSelectElement).addEventListener('change', choose);
}

/** Themes are three sets of --c2c-* custom properties; language and direction come from the page around the button. */
function wireLook(): void {
  const stage = document.querySelector<HTMLElement>('#stage')!;
  const theme = panel.elements.namedItem('theme') as HTMLSelectElement;
  const lang = panel.elements.namedItem('lang') as HTMLSelectElement;
  const dir = panel.elements.namedItem('dir') as HTMLSelectElement;
  theme.addEventListener('change', () => (stage.dataset.theme = theme.value));
  const place = () => {
    if (lang.value) stage.setAttribute('lang', lang.value);
    else stage.removeAttribute('lang');
    const rtl = /^(ar|he)\b/.test(lang.value);
    stage.setAttribute('dir', dir.value || (rtl ? 'rtl' : 'ltr'));
  };
  lang.addEventListener('change', place);
  dir.addEventListener('change', place);
}

void main();
