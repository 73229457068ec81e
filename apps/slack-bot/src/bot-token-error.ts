import { slackErrorCode } from "./services/order-messages.js";

/** Slack refused the bot token when asked who the bot is (`auth.test`): its own answer, e.g. `invalid_auth`. */
export class BotTokenError extends Error {
  override readonly name = "BotTokenError";
  constructor(readonly slackError: string) {
    super(`Fakturabot cannot start: Slack refused the bot token (SLACK_BOT_TOKEN): ${slackError}`);
  }

  /** `error` as a BotTokenError when it is Slack's answer (not, say, Slack being unreachable). */
  static from(error: unknown): unknown {
    const code = slackErrorCode(error);
    return code === undefined ? error : new BotTokenError(code);
  }
}
