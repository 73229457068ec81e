/** Messages between the bench (parent) and a target it runs in a child process, over Node's IPC channel. */
export type ToTarget = { type: "usage" } | { type: "stop" };

export type FromTarget =
  | { type: "ready"; url: string }
  | {
      type: "usage";
      cpuMicros: number;
      rssBytes: number;
      heapUsedBytes: number;
      heapTotalBytes: number;
      externalBytes: number;
    }
  | { type: "failed"; message: string };

export interface StartedTarget {
  url: string;
  stop(): Promise<void>;
}

/**
 * The child's side: starts the target with the JSON config in `argv[2]`, reports `ready` with its
 * URL, answers usage questions (CPU time, RSS, V8's heap and the memory outside it of this process)
 * and stops when told to.
 */
export function runTarget<Config>(start: (config: Config) => Promise<StartedTarget>): void {
  const send = (message: FromTarget) => process.send?.(message);
  const config = JSON.parse(process.argv[2] ?? "{}") as Config;
  start(config).then(
    (target) => {
      process.on("message", async (message: ToTarget) => {
        if (message.type === "usage") {
          const { user, system } = process.cpuUsage();
          const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
          send({
            type: "usage",
            cpuMicros: user + system,
            rssBytes: rss,
            heapUsedBytes: heapUsed,
            heapTotalBytes: heapTotal,
            externalBytes: external,
          });
        } else if (message.type === "stop") {
          await target.stop();
          process.disconnect();
        }
      });
      send({ type: "ready", url: target.url });
    },
    (error: unknown) => {
      send({
        type: "failed",
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exitCode = 1;
      process.disconnect();
    },
  );
}
