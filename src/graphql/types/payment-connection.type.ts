import { Field, Int, ObjectType } from "type-graphql";
import { Payment } from "../../domain/payment.entity";

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

  @Field(() => Int, { description: "Payments matching the filter, across all pages" })
  totalCount!: number;
}
