import { useQuery } from "urql";
import { graphql } from "../gql";

/** The API's lists that fill the console's selects; more join here as the API offers them. */
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
