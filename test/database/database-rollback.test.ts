import type { AppDataSource } from "../../src/database/data-source";
import { BackOfficeCodesPerReseller1764000000000 } from "../../src/database/migrations/1764000000000-BackOfficeCodesPerReseller";
import { OperationsNeedingAttention1764100000000 } from "../../src/database/migrations/1764100000000-OperationsNeedingAttention";
import { inRolledBackTransaction, openTestDatabase } from "../support/test-database";

let dataSource: AppDataSource;
beforeAll(async () => {
  dataSource = await openTestDatabase();
});
afterAll(() => dataSource.destroy());

const CANCEL_TWO_PAYMENTS = `
  INSERT INTO payment_cancellation (payment_id, number, reference_number, life_cycle_state, issued_on, posted_on, amount, financial_transaction_type_id)
  SELECT p.id, '1', 'PC-' || p.number, 'POSTED', now(), now(), p.amount, (SELECT id FROM financial_transaction_type LIMIT 1)
    FROM payment p WHERE p.number IN ($1, $2)`;

describe("rolling back the newest migrations", () => {
  it("rolls both back on data the earlier schema can hold", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      await new OperationsNeedingAttention1764100000000().down(q);
      await new BackOfficeCodesPerReseller1764000000000().down(q);
      const [{ columns }] = await q.query(`SELECT count(*)::int AS columns FROM information_schema.columns WHERE table_name = 'payment_cancellation' AND column_name IN ('vendor_code', 'reseller_id')`);
      expect(columns).toBe(0);
    });
  });

  it("refuses while two vendors' cancellations share a number, and changes nothing", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      // 1001 is ConvergeGate's, 1025 CRM.COM's: per-vendor numbering lets both be "1".
      await q.query(CANCEL_TWO_PAYMENTS, ["1001", "1025"]);
      await expect(new OperationsNeedingAttention1764100000000().down(q)).rejects.toThrow(/cannot be rolled back: cancellations of different vendors share a number/);
      const kept = await q.query(`SELECT c.vendor_code, c.life_cycle_state FROM payment_cancellation c WHERE c.number = '1' ORDER BY c.vendor_code`);
      expect(kept).toEqual([
        { vendor_code: "convergegate", life_cycle_state: "POSTED" },
        { vendor_code: "crmcom", life_cycle_state: "POSTED" },
      ]);
    });
  });

  it("refuses while a posted cancellation has no vendor number", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      await q.query(
        `INSERT INTO payment_cancellation (payment_id, life_cycle_state, issued_on, amount, financial_transaction_type_id, vendor_record_known)
         SELECT p.id, 'POSTED', now(), p.amount, (SELECT id FROM financial_transaction_type LIMIT 1), false FROM payment p WHERE p.number = '1025'`,
      );
      await expect(new OperationsNeedingAttention1764100000000().down(q)).rejects.toThrow(/vendor record is unknown/);
    });
  });

  it("refuses while two resellers use one back office code", async () => {
    await inRolledBackTransaction(dataSource, async (q) => {
      const owners = await q.query(`SELECT r.code FROM payment p JOIN reseller r ON r.id = p.reseller_id WHERE p.number IN ('1001', '1002')`);
      expect(new Set(owners.map((o: { code: string }) => o.code)).size).toBe(2);
      await q.query(`UPDATE payment SET back_office_code = 'SHARED-1' WHERE number IN ('1001', '1002')`);
      await expect(new BackOfficeCodesPerReseller1764000000000().down(q)).rejects.toThrow(/resellers share back office codes/);
    });
  });
});
