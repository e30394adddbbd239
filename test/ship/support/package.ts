// The package as npm would publish it, built and packed once by `node scripts/pack.mjs` (npm test runs it first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHIP = `${ROOT}.scratch/ship/`;

export interface PackedPackage {
  /** The unpacked package: what `node_modules/c2c-call-button` would hold. */
  dir: string;
  tarball: string;
  json: { name: string; version: string; [field: string]: unknown };
}

let packed: PackedPackage | undefined;

/** The packed package; packs it first when this test file runs on its own. */
export function packedPackage(): PackedPackage {
  if (packed) return packed;
  if (!existsSync(`${SHIP}package/package.json`)) {
    const result = spawnSync(process.execPath, [`${ROOT}scripts/pack.mjs`], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('node scripts/pack.mjs failed');
  }
  const tarball = readdirSync(SHIP).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`no tarball in ${SHIP}`);
  const dir = `${SHIP}package/`;
  packed = { dir, tarball: `${SHIP}${tarball}`, json: JSON.parse(readFileSync(`${dir}package.json`, 'utf8')) };
  return packed;
}
