// How much `npm run bench` measures: environment variables over defaults sized for 4–5 minutes on 2 cores.
export const DEFAULTS = {
  runs: 10, // BENCH_RUNS: rounds of element/floor calls, 4 calls a round
  scaleRuns: 5, // BENCH_SCALE_RUNS: page loads per button count
  scaleCallRuns: 3, // BENCH_SCALE_CALLS: calls with the fewest and with the most buttons on the page
  cycles: 100, // BENCH_CYCLES: endurance call cycles in one page, for the element and for the floor
  loadStep: 10, // BENCH_LOAD_STEP: calls added at once in each round of the load step
  loadMax: 40, // BENCH_LOAD_MAX: the most calls at once the load step tries
  emulatorLoadStep: 20, // BENCH_EMULATOR_STEP: Node callers added at each level of the emulator-alone step
  emulatorLoadMax: 400, // BENCH_EMULATOR_MAX: the most calls the emulator-alone step holds
};

const VARIABLES = {
  runs: 'BENCH_RUNS', scaleRuns: 'BENCH_SCALE_RUNS', scaleCallRuns: 'BENCH_SCALE_CALLS', cycles: 'BENCH_CYCLES',
  loadStep: 'BENCH_LOAD_STEP', loadMax: 'BENCH_LOAD_MAX', emulatorLoadStep: 'BENCH_EMULATOR_STEP', emulatorLoadMax: 'BENCH_EMULATOR_MAX',
};

/** The settings of this run; throws on a variable that is not a positive integer. */
export function readSettings(env = process.env) {
  const counts = {};
  for (const [key, name] of Object.entries(VARIABLES)) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? DEFAULTS[key] : Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    counts[key] = value;
  }
  return {
    ...counts,
    timeoutMs: 20_000, // per call
    settleMs: 1_000, // quiet time before each endurance snapshot
    destination: '/public/echo',
    scaleCounts: [1, 10, 100],
  };
}

/** The settings below their defaults, by variable name: the figures of such a run are noisier. */
export function lowered(settings) {
  return Object.entries(VARIABLES).filter(([key]) => settings[key] < DEFAULTS[key]).map(([key, name]) => `${name}=${settings[key]} (default ${DEFAULTS[key]})`);
}
