import { describe, expect, it } from "vitest";
import { callbackChecksum, signCallback, verifyCallback } from "../src/index.js";

const SECRET = "s3cr3t";
// The documented parameter order (docs/front-payment.md §9).
const PARAMS: [string, string][] = [
  ["orderUuid", "ODR4286244937"],
  ["status", "PAID"],
  ["createdAt", "1755150000"],
  ["paymentMethod", "Visa"],
  ["amount", "1250.00"],
  ["timestamp", "1755150600"],
];
// sha256("ODR4286244937" + "PAID" + "1755150000" + "Visa" + "1250.00" + "1755150600" + "s3cr3t"),
// computed outside this code with `printf '%s' … | sha256sum`.
const KNOWN_CHECKSUM = "9c19ee593f1d47af31edc2637134b77c4817a3914c76dd11926c5b6dfb655850";
const SENT_AT_MS = 1755150600 * 1000;

function rejectionOf(result: ReturnType<typeof verifyCallback>): string {
  if (result.ok) throw new Error("expected the callback to be rejected");
  return result.reason;
}

describe("callbackChecksum", () => {
  it("is SHA-256 hex of the values in order, then the secret", () => {
    expect(
      callbackChecksum(
        PARAMS.map(([, value]) => value),
        SECRET,
      ),
    ).toBe(KNOWN_CHECKSUM);
  });
});

describe("signCallback", () => {
  it("keeps the given order and appends the checksum", () => {
    expect(signCallback(PARAMS, SECRET)).toBe(
      "orderUuid=ODR4286244937&status=PAID&createdAt=1755150000&paymentMethod=Visa&amount=1250.00" +
        `&timestamp=1755150600&checksum=${KNOWN_CHECKSUM}`,
    );
  });

  it("signs an object in its insertion order, like the same pairs", () => {
    expect(signCallback(Object.fromEntries(PARAMS), SECRET)).toBe(signCallback(PARAMS, SECRET));
  });

  it("percent-encodes keys and values", () => {
    const query = signCallback(
      [
        ["orderUuid", "ODR1"],
        ["status", "PARTIAL REFUNDED"],
        ["note", "a&b=c+d"],
      ],
      SECRET,
    );
    expect(query).toMatch(
      /^orderUuid=ODR1&status=PARTIAL%20REFUNDED&note=a%26b%3Dc%2Bd&checksum=[0-9a-f]{64}$/,
    );
  });

  it("refuses a checksum parameter or a repeated key", () => {
    expect(() => signCallback([["checksum", "x"]], SECRET)).toThrow(/must not contain checksum/);
    expect(() =>
      signCallback(
        [
          ["status", "PAID"],
          ["status", "SENT"],
        ],
        SECRET,
      ),
    ).toThrow(/"status" is given twice/);
  });
});

describe("verifyCallback accepts genuine callbacks", () => {
  const query = signCallback(PARAMS, SECRET);

  it.each([
    ["a path with its query", `/frontpayment/callback/FB-01J9Z5K3?${query}`],
    ["a full URL", `https://bot.example.com/frontpayment/callback/FB-01J9Z5K3?${query}`],
    ["a full URL with a fragment", `https://bot.example.com/cb?${query}#ignored`],
  ])("given %s", (_name, url) => {
    expect(verifyCallback(url, SECRET)).toEqual({
      ok: true,
      notification: {
        orderUuid: "ODR4286244937",
        status: "PAID",
        createdAt: "1755150000",
        paymentMethod: "Visa",
        amount: "1250.00",
        timestamp: "1755150600",
        checksum: KNOWN_CHECKSUM,
      },
    });
  });

  it("given a URL object", () => {
    const result = verifyCallback(new URL(`https://bot.example.com/cb/FB-1?${query}`), SECRET);
    expect(result.ok).toBe(true);
  });

  it("in whatever order the parameters arrive, when signed in that order", () => {
    const reordered = [...PARAMS].reverse();
    expect(verifyCallback(`/cb?${signCallback(reordered, SECRET)}`, SECRET).ok).toBe(true);
  });

  it("hashes decoded values: percent-encoding, + as space, non-ASCII", () => {
    const value = "a b+c&d=eøå%ok";
    const checksum = callbackChecksum(["ODR1", "SENT", value], SECRET);
    const encoded = "a+b%2Bc%26d%3De%C3%B8%C3%A5%25ok";
    const result = verifyCallback(
      `/cb?orderUuid=ODR1&status=SENT&paymentMethod=${encoded}&checksum=${checksum}`,
      SECRET,
    );
    expect(result).toMatchObject({ ok: true, notification: { paymentMethod: value } });
    const spaceAsPercent = encoded.replace("+", "%20");
    expect(
      verifyCallback(
        `/cb?orderUuid=ODR1&status=SENT&paymentMethod=${spaceAsPercent}&checksum=${checksum}`,
        SECRET,
      ).ok,
    ).toBe(true);
  });

  it("matches an independently computed digest of encoded characters", () => {
    expect(callbackChecksum(["a b+c&d=eøå%ok"], "")).toBe(
      "5fd339d68cc876d4bd89fe0022fc7fc9db82d171fca9dca7d64f28b198fa8044",
    );
  });

  it("a status with a space, as Front Payment spells PARTIAL REFUNDED", () => {
    const url = `/cb?${signCallback(
      [
        ["orderUuid", "ODR1"],
        ["status", "PARTIAL REFUNDED"],
      ],
      SECRET,
    )}`;
    expect(verifyCallback(url, SECRET)).toMatchObject({
      ok: true,
      notification: { status: "PARTIAL REFUNDED" },
    });
  });
});

