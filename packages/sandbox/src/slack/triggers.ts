import { SlackApiError } from "./errors.js";
import type { SlackIds } from "./ids.js";

/** Slack: a trigger expires three seconds after it is issued and can be exchanged once. */
export const TRIGGER_LIFETIME_MS = 3000;

/** Where the interaction that issued a trigger happened. */
export type TriggerSource =
  | { kind: "slash_command"; channelId: string }
  | { kind: "view"; viewId: string }
  | { kind: "message"; channelId: string; messageTs: string }
  | { kind: "sandbox" };

export interface IssuedTrigger {
  id: string;
  userId: string;
  issuedAt: number;
  source: TriggerSource;
  exchanged: boolean;
}

export class TriggerRegistry {
  readonly #triggers = new Map<string, IssuedTrigger>();
  readonly #ids: SlackIds;
  readonly #clock: () => number;

  constructor(ids: SlackIds, clock: () => number) {
    this.#ids = ids;
    this.#clock = clock;
  }

  issue(userId: string, source: TriggerSource): IssuedTrigger {
    const trigger: IssuedTrigger = {
      id: this.#ids.triggerId(),
      userId,
      issuedAt: this.#clock(),
      source,
      exchanged: false,
    };
    this.#triggers.set(trigger.id, trigger);
    return trigger;
  }

  /** The trigger as issued, without using it up. */
  peek(id: string): IssuedTrigger | undefined {
    return this.#triggers.get(id);
  }

  /**
   * Exchanges a trigger for the right to open or push a view. A second use answers
   * `exchanged_trigger_id` and an old one `expired_trigger_id`, the codes Slack returns
   * (bolt-js#1371, bolt-js#1662); an unknown one `invalid_arguments`, as in Slack's example.
   */
  exchange(id: string): IssuedTrigger {
    const trigger = this.#triggers.get(id);
    if (!trigger)
      throw new SlackApiError("invalid_arguments", [
        "[ERROR] invalid `trigger_id` [json-pointer:/trigger_id]",
      ]);
    if (trigger.exchanged) throw new SlackApiError("exchanged_trigger_id");
    if (this.#clock() - trigger.issuedAt >= TRIGGER_LIFETIME_MS)
      throw new SlackApiError("expired_trigger_id");
    trigger.exchanged = true;
    return trigger;
  }
}
