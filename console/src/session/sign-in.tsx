import { useEffect, useRef, useState, type FormEvent } from "react";
import type { SignedOutReason } from "./graphql-client";

const WHY: Record<SignedOutReason, string> = {
  UNAUTHENTICATED: "The API did not accept the token (UNAUTHENTICATED): it is unknown, revoked or expired. Paste another one.",
  SESSION_EXPIRED: "The session has expired (SESSION_EXPIRED). Paste a new token.",
  FORBIDDEN: "The token may no longer read payments (FORBIDDEN). Paste another one.",
};

/** Asks for a token; says why when the API refused the last one. */
export function SignIn({ reason, onToken }: { reason: SignedOutReason | null; onToken: (token: string) => void }) {
  const [token, setToken] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (token.trim()) onToken(token.trim());
  }
  return (
    <main className="sign-in">
      <h1>Payments console</h1>
      {reason && (
        <p role="alert" className="refusal" data-testid="signed-out-reason">
          {WHY[reason]}
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="token">Access token</label>
        <input id="token" ref={input} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="pay_…" required />
        <p className="hint">Kept in this browser tab only, until you sign out or close the tab.</p>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
