import type { DemoPayment } from "../demo/demo-data";
import type { EmulatorOptions, VendorEmulator } from "./emulator/vendor-emulator";
import type { ResilienceSettings } from "./resilience";
import { VendorAdapter, vendorProfile, type VendorConnection, type VendorProfile, type VendorProfileSpec } from "./vendor-adapter";
import type { VendorService } from "./vendor-service";
import { PLAIN_RULES } from "./vendor-service";

export { PLAIN_RULES };
export { repeatSafetyOf, vendorProfile, type VendorProfileSpec, type OperationHandler, type VendorConnection, type VendorProfile } from "./vendor-adapter";

/** Where a vendor lives and its credential; both null: the built-in emulator serves it. */
export interface VendorEndpoint {
  baseUrl: string | null;
  secret: string | null;
  /** The names of the two settings, for the messages that ask for them. */
  settingNames?: { url: string; secret: string };
}

/** A vendor module as its folder writes it: its profile (handlers included), settings, connection, emulator and demo data. */
export interface VendorModuleSpec<Settings extends VendorEndpoint, Connection extends VendorConnection> extends VendorProfileSpec<Connection> {
  /** Reads and validates the vendor's settings (throws VendorConfigError naming the setting). */
  readConfig(env: NodeJS.ProcessEnv): Settings;
  /** The client, credentials and call policy the handlers are given, for a vendor with a base URL and a secret. */
  connect(settings: Settings & { baseUrl: string; secret: string }, resilience: ResilienceSettings): Connection;
  /** The built-in emulator: a real HTTP server on loopback playing the vendor's documented API. */
  startEmulator(options?: EmulatorOptions, settings?: Settings): Promise<VendorEmulator>;
  /** The vendor's demo payments (`demoPaymentsFrom` in src/demo): they seed the demo database and the vendor's emulator. */
  readonly demoPayments: readonly DemoPayment[];
  /** For the shared vendor tests: a payment id the vendor accepts, a different one per index, and its reseller id where the vendor has one. */
  examplePayment(index: number): { vendorPaymentId: string; vendorResellerId?: string };
}

/**
 * One vendor, the whole of it: identity, handlers, settings, adapter and emulator. The
 * composition root is given a list of them (installed-vendors.ts names the installed ones);
 * everything else loops over that list.
 */
export interface VendorModule<Settings extends VendorEndpoint = VendorEndpoint, Connection extends VendorConnection = VendorConnection>
  extends VendorModuleSpec<Settings, Connection>,
    VendorProfile<Connection> {
  /** The vendor's service: its handlers over a connection made from the settings. */
  create(settings: Settings & { baseUrl: string; secret: string }, resilience: ResilienceSettings): VendorService;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendorModule = VendorModule<any, any>;

/**
 * A vendor module, checked when it loads (vendorProfile: its code, id format, and each handler's
 * states against the life cycle), with its capabilities and repeat safety taken from its
 * handlers and its service made from them.
 */
export function defineVendor<Settings extends VendorEndpoint, Connection extends VendorConnection>(
  spec: VendorModuleSpec<Settings, Connection>,
): VendorModule<Settings, Connection> {
  const profile = vendorProfile(spec);
  return { ...spec, ...profile, create: (settings, resilience) => new VendorAdapter(profile, spec.connect(settings, resilience)) };
}
