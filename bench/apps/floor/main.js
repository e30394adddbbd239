// The floor: the least a hand-written page does to place the element's call with @signalwire/js directly,
// and the best it could do. No element, no states, no error handling beyond what a call needs.
//
//   floor.prepare()  exchanges the Click-to-Call token and imports the SDK side by side, then connects the
//                    client: SignalWire({ token }). Idempotent. A "warm" page does it before the click.
//   the click        prepare() (already done when warm), client.dial(...), call.start(): active when it resolves.
//   floor.hangup()   hangs the call up and disconnects the client; a next click starts over.
//
// It leaves performance marks floor:start, floor:token, floor:sdk, floor:connected, floor:dialed, floor:ringing,
// floor:answered: the element's c2c:* steps, so the two breakdowns line up.
const { token, destination, apiBase } = document.body.dataset;
const media = document.getElementById('media');

const mark = (step) => performance.mark(`floor:${step}`);
// The element gives the SDK the same silent logger: neither pays for console output.
const ignore = () => undefined;
const logger = { fatal: ignore, error: ignore, warn: ignore, info: ignore, debug: ignore, trace: ignore };

async function exchange() {
  const response = await fetch(`${apiBase}/api/fabric/embeds/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(`token exchange: HTTP ${response.status}`);
  return (await response.json()).token;
}

let client;
function prepare() {
  client ??= Promise.all([
    exchange().then((guestToken) => (mark('token'), guestToken)),
    import('@signalwire/js').then((sdk) => (mark('sdk'), sdk)),
  ]).then(async ([guestToken, { SignalWire }]) => {
    const connected = await SignalWire({ token: guestToken, logger, logLevel: 'silent' });
    mark('connected');
    return connected;
  });
  return client;
}

let call;
async function placeCall() {
  mark('start');
  const connected = await prepare();
  call = await connected.dial({ to: destination, audio: true, video: false, rootElement: media });
  mark('dialed');
  const ringing = () => mark('ringing');
  call.on('trying', ringing);
  call.on('early', ringing);
  await call.start();
  mark('answered');
}

async function hangup() {
  const connected = client;
  client = undefined; // the next call connects afresh, as the element's does
  await call?.hangup();
  await (await connected)?.disconnect();
}

let placing;
document.getElementById('call').addEventListener('click', () => {
  placing = placeCall();
});

window.floor = { prepare, hangup, placed: () => placing };
