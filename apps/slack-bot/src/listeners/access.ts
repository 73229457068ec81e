import type { Messages } from "../i18n/index.js";
import { type ApprovalPolicy, type ApproverProblem, approverProblem } from "../orders/approval.js";

/** Who may use the bot where: empty allowlists allow everyone. */
export interface AccessRules {
  allowedUserIds: readonly string[];
  allowedChannelIds: readonly string[];
  adminUserIds: readonly string[];
}

/** Why this user may not use the bot in this channel, or null when they may. Admins may everywhere. */
export function accessProblem(
  rules: AccessRules,
  who: { userId: string; channelId: string },
): "user" | "channel" | null {
  if (rules.adminUserIds.includes(who.userId)) return null;
  if (rules.allowedUserIds.length > 0 && !rules.allowedUserIds.includes(who.userId)) return "user";
  if (rules.allowedChannelIds.length > 0 && !rules.allowedChannelIds.includes(who.channelId))
    return "channel";
  return null;
}

/** Only the order's creator and the configured admins may cancel it. */
export function mayCancel(rules: AccessRules, userId: string, order: { userId: string }): boolean {
  return order.userId === userId || rules.adminUserIds.includes(userId);
}

/**
 * Who may see an order: its creator, the admins, and whoever asks in the order's channel (only its
 * members can use a command there, so no membership lookup is needed).
 */
export function mayView(
  rules: AccessRules,
  who: { userId: string; channelId: string; memberOf?: readonly string[]; teamId?: string },
  order: { userId: string; channelId: string; message: { channelId: string } | null; teamId?: string },
): boolean {
  // Another workspace's orders are never shown, whoever asks.
  if (who.teamId !== undefined && order.teamId !== undefined && who.teamId !== order.teamId) return false;
  return (
    mayCancel(rules, who.userId, order) ||
    who.channelId === order.channelId ||
    who.channelId === order.message?.channelId ||
    // Asked outside a channel (App Home, a listing's menu): the channels Slack says they are in.
    who.memberOf?.includes(order.channelId) === true ||
    (order.message !== null && who.memberOf?.includes(order.message.channelId) === true)
  );
}

/**
 * Who may edit and forget the workspace's saved customers: whoever may use the bot (everyone when
 * no users are listed) and the admins.
 */
export function mayManageCustomers(rules: AccessRules, userId: string): boolean {
  return (
    rules.allowedUserIds.length === 0 ||
    rules.allowedUserIds.includes(userId) ||
    rules.adminUserIds.includes(userId)
  );
}

/** Who may add, edit and delete the workspace's products: the same people as its saved customers. */
export const mayManageProducts = mayManageCustomers;

/**
 * What a listing may show someone, as the store's filter: everything for an admin, else what
 * `mayView` allows (their own orders, and those of the channels they are in).
 */
export function listingVisibility(
  rules: AccessRules,
  userId: string,
  memberOf: readonly string[],
): { userId: string; channelIds: readonly string[] } | undefined {
  return rules.adminUserIds.includes(userId) ? undefined : { userId, channelIds: memberOf };
}

/** Who may use each action on an order's message. */
export type MessageAction = "resend" | "refresh" | "cancel" | "refund" | "copy" | "edit";

/**
 * Moving money or changing what the customer is asked to pay (cancel, refund, edit) is for the
 * order's creator and the admins; following it up (send the link again, refresh, copy) for
 * whoever may see it: anyone in the channel where its message is.
 */
export function mayAct(
  rules: AccessRules,
  who: { userId: string; channelId: string },
  order: { userId: string; channelId: string; message: { channelId: string } | null },
  action: MessageAction,
): boolean {
  if (accessProblem(rules, who) !== null) return false;
  if (action === "cancel" || action === "refund" || action === "edit")
    return mayCancel(rules, who.userId, order);
  return mayView(rules, who, order);
}

/** Who may, in words, for the refusal. */
export function whoMay(t: Messages, action: MessageAction, creator: string): string {
  return action === "cancel" || action === "refund" || action === "edit"
    ? t.commands.creatorOrAdmin({ creator: `<@${creator}>` })
    : t.commands.channelSenderOrAdmin;
}

/**
 * Who may approve or reject an invoice waiting for approval: an approver (APPROVER_USER_IDS), never
 * its creator, not even an admin on their own. Why not, or null when they may.
 */
export function mayApprove(
  approval: ApprovalPolicy | null,
  userId: string,
  order: { userId: string },
): ApproverProblem | null {
  return approverProblem(approval?.approverUserIds ?? [], userId, order);
}
