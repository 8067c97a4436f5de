import type { PaymentDatabase } from "../stores/stores";
import { ACCESS_CHANGES_CHANNEL } from "../stores/token-store";
import type { AuthenticationRow } from "./access-tokens";


/** Tokens kept at most this many at once; the oldest is forgotten first. */
const MAX_TOKENS = 10_000;

/**
 * Token rows checked in the last few seconds (TOKEN_CACHE_MS), so that a request needs no
 * statement to know its caller. Rows are kept only while the instance hears every change of
 * access (`listening`), and all are forgotten on any change (`changed`) or when the instance may
 * miss one (`lost`): a revoked token is refused as soon as the revocation commits, and in any
 * case within the lifetime. A read that was under way while a change was heard keeps nothing.
 */
export class TokenCache<Row> {
  private readonly rows = new Map<string, { row: Row; keptAt: number }>();
  private generation = 0;
  private heard = false;

  constructor(
    private readonly lifetimeMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Every change of access is heard from now on. */
  listening(): void {
    this.forget();
    this.heard = true;
  }

  /** Changes may be missed from now on: nothing is kept until `listening` again. */
  lost(): void {
    this.heard = false;
    this.forget();
  }

  /** A change of access committed somewhere: every kept row may be stale. */
  changed(): void {
    this.forget();
  }

  get size(): number {
    return this.rows.size;
  }

  /** The row for this key: kept, or read (and kept when nothing changed meanwhile). */
  async read(key: string, load: () => Promise<Row | undefined>): Promise<Row | undefined> {
    if (!this.heard || this.lifetimeMs <= 0) return load();
    const kept = this.rows.get(key);
    if (kept && this.clock() - kept.keptAt < this.lifetimeMs) return kept.row;
    const generation = this.generation;
    const row = await load();
    if (row !== undefined && this.heard && generation === this.generation) {
      this.rows.delete(key);
      if (this.rows.size >= MAX_TOKENS) this.rows.delete(this.rows.keys().next().value!);
      this.rows.set(key, { row, keptAt: this.clock() });
    }
    return row;
  }

  private forget(): void {
    this.generation += 1;
    this.rows.clear();
  }
}

/**
 * The instance's kept tokens and the connection that listens for changes of access on their
 * behalf; none on the embedded database, which cannot be listened to apart, nor with a lifetime of 0.
 */
export function tokenCacheFor(db: PaymentDatabase, lifetimeMs: number) {
  if (lifetimeMs <= 0 || db.embedded) return undefined;
  const cache = new TokenCache<AuthenticationRow>(lifetimeMs);
  const listener = db.changes.watch(ACCESS_CHANGES_CHANNEL, {
    listening: () => cache.listening(),
    notified: () => cache.changed(),
    lost: () => cache.lost(),
  });
  return { cache, stop: () => listener.stop() };
}
