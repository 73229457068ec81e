import type { FrontPaymentSandbox } from "../frontpayment/sandbox.js";
import type { SlackTeamSandbox } from "../slack/sandbox.js";
import type {
  OptionObject,
  SlackBotIdentity,
  SlackChannel,
  SlackEphemeralMessage,
  SlackMessage,
  SlackTeam,
  SlackUser,
  SlackViewObject,
} from "../slack/types.js";

/**
 * What the workspace page shows, sent to the browser whenever it changes: the people, channels
 * with messages and threads, ephemeral messages, open modals and the Front Payment orders. Only
 * what a person in Slack's client (or the sandbox panel) sees: no API call log, no message
 * revisions, no full personal numbers.
 */
export interface WorkspaceSnapshot {
  team: SlackTeam;
  bot: SlackBotIdentity;
  users: SlackUser[];
  channels: ChannelSnapshot[];
  ephemerals: SlackEphemeralMessage[];
  modals: ModalSnapshot[];
  /** Each person's App Home view, as the app last published it. */
  homes: { userId: string; viewId: string; blocks: SlackViewObject["blocks"] }[];
  /** The slash commands the app has, e.g. `/invoice`. */
  commands: readonly string[];
  frontPayment: { url: string; orders: OrderSnapshot[] };
  /** Every workspace's page, this one included, when there are several (the switcher); else empty. */
  workspaces: WorkspaceLink[];
}

/** Another workspace's page, for the switcher. */
export interface WorkspaceLink {
  teamId: string;
  name: string;
  url: string;
}

export type MessageSnapshot = Pick<
  SlackMessage,
  "ts" | "channel" | "user" | "botId" | "text" | "blocks" | "threadTs" | "edited"
> & { replies: MessageSnapshot[] };

export type ChannelSnapshot = Omit<SlackChannel, "messages"> & { messages: MessageSnapshot[] };

/** An open modal: the view on top of its stack, with the values shown and the errors under fields. */
export interface ModalSnapshot {
  id: string;
  userId: string;
  /** How many views are stacked (Slack shows a back arrow above one). */
  depth: number;
  view: Pick<
    SlackViewObject,
    "id" | "hash" | "title" | "submit" | "close" | "blocks" | "state" | "callback_id"
  >;
  errors: Record<string, string>;
  /** The options the app last suggested for an `external_select`, by block and action id. */
  suggested: Record<string, Record<string, OptionObject[]>>;
}

export interface OrderSnapshot {
  uuid: string;
  status: string;
  customerName: string;
  customerType: "private" | "corporate";
  amount: number;
  bankIdUrl: string | null;
  invoiceNumber: string | null;
  paymentMethod: string;
  bankIdRejections: number;
  history: { status: string; at: number }[];
}

function messageSnapshot(message: SlackMessage): MessageSnapshot {
  return {
    ts: message.ts,
    channel: message.channel,
    user: message.user,
    ...(message.botId ? { botId: message.botId } : {}),
    text: message.text,
    blocks: message.blocks,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    ...(message.edited ? { edited: message.edited } : {}),
    replies: message.replies.map(messageSnapshot),
  };
}

export function workspaceSnapshot(
  slack: SlackTeamSandbox,
  frontPayment: FrontPaymentSandbox,
  commands: readonly string[],
  workspaces: readonly WorkspaceLink[] = [],
): WorkspaceSnapshot {
  const { state } = slack.workspace;
  return {
    team: state.team,
    bot: state.bot,
    users: state.users,
    channels: state.channels.map(({ messages, ...channel }) => ({
      ...channel,
      messages: messages.map(messageSnapshot),
    })),
    ephemerals: state.ephemerals,
    homes: state.homes.map((home) => ({
      userId: home.userId,
      viewId: home.view.id,
      blocks: home.view.blocks,
    })),
    modals: state.modals
      .filter((modal) => modal.status === "open")
      .flatMap((modal) => {
        const top = modal.stack.at(-1);
        if (!top) return [];
        const { id, hash, title, submit, close, blocks, state: viewState, callback_id } = top.view;
        return [
          {
            id: modal.id,
            userId: modal.userId,
            depth: modal.stack.length,
            view: { id, hash, title, submit, close, blocks, state: viewState, callback_id },
            errors: top.errors,
            suggested: top.suggested ?? {},
          },
        ];
      }),
    commands,
    workspaces: workspaces.length > 1 ? [...workspaces] : [],
    frontPayment: {
      url: frontPayment.url,
      orders: frontPayment.orders().map((order) => ({
        uuid: order.uuid,
        status: order.status,
        customerName: order.request.customerDetails.name,
        customerType: order.request.customerDetails.type,
        amount: order.orderAmount,
        bankIdUrl: order.bankIdUrl,
        invoiceNumber: order.invoiceNumber,
        paymentMethod: order.paymentMethod,
        bankIdRejections: order.bankIdRejections.length,
        history: order.history,
      })),
    },
  };
}
