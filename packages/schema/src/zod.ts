import { extendZodWithOpenApi } from "@anatine/zod-openapi";
import { z } from "zod";

// The one place zod gains `.openapi()`: every schema module imports `z` from here.
extendZodWithOpenApi(z);

export { z };
