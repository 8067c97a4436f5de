import { OperationStatus, type OpenStatus } from "../domain/payment-operation-record.entity";
import type { PaymentDatabase } from "../stores/stores";
import type { PaymentOperation } from "../domain/payment-operation";
import type { PaymentOperationPipeline } from "../operations/operation-pipeline";
import { OperationRecovery, type RecoveryOptions } from "../operations/operation-recovery";
import { scrapeTimeGauge, type Metrics } from "../observability/metrics";
import { inVendorSpan } from "../observability/vendor-spans";
import type { VendorCallPolicy } from "../vendors/resilience";
import { VendorRegistry } from "../vendors/vendor-registry";
import type { VendorOperationRequest, VendorOutcome, VendorService } from "../vendors/vendor-service";

/** A vendor service whose calls are timed and counted by vendor, operation and outcome, each in a span of its own (traces). */
class MeasuredVendorService implements VendorService {
  /** Present exactly when the wrapped vendor can read a payment back. */
  readonly readPaymentState?: VendorService["readPaymentState"];

  constructor(
    private readonly inner: VendorService,
    private readonly metrics: Metrics,
  ) {
    if (inner.readPaymentState) this.readPaymentState = (request) => inVendorSpan(this.vendor, `${request.operation} read-back`, () => inner.readPaymentState!(request));
  }

  get vendor() {
    return this.inner.vendor;
  }
  get capabilities() {
    return this.inner.capabilities;
  }
  get rules() {
    return this.inner.rules;
  }
  repeatSafety(operation: PaymentOperation) {
    return this.inner.repeatSafety(operation);
  }
  /** The call policy of the wrapped service, for its circuit state. */
  get policy(): VendorCallPolicy | undefined {
    return (this.inner as { policy?: VendorCallPolicy }).policy;
  }

  async perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    const started = process.hrtime.bigint();
    const outcome = await inVendorSpan(this.vendor, request.operation, () => this.inner.perform(request));
    const labels = { vendor: this.vendor, operation: request.operation, outcome: outcome.kind };
    this.metrics.vendorCallDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    this.metrics.vendorCalls.inc(labels);
    return outcome;
  }
}

/** The registry with every vendor call measured, and a `vendor_circuit_state` gauge per vendor. */
export function measureVendors(registry: VendorRegistry, metrics: Metrics): VendorRegistry {
  const measured = new VendorRegistry(registry.all().map((service) => new MeasuredVendorService(service, metrics)));
  scrapeTimeGauge(metrics.registry, "vendor_circuit_state", "Circuit breaker per vendor: 0 closed, 1 half-open, 2 open", ["vendor"], (gauge) => {
    for (const service of measured.all() as MeasuredVendorService[]) {
      const policy = service.policy;
      if (policy) gauge.set({ vendor: service.vendor }, policy.circuitLevel);
    }
  });
  return measured;
}

/** Recovery whose rounds and their results are counted. */
export class MeasuredRecovery extends OperationRecovery {
  constructor(
    db: PaymentDatabase,
    pipeline: PaymentOperationPipeline,
    options: RecoveryOptions,
    private readonly metrics: Metrics,
  ) {
    super(db, pipeline, options);
  }

  override async recoverOnce(): Promise<{ taken: number; completed: number }> {
    try {
      const round = await super.recoverOnce();
      this.metrics.recoveryRounds.inc({ result: "ok" });
      this.metrics.recoveredOperations.inc({ result: "completed" }, round.completed);
      this.metrics.recoveredOperations.inc({ result: "still_in_progress" }, round.taken - round.completed);
      return round;
    } catch (error) {
      this.metrics.recoveryRounds.inc({ result: "failed" });
      throw error;
    }
  }
}

/**
 * What the database holds, for Prometheus: the open operations by status and those needing
 * attention, read at scrape time (a scrape while the database is unreachable keeps the counts last
 * read rather than failing: an alert on operations needing attention does not clear by itself
 * during an outage), the pool's usage, and a count of the operations this instance finished.
 * Finished operations are counted as they finish, not read back: counting them in the table would
 * cost more with every operation ever made.
 */
export function measureDatabase(db: PaymentDatabase, metrics: Metrics): void {
  db.onOperationFinished((status) => metrics.finishedOperations.inc({ status }));
  // One statement per scrape, shared by both gauges (prom-client collects them at once).
  let inFlight: Promise<Record<OpenStatus, number> | null> | null = null;
  const countOpen = (): Promise<Record<OpenStatus, number> | null> => {
    inFlight ??= readCounts().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  const readCounts = async (): Promise<Record<OpenStatus, number> | null> => {
    try {
      return await db.stores.operations.countOpen();
    } catch {
      return null;
    }
  };
  // Read first, before the scrape's own statements wait for a connection.
  scrapeTimeGauge(metrics.registry, "database_pool_connections", "Database pool: connections by state (total, idle, waiting requests)", ["state"], (gauge) => {
    const pool = db.poolUsage();
    if (!pool) return;
    gauge.set({ state: "total" }, pool.totalCount);
    gauge.set({ state: "idle" }, pool.idleCount);
    gauge.set({ state: "in_use" }, pool.totalCount - pool.idleCount);
    gauge.set({ state: "waiting" }, pool.waitingCount);
  });
  scrapeTimeGauge(metrics.registry, "payment_operations", "Open payment operations by status (IN_PROGRESS, NEEDS_ATTENTION), read from the database", ["status"], async (gauge) => {
    const counts = await countOpen();
    if (!counts) return;
    for (const [status, count] of Object.entries(counts)) gauge.set({ status }, count);
  });
  scrapeTimeGauge(
    metrics.registry,
    "payment_operations_needing_attention",
    "Payment operations with status NEEDS_ATTENTION: an operator must settle them",
    [],
    async (gauge) => {
      const counts = await countOpen();
      if (counts) gauge.set(counts[OperationStatus.NEEDS_ATTENTION]);
    },
  );
}
