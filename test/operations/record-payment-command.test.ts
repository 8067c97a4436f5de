import "reflect-metadata";
import { plainRecordPaymentCommand, RecordPaymentCommand } from "../../src/operations/commands/record-payment-command";
import { validateCommand } from "../../src/operations/commands/validate-command";

const VALID = {
  vendor: "crmcom",
  vendorPaymentId: "CRM-1",
  number: "1001",
  referenceNumber: "REF-1001",
  backOfficeCode: "BO-1",
  lifeCycleState: "POSTED",
  issuedOn: "2024-06-30T10:00:00Z",
  postedOn: "2024-06-30T10:05:00.123Z",
  amount: "49.90",
  currencyCode: "EUR",
  paymentModel: "PREPAID",
  resellerCode: "acme",
  vendorResellerId: "R-1",
  gatewayName: "checkout",
  gatewayReferenceNumber: "G-1",
};

const VALUES: unknown[] = [
  undefined, null, "", "a", "x".repeat(31), "x".repeat(32), "x".repeat(64), "x".repeat(65), "x".repeat(100), "x".repeat(101),
  "😀".repeat(40), "a\uFE0F", 7, 0, true, {}, [], ["a"], new Date("2024-01-01T00:00:00Z"), new Date("nope"),
  "POSTED", "posted", "CANCELLED", "PREPAID", "POSTPAID", "EUR", "eur", "EURO", "0", "0.00", "10", "10.5", "-1", "1e3", "1.12345",
  "1234567890123456", "123456789012345.1234", "2024-06-30", "2024-06-30T10:00:00Z", "0000-01-01T00:00:00Z", "+010000-01-01T00:00:00Z",
  "not a date", "1 January 2024", "__proto__",
];

describe("a record that plainly passes RecordPaymentCommand's rules", () => {
  it("is the command class-validator reads, and is found so for an ordinary record", async () => {
    const plain = plainRecordPaymentCommand({ ...VALID });
    expect(plain).toBeInstanceOf(RecordPaymentCommand);
    const checked = await validateCommand(RecordPaymentCommand, { ...VALID } as never);
    expect(checked).toEqual({ command: plain });
    const minimal = { ...VALID, backOfficeCode: undefined, postedOn: null, vendorResellerId: null, gatewayName: undefined, gatewayReferenceNumber: null };
    expect(await validateCommand(RecordPaymentCommand, minimal as never)).toEqual({ command: plainRecordPaymentCommand(minimal) });
  });

  it("is never a record class-validator refuses, whatever one field holds", async () => {
    let accepted = 0;
    for (const field of [...Object.keys(VALID), "unknownField"]) {
      for (const value of VALUES) {
        const record: Record<string, unknown> = { ...VALID, [field]: value };
        const plain = plainRecordPaymentCommand(record);
        const checked = await validateCommand(RecordPaymentCommand, record as never);
        if (plain === null) continue;
        accepted++;
        expect({ field, value, checked }).toEqual({ field, value, checked: { command: plain } });
      }
      const without: Record<string, unknown> = { ...VALID };
      delete without[field];
      const plain = plainRecordPaymentCommand(without);
      if (plain) expect(await validateCommand(RecordPaymentCommand, without as never)).toEqual({ command: plain });
    }
    expect(accepted).toBeGreaterThan(40);
  });

  it("leaves a field named after something every object inherits to class-validator, which never lets it through", async () => {
    for (const field of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"]) {
      // As JSON.parse gives it: an own field of that name.
      const record = JSON.parse(JSON.stringify(VALID).replace(/^\{/, `{"${field}":"x",`)) as Record<string, unknown>;
      expect(Object.keys(record)).toContain(field);
      expect({ field, plain: plainRecordPaymentCommand(record) }).toEqual({ field, plain: null });
      const checked = await validateCommand(RecordPaymentCommand, record as never);
      // Refused as an unknown field, or (__proto__, which class-transformer drops) a command of its class with nothing of it.
      const command = "command" in checked ? (checked.command as object) : null;
      expect({ field, prototype: command && Object.getPrototypeOf(command) === RecordPaymentCommand.prototype, own: command && Object.hasOwn(command, field) }).toEqual({
        field,
        prototype: command && true,
        own: command && false,
      });
    }
  });

  it("leaves a command instance to class-validator", () => {
    expect(plainRecordPaymentCommand(Object.assign(new RecordPaymentCommand(), VALID))).toBeNull();
  });
});
