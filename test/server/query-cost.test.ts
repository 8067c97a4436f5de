import { getIntrospectionQuery, Kind, parse, specifiedRules, validate, type FragmentDefinitionNode, type GraphQLObjectType, type OperationDefinitionNode } from "graphql";
import { buildApiSchema } from "../../src/graphql/schema";
import { ASSUMED_LIST_SIZE, costReadsVariables, fragmentsOf, operationCost } from "../../src/server/query-cost";
import { introspectionAllowance, introspectionCost, STANDARD_INTROSPECTION_QUERY } from "../../src/server/introspection-cost";
import { introspectionBomb } from "../support/abusive-queries";
import { complexityLimitPlugin, depthLimitRule, INTROSPECTION_QUERY_DEPTH } from "../../src/server/query-limits";

const schema = buildApiSchema();

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return operationCost(schema, operation, fragments, variables);
}

function depthErrors(query: string, maxDepth: number) {
  return validate(schema, parse(query), [...specifiedRules, depthLimitRule(maxDepth)]);
}

/** A frontend's list page: the payment, its currency, rate period, cancellation and events, several fields each. */
export const FRONTEND_PAGE_FIELDS = `
  number amount lifeCycleState issuedOn vendorCode availableOperations
  currency { code prefixSymbol suffixSymbol }
  currencyRatePeriod { rate inverseRate fromDate }
  cancellation { number referenceNumber amount }
  events { type fromState toState occurredAt }`;

describe("operations needing attention", () => {
  it("are charged for the 50 the list answers by default, and for the `first` given", () => {
    const cost = (first?: number) => costOf(`{ operationsNeedingAttention${first === undefined ? "" : `(first: ${first})`} { id } }`);
    const perItem = cost(2) - cost(1);
    expect(perItem).toBeGreaterThan(0);
    expect(cost()).toBe(cost(50));
    expect(cost(50)).toBe(cost(1) + 49 * perItem);
  });
});

