import { useCallback, useMemo, useState } from "react";
import { Provider } from "urql";
import { createApiClient, type SignedOutReason } from "../session/graphql-client";
import { forgetToken, storedToken, storeToken } from "../session/token-store";
import { SignIn } from "../session/sign-in";
import { SignedIn } from "./signed-in";

/** The console: a sign-in form until a token is given, then the views, all with that token. */
export function App() {
  const [token, setToken] = useState(storedToken);
  const [reason, setReason] = useState<SignedOutReason | null>(null);

  const signOut = useCallback((why: SignedOutReason | null) => {
    forgetToken();
    setReason(why);
    setToken(null);
  }, []);
  const client = useMemo(() => (token ? createApiClient(token, signOut) : null), [token, signOut]);

  if (!token || !client) {
    return (
      <SignIn
        reason={reason}
        onToken={(given) => {
          storeToken(given);
          setReason(null);
          setToken(given);
        }}
      />
    );
  }
  return (
    <Provider value={client}>
      <SignedIn onSignOut={() => signOut(null)} />
    </Provider>
  );
}
