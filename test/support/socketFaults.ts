// Network conditions a loopback server cannot produce (an unreachable host or network, a DNS server that
// does not answer, a broken pipe, a certificate refused for a reason of its own): every new connection of
// every http(s) Agent fails with an error of the given `code`, as Node's socket would raise it. The
// connection is really opened (to whatever the request addresses, e.g. a loopback server) and fails at
// once, so nothing reaches the server. Call the returned function to restore the Agents (in afterEach too).
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';

type CreateConnection = (...args: unknown[]) => Socket;

export interface SocketFault {
  /** Connections opened since the fault was armed (each one failed). */
  readonly connections: number;
  restore(): void;
}

export function failConnections(code: string | undefined): SocketFault {
  const agents = [http.Agent.prototype, https.Agent.prototype] as unknown as Array<{ createConnection: CreateConnection }>;
  const originals = agents.map((agent) => agent.createConnection);
  let connections = 0;
  agents.forEach((agent, i) => {
    const original = originals[i];
    agent.createConnection = function (this: unknown, ...args: unknown[]): Socket {
      connections++;
      const socket = original.apply(this, args);
      const error = Object.assign(new Error(code ? `connect ${code}` : 'something went wrong'), code ? { code, syscall: 'connect' } : {});
      process.nextTick(() => socket.destroy(error));
      return socket;
    };
  });
  return {
    get connections() {
      return connections;
    },
    restore: () => agents.forEach((agent, i) => (agent.createConnection = originals[i])),
  };
}
