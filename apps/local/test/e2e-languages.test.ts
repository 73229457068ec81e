/**
 * Norsk bokmål and English (issue 13 item 6): each workspace speaks the language its configuration
 * gives it (DEFAULT_LOCALE, WORKSPACE_LOCALES), and each person may choose their own in App Home.
 * Two workspaces installed through OAuth, the real bot over HTTP, the Slack stand-in.
 */
import {
  createSlackDriver,
  DEFAULT_TEAM,
  installThroughOAuth,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
  type SlackDriver,
  type SlackTeamSandbox,
} from "@fakturabot/sandbox";
import { FOLLOW_WORKSPACE } from "@fakturabot/slack-bot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  chooseLanguage,
  fillOrder,
  type Harness,
  homeShowing,
  KARI,
  OLA,
  openInvoice,
  PRIVATE_CUSTOMER,
  startHarness,
} from "./e2e-harness.js";

const SIGRID = SECOND_USERS[0]?.id as string;
const JONAS = SECOND_USERS[1]?.id as string;

let harness: Harness;
/** The second workspace (English by configuration), and Slack acting towards the bot from it. */
let nordlys: { slack: SlackTeamSandbox; driver: SlackDriver };

beforeAll(async () => {
  // The first workspace speaks the default, Norwegian; the second is configured to speak English.
  harness = await startHarness({
    workspaces: "many",
    locales: { defaultLocale: "nb", workspaces: { [SECOND_TEAM.id]: "en" } },
  });
  const slack = harness.slack.team(SECOND_TEAM.id) as SlackTeamSandbox;
  nordlys = {
    slack,
    driver: createSlackDriver({
      slack,
      botUrl: `${harness.running.url}/slack/events`,
      signingSecret: LOCAL_SECRETS.signingSecret,
    }),
  };
  for (const teamId of [DEFAULT_TEAM.id, SECOND_TEAM.id])
    await installThroughOAuth(harness.slack, { installUrl: harness.installUrl, teamId });
});

afterAll(async () => {
  await harness?.dispose();
});

/** The title of the invoice modal `userId` gets from `/invoice`, in their workspace. */
async function modalTitle(where: "first" | "nordlys", userId: string): Promise<string | undefined> {
  const modal = await openInvoice(
    where === "first" ? harness : nordlys,
    where === "first" ? { userId } : { userId, channelId: SECOND_CHANNELS.general },
  );
  const title = modal.view.title?.text;
  await modal.close();
  return title;
}

describe("the language a person reads", () => {
  it("is their workspace's until they choose: Norwegian in one workspace, English in the other", async () => {
    expect(await modalTitle("first", KARI)).toBe("Ny faktura");
    expect(await modalTitle("nordlys", SIGRID)).toBe("New invoice");
    await harness.driver.openAppHome({ userId: OLA });
    const home = await homeShowing(harness.slack, OLA, "Betalt denne måneden");
    expect(blockText(home.blocks)).toContain("Arbeidsområdets (Norsk bokmål)");
  });

  it("is their own once chosen in App Home, while everyone else keeps the workspace's", async () => {
    // Kari, in the Norwegian workspace, chooses English: her App Home and her modal are English.
    await chooseLanguage(harness, KARI, "en");
    await homeShowing(harness.slack, KARI, "Paid this month");
    expect(await modalTitle("first", KARI)).toBe("New invoice");
    expect(await modalTitle("first", OLA)).toBe("Ny faktura");

    // Sigrid, in the English workspace, chooses Norsk bokmål; Jonas there keeps English.
    await chooseLanguage(nordlys, SIGRID, "nb");
    await homeShowing(nordlys.slack, SIGRID, "Betalt denne måneden");
    expect(await modalTitle("nordlys", SIGRID)).toBe("Ny faktura");
    expect(await modalTitle("nordlys", JONAS)).toBe("New invoice");

    // A choice is kept per workspace: Kari's English is hers in the first workspace only.
    expect(await harness.store.getPersonLocale(DEFAULT_TEAM.id, KARI)).toBe("en");
    expect(await harness.store.getPersonLocale(SECOND_TEAM.id, KARI)).toBeNull();
  });

  it("follows the workspace again when they choose the workspace's language", async () => {
    await chooseLanguage(harness, KARI, FOLLOW_WORKSPACE);
    await homeShowing(harness.slack, KARI, "Betalt denne måneden");
    expect(await modalTitle("first", KARI)).toBe("Ny faktura");
    expect(await harness.store.getPersonLocale(DEFAULT_TEAM.id, KARI)).toBeNull();
  });

  it("shows field errors in the person's own language", async () => {
    const wrongPostcode = { ...PRIVATE_CUSTOMER, zip: "abc" };
    const modal = await openInvoice(harness, { userId: OLA });
    await fillOrder(modal, wrongPostcode);
    expect((await modal.submit()).kind).toBe("errors");
    expect(Object.values(modal.errors)).toEqual(["Postnummer må være 4 sifre i Norge, for eksempel 7030"]);
    await modal.close();
    const english = await openInvoice(nordlys, { userId: JONAS, channelId: SECOND_CHANNELS.general });
    await fillOrder(english, wrongPostcode);
    expect((await english.submit()).kind).toBe("errors");
    expect(Object.values(english.errors)).toEqual(["Postcode must be 4 digits for Norway, such as 7030"]);
    await english.close();
    expect(harness.frontPayment.orders()).toEqual([]);
  });
});
