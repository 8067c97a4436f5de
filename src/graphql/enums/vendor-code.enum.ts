import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { GraphQLEnumType, type GraphQLSchema } from "graphql";
import { registerEnumType } from "type-graphql";
import type { VendorCode } from "../../domain/enums";
import { INSTALLED_VENDORS } from "../../vendors/installed-vendors";

const NAME = "VendorCode";

/** A vendor's code as a VendorCode value: upper-cased (CRMCOM = "crmcom"). */
function valuesOf(codes: readonly VendorCode[]): Record<string, VendorCode> {
  return Object.fromEntries(codes.map((code) => [code.toUpperCase(), code]));
}

/**
 * GraphQL's VendorCode as the resolvers declare it: the installed vendors. The schema an instance
 * serves takes its values from the vendors it is given (withVendorCodes).
 */
export const VendorCodeEnum: Readonly<Record<string, string>> = valuesOf(INSTALLED_VENDORS.map((module) => module.code));

registerEnumType(VendorCodeEnum, { name: NAME, description: "The payment vendor that holds the payment" });

/** The schema with one VendorCode value per given vendor, wherever VendorCode is used. */
export function withVendorCodes(schema: GraphQLSchema, codes: readonly VendorCode[]): GraphQLSchema {
  const values = Object.fromEntries(Object.entries(valuesOf(codes)).map(([name, value]) => [name, { value }]));
  return mapSchema(schema, {
    [MapperKind.ENUM_TYPE]: (type) => (type.name === NAME ? new GraphQLEnumType({ ...type.toConfig(), values }) : type),
  });
}
