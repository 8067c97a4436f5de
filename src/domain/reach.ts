/** Which payments a caller may see: all, or those of some resellers. */
export interface PaymentReach {
  resellerIds: readonly string[] | "all";
}

export function reaches(reach: PaymentReach, resellerId: string): boolean {
  return reach.resellerIds === "all" || reach.resellerIds.includes(resellerId);
}
