import { registerEnumType } from "type-graphql";
import { INSTALLED_VENDORS } from "../../vendors/installed-vendors";

/** GraphQL's VendorCode: one value per installed vendor, its code upper-cased (CRMCOM = "crmcom"). */
export const VendorCodeEnum: Readonly<Record<string, string>> = Object.fromEntries(
  INSTALLED_VENDORS.map((module) => [module.code.toUpperCase(), module.code]),
);

registerEnumType(VendorCodeEnum, { name: "VendorCode", description: "The payment vendor that holds the payment" });
