import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from "cockatiel";
import type { VendorCode } from "../domain/enums";
import { logger } from "../observability/logger";
import { VendorTransportError } from "./http/vendor-http";
import { unknownOutcome, withoutSecrets } from "./vendor-outcomes";
import type { VendorOutcome } from "./vendor-service";

/** How patiently one vendor is called (VENDOR_* settings). */
export interface ResilienceSettings {
  /** Each attempt is given up after this long: a silent vendor never holds an operation. */
  timeoutMs: number;
  /**
   * Extra attempts, only after a failure where the request certainly never reached the vendor
   * (connection refused, DNS failure, TLS handshake failure). Never after a timeout, a cut answer or
   * any 5xx, a gateway's 502/503/504 included: the vendor may have acted, so the outcome is unknown.
   */
  retries: number;
  /** This many operations in a row with an unknown outcome open the circuit. */
  breakerFailures: number;
  /** An open circuit lets one trial operation through after this long. */
  breakerResetMs: number;
}

export const DEFAULT_RESILIENCE: Readonly<ResilienceSettings> = {
  timeoutMs: 3000,
  retries: 2,
  breakerFailures: 5,
  breakerResetMs: 10000,
};

export const CIRCUIT_OPEN_CAUSE = "circuit open";

/** One attempt at the vendor: returns the mapped outcome, or throws a VendorTransportError. */
export type VendorAttempt = (signal: AbortSignal) => Promise<VendorOutcome>;

function describeFailure(error: unknown): string {
  if (error instanceof BrokenCircuitError) return CIRCUIT_OPEN_CAUSE;
  if (error instanceof TaskCancelledError) return "no answer within the timeout";
  if (error instanceof VendorTransportError) return error.problem;
  return "unexpected failure while calling the vendor";
}

/**
 * The per-vendor call policy: circuit breaker around retries around a per-attempt timeout.
 * Retries repeat only an attempt whose request never left us (VendorTransportError.neverSent);
 * everything else after the request may have reached the vendor is one attempt, whatever it says.
 * The breaker counts whole operations (after their retries); only unknown outcomes count as
 * failures, since a refusal or a success proves the vendor is answering.
 */
export class VendorCallPolicy {
  private readonly policy: IPolicy;
  private readonly breaker;

  constructor(
    readonly vendor: VendorCode,
    readonly settings: ResilienceSettings,
    /** Secrets of this vendor's configuration: removed from every outcome and log line. */
    private readonly secrets: readonly string[],
  ) {
    this.breaker = circuitBreaker(
      handleAll.orWhenResult((result) => (result as VendorOutcome | undefined)?.kind === "unknown"),
      { halfOpenAfter: settings.breakerResetMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    const retries = retry(
      handleWhen((error) => error instanceof VendorTransportError && error.neverSent),
      { maxAttempts: settings.retries, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }) },
    );
    const perAttempt = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
    this.policy = wrap(this.breaker, retries, perAttempt);
  }

  /** The breaker's state, for metrics: 0 closed, 1 half-open (a trial call may go), 2 open or isolated. */
  get circuitLevel(): 0 | 1 | 2 {
    if (this.breaker.state === CircuitState.Closed) return 0;
    if (this.breaker.state === CircuitState.HalfOpen) return 1;
    return 2;
  }

  /** True while the circuit refuses calls. */
  get circuitOpen(): boolean {
    return this.breaker.state === CircuitState.Open || this.breaker.state === CircuitState.Isolated;
  }

  /** Runs the attempt under the policy; never throws: every failure becomes an unknown outcome. */
  async run(operationId: string, attempt: VendorAttempt): Promise<VendorOutcome> {
    let outcome: VendorOutcome;
    try {
      outcome = await this.policy.execute(({ signal }) => attempt(signal));
    } catch (error) {
      outcome = unknownOutcome(describeFailure(error));
    }
    outcome = withoutSecrets(outcome, this.secrets);
    if (outcome.kind === "unknown") {
      logger.warn({ vendor: this.vendor, operationId, cause: outcome.cause }, "vendor outcome unknown");
    } else {
      logger.info({ vendor: this.vendor, operationId, outcome: outcome.kind }, "vendor answered");
    }
    return outcome;
  }
}

/** The defaults, overridden by the given settings (undefined ones are ignored). */
export function resilienceSettings(overrides: Partial<ResilienceSettings> = {}): ResilienceSettings {
  const settings = { ...DEFAULT_RESILIENCE };
  for (const key of Object.keys(settings) as Array<keyof ResilienceSettings>) {
    const value = overrides[key];
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}
