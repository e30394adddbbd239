// Shared by the demo pages: where `npm run demo` started the local space emulator, and a log of a button's events.

const FALLBACK_EMULATOR = 'http://127.0.0.1:8790';

/** Where `npm run demo` started the emulator (its dev server says), else the default port. */
export async function emulatorOrigin(): Promise<string> {
  try {
    const response = await fetch('/__demo/config');
    if (response.ok) return ((await response.json()) as { emulatorOrigin: string }).emulatorOrigin;
  } catch {
    // not started by `npm run demo`
  }
  return FALLBACK_EMULATOR;
}

/** Writes each event of `button` into the list `log`, one line each; fields sit on the event itself. */
export function logEvents(button: HTMLElement, log: HTMLOListElement): void {
  const write = (text: string, kind = '') => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
    if (kind) item.className = kind;
    log.append(item);
    // The list scrolls to its newest line; the page stays where the visitor is (scrollIntoView would move it too).
    log.scrollTop = log.scrollHeight;
  };
  button.addEventListener('c2c-state-change', (event) => write(`state  ${event.previous} → ${event.state}`));
  button.addEventListener('c2c-call-start', (event) => write(`call-start  ${event.callId}`));
  button.addEventListener('c2c-call-end', (event) => write(`call-end  reason=${event.reason} ${(event.durationMs / 1000).toFixed(1)} s`));
  button.addEventListener('c2c-error', (event) => {
    const status = event.status ? ` (HTTP ${event.status})` : '';
    write(`error  ${event.code}${status}${event.retryable ? ' retryable' : ''}: ${event.message}`, 'error');
  });
}
