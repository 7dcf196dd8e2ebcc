import type { FastifyBaseLogger } from "fastify";

/** Work an instance repeats in the background (deliver mail, expire sessions …). */
export interface Job {
  name: string;
  /** The pause between the end of one run and the start of the next, in milliseconds. */
  everyMs: number;
  run(): Promise<void>;
}

/** The part of the app's (pino) logger that jobs use. */
export type JobLog = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

/** Handle to running jobs; `stop` is meant for shutdown, before the database closes. */
export interface RunningJobs {
  stop(): Promise<void>;
}

/**
 * Runs each job every `everyMs` (the first run one interval after start). The next run is
 * scheduled only when the last one has ended, so a job never overlaps itself; a failure is
 * logged and the job runs again at its next turn. Timers are unref'd so they never hold the
 * process open; `stop()` cancels what is waiting and resolves when runs in flight have ended.
 */
export function startJobs(jobs: Job[], log: JobLog): RunningJobs {
  for (const job of jobs) {
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) {
      throw new Error(`job ${job.name}: everyMs must be a positive number`);
    }
  }
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const schedule = (job: Job) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = runOnce(job, log).finally(() => {
        inFlight.delete(run);
        schedule(job);
      });
      inFlight.add(run);
    }, job.everyMs);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) {
    jobStatus.set(job.name, {
      everyMs: job.everyMs,
      lastSuccessAt: Date.now(),
      runs: 0,
      failures: 0,
    });
    schedule(job);
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...inFlight]);
    },
  };
}

/** What this process's jobs last did, for the operations metrics (by job name). */
export interface JobStatus {
  everyMs: number;
  /** Milliseconds since the epoch of the last run that ended well, or of the start when none has. */
  lastSuccessAt: number;
  runs: number;
  failures: number;
}

export const jobStatus = new Map<string, JobStatus>();

async function runOnce(job: Job, log: JobLog): Promise<void> {
  const status = jobStatus.get(job.name) ?? {
    everyMs: job.everyMs,
    lastSuccessAt: Date.now(),
    runs: 0,
    failures: 0,
  };
  jobStatus.set(job.name, status);
  status.runs++;
  try {
    await job.run();
    status.lastSuccessAt = Date.now();
  } catch (err) {
    status.failures++;
    log.error({ err, job: job.name }, "background job failed; it will run again at its next turn");
  }
}
