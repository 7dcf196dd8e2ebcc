import cluster from "node:cluster";
import type { Logger } from "pino";
import { buildApp } from "./app.js";
import { capabilities } from "./capabilities/index.js";
import { runsJobs } from "./cluster.js";
import { systemClock } from "./kernel/clock.js";
import { calendarRefreshJob } from "./platform/calendar-refresh.js";
import type { Config } from "./platform/config.js";
import { mailOutboxJob } from "./platform/delivery/mail/outbox-job.js";
import { smsOutboxJob } from "./platform/delivery/sms/outbox-job.js";
import { createSmsTransport } from "./platform/delivery/sms/transport.js";
import { startJobs } from "./platform/scheduler.js";
import { openContext, prepareContext } from "./setup.js";

/**
 * The preparation of a multi-process start, in a short-lived worker of its own: migrations,
 * the instance secret and (outside production, on an empty database) the demo data. Done
 * apart so that the primary, which lives as long as the start, never loads the application.
 */
export async function prepareOnce(config: Config, log: Logger): Promise<void> {
  const ctx = await prepareContext(config, systemClock, log, capabilities);
  ctx.mail.mailer.close();
  await ctx.db.close();
}

/**
 * One serving process (alone, or a worker of a multi-process start): database, app, jobs when
 * this process runs them, listen; stops cleanly on SIGTERM and SIGINT. A worker whose primary
 * has gone (killed) exits at once rather than serve on unsupervised.
 */
export async function serve(config: Config, log: Logger): Promise<void> {
  const ctx = cluster.isWorker
    ? await openContext(config, systemClock, log, capabilities)
    : await prepareContext(config, systemClock, log, capabilities);
  const app = await buildApp(ctx, capabilities);
  const sms = createSmsTransport(config, log);
  log.info({ mail: ctx.mail.mailer.describe, sms: sms.describe }, "mail and SMS transports");
  if (config.nodeEnv === "production" && !config.smtpUrl) {
    log.warn("SMTP_URL is not set: mail is only written to the mail folder, nobody receives it");
  }
  // The capabilities' jobs and the deliveries run in one process of a multi-process start;
  // keeping this process's calendars in step changes nothing stored, so every process does it.
  const jobs = startJobs(
    [
      calendarRefreshJob(ctx),
      ...(runsJobs()
        ? [
            mailOutboxJob({ db: ctx.db.kysely, mailer: ctx.mail.mailer, clock: ctx.clock, log }),
            smsOutboxJob({ db: ctx.db.kysely, transport: sms, clock: ctx.clock, log }),
            ...capabilities.flatMap((c) => c.jobs?.(ctx) ?? []),
          ]
        : []),
    ],
    log,
  );
  if (runsJobs()) log.info("background jobs run in this process");

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
  if (cluster.isWorker) {
    process.on("disconnect", () => {
      if (stopping) return;
      log.error("the primary process has gone; this worker exits");
      process.exit(1);
    });
  }

  await app.listen({ port: config.port, host: config.host });
  log.info(
    {
      url: config.publicUrl,
      database: ctx.db.dialect,
      demo: ctx.instance.demo,
      ...(cluster.isWorker ? { worker: cluster.worker?.id, jobs: runsJobs() } : {}),
    },
    `Halyq is running at ${config.publicUrl}`,
  );
}
