/**
 * Every name the adapter uses inside @signalwire/js 3.30.0 beyond its typed API, in one list: the adapter reads them
 * from here, and test/node/sdk-seam.test.ts checks each against the installed SDK, so an upgrade that moves one fails
 * there with its name. docs/sdk-upgrade.md says what each is for and which SDK fault it works around.
 */
export const SEAM = {
  // The session (`BaseSession`, @signalwire/core), found through the SDK's per-client saga monitor.
  /** `SignalWire({ sagaMonitor })`, passed to redux-saga. */
  sagaMonitor: 'sagaMonitor',
  /** The key of a forked worker's first argument that holds the session. */
  forkedSession: 'session',
  sessionConnected: 'connected',
  clearSessionTimers: '_clearTimers',
  closeConnection: '_closeConnection',
  // The speaker watch the SDK adds to every call (`BaseRoomSessionConnection`, @signalwire/js).
  /** The key of a worker saga's first argument that holds its component (`BaseComponent._attachWorker`). */
  workerInstance: 'instance',
  attachSpeakerWatch: '_attachSpeakerTrackListener',
  wsClient: '__wsClient',
  store: 'store',
  audioElement: '_audioEl',
  // The call's peers (`BaseConnection` and `RTCPeer`, @signalwire/webrtc).
  buildPeer: '_buildPeer',
  connectionStateTimer: '_connectionStateTimer',
  clearPeerTimers: 'clearTimers',
  peer: 'peer',
  peerConnection: 'instance',
  /**
   * The same `RTCPeer.instance`, as the adapter sees it set: after the peer is built (in `start()`), with the SDK's
   * listeners added to it after that, which the adapter notes to take them off once the call is over.
   */
  peerListeners: 'instance',
  /** `call.options.localStream`: the stream the SDK sends instead of calling getUserMedia. */
  localStreamOption: 'localStream',
  updateStream: 'updateStream',
  leaveReason: 'leaveReason',
  reconnectTimeout: 'RECONNECTION_ATTEMPT_TIMEOUT',
  cause: 'cause',
  causeCode: 'causeCode',
  // Events the adapter listens to that the SDK's types do not list.
  microphoneGone: 'microphone.disconnected',
  cameraGone: 'camera.disconnected',
  trying: 'trying',
  early: 'early',
  mediaReconnecting: 'media.reconnecting',
  mediaDisconnected: 'media.disconnected',
  mediaConnected: 'media.connected',
  // Storage: session keys `<prefix>-<room or token type>` (`sessionStorageManager`), and loglevel's item.
  storagePrefixes: 'pt as ci',
  logLevelKey: 'loglevel:signalwire',
} as const;

export type SeamTarget = keyof typeof SEAM;

const gaps = new Set<string>();

/**
 * Reports, once per page, that the SDK has no `SEAM[target]` where the adapter expected it: the patch that needs it
 * is off, the SDK's own behaviour applies, and `effect` says what that costs. A warning, not an error: the call goes on.
 */
export function seamGap(target: SeamTarget, effect: string): void {
  if (gaps.has(target)) return;
  gaps.add(target);
  console.warn(`c2c-call-button: @signalwire/js has no ${SEAM[target]} (${target}); ${effect} (docs/sdk-upgrade.md)`);
}

/** The targets reported missing on this page so far (for tests, and for a developer in the console). */
export function seamGaps(): SeamTarget[] {
  return [...gaps] as SeamTarget[];
}
