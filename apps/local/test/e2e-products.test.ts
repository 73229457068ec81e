/**
 * Saved products end to end: the real bot over HTTP, the Slack stand-in (App Home, modals, the
 * product picker's `block_suggestion`) and Front Payment's stand-in. The bot speaks Norwegian,
 * the product's default.
 */
import {
  createSlackDriver,
  DEFAULT_TEAM,
  installThroughOAuth,
  type ModalHandle,
  SECOND_CHANNELS,
  SECOND_TEAM,
  SECOND_USERS,
  type SlackTeamSandbox,
} from "@fakturabot/sandbox";
import {
  ADD_PRODUCT_ACTION_ID,
  DELETE_PRODUCT_ACTION_ID,
  LINE_ACTION_IDS,
  lineBlockId,
  lineProductBlockId,
  PRODUCT_EDIT_CALLBACK_ID,
  PRODUCT_PICKER_ACTION_ID,
  productEditBlockId,
  SAVE_EARLIER_LINE_ACTION_ID,
} from "@fakturabot/slack-bot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCAL_SECRETS } from "../src/stack.js";
import {
  blockText,
  fillCustomer,
  type Harness,
  KARI,
  lineKeys,
  onlyOrder,
  openInvoice,
  PRIVATE_CUSTOMER,
  plain,
  sendOrder,
  startHarness,
  submitRequests,
  waitForOrderMessage,
  waitForTitle,
} from "./e2e-harness.js";

let harness: Harness | undefined;
/** These tests read the bot in Norwegian, as the product ships. */
async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness({ locales: { defaultLocale: "nb" }, ...options });
  return harness;
}
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

function teamOf(stack: Harness): string {
  return stack.slack.workspace.team.id;
}

/** Opens Kari's Home tab and waits until it shows `text`. */
async function homeShowing(stack: Harness, text: string) {
  expect((await stack.driver.openAppHome({ userId: KARI })).ok).toBe(true);
  return stack.slack.waitFor(
    () => {
      const home = stack.slack.workspace.home(KARI);
      return home && blockText(home.view.blocks).includes(text) ? home.view : undefined;
    },
    { what: `a Home tab showing ${text}` },
  );
}

/** Types into the product editor and submits it. */
async function submitProduct(
  editor: ModalHandle,
  values: Partial<Record<"name" | "productId" | "price" | "tax", string>>,
) {
  for (const [field, value] of Object.entries(values)) {
    const id = productEditBlockId(field as "name");
    await editor.fill(id, id, value);
  }
  return editor.submit();
}

/** Types `query` into line `lineKey`'s product picker: the options the bot offers. */
async function suggestProducts(modal: ModalHandle, lineKey: string, query: string) {
  const suggestion = await modal.suggest(lineProductBlockId(lineKey), PRODUCT_PICKER_ACTION_ID, query);
  expect(suggestion.problem).toBeUndefined();
  return suggestion.options;
}

/** Picks `value` in line `lineKey`'s picker and waits for the line to be filled (it gets a new key). */
async function pickProduct(modal: ModalHandle, lineKey: string, value: string): Promise<string> {
  await modal.fill(lineProductBlockId(lineKey), PRODUCT_PICKER_ACTION_ID, value);
  await modal.waitForView(() => !lineKeys(modal).includes(lineKey));
  return lineKeys(modal)[0] as string;
}

function lineValue(modal: ModalHandle, key: string, field: keyof typeof LINE_ACTION_IDS) {
  const state = modal.value(lineBlockId(key, field), LINE_ACTION_IDS[field]);
  return state?.value ?? state?.selected_option?.value;
}

