import { strykerConfig } from "../../stryker.shared.mjs";

// The order lifecycle's decisions: the transition table and its rules (transitions.ts), the status
// ordering (status.ts), who may approve (approval.ts), and the read-decide-write loop (`commitEvent`, the lines given). The rest of
// lifecycle.ts carries effects out towards Slack and Front Payment; apps/local's end-to-end tests
// cover it, which Stryker cannot run from this package.
export default strykerConfig(import.meta.url, {
  mutate: [
    "src/orders/transitions.ts",
    "src/orders/status.ts",
    "src/orders/approval.ts",
    "src/orders/lifecycle.ts:140-197",
  ],
});