describe("verifyCallback rejects every tampered variant", () => {
  const genuine = signCallback(PARAMS, SECRET);

  it.each(PARAMS.map(([key]) => key))("a changed %s", (key) => {
    const tampered = PARAMS.map(([name, value]): [string, string] => [
      name,
      name === key ? `${value}1` : value,
    ]);
    const query = tampered.map(([name, value]) => `${name}=${value}`).join("&");
    expect(rejectionOf(verifyCallback(`/cb?${query}&checksum=${KNOWN_CHECKSUM}`, SECRET))).toMatch(
      /checksum does not match/,
    );
  });

  it.each(PARAMS.map(([key]) => key))("a removed %s", (key) => {
    const query = PARAMS.filter(([name]) => name !== key)
      .map(([name, value]) => `${name}=${value}`)
      .join("&");
    expect(rejectionOf(verifyCallback(`/cb?${query}&checksum=${KNOWN_CHECKSUM}`, SECRET))).toMatch(
      /checksum does not match/,
    );
  });

  it("an added parameter", () => {
    expect(rejectionOf(verifyCallback(`/cb?${genuine}&extra=1`, SECRET))).toMatch(/checksum does not match/);
    expect(rejectionOf(verifyCallback(`/cb?extra=1&${genuine}`, SECRET))).toMatch(/checksum does not match/);
  });

  it("reordered parameters", () => {
    const [first, second, ...rest] = genuine.split("&");
    const swapped = [second, first, ...rest].join("&");
    expect(rejectionOf(verifyCallback(`/cb?${swapped}`, SECRET))).toMatch(/checksum does not match/);
  });

  it("the wrong secret", () => {
    expect(rejectionOf(verifyCallback(`/cb?${genuine}`, "other secret"))).toMatch(/checksum does not match/);
  });

  it("an empty secret, whatever the callback", () => {
    const signedWithEmpty = signCallback(PARAMS, "");
    expect(rejectionOf(verifyCallback(`/cb?${signedWithEmpty}`, ""))).toMatch(/no callback secret/);
  });

  it.each([
    ["missing", genuine.replace(/&checksum=.*$/, ""), /no checksum/],
    ["empty", genuine.replace(/checksum=.*$/, "checksum="), /64 lowercase hex/],
    ["short", genuine.slice(0, -2), /64 lowercase hex/],
    ["long", `${genuine}00`, /64 lowercase hex/],
    ["not hex", genuine.replace(/checksum=.{2}/, "checksum=zz"), /64 lowercase hex/],
    [
      "upper-case",
      genuine.replace(/checksum=(.*)$/, (_m, hex: string) => `checksum=${hex.toUpperCase()}`),
      /64 lowercase hex/,
    ],
    ["repeated", `${genuine}&checksum=${KNOWN_CHECKSUM}`, /"checksum" appears more than once/],
  ])("a checksum that is %s", (_name, query, reason) => {
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toMatch(reason);
  });

  it("a repeated parameter, even if the checksum covers both values", () => {
    const query = signCallback(
      [
        ["orderUuid", "ODR1"],
        ["status", "SENT"],
        ["note", "x"],
      ],
      SECRET,
    ).replace("note=", "status=");
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toMatch(/"status" appears more than once/);
  });

  it("a signed callback whose parameters break the schema", () => {
    const query = signCallback([["status", "PAID"]], SECRET);
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toMatch(
      /parameters are invalid: orderUuid Required/,
    );
    const badTimestamp = signCallback(
      [
        ["orderUuid", "ODR1"],
        ["status", "PAID"],
        ["timestamp", "soon"],
      ],
      SECRET,
    );
    expect(rejectionOf(verifyCallback(`/cb?${badTimestamp}`, SECRET))).toMatch(
      /timestamp must be Unix seconds/,
    );
  });

  it.each([
    ["no query at all", "/frontpayment/callback/FB-1"],
    ["an empty query", "/frontpayment/callback/FB-1?"],
    ["an empty string", ""],
    ["a malformed percent-encoding", `/cb?orderUuid=%E0%A4%A&${genuine}`],
    ["a lone percent sign", `/cb?status=100%&${genuine}`],
    ["garbage", "?&&&==&=&%%%"],
  ])("%s, without throwing", (_name, url) => {
    expect(verifyCallback(url, SECRET).ok).toBe(false);
  });

  it("input of the wrong type from untyped callers, without throwing", () => {
    const verify = verifyCallback as (url: unknown, secret: unknown) => ReturnType<typeof verifyCallback>;
    expect(rejectionOf(verify(undefined, SECRET))).toBe("the callback URL is missing");
    expect(rejectionOf(verify({ search: "?x" }, SECRET))).toBe("the callback URL is missing");
    expect(rejectionOf(verify(`/cb?${genuine}`, undefined))).toBe("no callback secret is configured");
  });

  it("never puts the secret in a reason", () => {
    const reasons = [
      verifyCallback(`/cb?${genuine}`, "wrong-secret-value"),
      verifyCallback(`/cb?${genuine.slice(0, -1)}`, "wrong-secret-value"),
      verifyCallback("/cb", "wrong-secret-value"),
    ].map(rejectionOf);
    for (const reason of reasons) expect(reason).not.toContain("wrong-secret-value");
  });
});

