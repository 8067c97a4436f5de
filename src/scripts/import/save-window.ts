/**
 * The batches of an import being saved at once: at most `size`, and never two that claim one
 * value (a payment's key or one of its unique numbers). A batch that claims a value a batch being
 * saved claims waits for it, so the earlier line of the file is saved first, on every run. A
 * batch whose claims are unknown (null) waits for every other: one at a time.
 */
export class SaveWindow {
  private readonly saving: Array<{ claims: ReadonlySet<string> | null; done: Promise<void> }> = [];

  private readonly size: number;

  /** `size`: batches saved at once, at least 1. */
  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size) || 1);
  }

  /** Waits until a batch with these claims may be saved beside those being saved. */
  async admit(claims: ReadonlySet<string> | null): Promise<void> {
    while (this.mustWait(claims)) await Promise.race(this.saving.map((other) => other.done));
  }

  /** Holds a batch's claims while its save runs. */
  hold(claims: ReadonlySet<string> | null, save: Promise<unknown>): void {
    const entry = { claims, done: save.then(() => undefined, () => undefined) };
    this.saving.push(entry);
    void entry.done.then(() => this.saving.splice(this.saving.indexOf(entry), 1));
  }

  /** Waits until no save runs (whether it succeeded or not). */
  async drain(): Promise<void> {
    await Promise.all(this.saving.map((entry) => entry.done));
  }

  private mustWait(claims: ReadonlySet<string> | null): boolean {
    if (this.saving.length >= this.size) return true;
    return this.saving.some((other) => claims === null || other.claims === null || overlaps(claims, other.claims));
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const value of small) if (large.has(value)) return true;
  return false;
}
