import { CRMCOM_DEMO_PAYMENTS } from "./demo";
import { randomUUID } from "node:crypto";
import {
  DEMO_CURRENCIES,
  DEMO_RATE_PERIODS,
  DEMO_REJECTION_REASONS,
  DEMO_TRANSACTION_CATEGORIES,
  DEMO_TRANSACTION_TYPES,
} from "../../demo/demo-data";
import { CurrencyLifeCycleState, PaymentState } from "../../domain/enums";
import { JsonDecimal } from "../http/decimal-json";
import { type EmulatorCancellation, type EmulatorPayment, type EmulatorPaymentBook } from "../emulator/emulator-payments";
import type { EmulatorFaults } from "../emulator/emulator-faults";
import { startVendorEmulator, type EmulatorAnswer, type EmulatorOptions, type VendorApi, type VendorEmulator } from "../emulator/vendor-emulator";
import { isJsonObject, type JsonObject } from "../http/vendor-json";
import { CRMCOM_CODES, CRMCOM_DEMO_TOKEN, CRMCOM_OK, CRMCOM_PATHS } from "./contract";

const PAYMENT_FIELDS = { id: "vendorPaymentId", number: "number", reference_number: "referenceNumber", back_office_code: "backOfficeCode" } as const;
const UDF = /^udf_(string_[1-8]|float_[1-4]|date_[1-4])$/;
const KNOWN_FIELDS = new Set(["token", "payment_identifier", "type_identifier", "category_identifier", "rejection_reason_identifier", "notes", "back_office_code", "issue_reason", "fields_set"]);

class CrmComError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function ok(data: unknown, applied: boolean): EmulatorAnswer {
  return { status: 200, body: { status: { message: null, description: null, code: CRMCOM_OK }, data }, applied };
}

function failure(code: string, message: string, status = 200): EmulatorAnswer {
  return { status, body: { status: { message, description: message, code }, data: null } };
}

/** CRM.COM writes its Date type with a time and without a zone (2014-07-14T17:06:14). */
const crmTime = (iso: string | null) => (iso ? iso.slice(0, 19) : null);
/** A calendar day (a rate period's bound) in CRM.COM's Date form. */
const crmDay = (day: string | null) => (day ? `${day}T00:00:00` : null);
/** A udf_date_N: OUR ASSUMPTION, the day alone or CRM.COM's Date form with a time. */
const UDF_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;

/** The identifier object's one given field, as the pages require ("only one of those parameters"). */
function oneField(identifier: unknown, allowed: readonly string[], what: string): [string, string] {
  if (!isJsonObject(identifier)) throw new CrmComError(CRMCOM_CODES.missingParameter, `${what} is mandatory`);
  const given = Object.entries(identifier).filter(([, value]) => value !== undefined && value !== null);
  if (given.length !== 1 || !allowed.includes(given[0][0]) || typeof given[0][1] !== "string") {
    throw new CrmComError(CRMCOM_CODES.invalidIdentifier, `${what} must give exactly one of ${allowed.join(", ")}`);
  }
  return given[0] as [string, string];
}

function lookup<T extends Record<string, string>>(list: readonly T[], identifier: unknown, fields: Record<string, keyof T>, what: string): T {
  const [field, value] = oneField(identifier, Object.keys(fields), what);
  const found = list.find((item) => item[fields[field]] === value);
  if (!found) throw new CrmComError(CRMCOM_CODES.invalidIdentifier, `no ${what.replace(/_identifier$/, "")} with ${field} "${value}"`);
  return found;
}

function findPayment(payments: EmulatorPaymentBook, identifier: unknown): EmulatorPayment {
  const [field, value] = oneField(identifier, Object.keys(PAYMENT_FIELDS), "payment_identifier");
  const key = PAYMENT_FIELDS[field as keyof typeof PAYMENT_FIELDS];
  const payment = payments.all().find((candidate) => candidate[key] === value);
  if (!payment) throw new CrmComError(CRMCOM_CODES.paymentNotFound, `no payment with ${field} "${value}"`);
  return payment;
}

