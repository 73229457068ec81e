import type { Messages } from "../i18n/index.js";
import type { ListFilter } from "../orders/listing.js";
import type { OrderCursor, OrderPage } from "../store/types.js";
import { button, escapeMrkdwn, type KnownBlock, section } from "./block-kit.js";
import { LIST_PAGE_ACTION_ID } from "./ids.js";
import { type OrderRowInput, orderRow } from "./order-row.js";

/** Invoices per page of `/invoice list`. */
export const LIST_PAGE_SIZE = 10;

/** What a page of `/invoice list` shows: the command's filters and search, and where the page starts. */
export interface ListRequest {
  filters: ListFilter[];
  search: string;
  after?: OrderCursor;
  before?: OrderCursor;
}

/** A page button's value: the request for that page (Slack allows 2000 characters). */
export function encodeListRequest(request: ListRequest): string {
  return JSON.stringify(request);
}

function isCursor(value: unknown): value is OrderCursor {
  const cursor = value as OrderCursor | null;
  return typeof cursor?.createdAt === "number" && typeof cursor.id === "string";
}

export function decodeListRequest(value: string | undefined): ListRequest | null {
  try {
    const parsed = JSON.parse(value ?? "") as Partial<ListRequest>;
    if (!Array.isArray(parsed.filters) || typeof parsed.search !== "string") return null;
    return {
      filters: parsed.filters,
      search: parsed.search,
      ...(isCursor(parsed.after) ? { after: parsed.after } : {}),
      ...(isCursor(parsed.before) ? { before: parsed.before } : {}),
    };
  } catch {
    return null;
  }
}

/** A filter's name in the listing's title ("open", "åpne"). */
function filterName(t: Messages, filter: ListFilter): string {
  switch (filter) {
    case "mine":
      return t.commands.filterMine;
    case "open":
      return t.commands.filterOpen;
    case "overdue":
      return t.commands.filterOverdue;
    case "paid":
      return t.commands.filterPaid;
    default:
      return String(filter);
  }
}

function describe(t: Messages, request: ListRequest): string {
  return t.commands.listTitle({
    filters: request.filters.map((filter) => filterName(t, filter)).join(", "),
    search: escapeMrkdwn(request.search),
  });
}

/** `/invoice list`, one page: the rows, and Previous/Next buttons that replace this message. */
export function orderListMessage(
  t: Messages,
  {
    page,
    request,
    rows,
  }: {
    page: OrderPage;
    request: ListRequest;
    rows: OrderRowInput[];
  },
): { text: string; blocks: KnownBlock[] } {
  const say = t.commands;
  const title = describe(t, request);
  if (rows.length === 0) {
    const hint = request.filters.length > 0 || request.search ? ` ${say.listWithoutFilters}` : "";
    const text = `${say.listNone({ title })}${hint}`;
    return { text, blocks: [section(text)] };
  }
  const { filters, search } = request;
  const pages = [
    page.newer &&
      button({
        text: say.previous,
        actionId: LIST_PAGE_ACTION_ID,
        value: encodeListRequest({ filters, search, before: page.newer }),
      }),
    page.older &&
      button({
        text: say.next,
        actionId: LIST_PAGE_ACTION_ID,
        value: encodeListRequest({ filters, search, after: page.older }),
      }),
  ].filter((element) => element !== null);
  return {
    text: say.listShown({ title, count: rows.length }),
    blocks: [
      section(`*${title}*`),
      ...rows.map((row) => orderRow(t, row)),
      ...(pages.length > 0
        ? [{ type: "actions", block_id: "order_list.pages", elements: pages } as KnownBlock]
        : []),
    ],
  };
}
