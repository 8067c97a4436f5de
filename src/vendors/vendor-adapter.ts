import type { PaymentState, VendorCode } from "../domain/enums";
import { LIFE_CYCLE, type PaymentOperation } from "../domain/payment-operation";
import type { VendorCallPolicy } from "./resilience";
import { unsupportedOperation } from "./vendor-outcomes";
import type { OperationRequests, VendorOperationRequest } from "./vendor-requests";
import type { RepeatSafety, VendorOutcome, VendorPaymentState, VendorRules, VendorService } from "./vendor-service";

/** What a vendor's handlers are given: its client, credentials and call policy, made once from its settings. */
export interface VendorConnection {
  /** Timeout, retries and circuit breaker around every call to the vendor. */
  readonly policy: VendorCallPolicy;
}

/** How a vendor handles one operation it offers. */
export interface OperationHandler<Op extends PaymentOperation, Connection extends VendorConnection = VendorConnection> {
  /** The payment states the vendor accepts for the operation: never one the life cycle does not start it from. */
  readonly from: readonly PaymentState[];
  /** What the vendor's page gives to make a re-send after an unknown outcome safe. */
  readonly repeatSafety: RepeatSafety;
  /** Maps the operation's request, sends it under the vendor's policy, reads the answer; a vendor failure is an outcome, never a throw. */
  readonly perform: (request: OperationRequests[Op], vendor: Connection) => Promise<VendorOutcome>;
  /** Where the vendor's API reads a payment back (repeat safety "read-back"): whether the operation's effect is in place. */
  readonly readBack?: (request: OperationRequests[Op], vendor: Connection) => Promise<VendorPaymentState>;
}

/** One handler per operation the vendor offers, keyed by the operation: the keys are its capabilities. */
export type OperationHandlers<Connection extends VendorConnection = VendorConnection> = {
  readonly [Op in PaymentOperation]?: OperationHandler<Op, Connection>;
};

/** Who a vendor is and how it handles each operation it offers. */
export interface VendorProfileSpec<Connection extends VendorConnection = VendorConnection> {
  /** Stored on each payment and shown upper-cased in GraphQL's VendorCode: lower-case letters and digits. */
  readonly code: VendorCode;
  readonly title: string;
  readonly rules: Readonly<VendorRules>;
  /** A regular expression every vendor payment id matches (checked by PostgreSQL); null: any text. */
  readonly paymentIdFormat: string | null;
  readonly operations: OperationHandlers<Connection>;
}

/** What the pipeline, the database and the schema read of a vendor; capabilities and repeat safety come from its handlers. */
export interface VendorIdentity {
  readonly code: VendorCode;
  readonly title: string;
  /** The operations the vendor offers and, for each, the payment states it accepts. */
  readonly capabilities: ReadonlyMap<PaymentOperation, readonly PaymentState[]>;
  /** For each operation it offers, what makes a re-send after an unknown outcome safe. */
  readonly repeatSafety: ReadonlyMap<PaymentOperation, RepeatSafety>;
  readonly rules: Readonly<VendorRules>;
  readonly paymentIdFormat: string | null;
}

export type VendorProfile<Connection extends VendorConnection = VendorConnection> = VendorProfileSpec<Connection> & VendorIdentity;

const CODE_FORMAT = /^[a-z][a-z0-9]{1,30}$/;

type AnyHandler<Connection extends VendorConnection> = OperationHandler<PaymentOperation, Connection>;

function handlersOf<Connection extends VendorConnection>(operations: OperationHandlers<Connection>): Array<[PaymentOperation, AnyHandler<Connection>]> {
  return Object.entries(operations).filter((entry): entry is [PaymentOperation, AnyHandler<Connection>] => entry[1] !== undefined);
}

/**
 * A vendor's profile, checked when it loads: its code's form, its id format compiles, every state
 * a handler accepts is one the life-cycle table starts that operation from, and a handler reads
 * the payment back exactly when its repeat safety says so. Capabilities and repeat safety are its
 * handlers' keys.
 */
