import { randomBytes } from "node:crypto";
import { unixSeconds } from "@fakturabot/schema";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Slack-shaped identifiers: counters where tests read them, randomness where Slack's are opaque. */
export class SlackIds {
  readonly #clock: () => number;
  #views = 0;
  #triggers = 0;
  #responseUrls = 0;
  #channels = 0;
  #lastTsMicros = 0;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  /** `V` and ten characters, like Slack's view ids. */
  viewId(): string {
    this.#views += 1;
    return `V${this.#views.toString(36).toUpperCase().padStart(10, "0")}`;
  }

  /** `D` and ten characters, for a DM the stand-in opens on demand. */
  imId(): string {
    this.#channels += 1;
    return `D${this.#channels.toString(36).toUpperCase().padStart(10, "0")}`;
  }

  /** Like Slack's `1569362015.55b5e41b`: changes on every view change. */
  viewHash(): string {
    return `${unixSeconds(this.#clock())}.${randomBytes(4).toString("hex")}`;
  }

  /** Like Slack's `12345.98765.abcd2358fdea`. */
  triggerId(): string {
    this.#triggers += 1;
    return `${this.#triggers}.${unixSeconds(this.#clock())}.${randomBytes(16).toString("hex")}`;
  }

  /** The path part of a `response_url`, like Slack's `/commands/T…/1234/abcd…` (or `/actions/…`). */
  responseUrlPath(teamId: string, kind: "commands" | "actions"): string {
    this.#responseUrls += 1;
    return `/${kind}/${teamId}/${this.#responseUrls}/${randomBytes(12).toString("hex")}`;
  }

  /** A message timestamp: `seconds.micros`, strictly increasing, so unique in the workspace. */
  messageTs(): string {
    const micros = Math.max(Math.floor(this.#clock() * 1000), this.#lastTsMicros + 1);
    this.#lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
  }

  /** What Slack generates for a block or action id the app left out (four characters). */
  shortId(taken: ReadonlySet<string>): string {
    for (;;) {
      const bytes = randomBytes(4);
      const id = [...bytes].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
      if (!taken.has(id)) return id;
    }
  }
}
