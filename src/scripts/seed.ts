import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../database/open-database";
import { seedDemoData } from "../stores/seed/seed-demo-data";
import { DEMO_PAYMENTS } from "../vendors/demo-payments";
import { recordVendors } from "../vendors/vendor-table";

/** `npm run seed`: loads the demo data once; running it again changes nothing. */
async function seed(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    await recordVendors(database.dataSource);
    const loaded = await seedDemoData(database.dataSource, DEMO_PAYMENTS);
    console.log(loaded ? "Demo data loaded." : "Demo data already present: nothing to do.");
  } finally {
    await database.close();
  }
}

seed().catch((error) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
