import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "../src/logger.js";
import { withRequestContext } from "../src/request-context.js";

const PERSONAL_NUMBER = "28038712383";
const MASKED = "280387*****";
const SECRETS = {
  botToken: "xoxb-1111-2222-secretbottoken",
  appToken: "xapp-1-A111-333-secretapptoken",
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  callbackSecret: "fp-callback-secret-value",
  frontPaymentToken: "fp-api-token-value-123",
  checksum: "a3f1c0ffee5e5e5e0123456789abcdef0123456789abcdef0123456789abcdef",
  databasePassword: "pg-pass-value-789",
};

function captureLogger(level: LogLevel = "info") {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    output: () => lines.join(""),
  };
}

function expectNothingSensitive(output: string) {
  for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
  expect(output).not.toContain(PERSONAL_NUMBER);
  expect(output).not.toContain("12383");
}

describe("createLogger", () => {
  it("redacts secrets by key at any depth, in bindings, and keeps everything else", () => {
    const { logger, records, output } = captureLogger();
    const child = logger.child({ component: "callback", callbackSecret: SECRETS.callbackSecret });
    child.info(
      {
        orderId: "FB0123456789AB",
        config: { slack: { botToken: SECRETS.botToken, signing_secret: SECRETS.signingSecret } },
        request: {
          headers: {
            Authorization: `Bearer ${SECRETS.frontPaymentToken}`,
            "content-type": "application/json",
          },
        },
        deeply: {
          nested: { array: [{ FRONTPAYMENT_TOKEN: SECRETS.frontPaymentToken, checksum: SECRETS.checksum }] },
        },
        appToken: SECRETS.appToken,
      },
      "callback handled",
    );
    expectNothingSensitive(output());
    const [record] = records();
    expect(record).toMatchObject({
      level: 30,
      msg: "callback handled",
      component: "callback",
      callbackSecret: "[redacted]",
      orderId: "FB0123456789AB",
      config: { slack: { botToken: "[redacted]", signing_secret: "[redacted]" } },
      request: { headers: { Authorization: "[redacted]", "content-type": "application/json" } },
      deeply: { nested: { array: [{ FRONTPAYMENT_TOKEN: "[redacted]", checksum: "[redacted]" }] } },
      appToken: "[redacted]",
    });
  });

  it("masks personal numbers in fields, messages, interpolated values and numbers", () => {
    const { logger, records, output } = captureLogger();
    logger.info(
      {
        request: { customerDetails: { type: "private", personalNumber: PERSONAL_NUMBER, name: "Kari" } },
        personalNumber: 28038712383,
        note: `customer 280387 12383 asked`,
        grandTotalOre: 450000,
      },
      "submitting for %s",
      PERSONAL_NUMBER,
    );
    logger.warn(`personal number ${PERSONAL_NUMBER} failed the check digits`);
    expectNothingSensitive(output());
    const [first, second] = records();
    expect(first).toMatchObject({
      request: { customerDetails: { type: "private", personalNumber: MASKED, name: "Kari" } },
      personalNumber: MASKED,
      note: "customer 280387 ***** asked",
      grandTotalOre: 450000,
      msg: `submitting for ${MASKED}`,
    });
    expect(second?.msg).toBe(`personal number ${MASKED} failed the check digits`);
  });

  it("masks personal numbers and secrets inside errors, their causes and properties", () => {
    const { logger, records, output } = captureLogger();
    const cause = new Error(`upstream said Bearer ${SECRETS.frontPaymentToken} is invalid`);
    const error = Object.assign(new Error(`personalNumber ${PERSONAL_NUMBER} was rejected`, { cause }), {
      body: { errors: [`customerDetails.personalNumber ${PERSONAL_NUMBER} must be valid`] },
      token: SECRETS.botToken,
    });
    logger.error({ err: error, orderId: "FB0123456789AB" }, "submit failed");
    logger.error(error);
    expectNothingSensitive(output());
    const [first, second] = records();
    expect(first?.err).toMatchObject({
      type: "Error",
      // pino's error serializer appends the causes' messages.
      message: `personalNumber ${MASKED} was rejected: upstream said Bearer [redacted] is invalid`,
      body: { errors: [`customerDetails.personalNumber ${MASKED} must be valid`] },
      token: "[redacted]",
    });
    expect(first?.err).toHaveProperty("stack", expect.stringContaining(MASKED));
    expect(second?.msg).toBe(`personalNumber ${MASKED} was rejected`);
  });

  it("removes secrets written inside free text", () => {
    const { logger, records, output } = captureLogger();
    logger.info(
      {
        url: `/frontpayment/callback/FB0123456789AB?orderUuid=ODR1&status=PAID&checksum=${SECRETS.checksum}`,
      },
      `calling Slack with ${SECRETS.botToken} and ${SECRETS.appToken}; header Authorization: Bearer ${SECRETS.frontPaymentToken}`,
    );
    expectNothingSensitive(output());
    const [record] = records();
    expect(record?.url).toBe(
      "/frontpayment/callback/FB0123456789AB?orderUuid=ODR1&status=PAID&checksum=[redacted]",
    );
    expect(record?.msg).toBe(
      "calling Slack with xoxb-[redacted] and xapp-[redacted]; header Authorization: Bearer [redacted]",
    );
  });

  it("sanitizes lines the quick check cannot clear: escapes, keys spelt with separators, bare numbers", () => {
    const { logger, records, output } = captureLogger();
    // Written `\nxoxb-…` in the line: the token starts a word only once the line is parsed.
    logger.info({ path: "C:\\orders", note: "first line\nxoxb-1111-2222-abcdef" }, "escaped");
    logger.info(
      { "API-KEY": "plain-looking-value", nested: { "Response.URL": "https://hooks.example/x" } },
      "keys",
    );
    logger.info({ amount: Number(PERSONAL_NUMBER), at: 1_796_133_922_512 }, "numbers");
    logger.info({ orderId: "FB0123456789AB", status: "PAID", outcome: "changed" }, "status notification");
    expectNothingSensitive(output());
    expect(output()).not.toContain("abcdef");
    expect(output()).not.toContain("plain-looking-value");
    expect(records()[0]).toMatchObject({ path: "C:\\orders", note: "first line\nxoxb-[redacted]" });
    expect(records()[1]).toMatchObject({ "API-KEY": "[redacted]", nested: { "Response.URL": "[redacted]" } });
    expect(records()[2]).toMatchObject({ amount: MASKED, at: 1_796_133_922_512 });
    expect(records()[3]).toMatchObject({
      orderId: "FB0123456789AB",
      status: "PAID",
      msg: "status notification",
    });
  });

  it("removes the password from a database URL, by key and inside free text", () => {
    const { logger, records, output } = captureLogger();
    const url = `postgres://fakturabot:${SECRETS.databasePassword}@db.example.com:5432/fakturabot`;
    logger.error({ store: { databaseUrl: url } }, `cannot reach ${url} (postgresql://ops:x@db2/fb too)`);
    expectNothingSensitive(output());
    expect(records()[0]).toMatchObject({
      store: { databaseUrl: "[redacted]" },
      msg: "cannot reach postgres://fakturabot:[redacted]@db.example.com:5432/fakturabot (postgresql://ops:[redacted]@db2/fb too)",
    });
  });

  it("writes one valid JSON line per entry and honours the level", () => {
    const { logger, lines } = captureLogger("info");
    logger.debug("not written");
    const before = Date.now();
    logger.info({ amount: 12345678901.5, ts: "1712345678.123456", time2: 1712345678123 }, "written");
    const after = Date.now();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      amount: 12345678901.5,
      ts: "1712345678.123456",
      time2: 1712345678123,
    });
    // `time`: whole milliseconds since the epoch, as pino writes it by default.
    const { time } = JSON.parse(lines[0] ?? "") as { time: number };
    expect(Number.isInteger(time) && time >= before && time <= after).toBe(true);
  });

  it("gives each line of a request its id, and no line the fields of the lines before it", () => {
    const { logger, records } = captureLogger("info");
    withRequestContext({ requestId: "req-12345678" }, () => {
      logger.info({ orderId: "FB1", outcome: "changed" }, "first");
      logger.info("second");
    });
    logger.info("outside");
    expect(records()).toEqual([
      expect.objectContaining({
        requestId: "req-12345678",
        orderId: "FB1",
        outcome: "changed",
        msg: "first",
      }),
      expect.not.objectContaining({ orderId: "FB1" }),
      expect.not.objectContaining({ requestId: "req-12345678" }),
    ]);
    expect(records()[1]).toMatchObject({ requestId: "req-12345678", msg: "second" });
  });

  it("lets a line's own requestId win over its request's, and leaves the request's context as it was", () => {
    const { logger, records } = captureLogger("info");
    const context = { requestId: "req-12345678" };
    withRequestContext(context, () => {
      logger.info({ requestId: "req-own-one", orderId: "FB1" }, "own id");
      logger.info({ orderId: "FB2" }, "request's id");
    });
    expect(records()[0]).toMatchObject({ requestId: "req-own-one", orderId: "FB1" });
    expect(records()[1]).toMatchObject({ requestId: "req-12345678", orderId: "FB2" });
    expect(context).toEqual({ requestId: "req-12345678" });
  });
});
