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
/**
 * `PARAMS` signed with `SECRET`, written out rather than computed: suites build their cases from it
 * while the file loads, and a broken `signCallback` there would stop the whole file from loading,
 * which mutation testing counts as a surviving mutant (stryker-js issue 6150). Tests check it.
 */
const SIGNED_PARAMS =
  "orderUuid=ODR4286244937&status=PAID&createdAt=1755150000&paymentMethod=Visa&amount=1250.00" +
  `&timestamp=1755150600&checksum=${KNOWN_CHECKSUM}`;

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
    expect(signCallback(PARAMS, SECRET)).toBe(SIGNED_PARAMS);
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
  const query = SIGNED_PARAMS;

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
  const genuine = SIGNED_PARAMS;

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
  const genuine = SIGNED_PARAMS;

  it("keys swapped over two values of the same shape pass the checksum and the shapes", () => {
    const query = genuine.replace(
      "createdAt=1755150000&paymentMethod=Visa&amount=1250.00&timestamp=1755150600",
      "timestamp=1755150000&paymentMethod=Visa&amount=1250.00&createdAt=1755150600",
    );
    expect(verifyCallback(`/cb?${query}`, SECRET)).toMatchObject({
      ok: true,
      notification: { createdAt: "1755150600", timestamp: "1755150000" },
    });
  });

  it("keys swapped over values of different shapes are refused", () => {
    const query = genuine.replace(
      "orderUuid=ODR4286244937&status=PAID",
      "status=ODR4286244937&orderUuid=PAID",
    );
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toBe(
      "the callback's parameters are invalid: orderUuid must be ODR followed by digits; status must be non-empty text without digits",
    );
  });

  it("an added parameter with an empty value passes the checksum", () => {
    expect(verifyCallback(`/cb?extra=&${genuine}`, SECRET).ok).toBe(true);
    expect(verifyCallback(`/cb?${genuine}&extra=`, SECRET).ok).toBe(true);
  });

  it("an unknown status can lose letters to a paymentMethod after it", () => {
    const sent: [string, string][] = [
      ["orderUuid", "ODR1"],
      ["status", "Overført til Lindorff"],
      ["paymentMethod", "Visa"],
    ];
    const query = signCallback(sent, SECRET).replace(
      "Lindorff&paymentMethod=Visa",
      "Lindorf&paymentMethod=fVisa",
    );
    expect(verifyCallback(`/cb?${query}`, SECRET)).toMatchObject({
      ok: true,
      notification: { status: "Overført til Lindorf", paymentMethod: "fVisa" },
    });
  });
});

