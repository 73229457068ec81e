/**
 * A Web API failure in Slack's terms: answered as HTTP 200 `{ ok: false, error, response_metadata }`
 * unless `status` says otherwise (Slack itself uses other statuses only for 429).
 */
export class SlackApiError extends Error {
  readonly code: string;
  /** `response_metadata.messages`, e.g. `[ERROR] must be less than 25 characters [json-pointer:/view/title/text]`. */
  readonly messages: string[];
  readonly status: number;

  constructor(code: string, messages: string[] = [], status = 200) {
    super(messages.length > 0 ? `${code}: ${messages.join("; ")}` : code);
    this.name = "SlackApiError";
    this.code = code;
    this.messages = messages;
    this.status = status;
  }

  toBody(): Record<string, unknown> {
    return {
      ok: false,
      error: this.code,
      ...(this.messages.length > 0 ? { response_metadata: { messages: this.messages } } : {}),
    };
  }
}

/** A driver call that Slack's client would not let a person make (unknown block, option not offered…). */
export class SlackDriverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SlackDriverError";
  }
}