describe("saved products", () => {
  it("adds a product from App Home, picks it on a line, and sends that line to Front Payment", async () => {
    const stack = await start();
    await homeShowing(stack, "Ingen lagrede produkter ennå.");
    await stack.driver.homeAction({ userId: KARI, actionId: ADD_PRODUCT_ACTION_ID });
    const editor = await stack.driver.waitForModal({ userId: KARI, callbackId: PRODUCT_EDIT_CALLBACK_ID });
    expect(editor.view.title?.text).toBe("Nytt produkt");

    // Slack itself asks for the name; the bot reads the price as Norwegians type it, and says
    // what is wrong under the field, in Norwegian, keeping what was typed.
    expect((await submitProduct(editor, { price: "1 250,50", tax: "25" })).kind).toBe("blocked");
    expect((await submitProduct(editor, { name: "Konsulenttime", price: "1.250,50" })).kind).toBe("errors");
    expect(editor.errors).toEqual({
      [productEditBlockId("price")]:
        "Kan bety to beløp: skriv det uten punktum, for eksempel 1250,50 eller 1,25.",
    });
    expect((await submitProduct(editor, { productId: "KT-1", price: "1 250,50" })).kind).toBe("closed");

    const home = await homeShowing(stack, "Konsulenttime");
    expect(blockText(home.blocks)).toContain("KT-1 · 1 250,50 kr · MVA 25 %");
    expect(await stack.store.searchProducts(teamOf(stack), "", 10)).toMatchObject([
      { name: "Konsulenttime", productId: "KT-1", unitPriceOre: 125_050, taxRate: 25 },
    ]);

    const modal = await openInvoice(stack);
    await fillCustomer(modal, PRIVATE_CUSTOMER);
    const [first] = lineKeys(modal) as [string];
    for (const query of ["konsul", "kt-1", ""]) {
      expect((await suggestProducts(modal, first, query)).map((option) => plain(option.text.text))).toEqual([
        "Konsulenttime · 1 250,50 kr",
      ]);
    }
    expect(await suggestProducts(modal, first, "ingenting")).toEqual([]);
    const [option] = await suggestProducts(modal, first, "kon");
    const key = await pickProduct(modal, first, option?.value ?? "");
    expect(lineValue(modal, key, "name")).toBe("Konsulenttime");
    expect(lineValue(modal, key, "productId")).toBe("KT-1");
    expect(plain(lineValue(modal, key, "rate"))).toBe("1 250,50");
    expect(lineValue(modal, key, "tax")).toBe("25");
    // The line stays editable, and the totals count it.
    await modal.fill(lineBlockId(key, "quantity"), LINE_ACTION_IDS.quantity, "2");
    expect(blockText(modal.view.blocks)).toContain("Sum 2 501,00 kr");

    expect((await modal.submit()).kind).toBe("updated");
    await waitForTitle(modal, "Faktura opprettet");
    expect(submitRequests(stack)).toHaveLength(1);
    expect(onlyOrder(stack).request.products).toEqual([
      expect.objectContaining({
        name: "Konsulenttime",
        productId: "KT-1",
        rate: 1250.5,
        tax: 25,
        amount: 2501,
      }),
    ]);
  });

  it("offers an earlier invoice's line, and saves it as a product from App Home, offered once after", async () => {
    const stack = await start();
    await sendOrder(stack, PRIVATE_CUSTOMER, { lines: [{ name: "Reisetid", quantity: "3", rate: "800" }] });
    await waitForOrderMessage(stack, PRIVATE_CUSTOMER.name);
    const [line] = await vi.waitFor(async () => {
      const lines = await stack.store.searchEarlierLines(teamOf(stack), "reise", 10);
      expect(lines).toHaveLength(1);
      return lines;
    });
    expect(line).toMatchObject({ name: "Reisetid", productId: null, unitPriceOre: 80_000, taxRate: 25 });

    const modal = await openInvoice(stack);
    const [first] = lineKeys(modal) as [string];
    const offered = await suggestProducts(modal, first, "REISE");
    expect(offered.map((option) => [plain(option.text.text), option.description?.text])).toEqual([
      ["Reisetid · 800,00 kr", "MVA 25 %"],
    ]);
    const key = await pickProduct(modal, first, offered[0]?.value ?? "");
    expect(lineValue(modal, key, "name")).toBe("Reisetid");
    expect(plain(lineValue(modal, key, "rate"))).toBe("800,00");
    await modal.close();

    const home = await homeShowing(stack, "Fra tidligere fakturaer");
    expect(blockText(home.blocks)).toContain("Reisetid");
    await stack.driver.homeAction({ userId: KARI, actionId: SAVE_EARLIER_LINE_ACTION_ID, value: line?.id });
    const editor = await stack.driver.waitForModal({ userId: KARI, callbackId: PRODUCT_EDIT_CALLBACK_ID });
    expect((await editor.submit()).kind).toBe("closed");
    expect(await stack.store.searchProducts(teamOf(stack), "", 10)).toMatchObject([
      { name: "Reisetid", productId: null, unitPriceOre: 80_000, taxRate: 25 },
    ]);

    // Now a product of the price list, offered once (not again as an earlier line).
    const next = await openInvoice(stack);
    const options = await suggestProducts(next, lineKeys(next)[0] as string, "reise");
    expect(options.map((option) => option.value?.slice(0, 2))).toEqual(["p:"]);

    // A second product with the same name is refused under the name.
    await homeShowing(stack, "Reisetid");
    await stack.driver.homeAction({ userId: KARI, actionId: ADD_PRODUCT_ACTION_ID });
    const twin = await stack.driver.waitForModal({ userId: KARI, callbackId: PRODUCT_EDIT_CALLBACK_ID });
    expect((await submitProduct(twin, { name: "reisetid", price: "900", tax: "25" })).kind).toBe("errors");
    expect(twin.errors).toEqual({
      [productEditBlockId("name")]: "Et annet produkt i prislisten har dette navnet.",
    });
    await twin.close();

    // Deleted from Home, it is gone from the list.
    const [saved] = await stack.store.searchProducts(teamOf(stack), "", 10);
    await stack.driver.homeAction({ userId: KARI, actionId: DELETE_PRODUCT_ACTION_ID, value: saved?.id });
    await homeShowing(stack, "Ingen lagrede produkter ennå.");
    expect(await stack.store.searchProducts(teamOf(stack), "", 10)).toEqual([]);
  });
});

