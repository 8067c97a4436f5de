import { getMetadataArgsStorage } from "typeorm";
import { CurrencyRatePeriod } from "../../src/domain/currency-rate-period.entity";
import { PaymentCancellation } from "../../src/domain/payment-cancellation.entity";
import { Payment } from "../../src/domain/payment.entity";
import { JsonDecimal } from "../../src/vendors/http/decimal-json";
import { AMOUNT_COLUMN, RATE_COLUMN, storableDecimal } from "../../src/vendors/http/vendor-decimals";
import { UnreadableVendorValue } from "../../src/vendors/http/vendor-json";

function column(target: abstract new (...args: never[]) => unknown, propertyName: string) {
  const found = getMetadataArgsStorage().columns.find((candidate) => candidate.target === target && candidate.propertyName === propertyName);
  return { precision: found?.options.precision, scale: found?.options.scale };
}

describe("vendor decimals checked against our numeric columns", () => {
  it("knows the columns as the entities declare them", () => {
    for (const [target, property] of [[PaymentCancellation, "vendorAmount"], [PaymentCancellation, "amount"], [Payment, "amount"]] as const) {
      expect(column(target, property)).toEqual(AMOUNT_COLUMN);
    }
    expect(column(CurrencyRatePeriod, "rate")).toEqual(RATE_COLUMN);
    expect(column(CurrencyRatePeriod, "inverseRate")).toEqual(RATE_COLUMN);
  });

  it.each([
    [new JsonDecimal("0.123456789012"), "0.123456789012"],
    [new JsonDecimal("123456789012.5"), "123456789012.5"],
    [new JsonDecimal("0.950000000000000000"), "0.950000000000"],
    ["-7.25", "-7.25"],
    [42, "42"],
    [null, null],
    [undefined, null],
  ])("keeps %p as %p", (value, kept) => {
    expect(storableDecimal(value, "rate", RATE_COLUMN)).toBe(kept);
  });

  it.each([
    [new JsonDecimal("0.1234567890123"), "rate 0.1234567890123 has more than the 12 decimals we keep"],
    [new JsonDecimal("1234567890123"), "rate 1234567890123 has more than the 12 digits before the point we keep"],
    ["1e3", "rate is not a decimal number"],
    [true, "rate is not a decimal number"],
    [new JsonDecimal(`0.${"1".repeat(60)}`), `rate 0.${"1".repeat(38)}… has more than the 12 decimals we keep`],
  ])("refuses %p, naming the field", (value, message) => {
    expect(() => storableDecimal(value, "rate", RATE_COLUMN)).toThrow(new UnreadableVendorValue(message));
  });
});
