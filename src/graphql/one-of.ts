import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { GraphQLInputObjectType, type GraphQLSchema } from "graphql";
import { InputType } from "type-graphql";

const oneOfInputNames = new Set<string>();

/**
 * An input object of which exactly one field must be given (`input X @oneOf`). type-graphql
 * has no `@oneOf` of its own: the names are collected here and the built schema is rebuilt with
 * `isOneOf`, so that graphql-js prints the directive and enforces it on literals and variables.
 */
export function OneOfInputType(name: string, description: string): ClassDecorator {
  oneOfInputNames.add(name);
  return InputType(name, { description: `${description} Give exactly one field.` });
}

export function applyOneOfInputs(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.INPUT_OBJECT_TYPE]: (type) =>
      oneOfInputNames.has(type.name) ? new GraphQLInputObjectType({ ...type.toConfig(), isOneOf: true }) : type,
  });
}