describe("saved products in many workspaces", () => {
  it("keeps a workspace's products and earlier lines to itself", async () => {
    const stack = await start({ workspaces: "many" });
    for (const team of [DEFAULT_TEAM, SECOND_TEAM]) {
      const done = await installThroughOAuth(stack.slack, { installUrl: stack.installUrl, teamId: team.id });
      expect(done.status, done.body).toBe(200);
    }
    const slack = stack.slack.team(SECOND_TEAM.id) as SlackTeamSandbox;
    const nordlys = {
      slack,
      driver: createSlackDriver({
        slack,
        botUrl: `${stack.running.url}/slack/events`,
        signingSecret: LOCAL_SECRETS.signingSecret,
      }),
    };
    const sigrid = SECOND_USERS[0]?.id as string;

    // The first workspace has a product and an earlier invoice's line.
    await homeShowing(stack, "Ingen lagrede produkter ennå.");
    await stack.driver.homeAction({ userId: KARI, actionId: ADD_PRODUCT_ACTION_ID });
    const editor = await stack.driver.waitForModal({ userId: KARI, callbackId: PRODUCT_EDIT_CALLBACK_ID });
    expect((await submitProduct(editor, { name: "Konsulenttime", price: "1250", tax: "25" })).kind).toBe(
      "closed",
    );
    await sendOrder(stack, PRIVATE_CUSTOMER, { lines: [{ name: "Reisetid", rate: "800" }] });
    await waitForOrderMessage(stack, PRIVATE_CUSTOMER.name);
    await vi.waitFor(async () =>
      expect(await stack.store.searchEarlierLines(DEFAULT_TEAM.id, "", 10)).toHaveLength(1),
    );
    const own = await openInvoice(stack);
    expect(
      (await suggestProducts(own, lineKeys(own)[0] as string, "")).map((option) => plain(option.text.text)),
    ).toEqual(["Konsulenttime · 1 250,00 kr", "Reisetid · 800,00 kr"]);

    // The second sees neither: not in its picker, not in the store under its team.
    const other = await openInvoice(nordlys, { userId: sigrid, channelId: SECOND_CHANNELS.sales });
    expect(await suggestProducts(other, lineKeys(other)[0] as string, "")).toEqual([]);
    expect(await suggestProducts(other, lineKeys(other)[0] as string, "konsul")).toEqual([]);
    expect(await stack.store.searchProducts(SECOND_TEAM.id, "", 10)).toEqual([]);
    expect(await stack.store.searchEarlierLines(SECOND_TEAM.id, "", 10)).toEqual([]);
  });
});
