/**
 * `response_url`s: Slack hands one out with every slash command and message action; the app may
 * POST to it up to five times within 30 minutes to answer the person (ephemeral by default),
 * post in the channel (even one the bot is not in), or replace/delete the message acted on.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendText } from "../http.js";
import { normalizeBlocks } from "./block-kit/normalize.js";
import { validateMessageBlocks } from "./block-kit/validate.js";
import { isObject } from "./block-kit/walk.js";
import type { BlockJson } from "./types.js";
import type { SlackWorkspace } from "./workspace.js";

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export interface ResponseUrlTarget {
  userId: string;
  channelId: string;
  messageTs?: string;
  /** The ephemeral message an action came from: `replace_original` replaces it in place. */
  ephemeralTs?: string;
}

interface IssuedResponseUrl {
  userId: string;
  channelId: string;
  /** The message an action came from, for `replace_original` / `delete_original`. */
  messageTs?: string;
  ephemeralTs?: string;
  issuedAt: number;
  uses: number;
}

export class ResponseUrls {
  readonly #issued = new Map<string, IssuedResponseUrl>();
  readonly #workspace: SlackWorkspace;
  readonly #baseUrl: () => string;

  constructor(workspace: SlackWorkspace, baseUrl: () => string) {
    this.#workspace = workspace;
    this.#baseUrl = baseUrl;
  }

  /** A fresh URL for a slash command, or (with `messageTs`) for an action on that message. */
  issue(target: ResponseUrlTarget): string {
    const kind = target.messageTs || target.ephemeralTs ? "actions" : "commands";
    const path = this.#workspace.ids.responseUrlPath(this.#workspace.team.id, kind);
    this.#issued.set(path, { ...target, issuedAt: this.#workspace.clock(), uses: 0 });
    return `${this.#baseUrl()}${path}`;
  }

  owns(path: string): boolean {
    return this.#issued.has(path);
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const issued = this.#issued.get(path);
    const body = await readBody(request);
    if (!issued) return sendText(response, 404, "invalid_url");
    if (this.#workspace.clock() - issued.issuedAt > RESPONSE_URL_LIFETIME_MS)
      return sendText(response, 404, "expired_url");
    if (issued.uses >= RESPONSE_URL_MAX_USES) return sendText(response, 404, "used_url");
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return sendText(response, 400, "invalid_payload");
    }
    if (!isObject(payload)) return sendText(response, 400, "invalid_payload");
    if (payload.blocks !== undefined && validateMessageBlocks(payload.blocks).length > 0) {
      return sendText(response, 400, "invalid_blocks");
    }
    issued.uses += 1;
    const outcome = this.#apply(issued, payload);
    if (outcome) return sendText(response, 400, outcome);
    sendText(response, 200, "ok");
  }

  /** Carries out the response; returns an error code when there is nothing to do. */
  #apply(issued: IssuedResponseUrl, payload: Record<string, unknown>): string | undefined {
    const workspace = this.#workspace;
    const channel = workspace.channel(issued.channelId);
    if (!channel) return "channel_not_found";
    if (payload.delete_original === true) {
      if (issued.messageTs) workspace.deleteMessage(channel, issued.messageTs);
      return undefined;
    }
    const text = typeof payload.text === "string" ? payload.text : "";
    const blocks: BlockJson[] = Array.isArray(payload.blocks)
      ? normalizeBlocks(payload.blocks, workspace.ids)
      : [];
    if (text === "" && blocks.length === 0) return "no_text";
    const threadTs = typeof payload.thread_ts === "string" ? payload.thread_ts : undefined;
    const original = issued.messageTs ? workspace.message(channel.id, issued.messageTs) : undefined;
    if (payload.replace_original === true && issued.ephemeralTs) {
      workspace.replaceEphemeral(issued.ephemeralTs, { text, blocks });
    } else if (payload.replace_original === true && original) {
      workspace.updateMessage(channel, original, { text, blocks, editedBy: workspace.bot.userId });
    } else if (payload.response_type === "in_channel") {
      workspace.postMessage(channel, {
        user: workspace.bot.userId,
        botId: workspace.bot.botId,
        text,
        blocks,
        ...(threadTs && workspace.threadExists(channel, threadTs) ? { threadTs } : {}),
        source: "response_url",
      });
    } else {
      workspace.postEphemeral({
        channel: channel.id,
        userId: issued.userId,
        text,
        blocks,
        ...(threadTs ? { threadTs } : {}),
        source: "response_url",
      });
    }
    return undefined;
  }
}
