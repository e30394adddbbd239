// Starts an emulator process, prints its pid, and waits to be killed (emulator-process.test.ts).
import { startEmulatorProcess } from '../../../emulator/index.ts';

const emulator = await startEmulatorProcess();
console.log(`pid ${emulator.pid}`);
setInterval(() => undefined, 60_000);
