export * from "./brreg/index.js";
export * from "./frontpayment/index.js";
export * from "./postgres/index.js";
export * from "./slack/index.js";
export * from "./workspace/index.js";
