import { useQuery } from "urql";
import { graphql } from "../gql";
import type { ConsoleLookupsQuery, LookupKind } from "../gql/graphql";

/** The API's lists that fill the console's selects. */
const CurrenciesQuery = graphql(`
  query ConsoleCurrencies {
    currencies {
      code
      lifeCycleState
      prefixSymbol
      suffixSymbol
      minorUnitDigits
    }
  }
`);

export function useCurrencies() {
  const [result] = useQuery({ query: CurrenciesQuery });
  return result.data?.currencies ?? [];
}

const LookupsQuery = graphql(`
  query ConsoleLookups($kind: LookupKind!) {
    lookups(kind: $kind) {
      id
      name
      code
    }
  }
`);

export type Lookup = ConsoleLookupsQuery["lookups"][number];

/** Transaction types, categories or rejection reasons, by name; null until the API has answered. */
export function useLookups(kind: LookupKind): Lookup[] | null {
  const [result] = useQuery({ query: LookupsQuery, variables: { kind } });
  return result.data?.lookups ?? null;
}
