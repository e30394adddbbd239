// Faults of the network between the browser and its servers, for the browser tests' fault matrix. Koa middleware
// of the web-test-runner dev server (see web-test-runner.config.mjs), reached from the page by `fetch`
// (test/browser/support/network.ts). Test infrastructure only: nothing here is shipped.
//
//   POST /__net/chunk-fault?path=/src/signalwire/signalwire-sdk.ts&times=1
//        the next `times` requests for that path answer 503, as a CDN or a dropped connection fails a lazy chunk
//   GET  /__net/chunk-fault   → { path, remaining, failed }: how many requests were failed so far
//   POST /__net/port          → { port }: a loopback port nothing listens on (connections are refused)
//   POST /__net/port/open?port=N&to=M
//        from now on, port N forwards every TCP connection to loopback port M (HTTP and websockets alike)
//   POST /__net/port/close?port=N
//        port N refuses connections again, and the connections it forwarded are cut
import { createServer } from 'node:net';
import { connect } from 'node:net';

const chunkFault = { path: null, remaining: 0, failed: 0 };
/** Loopback ports handed out: port → the forwarding server while open, or null while closed. */
const ports = new Map();

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/** A port the OS just handed out and that nothing listens on any more: a connection to it is refused. */
async function closedPort() {
  const probe = createServer();
  const port = await listen(probe, 0);
  await new Promise((resolve) => probe.close(resolve));
  ports.set(port, null);
  return port;
}

async function openPort(port, to) {
  if (ports.get(port)) return;
  const connections = new Set();
  const server = createServer((client) => {
    const upstream = connect(to, '127.0.0.1');
    connections.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      connections.delete(client);
      connections.delete(upstream);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream).pipe(client);
  });
  server.connections = connections;
  await listen(server, port);
  ports.set(port, server);
}

async function closePort(port) {
  const server = ports.get(port);
  if (!server) return;
  ports.set(port, null);
  server.connections.forEach((socket) => socket.destroy());
  await new Promise((resolve) => server.close(resolve));
}

const json = (ctx, body) => {
  ctx.type = 'json';
  ctx.body = JSON.stringify(body);
};

function portParam(ctx, name) {
  const port = Number(ctx.query[name]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) ctx.throw(400, `${name} must be a port`);
  return port;
}

export function networkFaults() {
  return async (ctx, next) => {
    if (chunkFault.remaining > 0 && ctx.path === chunkFault.path) {
      chunkFault.remaining--;
      chunkFault.failed++;
      ctx.status = 503;
      ctx.set('cache-control', 'no-store');
      ctx.body = 'injected chunk fault';
      return;
    }
    if (!ctx.path.startsWith('/__net/')) return next();
    const route = `${ctx.method} ${ctx.path}`;
    if (route === 'POST /__net/chunk-fault') {
      const times = Number(ctx.query.times ?? 1);
      Object.assign(chunkFault, { path: String(ctx.query.path), remaining: times, failed: 0 });
      return json(ctx, chunkFault);
    }
    if (route === 'GET /__net/chunk-fault') return json(ctx, chunkFault);
    if (route === 'POST /__net/port') return json(ctx, { port: await closedPort() });
    if (route === 'POST /__net/port/open') {
      const port = portParam(ctx, 'port');
      if (!ports.has(port)) ctx.throw(400, 'not a port handed out by POST /__net/port');
      await openPort(port, portParam(ctx, 'to'));
      return json(ctx, { port, open: true });
    }
    if (route === 'POST /__net/port/close') {
      await closePort(portParam(ctx, 'port'));
      return json(ctx, { open: false });
    }
    ctx.throw(404);
  };
}

/** Closes every forwarding port (the dev server is stopping). */
export async function closeNetworkFaults() {
  await Promise.all([...ports.keys()].map(closePort));
}
