/**
 * The only source of "now" for domain code. Production uses the system clock; tests pass a
 * fixed or manually advanced clock so that deadlines are reproducible.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; `advance` moves it forward by milliseconds. */
export class FixedClock implements Clock {
  #time: number;
  constructor(start: Date | string) {
    this.#time = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#time);
  }
  set(to: Date | string): void {
    this.#time = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#time += ms;
  }
}
