import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { type LocaleChoice, type Messages, messagesFor } from "../i18n/index.js";
import { type OrderNews, orderActions } from "../orders/transitions.js";
import type { CreatedOrder, MessageRef, OrderRecord, ShownChange } from "../store/types.js";
import { escapeMrkdwn, type KnownBlock } from "../views/block-kit.js";
import { orderMessage, statusChangeText } from "../views/order-message.js";
import { newsInWords } from "../views/order-words.js";
import { overdueReplyText } from "../views/overdue-reply.js";

/** Slack's error code of a failed Web API call (`not_in_channel`, `channel_not_found`, …). */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

export interface PostedMessage {
  channelId: string;
  ts: string;
  /** Set when the message could not go to the command's channel and went to the creator instead. */
  fallbackReason?: string;
}

function messageFor(t: Messages, order: CreatedOrder) {
  return orderMessage(t, {
    orderId: order.id,
    fpOrderUuid: order.fpOrderUuid,
    customerName: order.customerName,
    customerIdentifier: order.customerIdentifier,
    grandTotalOre: order.grandTotalOre,
    status: order.status?.status ?? null,
    bankIdUrl: order.bankIdUrl,
    createdBy: order.userId,
    facts: order.facts,
    actions: orderActions(order),
  });
}

/** Slack's errors for a channel the bot cannot post in: it never was in it, or was taken out. */
function isShutOut(code: string | undefined): boolean {
  return code === "not_in_channel" || code === "channel_not_found" || code === "is_archived";
}

/**
 * The event metadata every order's channel message carries (visible to the workspace's members and
 * apps: our order id, nothing personal), so that a post whose answer was lost can be found again.
 */
export const ORDER_MESSAGE_EVENT = "fakturabot_invoice_posted";

/** Slack's clocks and ours may differ: the message is looked for from this long before the order began. */
const CLOCK_SLACK_MS = 10 * 60_000;
/** Pages of channel history looked through at most (100 messages each) for a lost post. */
const HISTORY_PAGES = 10;

/**
 * The channel message of each order: posting it where the command was typed, keeping it current.
 * What the channel reads (the message, its thread) is in the workspace's language; what only the
 * creator reads (direct messages, notes for their modal), in theirs.
 */
