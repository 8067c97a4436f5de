import { PaymentState } from "../../src/domain/enums";
import { Lifecycle } from "../../src/server/lifecycle";
import { VOID_MUTATION, demoPayment } from "../support/operations";
import { startTestApi } from "../support/test-api";

describe("shutdown has one owner", () => {
  it("marks the instance stopping first, runs the steps in order once, and exits 0", async () => {
    const calls: string[] = [];
    const exit = jest.fn();
    const lifecycle = new Lifecycle({
      timeoutMs: 1_000,
      onStopping: () => calls.push("stopping"),
      steps: ["requests", "recovery", "database"].map((name) => ({ name, run: async () => void calls.push(name) })),
      exit,
    });
    await Promise.all([lifecycle.shutdown("SIGTERM"), lifecycle.shutdown("SIGINT")]);
    expect(calls).toEqual(["stopping", "requests", "recovery", "database"]);
    expect(exit.mock.calls).toEqual([[0]]);
  });

  it("drains first: readiness says stopping at once, the steps run only after the drain", async () => {
    const calls: Array<[string, number]> = [];
    const started = Date.now();
    await new Lifecycle({
      timeoutMs: 2_000,
      drainMs: 300,
      onStopping: () => calls.push(["stopping", Date.now() - started]),
      steps: [{ name: "requests", run: async () => void calls.push(["requests", Date.now() - started]) }],
      exit: () => {},
    }).shutdown("SIGTERM");
    expect(calls.map(([name]) => name)).toEqual(["stopping", "requests"]);
    expect(calls[0][1]).toBeLessThan(100);
    expect(calls[1][1]).toBeGreaterThanOrEqual(290);
  });

  it("exits 1 when a step fails, after running the others", async () => {
    const calls: string[] = [];
    const exit = jest.fn();
    await new Lifecycle({
      timeoutMs: 1_000,
      onStopping: () => {},
      steps: [
        { name: "requests", run: async () => { throw new Error("boom"); } },
        { name: "database", run: async () => void calls.push("database") },
      ],
      exit,
    }).shutdown("SIGTERM");
    expect(calls).toEqual(["database"]);
    expect(exit.mock.calls).toEqual([[1]]);
  });

  it("exits 1 when the shutdown takes longer than its timeout", async () => {
    const exit = jest.fn();
    const started = Date.now();
    void new Lifecycle({ timeoutMs: 200, onStopping: () => {}, steps: [{ name: "stuck", run: () => new Promise(() => {}) }], exit }).shutdown("SIGTERM");
    while (exit.mock.calls.length === 0 && Date.now() - started < 2_000) await new Promise((r) => setTimeout(r, 20));
    expect(exit.mock.calls).toEqual([[1]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe("a stopping instance", () => {
  it("answers /health/ready 503 and lets a request in flight finish before it stops", async () => {
    const api = await startTestApi();
    const ready = api.url.replace("/graphql", "/health/ready");
    try {
      expect((await fetch(ready)).status).toBe(200);
      const payment = demoPayment("convergegate", PaymentState.AUTHORIZED);
      api.emulator("convergegate").setFaults({ answerDelayMs: 500 });
      const inFlight = api.graphql(VOID_MUTATION, { input: { payment: { number: payment.number } } });
      while (api.emulator("convergegate").callCount(payment.vendorPaymentId) === 0) await new Promise((r) => setTimeout(r, 10));
      api.server.markStopping();
      const probe = await fetch(ready);
      expect(probe.status).toBe(503);
      expect(await probe.json()).toEqual({ status: "stopping" });
      const stopped = api.server.stop();
      const answer = await inFlight;
      expect(answer.data.voidPayment.__typename).toBe("VoidPaymentSuccess");
      await stopped;
      await expect(fetch(ready)).rejects.toThrow();
    } finally {
      await api.close().catch(() => {});
    }
  });
});
