import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { VendorCode } from "../../domain/enums";
import { logger } from "../../observability/logger";
import { parseWithDecimals, stringifyWithDecimals } from "../http/decimal-json";
import { NO_FAULTS, FaultSettingError, validateFaults, type EmulatorFaults } from "./emulator-faults";
import { EmulatorPaymentBook, type EmulatorPayment, type EmulatorPaymentSeed } from "./emulator-payments";

/** A request as the emulator received it (tests assert on it). Header names are lower case. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: unknown;
}

/** What the vendor API answers. `applied` says the request changed a payment's state. */
export interface EmulatorAnswer {
  status: number;
  body: unknown;
  contentType?: string;
  applied?: boolean;
}

/** One vendor's documented API, as the emulator plays it. */
export interface VendorApi {
  readonly vendor: VendorCode;
  /** The payment a request names, for the per-payment call count. */
  paymentIdOf(request: RecordedRequest): string | undefined;
  /** Plays one request; `faults.pageOnly` asks for the vendor as its page alone describes it. */
  handle(request: RecordedRequest, payments: EmulatorPaymentBook, faults: Readonly<EmulatorFaults>): EmulatorAnswer;
  /** The vendor's answer for an internal error with this 5xx status. */
  serverError(status: number): EmulatorAnswer;
}

export interface VendorEmulator {
  readonly vendor: VendorCode;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** The demo credential the emulator accepts (API key or token). */
  readonly secret: string;
  readonly faults: EmulatorFaults;
  setFaults(faults: Partial<EmulatorFaults>): void;
  clearFaults(): void;
  /** The payment's life-cycle state at the emulator (a PaymentState name). */
  paymentState(vendorPaymentId: string): string | undefined;
  /** The emulator's whole record of the payment (its cancellations, rejection reason, ...). */
  payment(vendorPaymentId: string): Readonly<EmulatorPayment> | undefined;
  /** Vendor API calls naming this payment, or all vendor API calls. */
  callCount(vendorPaymentId?: string): number;
  /** Vendor API calls that changed this payment (carried an operation out), whether answered or not. */
  appliedCount(vendorPaymentId: string): number;
  /** The last vendor API request received (control requests excluded). */
  lastRequest(): RecordedRequest | undefined;
  /** Every vendor API request received since the start or the last reset. */
  requests(): readonly RecordedRequest[];
  /** A payment created at the vendor after the start, held until the next reset. */
  addPayment(seed: EmulatorPaymentSeed): void;
  /** Back to the seeded payments, no faults, no calls. */
  reset(): void;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The payments the vendor holds; default: that vendor's demo payments. */
  payments?: readonly EmulatorPaymentSeed[];
}

