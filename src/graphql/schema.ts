import "reflect-metadata";
import { assertValidSchema, isUnionType, type GraphQLSchema } from "graphql";
import { buildSchemaSync, type PubSub } from "type-graphql";
import "./enums/domain-enums";
import { applyOneOfInputs } from "./one-of";
import { CurrencyRatePeriodResolver, CurrencyResolver } from "./resolvers/currency.resolver";
import { PaymentIntakeResolver } from "./resolvers/payment-intake.resolver";
import { ReferenceResolver } from "./resolvers/reference.resolver";
import { PaymentOperationsResolver } from "./resolvers/payment-operations.resolver";
import { PaymentCancellationResolver } from "./resolvers/payment-cancellation.resolver";
import { PaymentConnectionResolver, PaymentResolver } from "./resolvers/payment.resolver";
import { OperationsAttentionResolver, PaymentPendingOperationResolver } from "./resolvers/operations-attention.resolver";
import { PaymentEventResolver, PaymentOperationRecordResolver, ResellerResolver } from "./resolvers/tenancy.resolver";
import { ViewerResolver } from "./resolvers/viewer.resolver";
import { LiveResolver, OperationChangeResolver, PaymentChangeResolver } from "./resolvers/live.resolver";
import { OperationExchangeResolver, PaymentOperationsListResolver } from "./resolvers/operation-exchange.resolver";
import { DateTime } from "../domain/scalars/date.scalar";
import { requirePermissions } from "./require-permissions";
import { byTypename } from "./types/operation-result.types";
import { withVendorCodes } from "./enums/vendor-code.enum";
import type { VendorCode } from "../domain/enums";
import { INSTALLED_VENDORS } from "../vendors/installed-vendors";

export const RESOLVERS = [
  PaymentResolver,
  PaymentConnectionResolver,
  PaymentOperationsResolver,
  PaymentIntakeResolver,
  ReferenceResolver,
  PaymentCancellationResolver,
  CurrencyResolver,
  CurrencyRatePeriodResolver,
  OperationsAttentionResolver,
  PaymentPendingOperationResolver,
  PaymentEventResolver,
  PaymentOperationRecordResolver,
  OperationExchangeResolver,
  PaymentOperationsListResolver,
  ResellerResolver,
  ViewerResolver,
  LiveResolver,
  PaymentChangeResolver,
  OperationChangeResolver,
] as const;

let built: GraphQLSchema | undefined;
const byVendors = new Map<string, GraphQLSchema>();

/**
 * type-graphql asks for a PubSub as soon as there is a subscription, but each subscription here
 * gives its own `subscribe` (src/graphql/resolvers/live.resolver.ts): no topic is ever used.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error("subscriptions here read the live changes, not topics");
  },
  subscribe() {
    throw new Error("subscriptions here read the live changes, not topics");
  },
};

/**
 * type-graphql wraps a union's `resolveType` in an async function, but the compiled execution
 * (src/server/compiled-execution.ts) needs a member's type at once: every union of the API is a
 * result union whose members carry their `__typename`, so each resolves by it directly.
 */
function resolveUnionsByTypename(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) if (isUnionType(type)) type.resolveType = byTypename;
  return built;
}

/** The resolver classes' schema, built once. */
function resolverSchema(): GraphQLSchema {
  built ??= applyOneOfInputs(
    buildSchemaSync({
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql types resolver classes as Function
      resolvers: [...RESOLVERS] as [Function, ...Function[]],
      scalarsMap: [{ type: Date, scalar: DateTime }],
      authChecker: requirePermissions,
      pubSub: NO_TOPICS,
      validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
      emitSchemaFile: false,
      // Checked below by graphql-js's assertValidSchema: type-graphql's own check runs a whole
      // introspection query for the same errors.
      skipCheck: true,
    }),
  );
  assertValidSchema(built);
  return built;
}

/**
 * The API's schema for the vendors an instance serves: VendorCode has one value per vendor.
 * With the installed vendors, `schema.graphql` is its printout.
 */
export function buildApiSchema(vendorCodes: readonly VendorCode[] = INSTALLED_VENDORS.map((module) => module.code)): GraphQLSchema {
  const key = vendorCodes.join(" ");
  let schema = byVendors.get(key);
  if (!schema) {
    schema = resolveUnionsByTypename(withVendorCodes(resolverSchema(), vendorCodes));
    byVendors.set(key, schema);
  }
  return schema;
}
