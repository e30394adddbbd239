// What the figures were measured on: the machine, and the versions of everything that takes part.
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** The installed version of a dependency of the project (not every package exports its package.json). */
async function versionOf(name) {
  try {
    return JSON.parse(await readFile(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return null;
  }
}

/** The 1-minute load average: on a shared machine, how busy it was around the run. */
export const loadAverage = () => Math.round(loadavg()[0] * 100) / 100;

/** @param {import('playwright').Browser | null} browser */
export async function describeMachine(browser) {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: browser?.version() ?? null,
    playwright: await versionOf('playwright'),
    vite: await versionOf('vite'),
    signalwireJs: await versionOf('@signalwire/js'),
    lit: await versionOf('lit'),
  };
}
