import { ACTIVEPLATFORM_DEMO_PAYMENTS } from "./demo";
import { DEMO_RESELLERS } from "../../demo/demo-data";
import { PaymentModel, PaymentState } from "../../domain/enums";
import { type EmulatorPayment } from "../emulator/emulator-payments";
import { startVendorEmulator, type EmulatorAnswer, type EmulatorOptions, type VendorApi, type VendorEmulator } from "../emulator/vendor-emulator";
import {
  ACTIVEPLATFORM_ACME_EUROPE_TOKEN,
  ACTIVEPLATFORM_DEMO_TOKEN,
  ACTIVEPLATFORM_TITLES,
  JSON_API_MEDIA_TYPE,
  PAYMENT_ROUTE,
} from "./contract";

/** A manager's API token and the reseller it belongs to; null: a platform manager, reaching every reseller. */
export interface ActivePlatformManager {
  token: string;
  resellerId: string | null;
}

export interface ActivePlatformEmulatorOptions extends EmulatorOptions {
  managers?: ActivePlatformManager[];
  /** Reseller id -> parent reseller id (null for a top reseller). Default: the demo resellers. */
  resellerParents?: Record<string, string | null>;
}

const DEMO_PARENTS: Record<string, string | null> = Object.fromEntries(
  DEMO_RESELLERS.map((reseller) => [
    reseller.activePlatformId,
    DEMO_RESELLERS.find((parent) => parent.code === reseller.parentCode)?.activePlatformId ?? null,
  ]),
);

const STATUS_NAMES: Partial<Record<PaymentState, string>> = {
  [PaymentState.WAITING_FOR_PAYMENT]: "waiting_for_payment",
  [PaymentState.POSTED]: "paid",
  [PaymentState.CANCELLED]: "cancelled",
};

/** ActivePlatform writes times with microseconds and an offset without colon. */
function activePlatformTime(iso: string | null): string | null {
  return iso ? iso.replace(/\.(\d{3})Z$/, ".$1000+0000") : null;
}

function error(status: number, title: string): EmulatorAnswer {
  return { status, body: { errors: { title, status: String(status) } }, contentType: JSON_API_MEDIA_TYPE };
}

function paymentDocument(payment: EmulatorPayment): EmulatorAnswer {
  return {
    status: 200,
    contentType: JSON_API_MEDIA_TYPE,
    body: {
      data: {
        id: payment.vendorPaymentId,
        type: "payments",
        attributes: {
          created_at: activePlatformTime(payment.issuedOn),
          updated_at: activePlatformTime(payment.closedAt ?? payment.issuedOn),
          total: payment.amount,
          comment: `payment ${payment.number}`,
          status: STATUS_NAMES[payment.state] ?? payment.state.toLowerCase(),
          document_id: payment.number,
          closed_at: activePlatformTime(payment.closedAt),
        },
        relationships: {
          orders: { data: [] },
          invoices: { data: [] },
          reseller: { data: { id: payment.vendorResellerId, type: "resellers" } },
          payment_method: { data: null },
        },
      },
    },
  };
}

function activePlatformApi(managers: ActivePlatformManager[], parents: Record<string, string | null>): VendorApi {
  /** A manager reaches its own reseller and every downstream one. */
  const reaches = (manager: ActivePlatformManager, resellerId: string): boolean => {
    if (!(resellerId in parents)) return false;
    if (manager.resellerId === null) return true;
    for (let current: string | null = resellerId; current !== null; current = parents[current] ?? null) {
      if (current === manager.resellerId) return true;
    }
    return false;
  };
  return {
    vendor: "activeplatform",
    paymentIdOf: (request) => PAYMENT_ROUTE.exec(request.path)?.[2],
    serverError: (status) => error(status, ACTIVEPLATFORM_TITLES.internal),
    handle(request, payments) {
      const route = PAYMENT_ROUTE.exec(request.path);
      if (!route) return error(404, ACTIVEPLATFORM_TITLES.notFound);
      if (request.method !== "DELETE" && request.method !== "GET") return error(405, "Method not allowed.");
      const manager = managers.find((candidate) => candidate.token === request.headers["x-api-token"]);
      if (!manager) return error(401, ACTIVEPLATFORM_TITLES.unauthorized);
      if (!(request.headers.accept ?? "").includes(JSON_API_MEDIA_TYPE)) return error(406, ACTIVEPLATFORM_TITLES.notAcceptable);
      if (request.method === "DELETE" && request.headers["content-type"] !== JSON_API_MEDIA_TYPE) {
        return error(415, ACTIVEPLATFORM_TITLES.unsupportedMediaType);
      }
      const [resellerId, paymentId] = [decodeURIComponent(route[1]), decodeURIComponent(route[2])];
      const payment = payments.get(paymentId);
      if (!reaches(manager, resellerId) || !payment || payment.vendorResellerId !== resellerId) {
        return error(404, ACTIVEPLATFORM_TITLES.notFound);
      }
      if (request.method === "GET") return paymentDocument(payment);
      if (payment.state !== PaymentState.WAITING_FOR_PAYMENT) return error(422, ACTIVEPLATFORM_TITLES.wrongState);
      if (payment.paymentModel === PaymentModel.POSTPAID) return error(422, ACTIVEPLATFORM_TITLES.postpaid);
      payment.state = PaymentState.CANCELLED;
      payment.closedAt = new Date().toISOString();
      return { ...paymentDocument(payment), applied: true };
    },
  };
}

/**
 * Starts the ActivePlatform emulator. Default: ActivePlatform's demo payments, the demo reseller
 * tree, a platform manager with the demo token and an Acme Europe manager.
 */
export function startActivePlatformEmulator(options: ActivePlatformEmulatorOptions = {}): Promise<VendorEmulator> {
  const managers = options.managers ?? [
    { token: ACTIVEPLATFORM_DEMO_TOKEN, resellerId: null },
    { token: ACTIVEPLATFORM_ACME_EUROPE_TOKEN, resellerId: "2" },
  ];
  const api = activePlatformApi(managers, options.resellerParents ?? DEMO_PARENTS);
  return startVendorEmulator(api, managers[0].token, ACTIVEPLATFORM_DEMO_PAYMENTS, options);
}