describe("what Front Payment's checksum cannot see (docs/front-payment.md §9: values only)", () => {
  const genuine = signCallback(PARAMS, SECRET);

  it("keys swapped over the same values in the same order pass the checksum", () => {
    const query = genuine.replace(
      "orderUuid=ODR4286244937&status=PAID",
      "status=ODR4286244937&orderUuid=PAID",
    );
    expect(verifyCallback(`/cb?${query}`, SECRET)).toMatchObject({
      ok: true,
      notification: { orderUuid: "PAID", status: "ODR4286244937" },
    });
  });

  it("an added parameter with an empty value passes the checksum", () => {
    expect(verifyCallback(`/cb?extra=&${genuine}`, SECRET).ok).toBe(true);
  });
});

describe("verifyCallback's freshness bound", () => {
  const url = `/cb?${signCallback(PARAMS, SECRET)}`;
  const at = (ms: number) => () => ms;

  it("is off unless maxAgeSeconds is set", () => {
    expect(verifyCallback(url, SECRET, { now: at(SENT_AT_MS + 10 * 365 * 86_400_000) }).ok).toBe(true);
  });

  it("accepts a callback within the bound, either side, and exactly at it", () => {
    for (const offsetSeconds of [0, 299, 300, -300, -1])
      expect(
        verifyCallback(url, SECRET, { maxAgeSeconds: 300, now: at(SENT_AT_MS + offsetSeconds * 1000) }).ok,
      ).toBe(true);
  });

  it("rejects a callback older than the bound", () => {
    expect(
      rejectionOf(verifyCallback(url, SECRET, { maxAgeSeconds: 300, now: at(SENT_AT_MS + 301_000) })),
    ).toBe("the callback is 301 s old, more than the allowed 300 s");
  });

  it("rejects a callback from further in the future than the bound", () => {
    expect(
      rejectionOf(verifyCallback(url, SECRET, { maxAgeSeconds: 300, now: at(SENT_AT_MS - 301_000) })),
    ).toBe("the callback's timestamp is 301 s in the future, more than the allowed 300 s");
  });

  it("treats 0 as a bound, not as 'unset'", () => {
    expect(verifyCallback(url, SECRET, { maxAgeSeconds: 0, now: at(SENT_AT_MS) }).ok).toBe(true);
    expect(verifyCallback(url, SECRET, { maxAgeSeconds: 0, now: at(SENT_AT_MS + 1000) }).ok).toBe(false);
  });

  it("rejects a callback without a timestamp when a bound is set", () => {
    const withoutTimestamp = `/cb?${signCallback(
      PARAMS.filter(([key]) => key !== "timestamp"),
      SECRET,
    )}`;
    expect(verifyCallback(withoutTimestamp, SECRET).ok).toBe(true);
    expect(rejectionOf(verifyCallback(withoutTimestamp, SECRET, { maxAgeSeconds: 300 }))).toMatch(
      /no timestamp/,
    );
  });

  it("checks the checksum before the age", () => {
    expect(
      rejectionOf(verifyCallback(url, "wrong", { maxAgeSeconds: 300, now: at(SENT_AT_MS + 10_000_000) })),
    ).toMatch(/checksum does not match/);
  });
});
