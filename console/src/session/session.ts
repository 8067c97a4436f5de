import { createContext, useContext } from "react";
import type { ConsoleViewerQuery, PaymentOperation, Permission } from "../gql/graphql";

export type SignedInViewer = ConsoleViewerQuery["viewer"];

export interface Session {
  /** The signed-in token as the API describes it (`viewer`); null until it has answered. */
  viewer: SignedInViewer | null;
  /** Whether the token holds this permission, by the API's own word. */
  may: (permission: Permission) => boolean;
  signOut: () => void;
}

/** The permission each operation needs. */
export const OPERATION_PERMISSION: Record<PaymentOperation, Permission> = {
  VOID: "PAYMENT_VOID",
  CANCEL: "PAYMENT_CANCEL",
  REJECT: "PAYMENT_REJECT",
};

/** A permission as the API's role table and errors name it: PAYMENT_VOID is payment:void. */
export function permissionName(permission: Permission): string {
  return permission.toLowerCase().replace("_", ":");
}

export function sessionOf(viewer: SignedInViewer | null, signOut: () => void): Session {
  const held = new Set<Permission>(viewer?.permissions ?? []);
  return { viewer, may: (permission) => held.has(permission), signOut };
}

export const SessionContext = createContext<Session>(sessionOf(null, () => undefined));

export function useSession(): Session {
  return useContext(SessionContext);
}
