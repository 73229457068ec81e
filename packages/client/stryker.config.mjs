import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: ["src/transport.ts", "src/errors.ts", "src/retry.ts", "src/callback.ts"],
});
