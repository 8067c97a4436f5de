import type { PaymentCriteria } from "../domain/identifiers";
import type { PaymentReach } from "../domain/reach";

/** WHERE conditions of the payment reads, each with its parameter numbered as it is added. */
export class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: (...parameters: string[]) => string, ...values: unknown[]): this {
    const parameters = values.map((value) => `$${this.params.push(value)}`);
    this.clauses.push(clause(...parameters));
    return this;
  }

  /** A parameter outside the WHERE clause (a LIMIT), numbered after the conditions' own. */
  parameter(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  copy(): Conditions {
    const copy = new Conditions();
    copy.clauses.push(...this.clauses);
    copy.params.push(...this.params);
    return copy;
  }

  get where(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(" AND ")}` : "";
  }
}

/** The payments a caller reaches: no condition at the top of the tree. */
export function reachConditions(reach: PaymentReach): Conditions {
  const conditions = new Conditions();
  return reach.resellerIds === "all" ? conditions : conditions.add((ids) => `p.reseller_id = ANY(${ids})`, reach.resellerIds);
}

/** A listing's criteria, added to the conditions (of reach). */
export function filterConditions(conditions: Conditions, filter: PaymentCriteria | undefined): Conditions {
  if (!filter) return conditions;
  // One state as an equality: its index (state, issued on, id) then reads in the listing's order.
  if (filter.states?.length === 1) conditions.add((state) => `p.life_cycle_state = ${state}`, filter.states[0]);
  else if (filter.states?.length) conditions.add((states) => `p.life_cycle_state = ANY(${states})`, filter.states);
  if (filter.vendor) conditions.add((vendor) => `p.vendor_code = ${vendor}`, filter.vendor);
  if (filter.currencyCode) conditions.add((code) => `p.currency_id = (SELECT c.id FROM currency c WHERE c.code = ${code})`, filter.currencyCode);
  if (filter.resellerCode) conditions.add((code) => `p.reseller_id = (SELECT r.id FROM reseller r WHERE r.code = ${code})`, filter.resellerCode);
  if (filter.issuedFrom) conditions.add((from) => `p.issued_on >= ${from}`, filter.issuedFrom);
  if (filter.issuedBefore) conditions.add((before) => `p.issued_on < ${before}`, filter.issuedBefore);
  if (filter.amountMin) conditions.add((min) => `p.amount >= CAST(${min} AS numeric)`, filter.amountMin);
  if (filter.amountMax) conditions.add((max) => `p.amount <= CAST(${max} AS numeric)`, filter.amountMax);
  if (filter.search) {
    conditions.add(
      (text) => `(p.number = ${text} OR p.reference_number = ${text} OR p.back_office_code = ${text} OR p.vendor_payment_id = ${text})`,
      filter.search.trim(),
    );
  }
  return conditions;
}