function checkOptionalFields(params: JsonObject): void {
  for (const [name, value] of Object.entries(params)) {
    if (KNOWN_FIELDS.has(name)) continue;
    const udf = UDF.exec(name);
    if (!udf) throw new CrmComError(CRMCOM_CODES.invalidParameter, `unknown parameter ${name}`);
    const valid = udf[1].startsWith("float")
      ? typeof value === "number" || value instanceof JsonDecimal
      : udf[1].startsWith("date")
        ? typeof value === "string" && UDF_DATE.test(value)
        : typeof value === "string";
    if (!valid) throw new CrmComError(CRMCOM_CODES.invalidParameter, `${name} has a value of the wrong type`);
  }
}

function ratePeriodOf(payment: EmulatorPayment): unknown {
  const day = payment.issuedOn.slice(0, 10);
  const period = DEMO_RATE_PERIODS.find(
    (candidate) => candidate.currencyCode === payment.currencyCode && candidate.fromDate <= day && (candidate.toDate === null || day <= candidate.toDate),
  );
  const currency = DEMO_CURRENCIES.find((candidate) => candidate.code === payment.currencyCode);
  if (!period || !currency) return null;
  return {
    id: `${period.currencyCode}-${period.fromDate}`,
    rate: new JsonDecimal(period.rate),
    inverse_rate: new JsonDecimal(period.inverseRate),
    from_date: crmDay(period.fromDate),
    to_date: crmDay(period.toDate),
    currency: {
      id: currency.code,
      code: currency.code,
      prefix_symbol: currency.prefixSymbol,
      suffix_symbol: currency.suffixSymbol,
      life_cycle_state: currency.lifeCycleState === CurrencyLifeCycleState.EFFECTIVE ? "EFFECTIVE" : "NOT EFFECTIVE",
      integer_part_name: currency.integerPartName,
      decimal_part_name: currency.decimalPartName,
    },
  };
}

function paymentObject(payment: EmulatorPayment): unknown {
  return {
    id: payment.vendorPaymentId,
    number: payment.number,
    reference_number: payment.referenceNumber,
    life_cycle_state: payment.state,
    issued_on: crmTime(payment.issuedOn),
    posted_on: crmTime(payment.postedOn),
    payment_amount: new JsonDecimal(payment.amount),
    processed_by_payment_gateway: payment.gatewayName,
    payment_gateway_reference_number: payment.gatewayReferenceNumber,
    currency_rate_period: ratePeriodOf(payment),
  };
}

function cancellationObject(payment: EmulatorPayment, cancellation: EmulatorCancellation): unknown {
  return {
    id: cancellation.id,
    number: cancellation.number,
    reference_number: cancellation.referenceNumber,
    life_cycle_state: "POSTED",
    issued_on: crmTime(cancellation.postedOn),
    posted_on: crmTime(cancellation.postedOn),
    payment_amount: new JsonDecimal(payment.amount),
    processed_by_payment_gateway: payment.gatewayName,
    payment_gateway_reference_number: payment.gatewayReferenceNumber ? `${payment.gatewayReferenceNumber}-C` : null,
  };
}

type Route = (params: JsonObject, payments: EmulatorPaymentBook, faults: Readonly<EmulatorFaults>) => EmulatorAnswer;

/** A back office code given to a cancellation before, of any payment: the page says it "should be unique". */
function usedBackOfficeCode(payments: EmulatorPaymentBook, code: string): boolean {
  return payments.all().some((payment) => payment.cancellations.some((cancellation) => cancellation.backOfficeCode === code));
}

