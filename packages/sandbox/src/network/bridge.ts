/** Where the proxy's unix socket is mounted inside a sandbox. */
export const PROXY_SOCKET_INSIDE = '/run/axon-proxy.sock';
/** The loopback port of the in-sandbox bridge (the sandbox has its own network namespace, so it never clashes). */
export const PROXY_PORT_INSIDE = 3128;
const READY_FILE = '/tmp/.axon-proxy-ready';

/**
 * The in-sandbox bridge, run with `node -e`: the sandbox has no network but its own loopback, so this forwards
 * 127.0.0.1:3128 to the runtime's filtering proxy through the unix socket mounted in. It carries bytes only; the
 * proxy on the other side decides.
 */
export const BRIDGE_SOURCE = `
const net = require('node:net');
const fs = require('node:fs');
const server = net.createServer((c) => {
  const u = net.connect(${JSON.stringify(PROXY_SOCKET_INSIDE)});
  c.pipe(u).pipe(c);
  c.on('error', () => u.destroy());
  u.on('error', () => c.destroy());
});
server.listen(${PROXY_PORT_INSIDE}, '127.0.0.1', () => fs.writeFileSync(${JSON.stringify(READY_FILE)}, ''));
`;

/**
 * `sh -c` script: start the bridge (`$0 -e $1`), wait until it listens (or died), then exec the command, so the
 * command keeps the shell's pid and the bridge is its child.
 */
export const BRIDGE_LAUNCH = `"$0" -e "$1" >/dev/null & b=$!; while [ ! -e ${READY_FILE} ] && kill -0 $b 2>/dev/null; do sleep 0.005; done; shift; exec "$@"`;
