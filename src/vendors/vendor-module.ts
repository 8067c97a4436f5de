import type { DemoPayment } from "../demo/demo-data";
import type { PaymentState, VendorCode } from "../domain/enums";
import { LIFE_CYCLE, type PaymentOperation } from "../domain/payment-operation";
import type { EmulatorOptions, VendorEmulator } from "./emulator/vendor-emulator";
import type { ResilienceSettings } from "./resilience";
import type { RepeatSafety, VendorRules, VendorService } from "./vendor-service";
import { PLAIN_RULES } from "./vendor-service";

export { PLAIN_RULES, type RepeatSafety, type VendorRules };

/** Who a vendor is: what its adapter, the database and the GraphQL schema need to know of it. */
export interface VendorIdentity {
  /** Stored on each payment and shown upper-cased in GraphQL's VendorCode: lower-case letters and digits. */
  readonly code: VendorCode;
  readonly title: string;
  /** The operations the vendor documents and, for each, the payment states it accepts. */
  readonly capabilities: ReadonlyMap<PaymentOperation, readonly PaymentState[]>;
  /** For each operation it offers, what its page gives to make a re-send after an unknown outcome safe. */
  readonly repeatSafety: ReadonlyMap<PaymentOperation, RepeatSafety>;
  readonly rules: Readonly<VendorRules>;
  /** A regular expression every vendor payment id matches (checked by PostgreSQL); null: any text. */
  readonly paymentIdFormat: string | null;
}

/** Where a vendor lives and its credential; both null: the built-in emulator serves it. */
export interface VendorEndpoint {
  baseUrl: string | null;
  secret: string | null;
  /** The names of the two settings, for the messages that ask for them. */
  settingNames?: { url: string; secret: string };
}

/**
 * One installed vendor, the whole of it: identity, settings, adapter and emulator. The list in
 * installed-vendors.ts names the installed modules; everything else loops over that list.
 */
export interface VendorModule<Settings extends VendorEndpoint = VendorEndpoint> extends VendorIdentity {
  /** Reads and validates the vendor's settings (throws VendorConfigError naming the setting). */
  readConfig(env: NodeJS.ProcessEnv): Settings;
  /** The adapter, for a vendor with a base URL and a secret. */
  create(settings: Settings & { baseUrl: string; secret: string }, resilience: ResilienceSettings): VendorService;
  /** The built-in emulator: a real HTTP server on loopback playing the vendor's documented API. */
  startEmulator(options?: EmulatorOptions, settings?: Settings): Promise<VendorEmulator>;
  /** The vendor's demo payments (`demoPaymentsFrom` in src/demo): they seed the demo database and the vendor's emulator. */
  readonly demoPayments: readonly DemoPayment[];
  /** For the shared vendor tests: a payment id the vendor accepts, a different one per index, and its reseller id where the vendor has one. */
  examplePayment(index: number): { vendorPaymentId: string; vendorResellerId?: string };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendorModule = VendorModule<any>;

const CODE_FORMAT = /^[a-z][a-z0-9]{1,30}$/;

/** What a re-send of the operation after an unknown outcome can rely on; "none" where the vendor does not offer it. */
export function repeatSafetyOf(identity: Pick<VendorIdentity, "repeatSafety">, operation: PaymentOperation): RepeatSafety {
  return identity.repeatSafety.get(operation) ?? "none";
}

/**
 * A vendor module, checked when it loads: its code's form, its id format compiles, every state it
 * accepts for an operation is one the product's life-cycle table lets that operation start from,
 * and every operation it offers, and only those, says what makes a re-send safe.
 */
export function defineVendor<Settings extends VendorEndpoint>(module: VendorModule<Settings>): VendorModule<Settings> {
  if (!CODE_FORMAT.test(module.code)) throw new Error(`vendor code "${module.code}" must be lower-case letters and digits, starting with a letter`);
  if (module.paymentIdFormat !== null) new RegExp(module.paymentIdFormat);
  for (const [operation, states] of module.capabilities) {
    const outside = states.filter((state) => !LIFE_CYCLE[operation].from.includes(state));
    if (outside.length > 0) {
      throw new Error(`${module.title} accepts ${outside.join(", ")} for ${operation}, which the life cycle does not start ${operation} from`);
    }
    if (!module.repeatSafety.has(operation)) throw new Error(`${module.title} does not say what makes a re-send of ${operation} safe`);
  }
  for (const operation of module.repeatSafety.keys()) {
    if (!module.capabilities.has(operation)) throw new Error(`${module.title} says how to repeat ${operation}, which it does not offer`);
  }
  return module;
}
