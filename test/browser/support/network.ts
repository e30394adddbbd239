// The page's side of test/browser/support/network-faults.mjs: a lazy chunk that fails to load, and loopback ports
// that refuse connections until a test opens them (they then forward to another port, e.g. the emulator's).

async function post<T>(path: string): Promise<T> {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
  return response.json() as Promise<T>;
}

/** The next `times` requests for `path` (as the dev server sees it, e.g. `/src/signalwire/signalwire-sdk.ts`) answer 503. */
export function failChunk(path: string, times = 1): Promise<unknown> {
  return post(`/__net/chunk-fault?path=${encodeURIComponent(path)}&times=${times}`);
}

/** How many requests the chunk fault has failed, and how many it still will. */
export async function chunkFault(): Promise<{ path: string | null; remaining: number; failed: number }> {
  return (await fetch('/__net/chunk-fault')).json();
}

/** A loopback port on which connections are refused (nothing listens), until `openPort`. */
export async function closedPort(): Promise<number> {
  return (await post<{ port: number }>('/__net/port')).port;
}

/** From now on, `port` forwards every connection (HTTP, websockets) to loopback port `to`. */
export async function openPort(port: number, to: number): Promise<void> {
  await post(`/__net/port/open?port=${port}&to=${to}`);
}

/** `port` refuses connections again; what it forwarded is cut. */
export async function closePort(port: number): Promise<void> {
  await post(`/__net/port/close?port=${port}`);
}
