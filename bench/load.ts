import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  /** How long the load ran. */
  seconds: number;
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds of one server as one result: the rate over all rounds, the median round's p50 and p99. */
export function combined(rounds: LoadResult[]): LoadResult {
  const total = rounds.reduce((sum, round) => sum + round.total, 0);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return {
    requestsPerSecond: total / seconds,
    seconds,
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
    total,
    failures: rounds.reduce((sum, round) => sum + round.failures, 0),
    firstFailure: rounds.find((round) => round.firstFailure)?.firstFailure ?? null,
  };
}

/**
 * The API and the bare server driven in turns, round after round: on a shared machine whose speed
 * drifts, both see the same conditions, and the ratio compares like with like.
 */
export async function inTurns(rounds: number, api: (round: number) => Promise<LoadResult>, bare: (round: number) => Promise<LoadResult>) {
  const apiRounds: LoadResult[] = [];
  const bareRounds: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    apiRounds.push(await api(round));
    bareRounds.push(await bare(round));
  }
  return { api: combined(apiRounds), bare: combined(bareRounds) };
}

/** Drives one server with autocannon and checks every answer. */
export async function drive(plan: LoadPlan): Promise<LoadResult> {
  let failures = 0;
  let firstFailure: string | null = null;
  const started = process.hrtime.bigint();
  let lastAnswer: bigint | null = null;
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
          lastAnswer = process.hrtime.bigint();
          if (status !== 200 || !plan.accept(body)) {
            failures += 1;
            firstFailure ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  // Up to the last answer: autocannon ends a run of a fixed number of requests only at its next
  // one-second sample after the last answer, which would add up to a second of idle time a round.
  const seconds = Number((lastAnswer ?? process.hrtime.bigint()) - started) / 1e9;
  const total = result.requests.total;
  return {
    requestsPerSecond: total / seconds,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    failures: failures + result.errors + result.timeouts,
    firstFailure: firstFailure ?? (result.errors + result.timeouts > 0 ? `${result.errors} errors, ${result.timeouts} timeouts` : null),
  };
}
