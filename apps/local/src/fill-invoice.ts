import type { ModalHandle } from "@fakturabot/sandbox";
import {
  BLOCK_IDS,
  CUSTOMER_TEXT_FIELDS,
  type CustomerTextField,
  type CustomerType,
  decodeFormMetadata,
  fieldActionId,
  LINE_ACTION_IDS,
  lineBlockId,
} from "@fakturabot/slack-bot";

/** A customer as a person types it into the invoice modal. */
export interface CustomerInput extends Partial<Record<CustomerTextField, string>> {
  type?: CustomerType;
}

export interface LineInput {
  name: string;
  quantity?: string;
  rate: string;
  tax?: string;
}

/** The open invoice modal's product line keys, in display order. */
export function lineKeys(modal: ModalHandle): string[] {
  return decodeFormMetadata(modal.view.private_metadata ?? "").lineKeys;
}

/** The action id of a customer field in the open modal (it changes when the bot fills them). */
export function customerActionId(modal: ModalHandle, field: Parameters<typeof fieldActionId>[0]): string {
  return fieldActionId(field, decodeFormMetadata(modal.view.private_metadata ?? "").fills);
}

/** Fills the customer part of the invoice modal, switching to a corporate customer first if asked. */
export async function fillCustomer(modal: ModalHandle, customer: CustomerInput): Promise<void> {
  if (customer.type === "corporate") {
    await modal.fill(BLOCK_IDS.customerType, customerActionId(modal, "customerType"), "corporate");
    await modal.waitForView((view) =>
      view.blocks.some((block) => block.block_id === BLOCK_IDS.organizationId),
    );
  }
  for (const field of CUSTOMER_TEXT_FIELDS) {
    const value = customer[field];
    // Enter only where it does something (the register look-up is a test of its own).
    if (value !== undefined)
      await modal.fill(BLOCK_IDS[field], customerActionId(modal, field), value, { pressEnter: false });
  }
}

/** Fills the product line with key `lineKey`. */
export async function fillLine(modal: ModalHandle, lineKey: string, line: LineInput): Promise<void> {
  await modal.fill(lineBlockId(lineKey, "name"), LINE_ACTION_IDS.name, line.name);
  if (line.quantity !== undefined) {
    await modal.fill(lineBlockId(lineKey, "quantity"), LINE_ACTION_IDS.quantity, line.quantity);
  }
  await modal.fill(lineBlockId(lineKey, "rate"), LINE_ACTION_IDS.rate, line.rate);
  if (line.tax !== undefined) await modal.fill(lineBlockId(lineKey, "tax"), LINE_ACTION_IDS.tax, line.tax);
}
