import { describe, expect, it } from "vitest";
import { listingVisibility, mayView } from "../src/listeners/access.js";

const RULES = { allowedUserIds: [], allowedChannelIds: [], adminUserIds: ["U0ADMIN"] };
const ORDER = { userId: "U0KARI", channelId: "C0SALES", message: { channelId: "C0MOVED" }, teamId: "T0ONE" };

describe("who may see an order", () => {
  it("its creator, admins, whoever asks in its channel, and members of its channels", () => {
    expect(mayView(RULES, { userId: "U0KARI", channelId: "C0ELSE" }, ORDER)).toBe(true);
    expect(mayView(RULES, { userId: "U0ADMIN", channelId: "C0ELSE" }, ORDER)).toBe(true);
    expect(mayView(RULES, { userId: "U0OLA", channelId: "C0SALES" }, ORDER)).toBe(true);
    expect(mayView(RULES, { userId: "U0OLA", channelId: "", memberOf: ["C0MOVED"] }, ORDER)).toBe(true);
    expect(mayView(RULES, { userId: "U0OLA", channelId: "", memberOf: ["C0ELSE"] }, ORDER)).toBe(false);
  });

  it("never anyone of another workspace, not even its creator's id or an admin", () => {
    for (const userId of ["U0KARI", "U0ADMIN", "U0OLA"]) {
      expect(mayView(RULES, { userId, channelId: "C0SALES", teamId: "T0TWO" }, ORDER)).toBe(false);
    }
    expect(mayView(RULES, { userId: "U0OLA", channelId: "C0SALES", teamId: "T0ONE" }, ORDER)).toBe(true);
  });

  it("a listing shows an admin everything, anyone else their own and their channels'", () => {
    expect(listingVisibility(RULES, "U0ADMIN", ["C0SALES"])).toBeUndefined();
    expect(listingVisibility(RULES, "U0OLA", ["C0SALES"])).toEqual({
      userId: "U0OLA",
      channelIds: ["C0SALES"],
    });
  });
});
