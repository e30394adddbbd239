// The demo page: wires <c2c-call-button> to the local space emulator (or, with ?token=&destination=&space=,
// to a real SignalWire space), lets you switch destination and token, and logs the element's events.
import {
  DEMO_C2C_TOKEN, DISABLED_C2C_TOKEN, EXPIRED_C2C_TOKEN, UNKNOWN_C2C_TOKEN,
} from './emulator/directory.ts';

const TOKENS: Record<string, string> = {
  demo: DEMO_C2C_TOKEN,
  disabled: DISABLED_C2C_TOKEN,
  expired: EXPIRED_C2C_TOKEN,
  unknown: UNKNOWN_C2C_TOKEN,
};
const FALLBACK_EMULATOR = 'http://127.0.0.1:8790';

const button = document.querySelector<HTMLElement>('#button')!;
const panel = document.querySelector<HTMLFormElement>('#panel')!;
const mode = document.querySelector<HTMLElement>('#mode')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function write(text: string, kind = ''): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  if (kind) item.className = kind;
  log.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

/** Where `npm run demo` started the emulator (served by its dev server), else the default port. */
async function emulatorOrigin(): Promise<string> {
  try {
    const response = await fetch('/__demo/config');
    if (response.ok) return ((await response.json()) as { emulatorOrigin: string }).emulatorOrigin;
  } catch {
    // not started by `npm run demo`
  }
  return FALLBACK_EMULATOR;
}

function listen(): void {
  // The element's events are typed in HTMLElementEventMap (src/events.ts); their fields sit on the event itself.
  button.addEventListener('c2c-state-change', (event) => write(`state  ${event.previous} → ${event.state}`));
  button.addEventListener('c2c-call-start', (event) => write(`call-start  ${event.callId}`));
  button.addEventListener('c2c-call-end', (event) => write(`call-end  reason=${event.reason} ${(event.durationMs / 1000).toFixed(1)} s`));
  button.addEventListener('c2c-error', (event) => {
    const status = event.status ? ` (HTTP ${event.status})` : '';
    write(`error  ${event.code}${status}${event.retryable ? ' retryable' : ''}: ${event.message}`, 'error');
  });
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
