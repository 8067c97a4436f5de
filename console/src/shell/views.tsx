import { NeedsAttention } from "../attention/needs-attention";
import { CancelForm } from "../operations/cancel-form";
import { RejectForm } from "../operations/reject-form";
import { VoidForm } from "../operations/void-form";
import { PaymentView } from "../payment/payment-view";
import { PaymentList } from "../payments/payment-list";
import { useSession } from "../session/session";
import type { Location } from "./navigation";

/** A part of the address, decoded; null when it is not valid percent-encoding (a mistyped or cut link). */
function decodedPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The view an address names: /payments, /payments/<number>[/void|/cancel|/reject], /attention[/<operation id>]. */
export function Views({ location }: { location: Location }) {
  const { may } = useSession();
  const parts = location.path.split("/").slice(1).map(decodedPart);
  if (parts.includes(null)) return <p role="alert">There is no such view.</p>;
  const [section, number, operation] = parts as string[];
  if (section === "attention") {
    if (!may("OPERATION_REVIEW")) return <p role="alert">Your token lacks the operation:review permission: the operations that need attention are shown to operators and admins.</p>;
    return <NeedsAttention only={number} />;
  }
  if (section === "payments" && number) {
    if (operation === "void") return <VoidForm number={number} />;
    if (operation === "cancel") return <CancelForm number={number} />;
    if (operation === "reject") return <RejectForm number={number} />;
    return <PaymentView number={number} outcome={location.query.get("outcome")} />;
  }
  if (!section || section === "payments") return <PaymentList query={location.query} />;
  return <p role="alert">There is no such view.</p>;
}
