// The SDK as the browser build takes it, for tests of the adapter's seam (docs/sdk-upgrade.md): `@signalwire/js`,
// `@signalwire/core` and `@signalwire/webrtc` from a root directory (node_modules/@signalwire, a scratch copy, or a
// newer SDK unpacked somewhere), each resolved through its `module` field as Vite and the test server resolve it, and
// bundled by esbuild into one ES module. `breakSdk` makes a scratch copy with seam targets renamed, each the way an
// SDK release could move it (every use in the SDK renamed alike, so the SDK itself still works).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { SeamTarget } from '../../src/signalwire/sdk-seam.ts';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the installed SDK is, or `C2C_SDK_ROOT` (a directory holding `js/`, `core/` and `webrtc/`). */
export const SDK_ROOT = process.env.C2C_SDK_ROOT ?? join(PROJECT, 'node_modules/@signalwire');
export const SDK_PACKAGES = ['js', 'core', 'webrtc'] as const;
type SdkPackage = (typeof SDK_PACKAGES)[number];

/** The file a package's `module` field names under `root`: what a browser bundler takes. */
export function moduleEntry(root: string, pkg: SdkPackage): string {
  const manifest = JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8')) as { module?: string; version: string };
  if (!manifest.module) throw new Error(`${join(root, pkg)}: no "module" field`);
  return join(root, pkg, manifest.module);
}

export function sdkVersions(root: string): Record<SdkPackage, string> {
  const version = (pkg: SdkPackage) => (JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8')) as { version: string }).version;
  return { js: version('js'), core: version('core'), webrtc: version('webrtc') };
}

/** Resolves `@signalwire/<pkg>` to `root`; every other package from the project's node_modules. */
function sdkFrom(root: string): Plugin {
  return {
    name: 'sdk-root',
    setup(context) {
      context.onResolve({ filter: /^@signalwire\/(js|core|webrtc)$/ }, (args) => ({ path: moduleEntry(root, args.path.split('/')[1] as SdkPackage) }));
    },
  };
}

export interface SdkBundle {
  /** The bundled module's source (what a test may read when a target can only be found in the code). */
  readonly code: string;
  /** The SDK files in it, relative to the root. */
  readonly files: string[];
}

/**
 * Bundles `entry` (source text importing `@signalwire/*`) with the SDK taken from `root`, as an ES module for a
 * browser. `external` leaves imports as they are (`(path) => url`: the browser resolves them).
 */
export async function bundleWithSdk(root: string, entry: { contents: string; resolveDir: string }, options: {
  external?: (path: string) => string | undefined;
  nodeEnv?: 'production' | 'development';
} = {}): Promise<SdkBundle> {
  const plugins = [sdkFrom(root)];
  if (options.external) {
    const external = options.external;
    plugins.push({
      name: 'external',
      setup(context) {
        context.onResolve({ filter: /.*/ }, (args) => {
          const url = args.kind === 'entry-point' ? undefined : external(join(args.resolveDir, args.path));
          return url ? { path: url, external: true } : undefined;
        });
      },
    });
  }
  const result = await build({
    stdin: { ...entry, loader: 'ts' },
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['browser'],
    nodePaths: [join(PROJECT, 'node_modules')],
    define: { 'process.env.NODE_ENV': JSON.stringify(options.nodeEnv ?? 'production') },
    logLevel: 'silent',
    plugins,
  });
  const files = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(process.cwd(), input)))
    .filter((file) => !file.startsWith('..'));
  return { code: result.outputFiles[0]!.text, files };
}

