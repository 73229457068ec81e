import type { ModalHandle } from "@fakturabot/sandbox";
import {
  ACTION_IDS,
  BLOCK_IDS,
  CUSTOMER_TEXT_FIELDS,
  type CustomerTextField,
  type CustomerType,
  decodeFormMetadata,
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

/** Fills the customer part of the invoice modal, switching to a corporate customer first if asked. */
export async function fillCustomer(modal: ModalHandle, customer: CustomerInput): Promise<void> {
  if (customer.type === "corporate") {
    await modal.fill(BLOCK_IDS.customerType, ACTION_IDS.customerType, "corporate");
    await modal.waitForView((view) =>
      view.blocks.some((block) => block.block_id === BLOCK_IDS.organizationId),
    );
  }
  for (const field of CUSTOMER_TEXT_FIELDS) {
    const value = customer[field];
    if (value !== undefined) await modal.fill(BLOCK_IDS[field], ACTION_IDS[field], value);
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
