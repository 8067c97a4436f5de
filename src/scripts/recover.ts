import "reflect-metadata";
import { buildApp } from "../app";
import { loadConfig } from "../config";
import { INSTALLED_VENDORS } from "../vendors/installed-vendors";

/**
 * `npm run recover`: one pass over the operations left in progress whose lease ran out, safe to
 * run beside running API instances (they never take the same operation).
 */
async function recover(): Promise<void> {
  const app = await buildApp(loadConfig(), INSTALLED_VENDORS, { seedDemoData: false });
  try {
    const recovery = app.recovery({ batchSize: 100 });
    let total = { taken: 0, completed: 0 };
    for (;;) {
      const round = await recovery.recoverOnce();
      total = { taken: total.taken + round.taken, completed: total.completed + round.completed };
      if (round.taken === 0 || round.completed === 0) break;
    }
    console.log(`Recovery: ${total.taken} operation(s) taken, ${total.completed} completed.`);
  } finally {
    await app.close();
  }
}

recover().catch((error) => {
  console.error(`Recovery failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
