import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: ["src/money.ts", "src/norwegian-ids.ts", "src/customer.ts", "src/numeric.ts"],
});
