import type { TestApi } from "./test-api";

/**
 * Runs `work` while asking GET /health/live every few milliseconds; answers the slowest probe and
 * the longest time without an answer (the server runs in this process: a blocked event loop
 * shows as a gap even when no probe was in flight).
 */
export async function slowestLivenessProbeDuring(server: TestApi, work: () => Promise<unknown>): Promise<{ slowestMs: number; longestGapMs: number; probes: number }> {
  const liveUrl = server.url.replace(/\/graphql$/, "/health/live");
  let done = false;
  let slowestMs = 0;
  let longestGapMs = 0;
  let probes = 0;
  let lastAnswer = performance.now();
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(liveUrl);
      expect(response.status).toBe(200);
      await response.text();
      const now = performance.now();
      slowestMs = Math.max(slowestMs, now - started);
      longestGapMs = Math.max(longestGapMs, now - lastAnswer);
      lastAnswer = now;
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    await work();
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 20));
    done = true;
    await probing;
  }
  return { slowestMs, longestGapMs, probes };
}

export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

