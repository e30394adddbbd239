// The demo page: wires <c2c-call-button> to the local space emulator (or, with ?token=&destination=&space=,
// to a real SignalWire space), lets you switch destination and token, and logs the element's events.
import {
  DEMO_C2C_TOKEN, DISABLED_C2C_TOKEN, EXPIRED_C2C_TOKEN, UNKNOWN_C2C_TOKEN,
} from './emulator/directory.ts';
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

function listen(): void {
  logEvents(button, log);
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
    mode.textContent = `Local space emulator at ${origin} → ${String(data.get('destination'))} with the ${String(data.get('token'))} token`;
  };
  panel.addEventListener('change', apply);
  apply();
}

void main();
