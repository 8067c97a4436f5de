import { PaymentState } from "../../domain/enums";
import { PaymentOperation } from "../../domain/payment-operation";
import { VendorCallPolicy, resilienceSettings, type ResilienceSettings } from "../resilience";
import { VendorAdapter, vendorProfile, type VendorConnection } from "../vendor-adapter";
import { refused, unknownOutcome } from "../vendor-outcomes";
import type { CancelRequest, VendorOutcome, VendorPaymentState } from "../vendor-service";
import { ActivePlatformClient } from "./client";
import { VendorTransportError } from "../http/vendor-http";
import { fromCancelAnswer, fromReadBack, paymentStateOf, toCancelTarget, type CancelTarget } from "./mapping";

export interface ActivePlatformServiceOptions extends Partial<ResilienceSettings> {
  baseUrl: string;
  apiToken: string;
}

/** What ActivePlatform's handler is given: its client (which holds the manager's token) and the call policy. */
export interface ActivePlatformConnection extends VendorConnection {
  readonly client: ActivePlatformClient;
}

/** The payment read within the cancel's attempt: a failed read is an unknown state, never a reason to send the cancel again. */
async function readWithinAttempt(client: ActivePlatformClient, target: CancelTarget, signal: AbortSignal): Promise<VendorPaymentState> {
  try {
    return paymentStateOf(await client.read(target.resellerId, target.paymentId, signal));
  } catch (error) {
    return { kind: "unknown", cause: error instanceof VendorTransportError ? error.problem : "the read failed" };
  }
}

async function cancel(request: CancelRequest, { client, policy }: ActivePlatformConnection): Promise<VendorOutcome> {
  const target = toCancelTarget(request);
  if ("refusal" in target) return target.refusal;
  return policy.run(request.operationId, async (signal) => {
    const outcome = fromCancelAnswer(await client.cancel(target.resellerId, target.paymentId, signal));
    // A repeated cancel meets the same 422 as a wrong state: read the payment to tell them apart.
    if (outcome.kind !== "refused" || outcome.reason !== "WRONG_STATE") return outcome;
    return fromReadBack(outcome, await readWithinAttempt(client, target, signal));
  });
}

/** ActivePlatform can read a payment back: a refused repeat is settled by what it says. */
async function readCancelled(request: CancelRequest, { client, policy }: ActivePlatformConnection): Promise<VendorPaymentState> {
  const target = toCancelTarget(request);
  if ("refusal" in target) return { kind: "unknown", cause: "the payment's ids are not ActivePlatform's" };
  // Under the same policy (timeout, retries, breaker) as the cancel: the read is an outcome too.
  const outcome = await policy.run(request.operationId, async (signal) => {
    const state = paymentStateOf(await client.read(target.resellerId, target.paymentId, signal));
    if (state.kind === "done") return { kind: "succeeded", details: state.details };
    if (state.kind === "not-done") return refused("WRONG_STATE", state.vendorStatus, "the payment read back is not cancelled");
    return unknownOutcome(state.cause);
  });
  if (outcome.kind === "succeeded") return { kind: "done", details: outcome.details };
  if (outcome.kind === "refused") return { kind: "not-done", vendorStatus: outcome.vendorCode };
  return { kind: "unknown", cause: outcome.cause };
}

/** ActivePlatform cancels "waiting for payment" prepaid payments of a reseller. */
export const ACTIVEPLATFORM = vendorProfile<ActivePlatformConnection>({
  code: "activeplatform",
  title: "ActivePlatform",
  rules: { cancelsPrepaidOnly: true, issuesCancellationRecord: false },
  paymentIdFormat: "^[1-9][0-9]{0,17}$",
  operations: {
    // The page refers to "Get the Reseller's Payment information by ID": the payment is read back.
    [PaymentOperation.CANCEL]: { from: [PaymentState.WAITING_FOR_PAYMENT], repeatSafety: "read-back", perform: cancel, readBack: readCancelled },
  },
});

export function connectActivePlatform(options: ActivePlatformServiceOptions): ActivePlatformConnection {
  const { baseUrl, apiToken, ...resilience } = options;
  return { client: new ActivePlatformClient(baseUrl, apiToken), policy: new VendorCallPolicy(ACTIVEPLATFORM.code, resilienceSettings(resilience), [apiToken]) };
}

export function createActivePlatformService(options: ActivePlatformServiceOptions): VendorAdapter<ActivePlatformConnection> {
  return new VendorAdapter(ACTIVEPLATFORM, connectActivePlatform(options));
}
