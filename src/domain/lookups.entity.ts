import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ simpleResolvers: true, description: "Financial transaction type of a ledger record, e.g. Payment Cancellation" })
@Entity({ name: "financial_transaction_type" })
export class FinancialTransactionType {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field()
  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  @Field()
  @Column({ name: "alternative_code", type: "varchar", length: 50, unique: true })
  alternativeCode!: string;
}

@ObjectType({ simpleResolvers: true, description: "Financial transaction category, e.g. Cancellation Because of Mistake" })
@Entity({ name: "financial_transaction_category" })
export class FinancialTransactionCategory {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field()
  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  @Field()
  @Column({ type: "varchar", length: 50, unique: true })
  code!: string;
}

@ObjectType({ simpleResolvers: true, description: "Reason a payment is rejected, e.g. Reject Due to Business Request" })
@Entity({ name: "rejection_reason" })
export class RejectionReason {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field()
  @Column({ type: "varchar", length: 100, unique: true })
  name!: string;

  @Field()
  @Column({ name: "alternative_code", type: "varchar", length: 50, unique: true })
  alternativeCode!: string;
}

/** The three lookups: each a table of named rows found by id, name or code. */
export enum LookupKind {
  FINANCIAL_TRANSACTION_TYPE = "FINANCIAL_TRANSACTION_TYPE",
  FINANCIAL_TRANSACTION_CATEGORY = "FINANCIAL_TRANSACTION_CATEGORY",
  REJECTION_REASON = "REJECTION_REASON",
}

/** A lookup row of any kind; `code` is a type's or reason's alternative code, a category's code. */
export class LookupEntry {
  id!: string;

  kind!: LookupKind;

  name!: string;

  code!: string;
}
