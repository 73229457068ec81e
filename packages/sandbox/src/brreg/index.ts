export { BRREG_SANDBOX_ENTITIES, BRREG_SANDBOX_NUMBERS, type BrregSandboxEntity } from "./entities.js";
export {
  type BrregFault,
  type BrregRequestRecord,
  type BrregSandbox,
  type BrregSandboxOptions,
  startBrregSandbox,
} from "./sandbox.js";
