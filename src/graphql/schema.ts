import "reflect-metadata";
import { isUnionType, type GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { applyOneOfInputs } from "./one-of";
import { CurrencyRatePeriodResolver, CurrencyResolver } from "./resolvers/currency.resolver";
import { PaymentIntakeResolver } from "./resolvers/payment-intake.resolver";
import { PaymentOperationsResolver } from "./resolvers/payment-operations.resolver";
import { PaymentCancellationResolver } from "./resolvers/payment-cancellation.resolver";
import { PaymentResolver } from "./resolvers/payment.resolver";
import { OperationsAttentionResolver, PaymentPendingOperationResolver } from "./resolvers/operations-attention.resolver";
import { PaymentEventResolver, PaymentOperationRecordResolver, ResellerResolver } from "./resolvers/tenancy.resolver";
import { ViewerResolver } from "./resolvers/viewer.resolver";
import { OperationExchangeResolver, PaymentOperationsListResolver } from "./resolvers/operation-exchange.resolver";
import { DateTime } from "../domain/scalars/date.scalar";
import { requirePermissions } from "./require-permissions";
import { byTypename } from "./types/operation-result.types";

export const RESOLVERS = [
  PaymentResolver,
  PaymentOperationsResolver,
  PaymentIntakeResolver,
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
] as const;

let schema: GraphQLSchema | undefined;

/**
 * type-graphql wraps a union's `resolveType` in an async function, but the compiled execution
 * (src/server/compiled-execution.ts) needs a member's type at once: every union of the API is a
 * result union whose members carry their `__typename`, so each resolves by it directly.
 */
function resolveUnionsByTypename(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) if (isUnionType(type)) type.resolveType = byTypename;
  return built;
}

/** The API's schema, built once from the resolver classes; `schema.graphql` is its printout. */
export function buildApiSchema(): GraphQLSchema {
  schema ??= resolveUnionsByTypename(applyOneOfInputs(
    buildSchemaSync({
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql types resolver classes as Function
      resolvers: [...RESOLVERS] as [Function, ...Function[]],
      scalarsMap: [{ type: Date, scalar: DateTime }],
      authChecker: requirePermissions,
      validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
      emitSchemaFile: false,
    }),
  ));
  return schema;
}
