/** Where "now" comes from: the system clock, or a test's. */
export interface Clock {
  now(): Date;
}
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };
