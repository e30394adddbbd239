// A web-test-runner command that reads, through the Chrome DevTools Protocol, what a page cannot see of itself:
// the event listeners on an object (once-listeners, capture and all, whoever added them), the used JS heap after
// garbage collection, and the renderer's DOM nodes and listeners. The page side is test/browser/support/devtools.ts.
//
//   executeServerCommand('c2c-devtools', { read: 'listeners', expression: 'window', subtree?: boolean })
//     → [{ type, useCapture, once, handler }] on what `expression` evaluates to (with its subtree and shadow roots)
//   executeServerCommand('c2c-devtools', { read: 'memory' })
//     → { heapUsedBytes, nodes, jsEventListeners, documents } after two garbage collections
//   executeServerCommand('c2c-devtools', { read: 'memory', code: true })
//     → the same and codeBytes: how much of the heap is compiled code (from a heap snapshot)
//   executeServerCommand('c2c-devtools', { read: 'memory', peers: true })
//     → the same and peerConnections: { inMemory, heldByPage, keptByChromium, keptBytes, reachingCall,
//       reachingAudio }, the RTCPeerConnections in the heap (from a heap snapshot, one for both when `code` is asked
//       too), those held by something other than Chromium's undelivered state changes (see UNDELIVERED_STATE_CHANGE)
//       or a test's stand-in for them (`keptStandIn`: a window property), how many of the others Chromium keeps, what
//       the others keep that nothing else does, and how many of them reach a call of the SDK or an audio element

import { codeBytesIn, takeHeapSnapshot } from '../../../scripts/compiled-code.mjs';

/** One DevTools session per test page. */
const sessions = new Map();

async function devtools(page) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
    page.once('close', () => sessions.delete(page));
  }
  return session;
}

async function listeners(cdp, expression, subtree) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression });
  if (exceptionDetails || !result.objectId) throw new Error(`c2c-devtools: ${expression} is not an object`);
  try {
    const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, ...(subtree ? { depth: -1, pierce: true } : {}) });
    return found.listeners.map(({ type, useCapture, once, handler, lineNumber, columnNumber, scriptId }) => ({
      type, useCapture, once,
      // Where the listener's function was written: tells two listeners of one type apart across reads.
      at: `${scriptId}:${lineNumber}:${columnNumber}`,
      handler: String(handler?.description ?? '').slice(0, 160),
    }));
  } finally {
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
}

/**
 * The root through which Chromium (156) keeps a closed RTCPeerConnection for as long as the page lives, with nothing of
 * the page's holding it: a state change (connectionstatechange, icegatheringstatechange) scheduled for delivery and not
 * delivered yet when the page calls close(). close() suppresses the peer connection's events, so the scheduled
 * change is never delivered nor dropped, and the callback bound to it holds the peer connection through a persistent
 * handle (blink's RTCPeerConnection::ChangePeerConnectionState and ChangeIceGatheringState, `WrapPersistent(this)`).
 * Heap snapshots name that root edge after the function that made it.
 */
const UNDELIVERED_STATE_CHANGE = /RTCPeerConnection::Change(PeerConnection|IceGathering)State\b/;

/** What of a call a peer connection Chromium keeps must not reach: the SDK's peer and call objects (by class). */
const SDK_CALL = /^(RTCPeer|FabricRoomSessionConnection)$/;
/** The far end's audio element: its native node (`<audio …>`) or its JS wrapper. */
const AUDIO_ELEMENT = /^(<audio[\s>]|HTMLAudioElement$)/;

/**
 * The RTCPeerConnections (native nodes) reachable in a parsed heap snapshot: all of them (`inMemory`), and those still
 * reachable when the roots of Chromium's undelivered state changes are left out, and what the page's property named
 * `standIn` holds, if any (a test's stand-in for those roots: closed peer connections it keeps as Chromium keeps some,
 * see `keptPeerConnections` in devtools.ts) (`heldByPage`: held by the page's scripts, its DOM, its timers, or by
 * Chromium for a reason it lets go of). The others are kept:
 * `keptByChromium` of them through Chromium's roots (some may be in the stand-in too); for all of them, the bytes
 * nothing else keeps (`keptBytes`), and how many reach an object of the SDK's call (`reachingCall`) or an audio element
 * (`reachingAudio`) along a path of objects the page does not hold (such a path ends at the first object the page
 * holds: the element keeps its last call, and the SDK's listeners on that call's connection would reach it all the same).
 */
