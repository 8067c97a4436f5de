import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PaymentState } from "../../src/domain/enums";
import type { VendorEmulator } from "../../src/vendors/emulator/vendor-emulator";
import { CIRCUIT_OPEN_CAUSE, resilienceSettings } from "../../src/vendors/resilience";
import { withoutSecrets } from "../../src/vendors/vendor-outcomes";
import type { VendorOutcome } from "../../src/vendors/vendor-service";
import { FAST, VENDOR_CASES, sleep, timed, withFailedConnects, type VendorCase } from "./vendor-test-kit";

/** Generous bound for "gave up within the timeout" on a busy machine. */
const WITHIN_TIMEOUT_MS = FAST.timeoutMs + 1500;
const FINAL_STATES = [PaymentState.CANCELLED, PaymentState.REJECTED] as string[];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(VENDOR_CASES)("$vendor adapter under faults", (vendorCase: VendorCase) => {
  const payments = Array.from({ length: 50 }, (_, index) => vendorCase.payment(index + 1));
  let emulator: VendorEmulator;
  let next = 0;
  const outcomes: VendorOutcome[] = [];
  /** A payment no other test touches. */
  const freshPayment = () => payments[next++];
  const service = (settings = {}) => vendorCase.service(emulator, { ...FAST, ...settings });
  const perform = async (settings: object, payment = freshPayment()) => {
    const outcome = await service(settings).perform(vendorCase.request(payment));
    outcomes.push(outcome);
    return outcome;
  };

  beforeAll(async () => {
    emulator = await vendorCase.start(payments);
  });
  afterEach(() => emulator.clearFaults());
  afterAll(async () => {
    await emulator.stop();
  });

  it("succeeds without faults", async () => {
    const payment = freshPayment();
    const outcome = await perform({}, payment);
    expect(outcome.kind).toBe("succeeded");
    expect(FINAL_STATES).toContain(emulator.paymentState(payment.vendorPaymentId));
  });

  it("gives up on a slow vendor within the timeout, without retrying", async () => {
    emulator.setFaults({ latencyMs: 2500 });
    const payment = freshPayment();
    const { value, ms } = await timed(() => perform({}, payment));
    expect(value).toEqual({ kind: "unknown", cause: "no answer within the timeout" });
    expect(ms).toBeLessThan(WITHIN_TIMEOUT_MS);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("gives up on a vendor that never answers within the timeout", async () => {
    emulator.setFaults({ noAnswer: true });
    const payment = freshPayment();
    const { value, ms } = await timed(() => perform({}, payment));
    expect(value).toEqual({ kind: "unknown", cause: "no answer within the timeout" });
    expect(ms).toBeLessThan(WITHIN_TIMEOUT_MS);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("reports a dropped connection as unknown and does not resend", async () => {
    emulator.setFaults({ dropConnection: true });
    const payment = freshPayment();
    const outcome = await perform({}, payment);
    expect(outcome.kind).toBe("unknown");
    expect(outcome.kind === "unknown" && outcome.cause).toMatch(/connection lost/);
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
    expect(FINAL_STATES).not.toContain(emulator.paymentState(payment.vendorPaymentId));
  });

  it("reports an unreadable body as unknown", async () => {
    emulator.setFaults({ malformedBody: true });
    const outcome = await perform({});
    expect(outcome.kind).toBe("unknown");
    expect(outcome.kind === "unknown" && outcome.cause).toMatch(/unreadable answer/);
  });

  it.each([502, 503, 504])("never retries a %i, from a gateway or the vendor: it may have acted, so the outcome is unknown", async (status) => {
    emulator.setFaults({ failWith5xx: status });
    const payment = freshPayment();
    const outcome = await perform({ retries: 2 }, payment);
    expect(outcome).toEqual({ kind: "unknown", cause: `vendor or gateway error (HTTP ${status}, not the vendor's JSON)` });
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it("does not retry a 500: the vendor may have acted", async () => {
    emulator.setFaults({ failWith5xx: 500 });
    const payment = freshPayment();
    const outcome = await perform({ retries: 2 }, payment);
    expect(outcome.kind).toBe("unknown");
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
  });

  it.each(["answer502", "answer504"] as const)("the change applied, then %s: unknown, sent once, and the change stands", async (mode) => {
    const payment = freshPayment();
    emulator.setFaults({ applyThenFail: mode });
    const outcome = await perform({ retries: 2 }, payment);
    expect(outcome).toEqual({ kind: "unknown", cause: `vendor or gateway error (HTTP ${mode.slice(-3)}, not the vendor's JSON)` });
    expect(emulator.callCount(payment.vendorPaymentId)).toBe(1);
    expect(FINAL_STATES).toContain(emulator.paymentState(payment.vendorPaymentId));
  });

  it.each(["answer500", "answer502", "answer504", "dropConnection"] as const)("answers ALREADY_DONE when asked again after an answer was lost (%s)", async (mode) => {
    const payment = freshPayment();
    emulator.setFaults({ applyThenFail: mode });
    const first = await perform({}, payment);
    expect(first.kind).toBe("unknown");
    expect(FINAL_STATES).toContain(emulator.paymentState(payment.vendorPaymentId));
    emulator.clearFaults();
    const second = await perform({}, payment);
    expect(second).toMatchObject({ kind: "refused", reason: "ALREADY_DONE" });
  });

  it("retries a refused connection, which never reached the vendor, then answers unknown", async () => {
    const port = await closedPort();
    const adapter = vendorCase.service({ ...emulator, baseUrl: `http://127.0.0.1:${port}` }, { ...FAST, retries: 2 });
    const { value, failedConnects } = await withFailedConnects(() => adapter.perform(vendorCase.request(freshPayment())));
    expect(value).toEqual({ kind: "unknown", cause: "connection refused" });
    expect(failedConnects).toBe(3);
  });

  it("retries a refused connection until the vendor listens, which then acts once", async () => {
    const port = await closedPort();
    const payment = freshPayment();
    let late: VendorEmulator | undefined;
    try {
      const adapter = vendorCase.service({ ...emulator, baseUrl: `http://127.0.0.1:${port}` }, { ...FAST, retries: 10 });
      const { value, failedConnects } = await withFailedConnects((failed) => {
        const outcome = adapter.perform(vendorCase.request(payment));
        // The vendor comes up once the first attempt was refused.
        const waitForRefusal = async () => {
          while (failed() === 0) await sleep(1);
          late = await vendorCase.start([payment], port);
        };
        return Promise.all([outcome, waitForRefusal()]).then(([result]) => result);
      });
      expect(value.kind).toBe("succeeded");
      expect(failedConnects).toBeGreaterThanOrEqual(1);
      expect(late!.callCount(payment.vendorPaymentId)).toBe(1);
      expect(FINAL_STATES).toContain(late!.paymentState(payment.vendorPaymentId));
    } finally {
      await late?.stop();
    }
  });

  it("retries a failed TLS handshake, which never sent the request, then answers unknown", async () => {
    const adapter = vendorCase.service({ ...emulator, baseUrl: emulator.baseUrl.replace("http:", "https:") }, { ...FAST, retries: 2 });
    const calls = emulator.callCount();
    const { value, failedConnects } = await withFailedConnects(() => adapter.perform(vendorCase.request(freshPayment())));
    expect(value).toEqual({ kind: "unknown", cause: expect.stringMatching(/^connection not established \(ERR_SSL_/) });
    expect(failedConnects).toBe(3);
    expect(emulator.callCount()).toBe(calls);
  });

  it("opens the circuit after consecutive failures, answers at once, and closes after the reset time", async () => {
    const adapter = service({ retries: 0, breakerFailures: 3, breakerResetMs: 300 });
    emulator.setFaults({ failWith5xx: 500 });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await adapter.perform(vendorCase.request(freshPayment()))).kind).toBe("unknown");
    }
    const callsBefore = emulator.callCount();
    const { value: open, ms } = await timed(() => adapter.perform(vendorCase.request(freshPayment())));
    expect(open).toEqual({ kind: "unknown", cause: CIRCUIT_OPEN_CAUSE });
    expect(emulator.callCount()).toBe(callsBefore);
    expect(ms).toBeLessThan(1000);

    emulator.clearFaults();
    await sleep(450);
    const trial = freshPayment();
    expect((await adapter.perform(vendorCase.request(trial))).kind).toBe("succeeded");
    expect((await adapter.perform(vendorCase.request(freshPayment()))).kind).toBe("succeeded");
  });

  it("a refusal does not count towards opening the circuit", async () => {
    const adapter = service({ retries: 0, breakerFailures: 2 });
    const payment = freshPayment();
    expect((await adapter.perform(vendorCase.request(payment))).kind).toBe("succeeded");
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await adapter.perform(vendorCase.request(payment))).toMatchObject({ kind: "refused", reason: "ALREADY_DONE" });
    }
  });

  it("never puts the secret in an outcome", () => {
    expect(outcomes.length).toBeGreaterThan(5);
    expect(JSON.stringify(outcomes)).not.toContain(emulator.secret);
  });
});

describe("resilience settings and secret scrubbing", () => {
  it("fills the defaults and ignores undefined overrides", () => {
    expect(resilienceSettings({ timeoutMs: 100, retries: undefined })).toEqual({
      timeoutMs: 100,
      retries: 2,
      breakerFailures: 5,
      breakerResetMs: 10000,
    });
  });

  it("removes a secret that a vendor echoed in its message or a cause", () => {
    const secret = "s3cr3t-token";
    expect(withoutSecrets({ kind: "refused", reason: "OTHER", vendorCode: "invalid-token", vendorMessage: `token ${secret} is invalid` }, [secret])).toEqual({
      kind: "refused",
      reason: "OTHER",
      vendorCode: "invalid-token",
      vendorMessage: "token [redacted] is invalid",
    });
    expect(withoutSecrets({ kind: "unknown", cause: `x${secret}` }, [secret])).toEqual({ kind: "unknown", cause: "x[redacted]" });
  });
});
