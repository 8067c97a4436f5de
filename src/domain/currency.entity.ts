import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { CurrencyLifeCycleState } from "./enums";

@ObjectType({ simpleResolvers: true, description: "A currency (ISO 4217)" })
@Entity({ name: "currency" })
export class Currency {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field({ description: "ISO 4217 code, unique" })
  @Column({ type: "char", length: 3, unique: true })
  code!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: "prefix_symbol", type: "varchar", length: 8, nullable: true })
  prefixSymbol!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "suffix_symbol", type: "varchar", length: 8, nullable: true })
  suffixSymbol!: string | null;

  @Field(() => CurrencyLifeCycleState)
  @Column({ name: "life_cycle_state", type: "enum", enum: CurrencyLifeCycleState, enumName: "currency_life_cycle_state" })
  lifeCycleState!: CurrencyLifeCycleState;

  @Field({ description: "Name of the integer part, e.g. euro" })
  @Column({ name: "integer_part_name", type: "varchar", length: 50 })
  integerPartName!: string;

  @Field({ description: "Name of the decimal part, e.g. cent" })
  @Column({ name: "decimal_part_name", type: "varchar", length: 50 })
  decimalPartName!: string;

  @Field(() => Int, { description: "Digits of the minor unit (2 for EUR, 0 for JPY)" })
  @Column({ name: "minor_unit_digits", type: "smallint" })
  minorUnitDigits!: number;
}
