// The pages that show one way of use each (CDN module, CDN classic script, React): point their button at the
// local space emulator and log its events. The element itself comes from what the page under test loads.
import { emulatorOrigin, logEvents } from './event-log.ts';

const button = document.querySelector<HTMLElement>('#button');
const log = document.querySelector<HTMLOListElement>('#log')!;

async function main(): Promise<void> {
  const origin = await emulatorOrigin();
  document.querySelector('#mode')!.textContent = `Local space emulator at ${origin} → /public/echo`;
  // The React page renders its button itself, with these as props.
  document.documentElement.dataset.emulatorOrigin = origin;
  if (button) {
    button.setAttribute('api-base', origin);
    logEvents(button, log);
  }
  document.querySelector('#clear-log')?.addEventListener('click', () => log.replaceChildren());
}

void main();
