/** No order has this id: a callback or button for an order this bot never made (or another bot's). */
export class OrderNotFoundError extends Error {
  override readonly name = "OrderNotFoundError";
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`);
  }
}
