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
  who: { userId: string; channelId: string },
  order: { userId: string; channelId: string; message: { channelId: string } | null },
): boolean {
  return (
    mayCancel(rules, who.userId, order) ||
    who.channelId === order.channelId ||
    who.channelId === order.message?.channelId
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
