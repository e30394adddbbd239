// The space emulator as a piece of its own: test and demo infrastructure beside the component, with two dependencies
// of its own (`ws` for the relay, `werift` for the echo media), none of the component's code, and a small public
// surface. Node code reaches it through `emulator/index.ts`; pages and browser tests through `emulator/directory.ts`
// (the demo tokens and addresses, nothing of Node); `npm run emulator` runs `emulator/main.ts`. Only the emulator's
// own unit tests (`test/node/emulator-*.test.ts`) reach inside.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

const PACKAGES = ['ws', 'werift'];
const PUBLIC = ['emulator/index.ts', 'emulator/directory.ts'];
const CLI = 'emulator/main.ts';

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
const emulatorFiles = tracked.filter((file) => file.startsWith('emulator/') && file.endsWith('.ts'));

/** What each emulator file imports (`from` → `to`), read off the module graph esbuild builds. */
async function emulatorImports(): Promise<Array<{ from: string; to: string }>> {
  const { metafile } = await build({
    entryPoints: emulatorFiles, bundle: true, write: false, outdir: 'out', platform: 'node', format: 'esm',
    packages: 'external', metafile: true, logLevel: 'silent',
  });
  return Object.entries(metafile.inputs).flatMap(([from, input]) => input.imports.map((i) => ({ from, to: i.path })));
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
const packageOf = (name: string) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');

/** Imports of the emulator that leave it for anything but Node, its two packages or its own files. */
function foreignImports(imports: Array<{ from: string; to: string }>): string[] {
  return imports
    .filter(({ to }) => !isBuiltin(to) && !PACKAGES.includes(packageOf(to)) && !to.startsWith('emulator/'))
    .map(({ from, to }) => `${from} → ${to}`);
}

/** Files outside the emulator that name one of its files other than the public ones (and the CLI, for npm). */
function reachesInside(file: string, text: string): string[] {
  if (/^test\/node\/emulator-[\w-]+\.test\.ts$/.test(file)) return [];
  const named = [...text.matchAll(/emulator\/([\w.-]+\.ts)\b/g)].map((match) => `emulator/${match[1]}`);
  const allowed = file === 'package.json' ? [...PUBLIC, CLI] : PUBLIC;
  return named.filter((path) => !allowed.includes(path)).map((path) => `${file} → ${path}`);
}

describe('the emulator, a piece of its own', () => {
  it('imports only Node, ws, werift and its own files (nothing of the component)', async () => {
    const imports = await emulatorImports();
    assert.ok(imports.length > 20, `the graph was read (${imports.length} imports)`);
    assert.deepEqual(foreignImports(imports), []);
    const packages = new Set(imports.map(({ to }) => to).filter((to) => !isBuiltin(to) && !to.startsWith('emulator/')).map(packageOf));
    assert.deepEqual([...packages].sort(), [...PACKAGES].sort(), 'both of its packages are used');
  });

  it('keeps directory.ts free of imports, so pages and browser tests can load it', async () => {
    const imports = await emulatorImports();
    assert.deepEqual(imports.filter(({ from }) => from === 'emulator/directory.ts'), []);
  });

  it('is reached from outside only through index.ts and directory.ts (and main.ts, by npm run emulator)', () => {
    const outside = tracked.filter((file) => !file.startsWith('emulator/') && !file.endsWith('.md') && file !== 'package-lock.json');
    const problems = outside.flatMap((file) => reachesInside(file, readFileSync(file, 'utf8')));
    assert.deepEqual(problems, []);
  });

  it('names what breaks the rule (the checks themselves can fail)', () => {
    assert.deepEqual(foreignImports([
      { from: 'emulator/relay.ts', to: 'src/shared/errors.ts' },
      { from: 'emulator/media.ts', to: 'node-datachannel' },
      { from: 'emulator/media.ts', to: 'werift' },
      { from: 'emulator/server.ts', to: 'node:http' },
    ]), ['emulator/relay.ts → src/shared/errors.ts', 'emulator/media.ts → node-datachannel']);
    assert.deepEqual(reachesInside('test/browser/support/emulator.ts', "import type { Faults } from '../../../emulator/faults.ts';"),
      ['test/browser/support/emulator.ts → emulator/faults.ts']);
    assert.deepEqual(reachesInside('test/node/emulator-rest.test.ts', "from '../../emulator/rest.ts'"), []);
  });
});