export function createOrderMessages({
  slack,
  logger,
  locales,
}: {
  slack: WebClient;
  logger: Logger;
  locales: LocaleChoice;
}) {
  /** The words of everyone in the order's workspace. */
  const channelWords = (order: OrderRecord): Messages => messagesFor(locales.forWorkspace(order.teamId));
  /** The words of the order's creator; their workspace's when their own cannot be read (never a lost notice). */
  async function creatorWords(order: OrderRecord): Promise<Messages> {
    try {
      return messagesFor(await locales.forPerson(order.teamId, order.userId));
    } catch (error) {
      logger.warn({ orderId: order.id, err: error }, "no language for the order's creator");
      return channelWords(order);
    }
  }

  /** Runs `call` in `channel`; a public channel the bot is not in (any more) is joined first. */
  async function inChannel<T>(order: OrderRecord, channel: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (slackErrorCode(error) !== "not_in_channel") throw error;
      try {
        await slack.conversations.join({ channel });
      } catch (joinError) {
        logger.warn({ orderId: order.id, error: slackErrorCode(joinError) }, "could not join the channel");
        throw error;
      }
      return call();
    }
  }

  /** Slack took the bot out of the message's channel: the creator gets the news directly, with how to fix it. */
  async function tellCreatorInstead(order: CreatedOrder, message: MessageRef, change: ShownChange) {
    const t = await creatorWords(order);
    await slack.chat.postMessage({
      channel: order.userId,
      text: t.notices.couldNotUpdate({
        customer: escapeMrkdwn(order.customerName),
        reference: `\`${order.id}\``,
        status: statusChangeText(t, change, order),
        channel: `<#${message.channelId}>`,
        inviteMe: t.notices.inviteMe,
      }),
    });
  }

  /** Says `text` in the order's thread, or to its creator when the order has no message. */
  async function inThreadOrToCreator(order: OrderRecord, text: string): Promise<void> {
    const where = order.message
      ? { channel: order.message.channelId, thread_ts: order.message.ts }
      : { channel: order.userId };
    await slack.chat.postMessage({ ...where, text });
  }

  /**
   * Runs `call` on the order's message; a public channel the bot was taken out of is joined again.
   * Shut out for good, `shutOut` runs instead and the warning is logged.
   */
  async function onMessage(
    order: CreatedOrder,
    message: MessageRef,
    call: () => Promise<unknown>,
    shutOut: () => Promise<void>,
  ): Promise<void> {
    try {
      await inChannel(order, message.channelId, call);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!isShutOut(code)) throw error;
      await shutOut();
      logger.warn(
        { orderId: order.id, channelId: message.channelId, error: code },
        "status change sent to the creator instead",
      );
    }
  }

  async function post(channel: string, order: CreatedOrder) {
    const result = await slack.chat.postMessage({
      channel,
      ...messageFor(channelWords(order), order),
      metadata: { event_type: ORDER_MESSAGE_EVENT, event_payload: { order_id: order.id } },
      unfurl_links: false,
      unfurl_media: false,
    });
    return { channelId: result.channel ?? channel, ts: result.ts as string };
  }

  return {
    /**
     * Posts the order in its channel. A public channel the bot has not joined is joined first; a
     * private channel or DM it cannot see gets the message in the creator's DM instead, with how
     * to fix it.
     */
    async postOrder(order: CreatedOrder): Promise<PostedMessage> {
      try {
        return await inChannel(order, order.channelId, () => post(order.channelId, order));
      } catch (error) {
        const code = slackErrorCode(error);
        if (!isShutOut(code)) throw error;
        const posted = await post(order.userId, order);
        const t = await creatorWords(order);
        const fallbackReason = t.notices.postedHereInstead({
          channel: `<#${order.channelId}>`,
          inviteMe: t.notices.inviteMe,
        });
        await slack.chat.postMessage({
          channel: posted.channelId,
          thread_ts: posted.ts,
          text: fallbackReason,
        });
        logger.warn(
          { orderId: order.id, channelId: order.channelId, error: code },
          "order message sent to the creator instead",
        );
        return { ...posted, fallbackReason };
      }
    },

    /**
     * The order's message in its channel, when an earlier post of it reached Slack but its answer
     * never reached us (the instance died, the connection broke): Slack has no idempotency key, so
     * the channel's history is asked, by the order id in the message's metadata. Null when it is
     * not there, or the channel cannot be read (the post then goes where `postOrder` sends it).
     */
    async findPostedOrder(order: CreatedOrder): Promise<MessageRef | null> {
      const oldest = String((order.createdAt.getTime() - CLOCK_SLACK_MS) / 1000);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        let history: Awaited<ReturnType<typeof slack.conversations.history>>;
        try {
          history = await slack.conversations.history({
            channel: order.channelId,
            oldest,
            limit: 100,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
        } catch (error) {
          if (isShutOut(slackErrorCode(error))) return null;
          throw error;
        }
        const posted = history.messages?.find(
          (message) =>
            message.metadata?.event_type === ORDER_MESSAGE_EVENT &&
            (message.metadata.event_payload as { order_id?: unknown } | undefined)?.order_id === order.id,
        );
        if (posted?.ts) return { channelId: order.channelId, ts: posted.ts };
        cursor = history.response_metadata?.next_cursor;
        if (!history.has_more || !cursor) return null;
      }
      return null;
    },

    /**
     * Rewrites the order's message with the order as it now is. Shut out of the channel, nothing is
     * rewritten: the thread reply that goes with the change tells the creator instead.
     */
    async updateMessage(order: CreatedOrder): Promise<void> {
      const message = order.message;
      if (!message) return;
      await onMessage(
        order,
        message,
        () =>
          slack.chat.update({
            channel: message.channelId,
            ts: message.ts,
            ...messageFor(channelWords(order), order),
          }),
        async () => {},
      );
    },

    /**
     * One thread reply per status change: "PAID via Visa, 1 250,00 kr". Shut out of the channel,
     * the creator gets the news directly, with how to fix it.
     */
    async replyStatusChange(
      order: CreatedOrder,
      change: ShownChange,
      { unlessInThread = false }: { unlessInThread?: boolean } = {},
    ): Promise<void> {
      const message = order.message;
      if (!message) return;
      const text = statusChangeText(channelWords(order), change, order);
      await onMessage(
        order,
        message,
        async () => {
          // Sent again after a delivery that did not complete (its instance died after Slack took
          // it, or the answer was lost): Slack has no idempotency key, so the thread is asked.
          if (unlessInThread) {
            const thread = await slack.conversations.replies({ channel: message.channelId, ts: message.ts });
            if (thread.messages?.some((reply) => reply.ts !== message.ts && reply.text === text)) return;
          }
          await slack.chat.postMessage({ channel: message.channelId, thread_ts: message.ts, text });
        },
        () => tellCreatorInstead(order, message, change),
      );
    },

    /**
     * Front Payment reports a second order for one of ours (both attempts of an unknown outcome
     * reached it): the first report asks for one to be cancelled, later ones say what changed.
     * In the order's thread, or to its creator when the order has no message.
     */
    async reportSecondOrder(
      order: OrderRecord,
      otherFpOrderUuid: string,
      news: { first: boolean; change: ShownChange | null },
    ): Promise<void> {
      // In the thread everyone reads it; without a message only its creator does.
      const t = order.message ? channelWords(order) : await creatorWords(order);
      const latest = news.change ? statusChangeText(t, news.change) : "";
      const other = `\`${otherFpOrderUuid}\``;
      const text = `:warning: ${
        news.first
          ? t.notices.secondOrderFirst({ other, latest, cancel: `\`/invoice cancel ${otherFpOrderUuid}\`` })
          : t.notices.secondOrderLater({ other, latest })
      }`;
      await inThreadOrToCreator(order, text);
    },

    /** What the creator's modal says of a second order Front Payment has for the invoice. */
    async secondOrderNote(order: OrderRecord, otherFpOrderUuid: string): Promise<string> {
      const t = await creatorWords(order);
      return `:warning: ${t.notices.twoOrders({
        known: `\`${order.state === "created" ? order.fpOrderUuid : ""}\``,
        other: `\`${otherFpOrderUuid}\``,
        cancel: `\`/invoice cancel ${otherFpOrderUuid}\``,
      })}`;
    },

    /** What the creator's modal says when the order's message could not be posted at all. */
    async notPostedNote(order: OrderRecord): Promise<string> {
      return (await creatorWords(order)).notices.notPosted;
    },

    /** What someone did to the order (resent, refunded, edited), in its thread. */
    async replyNews(order: CreatedOrder, news: OrderNews): Promise<void> {
      if (!order.message) return;
      await slack.chat.postMessage({
        channel: order.message.channelId,
        thread_ts: order.message.ts,
        text: newsInWords(channelWords(order), news, order),
      });
    },

    /** The customer left BankID without confirming: said in the order's thread (or to its creator). */
    async tellCustomerStopped(order: OrderRecord): Promise<void> {
      const t = order.message ? channelWords(order) : await creatorWords(order);
      await inThreadOrToCreator(order, `:no_entry: ${t.notices.customerStopped}`);
    },

    /** "Overdue since …" in the order's thread (to its creator when it has no message). */
    async replyOverdue(order: CreatedOrder, since: string): Promise<void> {
      const t = order.message ? channelWords(order) : await creatorWords(order);
      await inThreadOrToCreator(order, overdueReplyText(t, { ...order, since }));
    },

    /** The creator's word that a restart interrupted sending their invoice: its outcome is not known. */
    async tellInterrupted(order: OrderRecord): Promise<void> {
      const t = await creatorWords(order);
      const customer = escapeMrkdwn(order.customerName);
      await slack.chat.postMessage({
        channel: order.userId,
        text: `:warning: ${t.notices.interrupted({ customer, reference: `\`${order.id}\`` })}`,
      });
    },

    /** The creator's word that their unsent invoice's details were erased after `keptDays`. */
    async tellExpired(order: OrderRecord, keptDays: number): Promise<void> {
      const t = await creatorWords(order);
      const customer = escapeMrkdwn(order.customerName);
      await slack.chat.postMessage({
        channel: order.userId,
        text: `:wastebasket: ${t.notices.expired({ customer, reference: `\`${order.id}\``, days: keptDays })}`,
      });
    },

    /** A direct message to a user (of `teamId`), for news they would otherwise miss (a closed modal). */
    async notifyUser(
      { userId }: { teamId: string; userId: string },
      text: string,
      blocks?: KnownBlock[],
    ): Promise<void> {
      await slack.chat.postMessage({ channel: userId, text, ...(blocks ? { blocks } : {}) });
    },
  };
}

export type OrderMessages = ReturnType<typeof createOrderMessages>;
