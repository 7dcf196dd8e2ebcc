import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Job, type JobLog, startJobs } from "./scheduler.js";

function recordingLog() {
  const errors: unknown[] = [];
  const noop = () => {};
  const log: JobLog = { info: noop, warn: noop, error: (obj: unknown) => void errors.push(obj) };
  return { log, errors };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("startJobs", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs each job on its own interval", async () => {
    const runs: string[] = [];
    const job = (name: string, everyMs: number): Job => ({
      name,
      everyMs,
      run: async () => void runs.push(name),
    });
    const jobs = startJobs([job("fast", 100), job("slow", 250)], recordingLog().log);
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(451);
    expect(runs.filter((r) => r === "fast")).toHaveLength(5);
    expect(runs.filter((r) => r === "slow")).toHaveLength(2);
    await jobs.stop();
  });

  it("never overlaps a job with itself", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const jobs = startJobs(
      [
        {
          name: "slow",
          everyMs: 10,
          async run() {
            running++;
            maxRunning = Math.max(maxRunning, running);
            await sleep(100);
            running--;
            runs++;
          },
        },
      ],
      recordingLog().log,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(8); // every 10 ms after a 100 ms run: about 9 in 1 s
    const stopping = jobs.stop(); // a run may be in flight: let its sleep end
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
  });

  it("logs a failure and runs the job again at its next turn", async () => {
    const { log, errors } = recordingLog();
    let calls = 0;
    const jobs = startJobs(
      [
        {
          name: "flaky",
          everyMs: 50,
          async run() {
            calls++;
            if (calls === 1) throw new Error("database went away");
          },
        },
      ],
      log,
    );
    await vi.advanceTimersByTimeAsync(120);
    expect(calls).toBe(2);
    expect(errors).toEqual([
      { err: expect.objectContaining({ message: "database went away" }), job: "flaky" },
    ]);
    await jobs.stop();
  });

  it("stop() waits for a run in flight and starts no more", async () => {
    let release: () => void = () => {};
    let calls = 0;
    let finished = false;
    const jobs = startJobs(
      [
        {
          name: "long",
          everyMs: 10,
          async run() {
            calls++;
            await new Promise<void>((r) => {
              release = r;
            });
            finished = true;
          },
        },
      ],
      recordingLog().log,
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(1);

    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
  });

  it("does not keep the process alive", () => {
    vi.useRealTimers();
    const spy = vi.spyOn(globalThis, "setTimeout");
    const jobs = startJobs(
      [{ name: "idle", everyMs: 60_000, run: async () => {} }],
      recordingLog().log,
    );
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
    return jobs.stop();
  });

  it("refuses an interval that is not a positive number", () => {
    expect(() =>
      startJobs([{ name: "bad", everyMs: 0, run: async () => {} }], recordingLog().log),
    ).toThrow(/everyMs/);
  });
});