/** Bundles the SDK from `root` (its public entry) into a module file under `dir`; returns the file. */
export async function writeSdkModule(root: string, dir: string): Promise<{ file: string; bundle: SdkBundle }> {
  const bundle = await bundleWithSdk(root, { contents: "export * from '@signalwire/js';", resolveDir: PROJECT });
  const file = join(dir, `sdk-${Date.now()}-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, bundle.code);
  return { file, bundle };
}

/** How one release could move a target: in which SDK files (and between which two lines of them), what is renamed. */
interface Move {
  readonly files: readonly string[];
  readonly from: RegExp;
  readonly to: string;
  readonly between?: readonly [string, string];
}

const JS = 'js/dist/index.esm.js';
const CORE = 'core/dist/index.esm.js';
const WEBRTC = 'webrtc/dist/mjs/webrtc/src';
const PEER = `${WEBRTC}/RTCPeer.js`;
const CONNECTION = `${WEBRTC}/BaseConnection.js`;
const rename = (name: string, files: readonly string[]): Move => ({ files, from: new RegExp(`\\b${name}\\b`, 'g'), to: `${name}_moved` });

/** For each seam target, a rename an SDK release could make. Each must change something, or `breakSdk` throws. */
export const MOVES: Record<SeamTarget, Move> = {
  sagaMonitor: { files: [CORE], from: /sagaMonitor: userOptions\.sagaMonitor/g, to: 'sagaMonitor: userOptions.sagaMonitor_moved' },
  // The session sagas' own name for it, in their arguments and wherever they use them (not in strings).
  forkedSession: {
    files: [CORE], from: /(?<!["'`])\bsession\b(?!["'`])/g, to: 'session_moved',
    between: ['function* sessionChannelWatcher(', '// src/redux/features/session/sessionSelectors.ts'],
  },
  sessionConnected: { files: [CORE], from: /(this\.|get )connected\b/g, to: '$1connected_moved' },
  clearSessionTimers: rename('_clearTimers', [CORE]),
  closeConnection: rename('_closeConnection', [CORE]),
  // The workers' own name for their component, wherever they use it (not a peer's `.instance`, not in strings).
  workerInstance: { files: [CORE, JS, WEBRTC], from: /(?<![.'"`\w])instance(?![\w'"`])/g, to: 'instance_moved' },
  attachSpeakerWatch: rename('_attachSpeakerTrackListener', [JS]),
  wsClient: rename('__wsClient', [JS]),
  store: { files: [JS], from: /__wsClient: wsClient/g, to: '__wsClient: { store_moved: wsClient.store }' },
  audioElement: rename('_audioEl', [JS]),
  buildPeer: rename('_buildPeer', [CONNECTION]),
  connectionStateTimer: rename('_connectionStateTimer', [PEER]),
  clearPeerTimers: { files: [PEER, CONNECTION], from: /\bclearTimers\(/g, to: 'clearTimers_moved(' },
  peer: { files: [CONNECTION, JS], from: /(\.|get |set )peer\b/g, to: '$1peer_moved' },
  peerConnection: { files: [PEER, CONNECTION, JS], from: /\.instance\b/g, to: '.instance_moved' },
  // A release that makes the peer connection with the peer, listeners and all, rather than in start().
  peerListeners: {
    files: [PEER], from: /(this\.rtcConfigPolyfill = this\.config;)/g, to: '$1 this._setupRTCPeerConnection();',
  },
  localStreamOption: { files: [PEER, CONNECTION], from: /options\.localStream\b/g, to: 'options.localStream_moved' },
  updateStream: rename('updateStream', [CONNECTION]),
  leaveReason: rename('leaveReason', [PEER, CONNECTION, JS]),
  reconnectTimeout: rename('RECONNECTION_ATTEMPT_TIMEOUT', [PEER]),
  cause: { files: [CONNECTION], from: /this\.cause\b/g, to: 'this.cause_moved' },
  causeCode: { files: [CONNECTION], from: /this\.causeCode\b/g, to: 'this.causeCode_moved' },
  microphoneGone: { files: [PEER], from: /'microphone' : 'camera'/g, to: "'mic' : 'camera'" },
  cameraGone: { files: [PEER], from: /'microphone' : 'camera'/g, to: "'microphone' : 'video'" },
  trying: { files: [CONNECTION], from: /'trying'/g, to: "'trying_moved'" },
  early: { files: [`${WEBRTC}/workers/vertoEventWorker.js`], from: /'early'/g, to: "'early_moved'" },
  mediaReconnecting: { files: [PEER], from: /'media\.reconnecting'/g, to: "'media.reconnecting_moved'" },
  mediaDisconnected: { files: [PEER], from: /'media\.disconnected'/g, to: "'media.disconnected_moved'" },
  mediaConnected: { files: [PEER], from: /'media\.connected'/g, to: "'media.connected_moved'" },
  storagePrefixes: { files: [JS], from: /`pt-\$\{/g, to: '`protocol-${' },
  logLevelKey: { files: [CORE], from: /log\.getLogger\("signalwire"\)/g, to: 'log.getLogger("signalwire_moved")' },
};

function copyJs(from: string, to: string): void {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || source.endsWith('.js') || source.endsWith('package.json'),
  });
}

/** `path` if it is a file, else every `.js` file under it. */
function jsFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * A scratch copy of the SDK at `root` (the browser build's files only) with `targets` moved; the caller removes it
 * (`rmSync(dir, { recursive: true })`). Throws when a move changes nothing: the SDK was not what the move expects.
 */
export function breakSdk(targets: readonly SeamTarget[], root = SDK_ROOT): string {
  const dir = mkdtempSync(join(tmpdir(), 'c2c-sdk-'));
  for (const pkg of SDK_PACKAGES) {
    cpSync(join(root, pkg, 'package.json'), join(dir, pkg, 'package.json'));
    const entry = relative(join(root, pkg), moduleEntry(root, pkg));
    const top = entry.split('/').slice(0, pkg === 'webrtc' ? 3 : 2).join('/'); // dist/mjs/webrtc, or dist/index.esm.js
    copyJs(join(root, pkg, top), join(dir, pkg, top));
  }
  try {
    for (const target of targets) {
      const move = MOVES[target];
      let changed = 0;
      for (const file of move.files.flatMap((entry) => jsFiles(join(dir, entry)))) {
        const path = file;
        const before = readFileSync(path, 'utf8');
        const [start, end] = move.between ? [before.indexOf(move.between[0]), before.indexOf(move.between[1])] : [0, before.length];
        if (start < 0 || end < start) throw new Error(`moving ${target}: ${relative(dir, file)} has no ${move.between!.join(' … ')}`);
        const after = before.slice(0, start) + before.slice(start, end).replace(move.from, move.to) + before.slice(end);
        if (after !== before) changed++;
        writeFileSync(path, after);
      }
      if (changed === 0) throw new Error(`moving ${target}: ${move.from} is in none of ${move.files.join(', ')}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}
