import type { OrderRecord } from "../store/types.js";
import type { OrderLifecycle } from "./lifecycle.js";

/**
 * What a person in Slack can reach: only the orders of their own workspace. Another team's order
 * is "not found", exactly like an order that does not exist, so nothing about it leaks.
 */
export async function findInTeam(
  orders: Pick<OrderLifecycle, "find">,
  teamId: string | undefined,
  reference: string,
): ReturnType<OrderLifecycle["find"]> {
  const found = await orders.find(reference);
  return found && teamId !== undefined && found.order.teamId === teamId ? found : null;
}

/** The order with our id `orderId`, if it belongs to `teamId`. */
export async function getInTeam(
  orders: Pick<OrderLifecycle, "get">,
  teamId: string | undefined,
  orderId: string,
): Promise<OrderRecord | null> {
  const order = await orders.get(orderId);
  return order && teamId !== undefined && order.teamId === teamId ? order : null;
}
