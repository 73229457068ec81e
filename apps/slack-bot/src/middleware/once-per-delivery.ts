import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "pino";
import type { BotMetrics } from "../metrics.js";
import type { InvoiceStore } from "../store/types.js";

/** Slack retries within minutes (immediately, after 1 and after 5): a claim outlives them all. */
export const DELIVERY_CLAIM_MS = 60 * 60 * 1000;

/**
 * What makes one Slack delivery the same as another (its retries carry the same body): a slash
 * command's or a button's trigger id, an event's id. Null for what is not deduplicated here:
 * view submissions are idempotent by their own submission key, and a retry of one needs the
 * real answer (the modal it updates to), not an empty ack.
 */
export function deliveryKey(body: unknown): string | null {
  if (body === null || typeof body !== "object") return null;
  const fields = body as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
  if (text("command") && text("trigger_id")) return `command:${text("trigger_id")}`;
  if (fields.type === "block_actions" && text("trigger_id")) return `block_actions:${text("trigger_id")}`;
  if (fields.type === "event_callback" && text("event_id")) return `event:${text("event_id")}`;
  return null;
}

/**
 * Global middleware: the first delivery of a slash command, button or event claims its key in
 * the store, so Slack's retries of it (`X-Slack-Retry-Num`), on this or any instance sharing the
 * database, are acknowledged without opening a second modal or doing the work twice. Bolt itself
 * only passes the retry headers on (`context.retryNum`, `context.retryReason`). If the store
 * cannot be asked, the delivery goes ahead: doing it is better than dropping it.
 */
export function oncePerDelivery({
  store,
  now,
  metrics,
  logger,
}: {
  store: Pick<InvoiceStore, "claimOnce">;
  now: () => Date;
  metrics: Pick<BotMetrics, "repeatSkipped">;
  logger: Logger;
}): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKey(args.body);
    if (!key) return args.next();
    let first: boolean;
    try {
      first = await store.claimOnce(key, new Date(now().getTime() + DELIVERY_CLAIM_MS));
    } catch (error) {
      logger.warn({ key, err: error }, "could not record a Slack delivery; handling it anyway");
      first = true;
    }
    if (first) return args.next();
    const { retryNum, retryReason } = args.context;
    logger.info(
      { key, retryNum, retryReason },
      "a repeat of a Slack delivery already handled: acknowledged only",
    );
    metrics.repeatSkipped();
    if ("ack" in args && typeof args.ack === "function") await args.ack();
  };
}
