import { InitialSchema1763700000000 } from "./1763700000000-InitialSchema";
import { PaymentOperations1763800000000 } from "./1763800000000-PaymentOperations";
import { AccessTokens1763900000000 } from "./1763900000000-AccessTokens";
import { BackOfficeCodesPerReseller1764000000000 } from "./1764000000000-BackOfficeCodesPerReseller";
import { OperationsNeedingAttention1764100000000 } from "./1764100000000-OperationsNeedingAttention";
import { VendorTable1764200000000 } from "./1764200000000-VendorTable";
import { AccessChangeNotifications1764300000000 } from "./1764300000000-AccessChangeNotifications";
import { PaymentEventSequence1764400000000 } from "./1764400000000-PaymentEventSequence";
import { PaymentIntake1764500000000 } from "./1764500000000-PaymentIntake";
import { PaymentListingIndexes1764650000000 } from "./1764650000000-PaymentListingIndexes";
import { OperationIndexes1764700000000 } from "./1764700000000-OperationIndexes";
import { PaymentSearchIndexes1764750000000 } from "./1764750000000-PaymentSearchIndexes";

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [
  InitialSchema1763700000000,
  PaymentOperations1763800000000,
  AccessTokens1763900000000,
  BackOfficeCodesPerReseller1764000000000,
  OperationsNeedingAttention1764100000000,
  VendorTable1764200000000,
  AccessChangeNotifications1764300000000,
  PaymentEventSequence1764400000000,
  PaymentIntake1764500000000,
  PaymentListingIndexes1764650000000,
  OperationIndexes1764700000000,
  PaymentSearchIndexes1764750000000,
];
