import { Field, ObjectType } from "type-graphql";
import { Payment } from "../../domain/payment.entity";
import type { PaymentCount } from "../../stores/payment-store";

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge; pass it as `after` for the next page" })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class PaymentEdge {
  @Field()
  cursor!: string;

  @Field(() => Payment)
  node!: Payment;
}

@ObjectType({ simpleResolvers: true, description: "A page of payments, newest issued first" })
export class PaymentConnection {
  @Field(() => [PaymentEdge])
  edges!: PaymentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts on first call: totalCount and totalCountIsCapped (PaymentConnectionResolver) call it only when selected. */
  count!: () => Promise<PaymentCount>;
}
