import { Permission } from "../../access/roles";
import { Authorized, Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Currency, CurrencyRatePeriod } from "../../domain";
import type { GraphQLContext } from "../context";
import { CurrencyFilter } from "../inputs/payment-filter.input";
import { LocalDate } from "../../domain/scalars/date.scalar";

@Resolver(() => Currency)
export class CurrencyResolver {
  @Authorized(Permission.PAYMENT_READ)
  @Query(() => [Currency], { description: "Currencies, by code" })
  currencies(@Ctx() ctx: GraphQLContext, @Arg("filter", () => CurrencyFilter, { nullable: true }) filter?: CurrencyFilter) {
    return ctx.db.stores.reference.currencies({ codes: filter?.codes, lifeCycleState: filter?.lifeCycleState });
  }

  @Authorized(Permission.PAYMENT_READ)
  @Query(() => Currency, { nullable: true, description: "One currency by its ISO 4217 code, or null" })
  currency(@Arg("code") code: string, @Ctx() ctx: GraphQLContext) {
    return ctx.db.stores.reference.currencyByCode(code);
  }

  @FieldResolver(() => [CurrencyRatePeriod], { description: "Rate periods of the currency, oldest first" })
  ratePeriods(@Root() currency: Currency, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.ratePeriodsByCurrencyId.load(currency.id);
  }

  @FieldResolver(() => CurrencyRatePeriod, { nullable: true, description: "The rate period in force on a day, or null" })
  rateAt(@Root() currency: Currency, @Arg("date", () => LocalDate) date: string, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.rateAt.load(`${currency.id}|${date}`);
  }
}

@Resolver(() => CurrencyRatePeriod)
export class CurrencyRatePeriodResolver {
  @FieldResolver(() => Currency)
  currency(@Root() period: CurrencyRatePeriod, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.currencyById.load(period.currencyId);
  }
}
