import cluster from "node:cluster";
import { runPrimary, WORKER_ROLE_ENV } from "./cluster.js";
import { dialectOf } from "./db/dialect.js";
import { ConfigError, loadConfig } from "./platform/config.js";
import { createLogger } from "./platform/logger.js";

/**
 * Starts Halyq: configuration, then either one process that does everything, or (with
 * `HALYQ_WORKERS` above 1) a primary that has the database prepared once, by a worker that
 * exits when done, then forks the serving workers. The primary itself loads nothing of the
 * application (src/serve.ts is imported only where it runs), so it stays small.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) {
    await runPrimary({
      workers: config.workers,
      drainSeconds: config.drainSeconds,
      log,
      writeTurns: dialectOf(config.databaseUrl) === "sqlite",
      rateCounts: !config.redisUrl,
      prepare: () =>
        new Promise<void>((resolve, reject) => {
          const worker = cluster.fork({ [WORKER_ROLE_ENV]: "prepare" });
          worker.once("exit", (code, signal) => {
            if (code === 0) resolve();
            else reject(new Error(`preparing the database failed (exit ${code ?? signal})`));
          });
        }),
    });
    return;
  }
  const { prepareOnce, serve } = await import("./serve.js");
  if (cluster.isWorker && process.env[WORKER_ROLE_ENV] === "prepare") {
    await prepareOnce(config, log);
    process.exit(0);
  }
  await serve(config, log);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
