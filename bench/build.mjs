// Step 1 of `npm run bench`: what the project ships, built as it ships. `npm run build` (the real build, into
// dist/), then `npm pack` of the project, unpacked as an app's node_modules/c2c-call-button would be. From that
// package come all three forms the bench measures:
//   dist/cdn/        the CDN module build and the classic build, served as a CDN serves the package;
//   the npm build    bundled by a fresh Vite app (bench/apps/element: one import, Vite's defaults);
// and beside them the floor (bench/apps/floor: @signalwire/js by hand), bundled by Vite the same way.
// Nothing is installed from the network: the apps resolve lit and @signalwire/js from the project's node_modules.
import { execFile } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS = fileURLToPath(new URL('./apps/', import.meta.url));
export const BUILD_DIR = fileURLToPath(new URL('../.scratch/bench-build/', import.meta.url));

/** Runs a command in the project; on failure the error carries its output. */
async function inProject(command, args) {
  try {
    return await run(command, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`, { cause: error });
  }
}

/** `npm pack` of the freshly built project, unpacked into `dir` (its package/ prefix stripped). */
async function packInto(dir) {
  const packDir = join(BUILD_DIR, 'pack');
  await mkdir(packDir, { recursive: true });
  // --ignore-scripts: prepack would run `npm run build` a second time.
  const { stdout } = await inProject('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir]);
  const [packed] = JSON.parse(stdout);
  await mkdir(dir, { recursive: true });
  await inProject('tar', ['-xzf', join(packDir, packed.filename), '--strip-components=1', '-C', dir]);
  return { name: packed.name, version: packed.version, tarball: packed.filename, tarballBytes: packed.size, files: packed.files.length };
}

/** Copies an app's sources and builds it with Vite's defaults (no config file), as a fresh Vite app would. */
async function buildApp(name, { dependency } = {}) {
  const source = join(BUILD_DIR, 'apps', name);
  const outDir = join(BUILD_DIR, 'sites', name);
  await cp(join(APPS, name), source, { recursive: true });
  const packageDir = dependency ? join(source, 'node_modules', 'c2c-call-button') : null;
  const pkg = packageDir ? await packInto(packageDir) : null;
  await build({ root: source, configFile: false, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return { outDir, packageDir, pkg };
}

/**
 * Builds everything into .scratch/bench-build/. Returns where each form is: `cdnDir` (dist/cdn of the packed
 * package), `elementApp` and `floorApp` (the Vite apps' output folders), and what `npm pack` reported.
 */
export async function buildAll() {
  await rm(BUILD_DIR, { recursive: true, force: true });
  await inProject('npm', ['run', 'build']);
  const element = await buildApp('element', { dependency: true });
  const floor = await buildApp('floor');
  const cdnDir = join(element.packageDir, 'dist', 'cdn');
  return {
    cdnDir,
    elementApp: element.outDir,
    floorApp: floor.outDir,
    pkg: element.pkg,
  };
}
