import type { Messages } from "../i18n/index.js";
import { type ModalView, plainText, section, truncate } from "./block-kit.js";

/** A modal that only shows something (an order's status from App Home), with a Close button. */
export function infoModal(t: Messages, title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plainText(truncate(title, 24)),
    close: plainText(t.common.close),
    blocks: [section(text)],
  };
}
