import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { OperationRecovery, DEFAULT_RECOVERY } from "../operations/operation-recovery";
import { PaymentOperationPipeline } from "../operations/operation-pipeline";
import { buildVendorRegistry } from "../vendors/build-vendor-registry";
import { PaymentDatabase } from "../stores/stores";

/**
 * `npm run recover`: one pass over the operations left in progress whose lease ran out, safe to
 * run beside running API instances (they never take the same operation).
 */
async function recover(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const db = new PaymentDatabase(database.dataSource);
  const vendors = await buildVendorRegistry(config.vendors);
  try {
    const pipeline = new PaymentOperationPipeline(db, vendors.registry, {
      leaseMs: config.operationLeaseMs,
      maxAttempts: config.operationMaxAttempts,
      retryBackoffMs: config.operationRetryBackoffMs,
    });
    const recovery = new OperationRecovery(db, pipeline, {
      ...DEFAULT_RECOVERY,
      leaseMs: config.operationLeaseMs,
      intervalMs: config.recoveryIntervalMs,
      batchSize: 100,
    });
    let total = { taken: 0, completed: 0 };
    for (;;) {
      const round = await recovery.recoverOnce();
      total = { taken: total.taken + round.taken, completed: total.completed + round.completed };
      if (round.taken === 0 || round.completed === 0) break;
    }
    console.log(`Recovery: ${total.taken} operation(s) taken, ${total.completed} completed.`);
  } finally {
    await vendors.stop();
    await database.close();
  }
}

recover().catch((error) => {
  console.error(`Recovery failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
