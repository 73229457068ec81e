import type { Logger } from "pino";
import type { CreatedOrder, InvoiceStore } from "../store/types.js";
import { osloDay } from "./due-date.js";
import type { OrderLifecycle } from "./lifecycle.js";
import { SETTLED_STATUSES } from "./transitions.js";

export interface OverdueCheckOptions {
  store: InvoiceStore;
  orders: Pick<OrderLifecycle, "overdue" | "catchUp">;
  now: () => Date;
  logger: Logger;
  /** An order that has heard nothing for this long is asked about (a callback may have been missed). */
  quietAfterMs: number;
  /** At most this many orders per check; the rest wait for the next one. */
  batchSize?: number;
}

/** What one check did. */
export interface CheckReport {
  /** Orders asked about because they had heard nothing for long. */
  lookedUp: number;
  /** Orders whose creator was told they are overdue (by this check: another instance may tell others). */
  toldOverdue: number;
}

/**
 * The periodic check: quiet orders are asked about first (so a missed PAID is caught up before it
 * could be called overdue), then every unsettled order past its due date is told once. Telling is
 * a lifecycle event written compare-and-set, so several instances checking at once tell it once.
 */
export function createOverdueCheck({
  store,
  orders,
  now,
  logger,
  quietAfterMs,
  batchSize = 100,
}: OverdueCheckOptions) {
  async function followUp(order: CreatedOrder, today: string, quietBefore: Date, report: CheckReport) {
    if (order.updatedAt < quietBefore) {
      const caught = await orders.catchUp(order);
      await caught.effects;
      report.lookedUp += 1;
    }
    const told = await orders.overdue(order.id, today);
    await told.effects;
    if (told.outcome === "changed") report.toldOverdue += 1;
  }

  async function checkOverdue(): Promise<CheckReport> {
    const at = now();
    const today = osloDay(at);
    const quietBefore = new Date(at.getTime() - quietAfterMs);
    const due = await store.listToCheck({
      dueBefore: today,
      quietBefore,
      settled: SETTLED_STATUSES,
      limit: batchSize,
    });
    const report: CheckReport = { lookedUp: 0, toldOverdue: 0 };
    for (const order of due) {
      try {
        await followUp(order, today, quietBefore, report);
      } catch (error) {
        // One order Front Payment cannot answer for must not hold up the others.
        logger.warn({ orderId: order.id, err: error }, "the periodic check could not follow an order up");
      }
    }
    if (due.length > 0) logger.info({ ...report, found: due.length }, "periodic check");
    return report;
  }

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  return {
    checkOverdue,
    /** Checks every `intervalMs` until `stop()`; a tick while a check is still running is skipped. */
    start(intervalMs: number): void {
      timer ??= setInterval(() => {
        current ??= checkOverdue()
          .catch((error: unknown) => logger.error({ err: error }, "the periodic check failed"))
          .finally(() => {
            current = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    /** Stops the timer and waits for a check under way. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await current;
    },
  };
}

export type OverdueCheck = ReturnType<typeof createOverdueCheck>;
