import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Decimal } from "./scalars/decimal.scalar";
import { LocalDate } from "./scalars/date.scalar";

/**
 * The exchange rate of a currency over a range of days (`toDate` inclusive, open when null).
 * Periods of one currency never overlap: an exclusion constraint in PostgreSQL enforces it.
 */
@ObjectType({ simpleResolvers: true, description: "Exchange rate of a currency over a range of days; toDate is inclusive, null means open-ended" })
@Entity({ name: "currency_rate_period" })
export class CurrencyRatePeriod {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "currency_id", type: "uuid" })
  currencyId!: string;

  @Field(() => Decimal)
  @Column({ type: "numeric", precision: 24, scale: 12 })
  rate!: string;

  @Field(() => Decimal)
  @Column({ name: "inverse_rate", type: "numeric", precision: 24, scale: 12 })
  inverseRate!: string;

  @Field(() => LocalDate)
  @Column({ name: "from_date", type: "date" })
  fromDate!: string;

  @Field(() => LocalDate, { nullable: true })
  @Column({ name: "to_date", type: "date", nullable: true })
  toDate!: string | null;
}
