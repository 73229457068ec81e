import type { BlockJson } from "../types.js";

/** Where an interactive element sits: an input block, an actions block or a section's accessory. */
export type ElementPlace = "input" | "actions" | "accessory";

export interface LocatedElement {
  block: BlockJson;
  blockIndex: number;
  element: BlockJson;
  place: ElementPlace;
  /** JSON pointer of the element relative to the blocks array, e.g. `/3/element`. */
  pointer: string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every element a person can interact with, in block order. */
export function interactiveElements(blocks: readonly unknown[]): LocatedElement[] {
  const found: LocatedElement[] = [];
  blocks.forEach((block, blockIndex) => {
    if (!isObject(block)) return;
    if (block.type === "input" && isObject(block.element)) {
      found.push({
        block,
        blockIndex,
        element: block.element,
        place: "input",
        pointer: `/${blockIndex}/element`,
      });
    } else if (block.type === "actions" && Array.isArray(block.elements)) {
      block.elements.forEach((element, index) => {
        if (isObject(element)) {
          found.push({
            block,
            blockIndex,
            element,
            place: "actions",
            pointer: `/${blockIndex}/elements/${index}`,
          });
        }
      });
    } else if (block.type === "section" && isObject(block.accessory)) {
      found.push({
        block,
        blockIndex,
        element: block.accessory,
        place: "accessory",
        pointer: `/${blockIndex}/accessory`,
      });
    }
  });
  return found;
}

/** Calls `visit` on every object in `value`, depth first (used to normalise text objects). */
export function visitObjects(value: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitObjects(item, visit);
  } else if (isObject(value)) {
    visit(value);
    for (const child of Object.values(value)) visitObjects(child, visit);
  }
}