/** The query of `params` with `checksum` appended as given, whatever the values: for tampering. */
function queryWith(params: readonly (readonly [string, string])[], checksum: string): string {
  return [...params, ["checksum", checksum] as const]
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

describe("verifyCallback refuses characters moved across any boundary (finding 1)", () => {
  // Genuine callbacks in the docs' example order (as the sandbox sends them) and in docs/front-payment.md §9's.
  const GENUINE: Record<string, [string, string][]> = {
    "invoiced, in the docs' order": [
      ["orderUuid", "ODR3099195636"],
      ["status", "INVOICED"],
      ["paymentMethod", "invoice"],
      ["amount", "1250.00"],
      ["createdAt", "1755150000"],
      ["timestamp", "1755150600"],
    ],
    "paid, in docs/front-payment.md §9's order": PARAMS,
    "partially refunded, punctuated payment method, whole amount": [
      ["orderUuid", "ODR42"],
      ["status", "PARTIAL REFUNDED"],
      ["paymentMethod", "Kort/Visa & Co"],
      ["amount", "40"],
      ["createdAt", "1755150000"],
      ["timestamp", "1755150600"],
    ],
    "paid, empty payment method": [
      ["orderUuid", "ODR4286244937"],
      ["status", "PAID"],
      ["paymentMethod", ""],
      ["amount", "0.5"],
      ["timestamp", "1755150600"],
      ["createdAt", "1755150000"],
    ],
  };

  interface Shift {
    name: string;
    genuine: [string, string][];
    tampered: [string, string][];
  }
  const shifts: Shift[] = [];
  for (const [callback, genuine] of Object.entries(GENUINE)) {
    for (let index = 1; index < genuine.length; index++) {
      const [leftKey, left] = genuine[index - 1] as [string, string];
      const [rightKey, right] = genuine[index] as [string, string];
      for (const count of [1, 2, 3]) {
        const moves: [string, string, string][] = [];
        if (count <= left.length)
          moves.push([`${leftKey} → ${rightKey}`, left.slice(0, -count), left.slice(-count) + right]);
        if (count <= right.length)
          moves.push([`${leftKey} ← ${rightKey}`, left + right.slice(0, count), right.slice(count)]);
        for (const [direction, newLeft, newRight] of moves) {
          const tampered = genuine.map((pair): [string, string] => [...pair]);
          tampered[index - 1] = [leftKey, newLeft];
          tampered[index] = [rightKey, newRight];
          shifts.push({ name: `${callback}: ${count} ${direction}`, genuine, tampered });
        }
      }
    }
  }

  it("covers every boundary of every genuine callback, both ways, 1 to 3 characters", () => {
    // 4 callbacks × 5 boundaries × 3 counts × 2 directions, less the moves of more characters
    // than a value has: 3 at each boundary of the empty paymentMethod, 1 at each of "40".
    expect(shifts).toHaveLength(4 * 5 * 3 * 2 - 2 * 3 - 2 * 1);
  });

  it.each(Object.entries(GENUINE))("accepts the genuine callback: %s", (_name, genuine) => {
    expect(verifyCallback(`/cb?${signCallback(genuine, SECRET)}`, SECRET).ok).toBe(true);
  });

  it.each(shifts)("$name", ({ genuine, tampered }) => {
    const checksum = callbackChecksum(
      genuine.map(([, value]) => value),
      SECRET,
    );
    // The tampering is invisible to the checksum itself…
    expect(
      callbackChecksum(
        tampered.map(([, value]) => value),
        SECRET,
      ),
    ).toBe(checksum);
    // …but not to verifyCallback.
    const reason = rejectionOf(verifyCallback(`/cb?${queryWith(tampered, checksum)}`, SECRET));
    expect(reason).toMatch(/^the callback's parameters are invalid: |can be split differently/);
  });

  it("the issue's example: the first letter of INVOICED moved to the end of orderUuid", () => {
    const genuine = GENUINE["invoiced, in the docs' order"] ?? [];
    const checksum = callbackChecksum(
      genuine.map(([, value]) => value),
      SECRET,
    );
    const query = queryWith(genuine, checksum).replace(
      "orderUuid=ODR3099195636&status=INVOICED",
      "orderUuid=ODR3099195636I&status=NVOICED",
    );
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toBe(
      "the callback's parameters are invalid: orderUuid must be ODR followed by digits",
    );
  });
});

describe("verifyCallback checks each field's shape", () => {
  const cases: [string, string, string | undefined][] = [
    ["orderUuid", "ODR1", undefined],
    ["orderUuid", "ODR4286244937", undefined],
    ["orderUuid", "ODR", "must be ODR followed by digits"],
    ["orderUuid", "odr1", "must be ODR followed by digits"],
    ["orderUuid", "XODR1", "must be ODR followed by digits"],
    ["orderUuid", "ODR1X", "must be ODR followed by digits"],
    ["orderUuid", "ODR 1", "must be ODR followed by digits"],
    ["orderUuid", "", "must be ODR followed by digits"],
    ["status", "PAID", undefined],
    ["status", "Overført til Lindorff", undefined],
    ["status", "RESEVRED", undefined],
    ["status", "", "must be non-empty text without digits"],
    ["status", "PAID1", "must be non-empty text without digits"],
    ["status", "1PAID", "must be non-empty text without digits"],
    ["status", "PA1D", "must be non-empty text without digits"],
    ["paymentMethod", "Visa", undefined],
    ["paymentMethod", "Kort/Visa & Co", undefined],
    ["paymentMethod", "", undefined],
    ["paymentMethod", "Visa1", "must be text without digits"],
    ["paymentMethod", "3D Secure", "must be text without digits"],
    ["amount", "1250.00", undefined],
    ["amount", "40", undefined],
    ["amount", "0.5", undefined],
    ["amount", "1250.001", "must be an amount with at most two decimals"],
    ["amount", "1250.", "must be an amount with at most two decimals"],
    ["amount", ".5", "must be an amount with at most two decimals"],
    ["amount", "a1250", "must be an amount with at most two decimals"],
    ["amount", "1250a", "must be an amount with at most two decimals"],
    ["amount", "-5", "must be an amount with at most two decimals"],
    ["amount", "12,50", "must be an amount with at most two decimals"],
    ["amount", "", "must be an amount with at most two decimals"],
    ["createdAt", "1755150000", undefined],
    ["createdAt", "9999999999", undefined],
    ["createdAt", "175515000", "must be Unix seconds (10 digits)"],
    ["createdAt", "17551500001", "must be Unix seconds (10 digits)"],
    ["createdAt", "0755150000", "must be Unix seconds (10 digits)"],
    ["createdAt", "x1755150000", "must be Unix seconds (10 digits)"],
    ["createdAt", "1755150000x", "must be Unix seconds (10 digits)"],
    ["timestamp", "1755150600", undefined],
    ["timestamp", "175515060", "must be Unix seconds (10 digits)"],
    ["timestamp", "17551506001", "must be Unix seconds (10 digits)"],
    ["timestamp", "soon", "must be Unix seconds (10 digits)"],
  ];

  it.each(cases)("%s %j: %s", (field, value, problem) => {
    const params: [string, string][] = [
      ["orderUuid", field === "orderUuid" ? value : "ODR1"],
      ["status", field === "status" ? value : "PAID"],
      ...(field === "orderUuid" || field === "status" ? [] : [[field, value] as [string, string]]),
    ];
    const result = verifyCallback(`/cb?${signCallback(params, SECRET)}`, SECRET);
    if (problem === undefined) expect(result).toMatchObject({ ok: true, notification: { [field]: value } });
    else expect(rejectionOf(result)).toBe(`the callback's parameters are invalid: ${field} ${problem}`);
  });

  it("names every invalid field", () => {
    const params: [string, string][] = [
      ["orderUuid", "X"],
      ["status", "PAID"],
      ["amount", "x"],
    ];
    expect(rejectionOf(verifyCallback(`/cb?${signCallback(params, SECRET)}`, SECRET))).toBe(
      "the callback's parameters are invalid: orderUuid must be ODR followed by digits; amount must be an amount with at most two decimals",
    );
  });
});

describe("verifyCallback refuses values that split two ways under one checksum", () => {
  /** The reason for a callback signed as sent, whatever the values. */
  function verdict(params: [string, string][]) {
    return verifyCallback(`/cb?${signCallback(params, SECRET)}`, SECRET);
  }

  it("a known status's last letter moved into paymentMethod, though both have their shapes", () => {
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR1"],
          ["status", "PAI"],
          ["paymentMethod", "DVisa"],
        ]),
      ),
    ).toBe(
      'the values of "status" and "paymentMethod" can be split differently under the same checksum: characters may have been moved between them',
    );
  });

  it("at the first boundary too", () => {
    expect(
      rejectionOf(
        verdict([
          ["status", "PAIDV"],
          ["paymentMethod", "isa"],
          ["orderUuid", "ODR1"],
        ]),
      ),
    ).toMatch(/"status" and "paymentMethod" can be split differently/);
  });

  it("a paymentMethod's letters moved into a status before it, making a known one unknown", () => {
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR1"],
          ["paymentMethod", "Vis"],
          ["status", "aPAID"],
        ]),
      ),
    ).toMatch(/"paymentMethod" and "status" can be split differently/);
  });

  it("orderUuid's digits moved into a parameter Front Payment does not document", () => {
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR42862"],
          ["note", "44937"],
          ["status", "PAID"],
        ]),
      ),
    ).toMatch(/"orderUuid" and "note" can be split differently/);
    // Only the split that moves every character back explains it.
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR1"],
          ["note", "2"],
          ["status", "PAID"],
        ]),
      ),
    ).toMatch(/"orderUuid" and "note" can be split differently/);
  });

  it("an undocumented parameter that may hold a known status's first letters", () => {
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR1"],
          ["note", "P"],
          ["status", "AID"],
        ]),
      ),
    ).toMatch(/"note" and "status" can be split differently/);
  });

  it("a genuine unknown status that begins with a known one, beside a paymentMethod", () => {
    expect(
      rejectionOf(
        verdict([
          ["orderUuid", "ODR1"],
          ["status", "PAIDOUT"],
          ["paymentMethod", "Visa"],
        ]),
      ),
    ).toMatch(/"status" and "paymentMethod" can be split differently/);
  });

  it("accepts the callback URL's own parameters before Front Payment's, one or several", () => {
    expect(
      verdict([
        ["order_identifier", "rRbl1FWZG59o"],
        ["orderUuid", "ODR1"],
        ["status", "PAID"],
      ]).ok,
    ).toBe(true);
    expect(
      verdict([
        ["order_identifier", "rRbl1FWZG59o"],
        ["order_status", "x"],
        ["orderUuid", "ODR1"],
        ["status", "PAID"],
      ]).ok,
    ).toBe(true);
  });

  it("accepts an unknown status beside a paymentMethod when no split makes it a known one", () => {
    expect(
      verdict([
        ["orderUuid", "ODR1"],
        ["status", "Overført til Lindorff"],
        ["paymentMethod", "Visa"],
      ]),
    ).toMatchObject({ ok: true, notification: { status: "Overført til Lindorff" } });
  });

  it("judges the values in hashing order, wherever the checksum parameter sits", () => {
    const query = signCallback(
      [
        ["orderUuid", "ODR1"],
        ["status", "PAI"],
        ["paymentMethod", "DVisa"],
      ],
      SECRET,
    );
    const checksum = query.slice(query.indexOf("checksum="));
    const moved = `orderUuid=ODR1&status=PAI&${checksum}&paymentMethod=DVisa`;
    expect(rejectionOf(verifyCallback(`/cb?${moved}`, SECRET))).toMatch(/"status" and "paymentMethod"/);
  });
});

