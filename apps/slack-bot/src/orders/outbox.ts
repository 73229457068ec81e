import type { NewOutboxEntry, ShownChange, StatusChange } from "../store/types.js";
import type { Effect } from "./transitions.js";

/** What a thread reply shows of a status change. */
export function shown(change: StatusChange): ShownChange {
  return { status: change.status, paymentMethod: change.paymentMethod, amount: change.amount };
}

const POST: NewOutboxEntry = { work: { kind: "post-message" }, coalesceKey: "post-message" };
/** A message update shows the order as it is when delivered: one waiting serves every change. */
export const UPDATE_MESSAGE: NewOutboxEntry = {
  work: { kind: "update-message" },
  coalesceKey: "update-message",
};

/**
 * The Slack work among a decision's effects, as outbox entries stored with the decision's write:
 * the channel message (posted, then rewritten), one thread reply per status change, the creator's
 * notice of an interrupted submission. The rest (`send`, `show-outcome`, `lookup-status`,
 * `second-order`) the lifecycle carries out itself.
 */
export function slackWork(effects: readonly Effect[]): NewOutboxEntry[] {
  return effects.flatMap((effect): NewOutboxEntry[] => {
    switch (effect.type) {
      case "post-message":
        return [POST];
      case "refresh-message":
        return [UPDATE_MESSAGE];
      case "show-status":
        return [
          UPDATE_MESSAGE,
          { work: { kind: "reply-status", change: shown(effect.change) }, coalesceKey: null },
        ];
      case "reply-status":
        return [{ work: { kind: "reply-status", change: shown(effect.change) }, coalesceKey: null }];
      case "tell-interrupted":
        return [{ work: { kind: "tell-interrupted" }, coalesceKey: "tell-interrupted" }];
      default:
        return [];
    }
  });
}

/** Whether the effect is Slack work the outbox delivers. */
export function isSlackWork(effect: Effect): boolean {
  return slackWork([effect]).length > 0;
}
