import { Field, ObjectType } from "type-graphql";
import { Decimal } from "../../domain/scalars/decimal.scalar";

@ObjectType({ description: "The vendor's own cancellation record, as it answered (CRM.COM issues one)" })
export class VendorCancellationAnswer {
  @Field(() => String, { nullable: true, description: "The vendor's id of the record" })
  vendorId!: string | null;

  @Field(() => String, { nullable: true })
  number!: string | null;

  @Field(() => String, { nullable: true })
  referenceNumber!: string | null;

  @Field(() => Date, { nullable: true })
  issuedOn!: Date | null;

  @Field(() => Date, { nullable: true })
  postedOn!: Date | null;

  @Field(() => Decimal, { nullable: true, description: "The amount the vendor cancelled" })
  amount!: string | null;

  @Field(() => String, { nullable: true })
  gatewayName!: string | null;

  @Field(() => String, { nullable: true })
  gatewayReferenceNumber!: string | null;

  @Field(() => String, { nullable: true, description: "The back office code the cancel was sent with" })
  backOfficeCode!: string | null;
}

@ObjectType({ description: "The vendor's definite answer to an operation, as the API kept it (never credentials)" })
export class VendorAnswer {
  @Field({ description: "SUCCEEDED or REFUSED" })
  outcome!: string;

  @Field(() => String, { nullable: true, description: "The vendor's refusal code" })
  vendorCode!: string | null;

  @Field(() => String, { nullable: true, description: "The vendor's refusal message" })
  vendorMessage!: string | null;

  @Field(() => String, { nullable: true })
  gatewayName!: string | null;

  @Field(() => String, { nullable: true })
  gatewayReferenceNumber!: string | null;

  @Field(() => Date, { nullable: true, description: "When the vendor closed the payment" })
  closedAt!: Date | null;

  @Field(() => VendorCancellationAnswer, { nullable: true, description: "For a cancel: the vendor's cancellation record" })
  cancellation!: VendorCancellationAnswer | null;
}
