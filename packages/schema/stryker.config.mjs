import { strykerConfig } from "../../stryker.shared.mjs";

export default strykerConfig(import.meta.url, {
  mutate: [
    "src/money.ts",
    "src/decimal.ts",
    "src/kroner.ts",
    "src/norwegian-ids.ts",
    "src/norwegian-number.ts",
    "src/customer.ts",
    "src/numeric.ts",
  ],
});
