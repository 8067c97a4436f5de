/** What a token may do. */
export enum Permission {
  PAYMENT_READ = "payment:read",
  PAYMENT_VOID = "payment:void",
  PAYMENT_CANCEL = "payment:cancel",
  PAYMENT_REJECT = "payment:reject",
}

export const ROLES = {
  viewer: [Permission.PAYMENT_READ],
  operator: [Permission.PAYMENT_READ, Permission.PAYMENT_VOID, Permission.PAYMENT_CANCEL, Permission.PAYMENT_REJECT],
  admin: Object.values(Permission),
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((role) => ROLES[role]));
}
