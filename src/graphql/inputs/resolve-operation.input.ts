import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { Decimal } from "../../domain/scalars/decimal.scalar";
import { OperationResolution, ResolvedCancellationRecord, ResolveOperationCommand } from "../../operations/commands/resolve-operation-command";

registerEnumType(OperationResolution, { name: "OperationResolution", description: "What the vendor's own records say happened" });

/** The resolve command's GraphQL shape (its rules live with it in operations/commands). */
const record = ResolvedCancellationRecord.prototype;
Field(() => String, { nullable: true })(record, "number");
Field(() => String, { nullable: true })(record, "referenceNumber");
Field(() => String, { nullable: true, description: "The vendor's id of the cancellation" })(record, "vendorId");
Field(() => Date, { nullable: true })(record, "issuedOn");
Field(() => Date, { nullable: true })(record, "postedOn");
Field(() => Decimal, { nullable: true, description: "The amount the vendor cancelled" })(record, "amount");
Field(() => String, { nullable: true })(record, "gatewayName");
Field(() => String, { nullable: true })(record, "gatewayReferenceNumber");
InputType("ResolvedCancellationInput", {
  description: "The vendor's cancellation record, as read from the vendor's own system (all optional; unknown fields stay unknown)",
})(ResolvedCancellationRecord);

const command = ResolveOperationCommand.prototype;
Field(() => ID)(command, "operationId");
Field(() => OperationResolution)(command, "outcome");
Field(() => String, { description: "Why: what the vendor's records show; recorded on the payment's history" })(command, "note");
Field(() => ResolvedCancellationRecord, { nullable: true, description: "For a cancel settled as SUCCEEDED: the vendor's cancellation record" })(command, "cancellation");
InputType("ResolveOperationInput", { description: "Settle an operation that needs attention, by what the vendor's records say" })(ResolveOperationCommand);

export { ResolveOperationCommand as ResolveOperationInput };
