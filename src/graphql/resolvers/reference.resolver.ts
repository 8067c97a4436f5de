import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Permission } from "../../access/roles";
import { LookupEntry, LookupKind } from "../../domain/lookups.entity";
import { saveCurrency, saveLookup, saveRatePeriod } from "../../operations/reference/save-reference-data";
import { saveReseller } from "../../operations/reference/save-reseller";
import type { GraphQLContext } from "../context";
import { SaveCurrencyInput, SaveLookupInput, SaveRatePeriodInput, SaveResellerInput } from "../inputs/reference.inputs";
import { ResellerInTree, SaveCurrencyResult, SaveLookupResult, SaveRatePeriodResult, SaveResellerResult } from "../types/reference.types";

/** Reference data: the lookups and the reseller tree for forms and filters, and the admin's changes to them. */
@Resolver()
export class ReferenceResolver {
  @Authorized(Permission.PAYMENT_READ)
  @Query(() => [LookupEntry], { description: "The lookups (transaction types, categories, rejection reasons), of one kind or all, by kind and name" })
  lookups(@Ctx() ctx: GraphQLContext, @Arg("kind", () => LookupKind, { nullable: true }) kind?: LookupKind | null) {
    return ctx.db.stores.reference.lookups(kind ?? null);
  }

  @Authorized(Permission.PAYMENT_READ)
  @Query(() => [ResellerInTree], { description: "The resellers within the caller's reach as a tree: the caller's own first, each parent before its children, siblings by code" })
  async resellers(@Ctx() ctx: GraphQLContext): Promise<ResellerInTree[]> {
    return ctx.db.stores.resellers.tree(ctx.actor.resellerId);
  }

  @Mutation(() => SaveResellerResult, { description: "Add a reseller below one within reach, or rename or move one within reach; a move never puts it below itself (reference:write)" })
  saveReseller(@Arg("input", () => SaveResellerInput, { validate: false }) input: SaveResellerInput, @Ctx() ctx: GraphQLContext) {
    return saveReseller(ctx.db, input, ctx.actor);
  }

  @Mutation(() => SaveCurrencyResult, { description: "Add a currency, or change the one with the code (reference:write)" })
  saveCurrency(@Arg("input", () => SaveCurrencyInput, { validate: false }) input: SaveCurrencyInput, @Ctx() ctx: GraphQLContext) {
    return saveCurrency(ctx.db, input, ctx.actor);
  }

  @Mutation(() => SaveRatePeriodResult, { description: "Add a currency rate period, or change the one of the currency starting on fromDate; an overlap is named (reference:write)" })
  saveRatePeriod(@Arg("input", () => SaveRatePeriodInput, { validate: false }) input: SaveRatePeriodInput, @Ctx() ctx: GraphQLContext) {
    return saveRatePeriod(ctx.db, input, ctx.actor);
  }

  @Mutation(() => SaveLookupResult, { description: "Add a lookup, or rename the one of the kind with the code (reference:write)" })
  saveLookup(@Arg("input", () => SaveLookupInput, { validate: false }) input: SaveLookupInput, @Ctx() ctx: GraphQLContext) {
    return saveLookup(ctx.db, input, ctx.actor);
  }
}
