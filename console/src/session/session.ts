import { createContext, useContext } from "react";

export interface Session {
  /** False for a token without the operator permissions (a viewer): no action is offered. */
  canAct: boolean;
  signOut(): void;
}

export const SessionContext = createContext<Session>({ canAct: false, signOut: () => undefined });

export function useSession(): Session {
  return useContext(SessionContext);
}