const MAX_RECORDED = 500;
const CONTROL_PREFIX = "/__emulator/";
/** Statuses a gateway or load balancer in front of the vendor answers, with a page of its own. */
const GATEWAY_STATUSES = new Map([
  [502, "Bad Gateway"],
  [503, "Service Temporarily Unavailable"],
  [504, "Gateway Time-out"],
]);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return parseWithDecimals(text);
  } catch {
    return undefined;
  }
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function send(response: ServerResponse, answer: EmulatorAnswer): void {
  const text = typeof answer.body === "string" ? answer.body : stringifyWithDecimals(answer.body);
  response.writeHead(answer.status, {
    "content-type": answer.contentType ?? "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

class RunningEmulator implements VendorEmulator {
  faults: EmulatorFaults = { ...NO_FAULTS };
  baseUrl = "";
  private readonly book: EmulatorPaymentBook;
  private recorded: RecordedRequest[] = [];
  /** Latency waits in progress: a stopping emulator cancels them. */
  private readonly delays = new Set<NodeJS.Timeout>();

  constructor(
    private readonly api: VendorApi,
    readonly secret: string,
    seeds: readonly EmulatorPaymentSeed[],
    private readonly server: Server,
  ) {
    this.book = new EmulatorPaymentBook(seeds);
  }

  get vendor(): VendorCode {
    return this.api.vendor;
  }

  setFaults(faults: Partial<EmulatorFaults>): void {
    this.faults = { ...this.faults, ...validateFaults(faults) };
  }

  clearFaults(): void {
    this.faults = { ...NO_FAULTS };
  }

  paymentState(vendorPaymentId: string): string | undefined {
    return this.book.get(vendorPaymentId)?.state;
  }

  payment(vendorPaymentId: string): Readonly<EmulatorPayment> | undefined {
    return this.book.get(vendorPaymentId);
  }

  callCount(vendorPaymentId?: string): number {
    return this.book.callCount(vendorPaymentId);
  }

  appliedCount(vendorPaymentId: string): number {
    return this.book.appliedCount(vendorPaymentId);
  }

  lastRequest(): RecordedRequest | undefined {
    return this.recorded.at(-1);
  }

  requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  addPayment(seed: EmulatorPaymentSeed): void {
    this.book.add(seed);
  }

  reset(): void {
    this.book.reset();
    this.recorded = [];
    this.clearFaults();
  }

  stop(): Promise<void> {
    for (const delay of this.delays) clearTimeout(delay);
    this.delays.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bodyText = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: (request.url ?? "/").split("?")[0],
      headers: headersOf(request),
      bodyText,
      body: parseJson(bodyText),
    };
    if (recorded.path.startsWith(CONTROL_PREFIX)) return send(response, this.control(recorded));

    this.recorded.push(recorded);
    if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
    this.book.recordCall(this.api.paymentIdOf(recorded));

    const faults = this.faults;
    if (faults.latencyMs > 0) await this.delay(faults.latencyMs);
    if (faults.noAnswer) return; // the socket stays open until the caller gives up or the emulator stops
    if (faults.dropConnection) return void request.socket.destroy();
    if (faults.failWith5xx !== null && (faults.failTimes === null || faults.failTimes > 0)) {
      if (faults.failTimes !== null) this.faults = { ...this.faults, failTimes: faults.failTimes - 1 };
      return send(response, this.failure(faults.failWith5xx));
    }
    if (faults.malformedBody) return send(response, { status: 200, body: "<html>502 Bad Gat", contentType: "text/html" });
    if (faults.answerWith && request.method !== "GET") return send(response, faults.answerWith);

    const answer = this.api.handle(recorded, this.book, faults);
    if (answer.applied) this.book.recordApplied(this.api.paymentIdOf(recorded));
    if (faults.answerDelayMs > 0) await this.delay(faults.answerDelayMs);
    if (answer.applied && faults.applyThenFail === "dropConnection") return void request.socket.destroy();
    if (answer.applied && faults.applyThenFail) return send(response, this.failure(Number(faults.applyThenFail.slice("answer".length))));
    send(response, answer);
  }

  /** A 5xx: a gateway's own page for 502, 503 and 504, the vendor's error answer for the others. */
  private failure(status: number): EmulatorAnswer {
    const gateway = GATEWAY_STATUSES.get(status);
    if (!gateway) return this.api.serverError(status);
    const title = `${status} ${gateway}`;
    return { status, contentType: "text/html", body: `<html><head><title>${title}</title></head><body><h1>${title}</h1><hr>nginx</body></html>` };
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  /** The emulator's own endpoints, for running it on its own: faults, state, reset. */
  private control(request: RecordedRequest): EmulatorAnswer {
    const route = `${request.method} ${request.path}`;
    if (route === "GET /__emulator/faults") return { status: 200, body: this.faults };
    if (route === "POST /__emulator/faults") {
      try {
        this.setFaults(request.body as Partial<EmulatorFaults>);
        return { status: 200, body: this.faults };
      } catch (error) {
        if (error instanceof FaultSettingError) return { status: 400, body: { error: error.message } };
        throw error;
      }
    }
    if (route === "DELETE /__emulator/faults") {
      this.clearFaults();
      return { status: 200, body: this.faults };
    }
    if (route === "POST /__emulator/reset") {
      this.reset();
      return { status: 200, body: { reset: true } };
    }
    const paymentMatch = /^GET \/__emulator\/payments\/([^/]+)$/.exec(route);
    if (paymentMatch) {
      const payment = this.book.get(decodeURIComponent(paymentMatch[1]));
      if (!payment) return { status: 404, body: { error: "no such payment" } };
      // `cancellation`: the latest, as this endpoint showed before payments kept them all.
      const cancellation = payment.cancellations.at(-1) ?? null;
      return { status: 200, body: { ...payment, cancellation, calls: this.book.callCount(payment.vendorPaymentId) } };
    }
    if (route === "GET /__emulator/payments") return { status: 200, body: this.book.all() };
    return { status: 404, body: { error: `no emulator route ${route}` } };
  }
}

/** Starts a vendor emulator: a real HTTP server on 127.0.0.1 that speaks the vendor's contract. */
export async function startVendorEmulator(
  api: VendorApi,
  secret: string,
  defaultSeeds: readonly EmulatorPaymentSeed[],
  options: EmulatorOptions = {},
): Promise<VendorEmulator> {
  let emulator: RunningEmulator | undefined; // eslint-disable-line prefer-const -- assigned once the server listens, read by its handler
  const server = createServer((request, response) => {
    emulator!.serve(request, response).catch((error: unknown) => {
      logger.error({ vendor: api.vendor, err: error }, "vendor emulator failed on a request");
      if (!response.headersSent) send(response, api.serverError(500));
    });
  });
  emulator = new RunningEmulator(api, secret, options.payments ?? defaultSeeds, server);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  emulator.baseUrl = `http://${host}:${port}`;
  return emulator;
}