describe("verifyCallback reads the query as PHP's $_GET does", () => {
  const genuine = SIGNED_PARAMS;

  it("a key without = is an empty value", () => {
    const withEmpty: [string, string][] = [...PARAMS.slice(0, 3), ["paymentMethod", ""], ...PARAMS.slice(4)];
    const bare = signCallback(withEmpty, SECRET).replace("paymentMethod=&", "paymentMethod&");
    expect(bare).toContain("&paymentMethod&");
    expect(verifyCallback(`/cb?${bare}`, SECRET)).toMatchObject({
      ok: true,
      notification: { paymentMethod: "" },
    });
  });

  it("empty segments are skipped", () => {
    expect(verifyCallback(`/cb?&${genuine.replace("&status", "&&status")}&&`, SECRET).ok).toBe(true);
  });

  it.each([
    ["key", `%ZZ=1&${genuine}`],
    ["value", `${genuine}&note=%E0%A4%A`],
  ])("a malformed percent-encoding in a %s is refused", (_where, query) => {
    expect(rejectionOf(verifyCallback(`/cb?${query}`, SECRET))).toBe(
      "the callback URL has a malformed percent-encoding",
    );
  });

  it("the fragment ends the URL, even before a question mark", () => {
    expect(rejectionOf(verifyCallback(`/cb#frag?${genuine}`, SECRET))).toBe(
      "the callback URL has no query parameters",
    );
    expect(rejectionOf(verifyCallback(new URL("https://bot.example.com/cb"), SECRET))).toBe(
      "the callback URL has no query parameters",
    );
  });

  it("keys named like an object's own properties are just parameters Front Payment does not document", () => {
    const params: [string, string][] = [["__proto__", ""], ["constructor", "x"], ["toString", ""], ...PARAMS];
    expect(verifyCallback(`/cb?${signCallback(params, SECRET)}`, SECRET)).toMatchObject({
      ok: true,
      notification: { orderUuid: "ODR4286244937" },
    });
  });

  it.each([
    [40, "k".repeat(40)],
    [41, `${"k".repeat(40)}…`],
  ])("a repeated key of %i characters is named, cut short beyond 40", (length, shown) => {
    const key = "k".repeat(length);
    expect(rejectionOf(verifyCallback(`/cb?${key}=1&${key}=2&${genuine}`, SECRET))).toBe(
      `the parameter "${shown}" appears more than once`,
    );
  });
});

describe("verifyCallback's freshness bound", () => {
  const url = `/cb?${SIGNED_PARAMS}`;
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

  it("rounds the age down and the time ahead up, to whole seconds", () => {
    expect(
      rejectionOf(verifyCallback(url, SECRET, { maxAgeSeconds: 300, now: at(SENT_AT_MS + 301_500) })),
    ).toBe("the callback is 301 s old, more than the allowed 300 s");
    expect(
      rejectionOf(verifyCallback(url, SECRET, { maxAgeSeconds: 300, now: at(SENT_AT_MS - 300_500) })),
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