export function vendorProfile<Connection extends VendorConnection>(spec: VendorProfileSpec<Connection>): VendorProfile<Connection> {
  if (!CODE_FORMAT.test(spec.code)) throw new Error(`vendor code "${spec.code}" must be lower-case letters and digits, starting with a letter`);
  if (spec.paymentIdFormat !== null) new RegExp(spec.paymentIdFormat);
  const handlers = handlersOf(spec.operations);
  for (const [operation, handler] of handlers) {
    if (!LIFE_CYCLE[operation]) throw new Error(`${spec.title} handles ${operation}, which is not an operation of the life cycle`);
    const outside = handler.from.filter((state) => !LIFE_CYCLE[operation].from.includes(state));
    if (outside.length > 0) {
      throw new Error(`${spec.title} accepts ${outside.join(", ")} for ${operation}, which the life cycle does not start ${operation} from`);
    }
    if ((handler.repeatSafety === "read-back") !== (handler.readBack !== undefined)) {
      throw new Error(`${spec.title} must read the payment back for ${operation} exactly when its repeat safety is "read-back"`);
    }
  }
  return {
    ...spec,
    capabilities: new Map(handlers.map(([operation, handler]) => [operation, handler.from])),
    repeatSafety: new Map(handlers.map(([operation, handler]) => [operation, handler.repeatSafety])),
  };
}

/** What a re-send of the operation after an unknown outcome can rely on; "none" where the vendor does not offer it. */
export function repeatSafetyOf(identity: Pick<VendorIdentity, "repeatSafety">, operation: PaymentOperation): RepeatSafety {
  return identity.repeatSafety.get(operation) ?? "none";
}

function handlerOf<Op extends PaymentOperation, Connection extends VendorConnection>(
  operations: OperationHandlers<Connection>,
  operation: Op,
): OperationHandler<Op, Connection> | undefined {
  return operations[operation];
}

/**
 * A vendor's service: each request goes to the handler of its operation, with the vendor's
 * connection; an operation the vendor does not offer is refused without a call.
 */
export class VendorAdapter<Connection extends VendorConnection> implements VendorService {
  /** Present exactly when one of the vendor's handlers reads a payment back. */
  readonly readPaymentState?: (request: VendorOperationRequest) => Promise<VendorPaymentState>;

  constructor(
    readonly profile: VendorProfile<Connection>,
    readonly connection: Connection,
  ) {
    if (handlersOf(profile.operations).some(([, handler]) => handler.readBack)) {
      this.readPaymentState = (request) => this.readBack(request.operation, request);
    }
  }

  get vendor(): VendorCode {
    return this.profile.code;
  }

  get title(): string {
    return this.profile.title;
  }

  get capabilities() {
    return this.profile.capabilities;
  }

  get rules() {
    return this.profile.rules;
  }

  /** The call policy, for the circuit's state. */
  get policy(): VendorCallPolicy {
    return this.connection.policy;
  }

  repeatSafety(operation: PaymentOperation): RepeatSafety {
    return repeatSafetyOf(this.profile, operation);
  }

  perform(request: VendorOperationRequest): Promise<VendorOutcome> {
    return this.performOne(request.operation, request);
  }

  private async performOne<Op extends PaymentOperation>(operation: Op, request: OperationRequests[Op]): Promise<VendorOutcome> {
    const handler = handlerOf(this.profile.operations, operation);
    if (!handler) return unsupportedOperation(this, operation)!;
    return handler.perform(request, this.connection);
  }

  private async readBack<Op extends PaymentOperation>(operation: Op, request: OperationRequests[Op]): Promise<VendorPaymentState> {
    const handler = handlerOf(this.profile.operations, operation);
    if (!handler?.readBack) return { kind: "unknown", cause: `${this.title} cannot read a payment back for ${operation}` };
    return handler.readBack(request, this.connection);
  }
}
