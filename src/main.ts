import { buildApp } from "./app.js";
import { capabilities } from "./capabilities/index.js";
import { systemClock } from "./kernel/clock.js";
import { ConfigError, loadConfig } from "./platform/config.js";
import { mailOutboxJob } from "./platform/delivery/mail/outbox-job.js";
import { smsOutboxJob } from "./platform/delivery/sms/outbox-job.js";
import { createSmsTransport } from "./platform/delivery/sms/transport.js";
import { createLogger } from "./platform/logger.js";
import { startJobs } from "./platform/scheduler.js";
import { prepareContext } from "./setup.js";

/** Starts Halyq: configuration, database, app, listen; stops cleanly on SIGTERM and SIGINT. */
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
  const ctx = await prepareContext(config, systemClock, log, capabilities);
  const app = await buildApp(ctx, capabilities);
  const sms = createSmsTransport(config, log);
  log.info({ mail: ctx.mail.mailer.describe, sms: sms.describe }, "mail and SMS transports");
  if (config.nodeEnv === "production" && !config.smtpUrl) {
    log.warn("SMTP_URL is not set: mail is only written to the mail folder, nobody receives it");
  }
  const jobs = startJobs(
    [
      mailOutboxJob({ db: ctx.db.kysely, mailer: ctx.mail.mailer, clock: ctx.clock, log }),
      smsOutboxJob({ db: ctx.db.kysely, transport: sms, clock: ctx.clock, log }),
      ...capabilities.flatMap((c) => c.jobs?.(ctx) ?? []),
    ],
    log,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Not ready from now on: a load balancer polling /readyz stops sending work here, and
    // DRAIN_SECONDS gives it time to notice before the listener closes.
    ctx.instance.draining = true;
    log.info(
      { signal, drainSeconds: config.drainSeconds },
      "shutting down: finishing requests in flight",
    );
    if (config.drainSeconds > 0)
      await new Promise((r) => setTimeout(r, config.drainSeconds * 1000));
    const force = setTimeout(
      () => {
        log.error("shutdown took longer than the drain time and 10 s; exiting");
        process.exit(1);
      },
      10_000 + config.drainSeconds * 1000,
    );
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      ctx.mail.mailer.close();
      await ctx.db.close();
      log.info("stopped");
      process.exit(0);
    } catch (err) {
      log.error({ err }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  log.info(
    { url: config.publicUrl, database: ctx.db.dialect, demo: ctx.instance.demo },
    `Halyq is running at ${config.publicUrl}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
