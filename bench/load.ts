import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Connection errors, timeouts, non-2xx answers and answers that failed the run's check. */
  failures: number;
  firstFailure: string | null;
}

export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Seconds, or a fixed number of requests. */
  duration?: number;
  amount?: number;
  /** The JSON body of the next request. */
  nextBody(): unknown;
  /** Whether an answer's body is what the work should give. */
  accept(body: string): boolean;
}

/** Drives one server with autocannon and checks every answer. */
export async function drive(plan: LoadPlan): Promise<LoadResult> {
  let failures = 0;
  let firstFailure: string | null = null;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount !== undefined ? { amount: plan.amount } : { duration: plan.duration }),
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", ...plan.headers },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(plan.nextBody()) }),
        onResponse: (status, body) => {
          if (status !== 200 || !plan.accept(body)) {
            failures += 1;
            firstFailure ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const total = result.requests.total;
  return {
    requestsPerSecond: total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    failures: failures + result.errors + result.timeouts,
    firstFailure: firstFailure ?? (result.errors + result.timeouts > 0 ? `${result.errors} errors, ${result.timeouts} timeouts` : null),
  };
}
