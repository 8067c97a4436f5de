import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Param = { kind: "root" | "context" | "info"; index: number; propertyName?: string; getType?: undefined };
type GetParams = (params: Param[], resolverData: { root: unknown; args: object; context: unknown; info: unknown }, validate: unknown, validateFn: unknown) => unknown[];

/**
 * type-graphql resolves a resolver's parameters (root, context, arguments) on every call of every
 * field resolver: a 100-payment page makes some 400 such calls. It sorted the parameters by their
 * index on each one (their decorators register them last first); patches/type-graphql+*.patch
 * sorts them the first time only. `npm ci` applies it (postinstall: patch-package).
 */
describe("type-graphql's parameters of a resolver", () => {
  const load = createRequire(__filename);
  const { getParams } = load(join(dirname(load.resolve("type-graphql")), "resolvers", "helpers.js")) as { getParams: GetParams };
  const data = { root: "the root", args: {}, context: "the context", info: "the info" };

  it("come in the order of the method's parameters, registered last first", () => {
    const params: Param[] = [
      { kind: "info", index: 2 },
      { kind: "context", index: 1, propertyName: undefined },
      { kind: "root", index: 0, propertyName: undefined },
    ];
    expect(getParams(params, data, false, undefined)).toEqual(["the root", "the context", "the info"]);
    expect(getParams(params, data, false, undefined)).toEqual(["the root", "the context", "the info"]);
  });

  it("are sorted once, not again on every call", () => {
    const params: Param[] = [
      { kind: "context", index: 1, propertyName: undefined },
      { kind: "root", index: 0, propertyName: undefined },
    ];
    getParams(params, data, false, undefined);
    let sorts = 0;
    const sort = params.sort.bind(params);
    params.sort = (compare) => {
      sorts += 1;
      return sort(compare);
    };
    for (let call = 0; call < 3; call++) expect(getParams(params, data, false, undefined)).toEqual(["the root", "the context"]);
    expect(sorts).toBe(0);
  });
});
