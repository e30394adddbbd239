// A sound server of the tests' own for Firefox: PulseAudio on a private socket, with two silent outputs ("Speakers"
// and "Headphones", null sinks). Headless Firefox on a machine without one has no audio output at all: its Web Audio
// never starts (the level meter reads nothing) and it has no speaker to offer. A visitor's computer has one; with this,
// the tests' Firefox does too. Chromium needs none (--use-fake-device-for-media-stream fakes its outputs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const HOW_TO_GET_SOUND = 'No PulseAudio found (Firefox needs a sound server for audio output in the tests): ' +
  '`apt-get install pulseaudio` (Debian/Ubuntu).';

/** The outputs the server offers, as Firefox lists them. */
export const SPEAKERS = ['Speakers', 'Headphones'];

export function hasSoundServer() {
  return spawnSync('pulseaudio', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts the server; `env` is what a browser needs to use it. `close()` stops it and removes its files.
 * @returns {Promise<{ env: Record<string, string>, close(): void }>}
 */
export async function startSoundServer() {
  const dir = mkdtempSync(path.join(tmpdir(), 'c2c-sound-'));
  const socket = path.join(dir, 'native');
  const script = path.join(dir, 'default.pa');
  // The socket last: once it is there, the outputs are too.
  writeFileSync(script, [
    ...SPEAKERS.map((name, i) => `load-module module-null-sink sink_name=out${i} sink_properties=device.description=${name}`),
    `load-module module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    '',
  ].join('\n'));
  // Its own home and runtime folders: nothing of the machine's user (or of another run) is read or written.
  const server = spawn('pulseaudio', ['-n', '-F', script, '--daemonize=no', '--exit-idle-time=-1', '--use-pid-file=no',
    '--disable-shm=yes', '--log-target=stderr', '--log-level=error'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir },
  });
  let log = '';
  server.stderr.on('data', (chunk) => (log += chunk));
  let exited = false;
  server.once('exit', () => (exited = true));
  const close = () => {
    if (!exited) server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; !existsSync(socket); waited += 50) {
    if (exited || waited > 5_000) {
      close();
      throw new Error(`the sound server did not start: ${log.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.once('exit', close);
  return { env: { PULSE_SERVER: `unix:${socket}` }, close };
}
