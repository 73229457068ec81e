import { createRequire } from "node:module";
import type * as ZodOpenApi from "@anatine/zod-openapi";
import type * as Zod from "zod";

/**
 * zod, with `.openapi()`: the one place it is loaded and extended; every schema module, and the
 * packages that build on this one, import `z` from here. @anatine/zod-openapi is CommonJS and
 * loads zod with `require`, so this takes that same copy rather than zod's ES module build: one
 * zod per process (not two, ~6 MB and a slower start), whose classes the converter checks against.
 */
const require = createRequire(import.meta.url);

export const z: typeof Zod.z = (require("zod") as typeof Zod).z;

/** The types used with `z.` in type positions. */
export declare namespace z {
  type infer<T extends Zod.ZodType> = Zod.infer<T>;
  type input<T extends Zod.ZodType> = Zod.input<T>;
  type ZodTypeAny = Zod.ZodTypeAny;
}

// Required too, not imported: an import has Node parse the package's CommonJS sources for their
// export names first, which takes longer than loading them (~15 ms at every start).
const { extendZodWithOpenApi }: typeof ZodOpenApi = require("@anatine/zod-openapi");
extendZodWithOpenApi(z);
