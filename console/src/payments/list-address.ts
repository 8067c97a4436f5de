import type { PaymentFilter, PaymentOrder, PaymentState, VendorCode } from "../gql/graphql";

/** What the payments view shows, as its address holds it: a shared link lands on the same page. */
export interface ListView {
  filter: FilterFields;
  order: PaymentOrder;
  pageSize: number;
  /** endCursor of every page before this one, oldest first: the way back (the API pages forward only). */
  cursors: string[];
}

/** The filter form's fields, as typed (dates are calendar days, amounts decimal text). */
export interface FilterFields {
  states: PaymentState[];
  vendor: VendorCode | "";
  currencyCode: string;
  resellerCode: string;
  issuedFrom: string;
  issuedBefore: string;
  amountMin: string;
  amountMax: string;
  /** A number, reference, back office code or vendor payment id. */
  search: string;
}

export const ORDERS: Array<{ order: PaymentOrder; title: string }> = [
  { order: "ISSUED_ON_DESC", title: "Newest issued first" },
  { order: "ISSUED_ON_ASC", title: "Oldest issued first" },
  { order: "AMOUNT_DESC", title: "Largest amount first" },
  { order: "AMOUNT_ASC", title: "Smallest amount first" },
];
const DEFAULT_ORDER: PaymentOrder = "ISSUED_ON_DESC";

export const DEFAULT_PAGE_SIZE = 20;
const TEXT_FIELDS = ["vendor", "currencyCode", "resellerCode", "issuedFrom", "issuedBefore", "amountMin", "amountMax", "search"] as const;

export function readListView(query: URLSearchParams): ListView {
  const filter: FilterFields = {
    states: (query.get("states") ?? "").split(",").filter(Boolean) as PaymentState[],
    vendor: "",
    currencyCode: "",
    resellerCode: "",
    issuedFrom: "",
    issuedBefore: "",
    amountMin: "",
    amountMax: "",
    search: "",
  };
  for (const field of TEXT_FIELDS) (filter as unknown as Record<string, string>)[field] = query.get(field) ?? "";
  const size = Number(query.get("size"));
  const order = ORDERS.find((known) => known.order === query.get("order"))?.order ?? DEFAULT_ORDER;
  return {
    filter,
    order,
    pageSize: Number.isInteger(size) && size >= 1 && size <= 100 ? size : DEFAULT_PAGE_SIZE,
    cursors: (query.get("pages") ?? "").split(",").filter(Boolean),
  };
}

export function listAddress(view: ListView): string {
  const query = new URLSearchParams();
  if (view.filter.states.length) query.set("states", view.filter.states.join(","));
  for (const field of TEXT_FIELDS) if (view.filter[field]) query.set(field, view.filter[field]);
  if (view.order !== DEFAULT_ORDER) query.set("order", view.order);
  if (view.pageSize !== DEFAULT_PAGE_SIZE) query.set("size", String(view.pageSize));
  if (view.cursors.length) query.set("pages", view.cursors.join(","));
  const text = query.toString();
  return `/payments${text ? `?${text}` : ""}`;
}

/** The API's PaymentFilter for the fields given (a day is taken from midnight UTC). */
export function paymentFilter(fields: FilterFields): PaymentFilter {
  const filter: PaymentFilter = {};
  if (fields.states.length) filter.states = fields.states;
  if (fields.vendor) filter.vendor = fields.vendor;
  if (fields.currencyCode) filter.currencyCode = fields.currencyCode;
  if (fields.resellerCode) filter.resellerCode = fields.resellerCode;
  if (fields.issuedFrom) filter.issuedFrom = `${fields.issuedFrom}T00:00:00.000Z`;
  if (fields.issuedBefore) filter.issuedBefore = `${fields.issuedBefore}T00:00:00.000Z`;
  if (fields.amountMin) filter.amountMin = fields.amountMin;
  if (fields.amountMax) filter.amountMax = fields.amountMax;
  if (fields.search.trim()) filter.search = fields.search.trim();
  return filter;
}
