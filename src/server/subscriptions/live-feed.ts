import { GraphQLError } from "graphql";
import type { PaymentChange } from "../../domain/payment-change";
import { logger } from "../../observability/logger";
import { parsePaymentChange, PAYMENT_CHANGES_CHANNEL } from "../../stores/payment-changes";
import type { PaymentDatabase } from "../../stores/stores";

/** Changes a subscription may have waiting for its client; one more ends it (SUBSCRIPTION_OVERFLOW). */
export const MAX_WAITING_CHANGES = 1000;

/** Decides, just before a change is handed on, whether it still may be (the token checked again, reach); `heardAt` is when the instance heard it (performance.now()). */
export type ChangeGate = (change: PaymentChange, heardAt: number) => Promise<boolean>;

interface Heard {
  change: PaymentChange;
  heardAt: number;
}

/**
 * The changes one subscription hears, in the order they commit: those `accept` keeps are queued
 * as they arrive and handed on one at a time through the gate. Ending it (the client completes,
 * the connection closes) answers a waiting `next` at once.
 */
class ChangeStream implements AsyncIterableIterator<PaymentChange> {
  private readonly waiting: Heard[] = [];
  private wake: ((heard: Heard | undefined) => void) | undefined;
  private ended = false;
  private failure: GraphQLError | undefined;

  constructor(
    private readonly accept: (change: PaymentChange) => boolean,
    private readonly gate: ChangeGate,
    private readonly onEnd: (stream: ChangeStream) => void,
  ) {}

  offer(heard: Heard): void {
    if (this.ended || !this.accept(heard.change)) return;
    if (this.wake) {
      const wake = this.wake;
      this.wake = undefined;
      wake(heard);
      return;
    }
    if (this.waiting.length >= MAX_WAITING_CHANGES) {
      this.failure = new GraphQLError(
        `More than ${MAX_WAITING_CHANGES} changes waited for this subscription: it has ended. Subscribe again and read the current state.`,
        { extensions: { code: "SUBSCRIPTION_OVERFLOW" } },
      );
      this.end();
      return;
    }
    this.waiting.push(heard);
  }

  async next(): Promise<IteratorResult<PaymentChange>> {
    for (;;) {
      if (this.failure) {
        const failure = this.failure;
        this.failure = undefined;
        throw failure;
      }
      if (this.ended) return { done: true, value: undefined };
      const heard = this.waiting.shift() ?? (await new Promise<Heard | undefined>((resolve) => (this.wake = resolve)));
      if (heard === undefined) continue;
      if ((await this.gate(heard.change, heard.heardAt)) && !this.ended) return { done: false, value: heard.change };
    }
  }

  async return(): Promise<IteratorResult<PaymentChange>> {
    this.end();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<PaymentChange>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting.length = 0;
    const wake = this.wake;
    this.wake = undefined;
    wake?.(undefined);
    this.onEnd(this);
  }
}

/**
 * The instance's one watcher of the payment_changes channel, handing every committed change to
 * the subscriptions open here. While the listening connection is down changes may be missed:
 * `onLost` is told, so that subscribers learn it rather than wait for changes that never come.
 */
export class LiveFeed {
  private readonly streams = new Set<ChangeStream>();
  private watcher: { stop(): Promise<void> } | undefined;
  private heard = false;
  private readonly heardWaiters = new Set<() => void>();

  constructor(
    private readonly db: PaymentDatabase,
    private readonly onLost: () => void,
  ) {}

  start(): void {
    this.watcher ??= this.db.changes.watch(PAYMENT_CHANGES_CHANNEL, {
      listening: () => {
        this.heard = true;
        for (const waiter of this.heardWaiters) waiter();
        this.heardWaiters.clear();
      },
      notified: (payload) => this.deliver(payload),
      lost: () => {
        const was = this.heard;
        this.heard = false;
        if (was) this.onLost();
      },
    });
  }

  /** Whether every committed change is heard now, waiting at most `waitMs` for it. */
  async listening(waitMs: number): Promise<boolean> {
    if (this.heard || !this.watcher) return this.heard;
    let waiter: () => void = () => {};
    const heard = new Promise<void>((resolve) => this.heardWaiters.add((waiter = resolve)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([heard, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    this.heardWaiters.delete(waiter);
    return this.heard;
  }

  /** A subscription's changes: those `accept` keeps, each handed on only if `gate` lets it. */
  stream(accept: (change: PaymentChange) => boolean, gate: ChangeGate): AsyncIterableIterator<PaymentChange> & { end(): void } {
    const stream = new ChangeStream(accept, gate, (ended) => this.streams.delete(ended));
    this.streams.add(stream);
    return stream;
  }

  get subscriptionCount(): number {
    return this.streams.size;
  }

  async stop(): Promise<void> {
    for (const stream of [...this.streams]) stream.end();
    const watcher = this.watcher;
    this.watcher = undefined;
    this.heard = false;
    await watcher?.stop();
  }

  private deliver(payload: string): void {
    // Every committed change of every instance comes here: read only when someone listens (an
    // unreadable one is then logged below; with no subscription nothing reads it at all).
    if (this.streams.size === 0) return;
    const change = parsePaymentChange(payload);
    if (!change) {
      logger.warn("a payment change could not be read; it is not delivered");
      return;
    }
    const heard = { change, heardAt: performance.now() };
    for (const stream of [...this.streams]) stream.offer(heard);
  }
}