describe("query cost", () => {
  it("charges every field 1 and every object 1 plus its selection", () => {
    expect(costOf(`{ payment(identifier: { number: "1" }) { number amount } }`)).toBe(1 + 1 + 2);
    expect(costOf(`{ payment(identifier: { number: "1" }) { number currency { code } } }`)).toBe(1 + 1 + (1 + (1 + 1) + 1));
  });

  it("multiplies a connection's edges by the real `first`, its default page otherwise", () => {
    const page = (first: string) => costOf(`{ payments${first} { totalCount edges { node { number } } } }`);
    // payments (1) + connection (1) + totalCount (1) + edges (1 + first × (edge 1 + node (1 + 1 + number 1)))
    expect(page("(first: 100)")).toBe(1 + 1 + 1 + 1 + 100 * (1 + 3));
    expect(page("")).toBe(1 + 1 + 1 + 1 + 20 * (1 + 3));
    expect(costOf(`query($n: Int) { payments(first: $n) { edges { node { number } } } }`, { n: 7 })).toBe(1 + 1 + 1 + 7 * 4);
  });

  it("bounds Payment.events by its `last` argument, 20 by default", () => {
    const events = (args: string) => costOf(`{ payment(identifier: { number: "1" }) { events${args} { type } } }`);
    expect(events("")).toBe(1 + 1 + (1 + 20 * 2));
    expect(events("(last: 100)")).toBe(1 + 1 + (1 + 100 * 2));
    expect(costOf(`{ currencies { code } }`)).toBe(1 + ASSUMED_LIST_SIZE * 2);
  });

  it("counts each alias and each spread of a fragment", () => {
    const one = costOf(`{ payments(first: 100) { edges { node { number } } } }`);
    expect(costOf(`{ a: payments(first: 100) { edges { node { number } } } b: payments(first: 100) { edges { node { number } } } }`)).toBe(2 * one);
    expect(costOf(`{ a: payments(first: 100) { ...Page } b: payments(first: 100) { ...Page } } fragment Page on PaymentConnection { edges { node { number } } }`)).toBe(2 * one);
  });

  it("charges nothing for introspection among the data (introspection is charged apart)", () => {
    expect(costOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBe(0);
  });

  it("costs an exponential fragment spread in linear time", () => {
    const n = 60;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const query = `{ ...F0 }\n${fragments}\nfragment F${n} on Query { __typename }`;
    const started = performance.now();
    expect(costOf(query)).toBe(2 ** n);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("lets a frontend's 100-payment page fit under the default limit, but not three of them", () => {
    const page = `payments(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FRONTEND_PAGE_FIELDS} } } }`;
    expect(costOf(`{ ${page} }`)).toBeLessThanOrEqual(20000);
    expect(costOf(`{ a: ${page} b: ${page} c: ${page} }`)).toBeGreaterThan(20000);
    const minimal = `payments(first: 100) { edges { node { currency { code } currencyRatePeriod { rate } cancellation { number } events { type fromState toState } } } }`;
    expect(costOf(`{ ${minimal} }`)).toBeLessThanOrEqual(20000);
    expect(costOf(`{ a: ${minimal} b: ${minimal} c: ${minimal} }`)).toBeGreaterThan(20000);
  });
});

describe("introspection cost", () => {
  const introspection = (query: string, limit = Number.MAX_SAFE_INTEGER, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return introspectionCost(schema, operation, fragmentsOf(document), variables, limit);
  };
  const typeCount = Object.keys(schema.getTypeMap()).length;
  const paymentFields = Object.keys((schema.getType("Payment") as GraphQLObjectType).getFields()).length;

  it("counts what introspection returns, each alias apart, and data fields not at all", () => {
    // __schema (1) + its object (1) + types (1 + each type: 1 + name 1)
    expect(introspection(`{ __schema { types { name } } }`)).toBe(1 + 1 + 1 + typeCount * 2);
    expect(introspection(`{ __schema { a: types { name } b: types { name } } }`)).toBe(1 + 1 + 2 * (1 + typeCount * 2));
    expect(introspection(`{ __type(name: "Payment") { fields { name } } }`)).toBe(1 + 1 + 1 + paymentFields * 2);
    expect(introspection(`query($t: String!) { __type(name: $t) { fields { name } } }`, undefined, { t: "Payment" })).toBe(1 + 1 + 1 + paymentFields * 2);
    expect(introspection(`{ __type(name: "NoSuchType") { name } }`)).toBe(1);
    expect(introspection(`{ __typename payments { totalCount } }`)).toBe(0);
  });

  it("admits the standard introspection query with every option and GraphiQL's, whatever the data limit", () => {
    const standard = introspection(STANDARD_INTROSPECTION_QUERY);
    const graphiql = introspection(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(standard).toBeGreaterThan(typeCount * 10);
    expect(graphiql).toBeLessThanOrEqual(standard);
    expect(introspectionAllowance(schema, 10)).toBe(2 * standard);
    expect(introspectionAllowance(schema, 10_000_000)).toBe(10_000_000);
  });

  it("stops counting an alias bomb as soon as it passes the limit", () => {
    const bomb = introspectionBomb(12);
    expect(bomb.length).toBeLessThan(1500);
    // Four aliases per level already return 400,000 fields.
    expect(introspection(introspectionBomb(4))).toBeGreaterThan(400_000);
    const started = performance.now();
    expect(introspection(bomb, 20_000)).toBe(Number.POSITIVE_INFINITY);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("query depth", () => {
  it("admits the standard introspection query with every option under the default depth of data", () => {
    expect(depthErrors(STANDARD_INTROSPECTION_QUERY, 10)).toEqual([]);
    expect(INTROSPECTION_QUERY_DEPTH).toBeGreaterThan(10);
  });

  it("counts introspection fields and __typename: deeper introspection is refused", () => {
    const ofTypes = (n: number): string => (n === 0 ? "name" : `ofType { ${ofTypes(n - 1)} }`);
    const deep = `{ __type(name: "Payment") { fields { type { ${ofTypes(INTROSPECTION_QUERY_DEPTH)} } } } }`;
    const errors = depthErrors(deep, 10);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/levels deep; at most \d+ are allowed/);
    expect(depthErrors(`{ payment(identifier: { number: "1" }) { currency { __typename } } }`, 2).map((e) => e.message)).toEqual([
      "The query is 3 levels deep; at most 2 are allowed. Ask for less nested fields.",
    ]);
  });

  it("measures an exponential fragment spread in linear time", () => {
    const n = 40;
    const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Payment { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const query = `{ payment(identifier: { number: "1" }) { ...F0 } }\n${fragments}\nfragment F${n} on Payment { number }`;
    const started = performance.now();
    expect(depthErrors(query, 10)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("the cost limit", () => {
  async function didResolveOperation(query: string, maxComplexity = 20000) {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const listener = (await complexityLimitPlugin(maxComplexity).requestDidStart!({} as never)) as { didResolveOperation(context: unknown): Promise<void> };
    return listener.didResolveOperation({ request: { variables: {} }, document, operation, schema });
  }

  it("refuses a query whose cost cannot be computed instead of letting it run", async () => {
    // A fragment cycle (validation refuses it first; the estimator must not let it through either way).
    await expect(didResolveOperation(`{ payments { edges { node { ...A } } } } fragment A on Payment { ...B } fragment B on Payment { ...A }`)).rejects.toMatchObject({
      message: "The cost of the query could not be estimated. Ask for fewer items or fields.",
      extensions: { code: "QUERY_TOO_COMPLEX" },
    });
  });

  it("refuses above the limit and lets the rest through", async () => {
    await expect(didResolveOperation(`{ payments(first: 100) { edges { node { number } } } }`, 100)).rejects.toMatchObject({
      extensions: { code: "QUERY_TOO_COMPLEX", complexity: 403, maxComplexity: 100 },
    });
    await expect(didResolveOperation(`{ payments(first: 10) { edges { node { number } } } }`, 100)).resolves.toBeUndefined();
  });

  it("refuses introspection above its allowance, and lets the standard introspection query through under a small data limit", async () => {
    const allowance = introspectionAllowance(schema, 100);
    await expect(didResolveOperation(introspectionBomb(12), 100)).rejects.toMatchObject({
      message: `The query's introspection returns more than ${allowance} fields; at most ${allowance} are allowed. Ask for each introspection field once: fewer aliases.`,
      extensions: { code: "QUERY_TOO_COMPLEX", maxIntrospectionComplexity: allowance },
    });
    await expect(didResolveOperation(STANDARD_INTROSPECTION_QUERY, 100)).resolves.toBeUndefined();
  });

  describe("for a document sent again, as Apollo hands back its cached document", () => {
    /** One plugin, one parsed document: each call is a request sending that document with these variables. */
    function requests(query: string, maxComplexity: number) {
      const plugin = complexityLimitPlugin(maxComplexity);
      const document = parse(query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return async (variables: Record<string, unknown>) => {
        const listener = (await plugin.requestDidStart!({} as never)) as { didResolveOperation(context: unknown): Promise<void> };
        return listener.didResolveOperation({ request: { variables }, document, operation, schema });
      };
    }

    it("charges each request's own page size when a variable gives it", async () => {
      const send = requests(`query Page($first: Int!) { payments(first: $first) { edges { node { number } } } }`, 100);
      await expect(send({ first: 10 })).resolves.toBeUndefined();
      await expect(send({ first: 100 })).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX", complexity: 403 } });
      await expect(send({ first: 10 })).resolves.toBeUndefined();
    });

    it("charges a variable page size given in a fragment or to a payment's events", async () => {
      const inFragment = requests(`query Page($first: Int!) { ...Listing } fragment Listing on Query { payments(first: $first) { edges { node { number } } } }`, 100);
      await expect(inFragment({ first: 10 })).resolves.toBeUndefined();
      await expect(inFragment({ first: 100 })).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
      const events = requests(`query Events($last: Int) { payments(first: 2) { edges { node { events(last: $last) { type } } } } }`, 200);
      await expect(events({ last: 5 })).resolves.toBeUndefined();
      await expect(events({ last: 100 })).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
    });

    it("keeps refusing an operation that costs too much whatever its other variables, and leaves unfit variables to execution", async () => {
      const send = requests(`query Page($number: String!) { payments(first: 100) { edges { node { number } } } payment(identifier: { number: $number }) { number } }`, 100);
      await expect(send({ number: "A" })).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
      await expect(send({ number: "B" })).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
      // Unfit variables: execution refuses them (BAD_USER_INPUT); the cost limit says nothing.
      await expect(send({ number: 12 })).resolves.toBeUndefined();
    });

    it("costs a document no variable can change once, and one with a variable page size on every request", async () => {
      // The schema as the plugin sees it, counting the costings: each asks for the operation's root type once.
      let costings = 0;
      const counting = Object.create(schema, {
        getRootType: {
          value: (...args: Parameters<typeof schema.getRootType>) => {
            costings += 1;
            return schema.getRootType(...args);
          },
        },
      }) as typeof schema;
      const plugin = complexityLimitPlugin(100);
      const send = async (query: ReturnType<typeof parse>, variables: Record<string, unknown>) => {
        const operation = query.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
        const listener = (await plugin.requestDidStart!({} as never)) as { didResolveOperation(context: unknown): Promise<void> };
        return listener.didResolveOperation({ request: { variables }, document: query, operation, schema: counting });
      };
      const lookup = parse(`query Lookup($number: String!) { payment(identifier: { number: $number }) { number } }`);
      for (const number of ["A", "B", "C"]) await expect(send(lookup, { number })).resolves.toBeUndefined();
      expect(costings).toBe(1);
      const page = parse(`query Page($first: Int!) { payments(first: $first) { edges { node { number } } } }`);
      for (const first of [1, 2, 3]) await expect(send(page, { first })).resolves.toBeUndefined();
      expect(costings).toBe(4);
    });

    it("lets a request with unfit variables through to execution after others fitted", async () => {
      const send = requests(`query Lookup($number: String!) { payment(identifier: { number: $number }) { number } }`, 100);
      await expect(send({ number: "A" })).resolves.toBeUndefined();
      await expect(send({})).resolves.toBeUndefined();
      await expect(send({ number: "B" })).resolves.toBeUndefined();
    });
  });

  describe("whether a document's cost reads its variables", () => {
    it.each([
      ["a page size given by a variable", `query ($n: Int) { payments(first: $n) { edges { node { number } } } }`],
      ["a payment's events' `last` given by a variable", `query ($n: Int) { payment(identifier: { number: "A" }) { events(last: $n) { type } } }`],
      ["a page size given by a variable in a fragment", `query ($n: Int) { ...F } fragment F on Query { payments(first: $n) { totalCount } }`],
      ["introspection, whose cost reads every argument", `query ($name: String!) { __type(name: $name) { name } }`],
      ["introspection without variables", `{ __schema { types { name } } }`],
    ])("does for %s", (_, query) => {
      expect(costReadsVariables(parse(query))).toBe(true);
    });

    it.each([
      ["the lookup by number", `query ($number: String!) { payment(identifier: { number: $number }) { number amount currency { code } } }`],
      ["a page of a given size filtered by variables", `query ($states: [PaymentState!]) { payments(first: 10, filter: { states: $states }) { edges { node { number } } } }`],
      ["a document without variables", `{ payments { edges { node { number } } } }`],
    ])("does not for %s", (_, query) => {
      expect(costReadsVariables(parse(query))).toBe(false);
    });
  });
});
