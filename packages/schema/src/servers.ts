/** Front Payment's demo environment: the OpenAPI document's server and the client's default base URL. */
export const DEMO_BASE_URL = "https://demo-api.frontpayment.no";