function peerConnectionsIn({ snapshot: { meta }, nodes, edges, strings }, standIn) {
  const width = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const nameAt = meta.node_fields.indexOf('name');
  const sizeAt = meta.node_fields.indexOf('self_size');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const toAt = meta.edge_fields.indexOf('to_node');
  const native = meta.node_types[0].indexOf('native');
  const weak = meta.edge_types[0].indexOf('weak');
  const named = new Set(['context', 'property', 'internal', 'shortcut'].map((type) => meta.edge_types[0].indexOf(type)));
  const count = nodes.length / width;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * width + edgeCountAt] * edgeWidth;
  const nameOf = (node) => strings[nodes[node * width + nameAt]];
  /**
   * Marks what `from` reaches; `skip` leaves out the edges whose name it matches, and the nodes `stop` marks are
   * reached but not gone through.
   */
  const reachable = (from, { skip, stop } = {}) => {
    const seen = new Uint8Array(count);
    seen[from] = 1;
    for (let queue = [from]; queue.length > 0;) {
      const next = [];
      for (const node of queue) {
        if (stop?.[node]) continue;
        for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += edgeWidth) {
          const type = edges[e + edgeTypeAt];
          if (type === weak) continue;
          if (skip && named.has(type) && skip.test(strings[edges[e + edgeNameAt]])) continue;
          const to = edges[e + toAt] / width;
          if (!seen[to]) {
            seen[to] = 1;
            next.push(to);
          }
        }
      }
      queue = next;
    }
    return seen;
  };
  // What the stand-in holds: the objects its property names (a global's value is one step further, in a property cell).
  const standInHolds = new Uint8Array(count);
  for (let node = 0; standIn && node < count; node++) {
    for (let e = firstEdge[node]; e < firstEdge[node + 1]; e += edgeWidth) {
      if (named.has(edges[e + edgeTypeAt]) && strings[edges[e + edgeNameAt]] === standIn) standInHolds[edges[e + toAt] / width] = 1;
    }
  }
  const all = reachable(0); // from the snapshot's root
  const held = reachable(0, { skip: UNDELIVERED_STATE_CHANGE, stop: standInHolds });
  const heldOrByChromium = reachable(0, { stop: standInHolds });
  let inMemory = 0;
  let heldByPage = 0;
  let keptByChromium = 0;
  let reachingCall = 0;
  let reachingAudio = 0;
  for (let i = 0; i < count; i++) {
    if (nodes[i * width + typeAt] !== native || nameOf(i) !== 'RTCPeerConnection' || !all[i]) continue;
    inMemory++;
    if (held[i]) {
      heldByPage++;
      continue;
    }
    if (heldOrByChromium[i]) keptByChromium++;
    const reached = reachable(i, { stop: held });
    let call = false;
    let audio = false;
    for (let node = 0; node < count && !(call && audio); node++) {
      if (!reached[node]) continue;
      call ||= SDK_CALL.test(nameOf(node));
      audio ||= AUDIO_ELEMENT.test(nameOf(node));
    }
    if (call) reachingCall++;
    if (audio) reachingAudio++;
  }
  let keptBytes = 0;
  for (let i = 0; i < count; i++) if (all[i] && !held[i]) keptBytes += nodes[i * width + sizeAt];
  return { inMemory, heldByPage, keptByChromium, keptBytes, reachingCall, reachingAudio };
}

async function memory(cdp, withCode, withPeers, keptStandIn) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const snapshot = withCode || withPeers ? await takeHeapSnapshot(cdp) : undefined;
  return {
    heapUsedBytes: usedSize, documents, nodes, jsEventListeners,
    ...(withCode ? { codeBytes: codeBytesIn(snapshot) } : {}),
    ...(withPeers ? { peerConnections: peerConnectionsIn(snapshot, keptStandIn) } : {}),
  };
}

export function devtoolsCommands() {
  return {
    name: 'c2c-devtools',
    async executeCommand({ command, payload, session }) {
      if (command !== 'c2c-devtools') return undefined;
      if (session.browser.type !== 'playwright') throw new Error('c2c-devtools needs the Playwright launcher');
      const cdp = await devtools(session.browser.getPage(session.id));
      if (payload?.read === 'listeners') return listeners(cdp, String(payload.expression), Boolean(payload.subtree));
      if (payload?.read === 'memory') {
        const standIn = typeof payload.keptStandIn === 'string' && /^\w+$/.test(payload.keptStandIn) ? payload.keptStandIn : undefined;
        return memory(cdp, Boolean(payload.code), Boolean(payload.peers), standIn);
      }
      throw new Error(`c2c-devtools: unknown read ${JSON.stringify(payload?.read)}`);
    },
  };
}
