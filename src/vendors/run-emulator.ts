import { INSTALLED_VENDORS } from "./installed-vendors";
import { startEmulatorFor } from "./vendor-emulators";

/**
 * Runs one vendor emulator on its own:
 *   node dist/src/vendors/run-emulator.js <convergegate|planocore|activeplatform|crmcom> [--port N]
 * It prints its base URL and the demo secret to configure the adapter with.
 */
async function main(argv: string[]): Promise<void> {
  const vendor = argv[0];
  const vendors = INSTALLED_VENDORS.map((module) => module.code);
  const portIndex = argv.indexOf("--port");
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : 0;
  if (!vendor || !vendors.includes(vendor) || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`usage: run-emulator <${vendors.join("|")}> [--port N]\n`);
    process.exit(2);
  }
  const emulator = await startEmulatorFor(vendor, { port });
  process.stdout.write(
    `${vendor} emulator listening on ${emulator.baseUrl}\n` +
      `demo secret: ${emulator.secret}\n` +
      `faults: POST ${emulator.baseUrl}/__emulator/faults, state: GET ${emulator.baseUrl}/__emulator/payments/<id>, reset: POST ${emulator.baseUrl}/__emulator/reset\n`,
  );
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main(process.argv.slice(2));
