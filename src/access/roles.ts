/** What a token may do. */
export enum Permission {
  PAYMENT_READ = "payment:read",
  PAYMENT_VOID = "payment:void",
  PAYMENT_CANCEL = "payment:cancel",
  PAYMENT_REJECT = "payment:reject",
  /** See the operations that need attention. */
  OPERATION_REVIEW = "operation:review",
  /** Settle an operation that needs attention (admin only). */
  OPERATION_RESOLVE = "operation:resolve",
  /** Record payments created at the vendors, and the states they report (integrations). */
  PAYMENT_RECORD = "payment:record",
  /** Add and change resellers, currencies, rate periods and the lookups (admin only). */
  REFERENCE_WRITE = "reference:write",
}

export const ROLES = {
  viewer: [Permission.PAYMENT_READ],
  operator: [Permission.PAYMENT_READ, Permission.PAYMENT_VOID, Permission.PAYMENT_CANCEL, Permission.PAYMENT_REJECT, Permission.OPERATION_REVIEW],
  admin: Object.values(Permission),
  /** The systems that create payments at the vendors: they record them and read what they recorded. */
  integration: [Permission.PAYMENT_READ, Permission.PAYMENT_RECORD],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

const permissionsByRoles = new Map<string, ReadonlySet<Permission>>();

/** What the roles grant together (worked out once per set of roles). */
export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  const key = roles.join(",");
  let permissions = permissionsByRoles.get(key);
  if (!permissions) {
    permissions = new Set(roles.flatMap((role) => ROLES[role]));
    if (roles.every(isRole)) permissionsByRoles.set(key, permissions);
  }
  return permissions;
}
