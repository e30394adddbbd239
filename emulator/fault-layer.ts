// What the injected faults do, as a layer around the protocol code rather than branches inside it: the REST handlers
// and the relay know nothing of faults. A REST fault answers in place of its handler; the relay's faults hook into its
// connects and calls (`RelayHooks`) and use what the relay lets a hook do to a call; the media faults are read by the
// forwarder on the echo's way back (media-degradation.ts). Settings that are not faults of the protocol but knobs of
// the emulated space (`ringTimeoutMs`, `orphanTimeoutMs`, `relayUrl`) are read where they apply.
import type { ServerResponse } from 'node:http';
import type { Faults, RestFaultName } from './faults.ts';
import { HttpError, sendError, sendJson, type Handler } from './http-util.ts';
import type { MediaDegradation } from './media-degradation.ts';
import type { RelayHooks } from './relay.ts';

/** Takes one use of the `name` REST fault, if one is armed. */
export function takeRestFault(faults: Faults, name: RestFaultName): { status: number; body?: unknown } | null {
  const fault = faults[name];
  if (!fault) return null;
  faults[name] = fault.times > 1 ? { ...fault, times: fault.times - 1 } : null;
  return { status: fault.status, ...(fault.body === undefined ? {} : { body: fault.body }) };
}

/** Waits `ms`, or until the client has gone. */
function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * `handler` behind the `name` REST fault: the exchange first waits `exchangeDelayMs`; then an armed fault answers
 * (its `body`, or an error body) before the request is looked at, and the handler never runs.
 */
export function withRestFault(faults: () => Faults, name: RestFaultName, handler: Handler): Handler {
  return async (req, res) => {
    if (name === 'exchange') await delay(faults().exchangeDelayMs, res);
    const injected = takeRestFault(faults(), name);
    if (!injected) return handler(req, res);
    if (injected.body !== undefined) sendJson(res, injected.status, injected.body);
    else sendError(res, new HttpError(injected.status, 'injected_fault', `injected fault: status ${injected.status}`));
    return 'injected fault';
  };
}

/** The relay's faults: a refused connect, and sockets dropped, calls hung up or killed a while after an event. */
export function relayFaults(faults: () => Faults): RelayHooks {
  return {
    refuseConnect: () => (faults().rejectConnect ? 'fault rejectConnect' : undefined),
    invited(call) {
      const { dropSocketAfterInviteMs } = faults();
      if (dropSocketAfterInviteMs !== null) call.later(dropSocketAfterInviteMs, () => call.dropSocket('fault dropSocketAfterInviteMs'));
    },
    answered(call) {
      const { hangupAfterMs, dropSocketAfterMs, killCallAfterMs } = faults();
      if (hangupAfterMs !== null) call.later(hangupAfterMs, () => call.hangUp());
      if (dropSocketAfterMs !== null) call.later(dropSocketAfterMs, () => call.dropSocket('fault dropSocketAfterMs'));
      if (killCallAfterMs !== null) call.later(killCallAfterMs, () => call.kill('fault killCallAfterMs'));
    },
  };
}

/** The media degradation the faults ask for, read for every echoed packet. */
export function mediaDegradation(faults: Faults): MediaDegradation {
  return { lossPercent: faults.mediaLossPercent, delayMs: faults.mediaDelayMs };
}
