// Builds the package and packs it as npm would publish it: `.scratch/ship/c2c-call-button-<version>.tgz`, and the
// same files unpacked in `.scratch/ship/package/`. The tests of what ships (test/ship/) run against these.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../.scratch/ship/', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(npm, ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const [packed] = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }));
execFileSync('tar', ['-xzf', packed.filename, '-C', out], { cwd: out }); // unpacks into package/
console.log(`packed ${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KB`);
