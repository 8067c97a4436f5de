import { createHash } from "node:crypto";
import { CANCELLATION_TEXT_LENGTHS } from "../../domain/value-formats";
import type { CancelRequest } from "../vendor-service";

/** The longest back office code our payment_cancellation.back_office_code column keeps. */
const LONGEST = CANCELLATION_TEXT_LENGTHS.backOfficeCode[1];
const PREFIX = "OP-";

/**
 * The back_office_code a CRM.COM cancel carries: the caller's, or one derived from our operation
 * id, which is stored with the request and so the same on every re-send. CRM.COM's page says a
 * back office code "should be unique": a re-send after a lost answer cannot create a second
 * cancellation. An operation id too long for the column is replaced by its digest.
 */
export function cancelBackOfficeCode(request: Pick<CancelRequest, "operationId"> & { cancellation?: Pick<CancelRequest["cancellation"], "backOfficeCode"> }): string {
  const given = request.cancellation?.backOfficeCode;
  if (given) return given;
  const derived = `${PREFIX}${request.operationId}`;
  if (derived.length <= LONGEST) return derived;
  return `${PREFIX}${createHash("sha256").update(request.operationId).digest("hex").slice(0, LONGEST - PREFIX.length)}`;
}
