import type { InvoiceOrderRequest } from "./order.js";

/**
 * The seed page's example request, as published except for the customer's email, which the page
 * shows as an obfuscation left-over ("[email protected]") and is replaced by a valid address.
 */
export const SEED_INVOICE_ORDER_EXAMPLE: InvoiceOrderRequest = {
  products: [
    { name: "Router", productId: "R_1", quantity: "1", rate: 40, discount: 0, tax: "0", amount: 40 },
  ],
  orderSummary: { subTotal: "40", totalTax: "0", totalDiscount: "0.00", grandTotal: "40" },
  orderDate: "1755150488",
  customerDetails: {
    type: "private",
    countryCode: "+47",
    msisdn: "46567468",
    email: "zahidul@example.com",
    name: "Zahidul",
    preferredLanguage: "en",
    personalNumber: "28038712383",
    organizationId: "",
    address: { street: "Klosterenget 144", zip: "7030", city: "Trondheim", country: "NO" },
  },
  referenceNo: "Dhaka",
  customerReference: "3500",
  invoiceInterval: 0,
  separateInvoices: true,
  invoiceFeeApplicable: true,
  invoiceMaturity: 10,
  callback: {
    callbackUrl: "https://wp.frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=success",
    success: "https://wp.frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=success",
    failure: "https://frontpayment.no/?order_identifier=rRbl1FWZG59o&order_status=failed",
  },
};
