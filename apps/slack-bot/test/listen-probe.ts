// Preloaded (`--import`) into an entry point under test: reports on stderr every server that
// starts listening, so a test can tell that a process never listened rather than guess from ports.
import { Server } from "node:net";

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  process.stderr.write(`${LISTEN_REPORT} ${JSON.stringify(args[0])}\n`);
  return Reflect.apply(listen, this, args);
} as typeof listen;

export const LISTEN_REPORT = "[listen-probe] listen";