const cancel: Route = (params, payments, faults) => {
  const payment = findPayment(payments, params.payment_identifier);
  lookup(DEMO_TRANSACTION_TYPES, params.type_identifier, { name: "name", alternative_code: "alternativeCode" }, "type_identifier");
  if (params.category_identifier !== undefined) {
    lookup(DEMO_TRANSACTION_CATEGORIES, params.category_identifier, { name: "name", code: "code" }, "category_identifier");
  }
  checkOptionalFields(params);
  // By the page alone a cancelled payment still shows POSTED: a repeat is taken like the first cancel.
  const asPosted = faults.pageOnly && payment.state === PaymentState.CANCELLED;
  if (payment.state === PaymentState.CANCELLED && !asPosted) throw new CrmComError(CRMCOM_CODES.alreadyCancelled, "The payment is already cancelled");
  if (payment.state !== PaymentState.POSTED && !asPosted) {
    throw new CrmComError(CRMCOM_CODES.invalidPaymentState, `Only posted payments can be cancelled; the payment is ${payment.state}`);
  }
  const backOfficeCode = typeof params.back_office_code === "string" ? params.back_office_code : null;
  if (backOfficeCode && usedBackOfficeCode(payments, backOfficeCode)) {
    throw new CrmComError(CRMCOM_CODES.duplicateBackOfficeCode, `back_office_code "${backOfficeCode}" is already used`);
  }
  const number = payments.nextNumber();
  const postedOn = new Date().toISOString();
  const cancellation: EmulatorCancellation = {
    id: randomUUID().replace(/-/g, "").toUpperCase(),
    number,
    referenceNumber: `PC-${number}`,
    backOfficeCode,
    postedOn,
  };
  // The answer shows the payment as the page's example does: still POSTED.
  const answered = paymentObject({ ...payment, state: PaymentState.POSTED });
  payment.state = PaymentState.CANCELLED;
  if (!asPosted) payment.closedAt = postedOn;
  payment.cancellations.push(cancellation);
  return ok({ payment: answered, payment_cancellation: cancellationObject(payment, cancellation) }, true);
};

const reject: Route = (params, payments, faults) => {
  const payment = findPayment(payments, params.payment_identifier);
  const reason =
    params.rejection_reason_identifier === undefined
      ? null
      : lookup(DEMO_REJECTION_REASONS, params.rejection_reason_identifier, { name: "name", alternative_code: "alternativeCode" }, "rejection_reason_identifier");
  if (payment.state === PaymentState.REJECTED && !faults.pageOnly) throw new CrmComError(CRMCOM_CODES.alreadyRejected, "The payment is already rejected");
  if (payment.state !== PaymentState.DRAFT) {
    throw new CrmComError(CRMCOM_CODES.invalidPaymentState, `Only draft payments can be rejected; the payment is ${payment.state}`);
  }
  payment.state = PaymentState.REJECTED;
  payment.closedAt = new Date().toISOString();
  payment.rejectionReason = reason?.alternativeCode ?? null;
  return ok(paymentObject(payment), true);
};

function crmComApi(token: string, basePath: string): VendorApi {
  const routes: Record<string, Route> = {
    [`${basePath}${CRMCOM_PATHS.cancel}`]: cancel,
    [`${basePath}${CRMCOM_PATHS.reject}`]: reject,
  };
  return {
    vendor: "crmcom",
    paymentIdOf(request) {
      const identifier = isJsonObject(request.body) ? request.body.payment_identifier : undefined;
      return isJsonObject(identifier) && typeof identifier.id === "string" ? identifier.id : undefined;
    },
    serverError: (status) => failure(CRMCOM_CODES.internalError, "An unexpected error occurred", status),
    handle(request, payments, faults) {
      const route = request.method === "POST" ? routes[request.path] : undefined;
      if (!route) return failure("METHOD_NOT_FOUND", `No method ${request.method} ${request.path}`, 404);
      const params = request.body;
      if (!isJsonObject(params)) return failure(CRMCOM_CODES.invalidParameter, "The request body must be a JSON object");
      if (params.token !== token) return failure(CRMCOM_CODES.invalidToken, "The token is not valid or has expired");
      try {
        return route(params, payments, faults);
      } catch (error) {
        if (error instanceof CrmComError) return failure(error.code, error.message);
        throw error;
      }
    },
  };
}

/** Starts the CRM.COM emulator (default: CRM.COM's demo payments, the demo token, no base path). */
export function startCrmComEmulator(options: EmulatorOptions & { token?: string; basePath?: string } = {}): Promise<VendorEmulator> {
  const token = options.token ?? CRMCOM_DEMO_TOKEN;
  return startVendorEmulator(crmComApi(token, options.basePath ?? ""), token, CRMCOM_DEMO_PAYMENTS, options);
}
