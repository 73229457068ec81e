export * from "./frontpayment/index.js";
