import { isDatabaseUnavailable } from "../database/database-failures";
import type { PaymentDatabase } from "../stores/stores";
import { logger } from "../observability/logger";
import { OPERATION_DEFINITIONS } from "./operation-definitions";
import type { PaymentOperationPipeline } from "./operation-pipeline";

export interface RecoveryOptions {
  /** How long a taken operation belongs to its taker before another may take it. */
  leaseMs: number;
  /** Pause between rounds of the background worker. */
  intervalMs: number;
  /** Operations taken per round. */
  batchSize: number;
}

export const DEFAULT_RECOVERY: RecoveryOptions = {
  leaseMs: 30_000,
  intervalMs: 5_000,
  batchSize: 20,
};

/**
 * Finishes operations left IN_PROGRESS (an unknown vendor outcome, or a crash between the vendor
 * call and the final commit) by forwarding them again once their backoff has passed: vendors
 * treat the repeat idempotently and one already done counts as success; a refused repeat is
 * settled by asking the vendor, or surfaced as NEEDS_ATTENTION. After OPERATION_MAX_ATTEMPTS
 * without a usable answer the operation needs attention too. Taking an operation is one
 * UPDATE … FOR UPDATE SKIP LOCKED that extends its lease (by the database clock) right before it
 * is forwarded, so instances running at once never take the same one.
 */
export class OperationRecovery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    private readonly db: PaymentDatabase,
    private readonly pipeline: PaymentOperationPipeline,
    private readonly options: RecoveryOptions = DEFAULT_RECOVERY,
  ) {}

  /**
   * Takes the operations whose lease ran out, one at a time, and forwards each once; answers how
   * many were taken and completed. Each lease starts when its operation is taken, just before it
   * is forwarded, so a lease never runs out while the operation waits behind others of the round.
   * A stop ends the round after the operation being forwarded.
   */
  async recoverOnce(): Promise<{ taken: number; completed: number }> {
    const taken: string[] = [];
    let completed = 0;
    while (taken.length < this.options.batchSize && !this.stopping) {
      const id = await this.db.stores.operations.takeForRecovery(this.options.leaseMs, taken);
      if (!id) break;
      taken.push(id);
      const record = await this.db.stores.operations.byId(id);
      try {
        const result = await this.pipeline.forward(OPERATION_DEFINITIONS[record.operation], record, { repeat: true });
        const done = !("code" in result && (result as { code: string }).code === "VENDOR_UNAVAILABLE");
        if (done) completed += 1;
        logger.info({ operationId: id, operation: record.operation, done }, "recovery forwarded an operation in progress");
      } catch (error) {
        // Left in progress: the next round (here or on another instance) takes it again.
        if (isDatabaseUnavailable(error)) logger.warn({ err: error, operationId: id }, "recovery could not complete an operation: the database is unreachable");
        else logger.error({ err: error, operationId: id }, "recovery could not complete an operation");
      }
    }
    return { taken: taken.length, completed };
  }

  /** Runs rounds in the background until stop(). */
  start(): void {
    this.stopping = false;
    const round = async () => {
      this.running = this.recoverOnce().catch((error) => {
        if (isDatabaseUnavailable(error)) logger.warn({ err: error }, "recovery round stopped: the database is unreachable");
        else logger.error({ err: error }, "recovery round failed");
      });
      await this.running;
      if (this.timer) this.timer = setTimeout(() => void round(), this.options.intervalMs);
    };
    this.timer = setTimeout(() => void round(), this.options.intervalMs);
  }

  /** Ends the background rounds; a round under way stops after the operation it is forwarding. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
