import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { OrderRecord } from "../store/types.js";
import { orderMessage, statusChangeText } from "../views/order-message.js";

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

function messageFor(order: OrderRecord) {
  return orderMessage({
    orderId: order.id,
    fpOrderUuid: order.fpOrderUuid,
    customerName: order.customerName,
    customerIdentifier: order.customerIdentifier,
    grandTotalOre: order.grandTotalOre,
    status: order.status,
    bankIdUrl: order.bankIdUrl,
    createdBy: order.userId,
  });
}

/** The channel message of each order: posting it where the command was typed, keeping it current. */
export function createOrderMessages({ slack, logger }: { slack: WebClient; logger: Logger }) {
  async function post(channel: string, order: OrderRecord) {
    const result = await slack.chat.postMessage({
      channel,
      ...messageFor(order),
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
    async postOrder(order: OrderRecord): Promise<PostedMessage> {
      try {
        return await post(order.channelId, order);
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === "not_in_channel") {
          try {
            await slack.conversations.join({ channel: order.channelId });
            return await post(order.channelId, order);
          } catch (joinError) {
            logger.warn(
              { orderId: order.id, error: slackErrorCode(joinError) },
              "could not join the channel",
            );
          }
        } else if (code !== "channel_not_found" && code !== "is_archived") {
          throw error;
        }
        const posted = await post(order.userId, order);
        const fallbackReason = `I couldn't post in <#${order.channelId}>. Invite me there with \`/invite @Fakturabot\`; until then I'll keep this invoice up to date here.`;
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

    /** Rewrites the order's message with its current state. */
    async updateOrder(order: OrderRecord): Promise<void> {
      if (!order.message) return;
      await slack.chat.update({
        channel: order.message.channelId,
        ts: order.message.ts,
        ...messageFor(order),
      });
    },

    /** One thread reply per status change: "PAID via Visa, 1 250,00 kr". */
    async replyStatusChange(
      order: OrderRecord,
      change: { status: string; paymentMethod: string | null; amount: string | null },
    ): Promise<void> {
      if (!order.message) return;
      await slack.chat.postMessage({
        channel: order.message.channelId,
        thread_ts: order.message.ts,
        text: statusChangeText(change),
      });
    },

    /** Front Payment called back about a second order for one of ours: ask for one to be cancelled. */
    async warnSecondOrder(order: OrderRecord, otherFpOrderUuid: string): Promise<void> {
      const text = `:warning: Front Payment reports a second order \`${otherFpOrderUuid}\` for this invoice (sent again after an unknown outcome). Cancel one of them: \`/invoice cancel ${otherFpOrderUuid}\``;
      if (order.message) {
        await slack.chat.postMessage({ channel: order.message.channelId, thread_ts: order.message.ts, text });
      } else {
        await slack.chat.postMessage({ channel: order.userId, text });
      }
    },

    /** A direct message to a user, for news they would otherwise miss (a closed modal). */
    async notifyUser(userId: string, text: string): Promise<void> {
      await slack.chat.postMessage({ channel: userId, text });
    },
  };
}

export type OrderMessages = ReturnType<typeof createOrderMessages>;
