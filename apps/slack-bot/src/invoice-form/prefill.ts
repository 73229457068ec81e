import { isValidNorwegianOrganizationNumber, isValidNorwegianPersonalNumber } from "@fakturabot/schema";
import { normaliseDecimal } from "./normalise.js";
import type { InitialFormValues } from "./read.js";

/** Slack writes an email in command text as `<mailto:kari@example.no|kari@example.no>`. */
const SLACK_MAILTO = /<mailto:([^|>\s]+)(?:\|[^>]*)?>/i;
const EMAIL = /(?<![^\s(<])[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}(?=$|[\s),.;])/i;
/** `+47 465 67 468`, `+4746567468`, `0047 46567468`: Norwegian numbers have 8 digits. */
const NORWEGIAN_PHONE = /(?<!\S)(?:\+|00)47[ -]?((?:\d[ -]?){7}\d)(?!\d)/;
/** Other countries' numbers only with a space after the dialling code (`+46 70 123 45 67`). */
const PHONE = /(?<!\S)\+(\d{1,3})[ -]((?:\d[ -]?){3,13}\d)(?!\S)/;
/** A 9-digit organisation number, also grouped "923 609 016"; kept only with valid check digits. */
const ORGANIZATION_NUMBER = /(?<![\d,.])(\d{3}) ?(\d{3}) ?(\d{3})(?![\d,.]|\s*(?:kr|nok|,-))/i;
/**
 * An amount: grouped thousands ("1 500", "1.500") or plain digits, an optional decimal part
 * (",50", ".50") or ",-" (whole kroner), with "kr"/"NOK" before or after it.
 */
const AMOUNT =
  /(?<![\w.,+-])(?:(kr\.?|nok)\s*)?(\d{1,3}(?:[ .]\d{3})+|\d+)((?:[,.]\d{1,2}|,-)?)(?:\s*(kr\.?|nok))?(?=$|[\s);!?]|,\s)/i;
/** Without "kr" or "NOK", longer numbers are more likely ids than amounts (10 million kr and up). */
const MAX_UNMARKED_AMOUNT_DIGITS = 7;
/** A personal number, also "280387 12383"; kept only with valid check digits. */
const PERSONAL_NUMBER = /(?<![\d,.])(\d{6}) ?(\d{5})(?![\d,.])/;
/** Capitalised words, as in "Kari Nordmann" or "Fjordkraft AS". */
const NAME_WORD = /^(\p{Lu}[\p{L}'’.-]*|&|og)$/u;
const COMPANY_SUFFIXES = new Set(["AS", "ASA", "ANS", "DA", "SA", "NUF", "AB", "LTD", "GMBH", "INC"]);

/**
 * What the text after `/invoice` obviously says, to prefill the modal: an email, a mobile number
 * with its dialling code, a Norwegian personal or organisation number with valid check digits
 * (the customer is then a person or a company), an amount (the first line's unit price: "1500", "1 500,50", "kr 1500", "1500,-") and, when
 * only capitalised words remain, the customer's name ("Kari Nordmann", "Fjordkraft AS": a company).
 * Anything else is ignored; an empty text gives an empty prefill.
 */
export function prefillFromCommandText(text: string): InitialFormValues {
  const prefill: InitialFormValues = {};
  let rest = ` ${text.replace(/[\u00a0\u202f]/g, " ")} `;
  const take = (match: RegExpExecArray) => {
    rest = `${rest.slice(0, match.index)} ${rest.slice(match.index + match[0].length)}`;
  };

  const mailto = SLACK_MAILTO.exec(rest);
  const email = mailto ?? EMAIL.exec(rest);
  if (email) {
    prefill.email = (mailto ? mailto[1] : email[0])?.toLowerCase();
    take(email);
  }

  const norwegian = NORWEGIAN_PHONE.exec(rest);
  const phone = norwegian ?? PHONE.exec(rest);
  if (phone) {
    const [dialling, digits = ""] = norwegian ? ["47", norwegian[1]] : [phone[1], phone[2]];
    prefill.countryCode = `+${dialling}`;
    prefill.mobile = digits.replace(/\D/g, "");
    take(phone);
  }

  const organization = ORGANIZATION_NUMBER.exec(rest);
  const organizationId = organization?.slice(1, 4).join("");
  if (organization && organizationId && isValidNorwegianOrganizationNumber(organizationId)) {
    prefill.organizationId = organizationId;
    prefill.customerType = "corporate";
    take(organization);
  }

  const personal = PERSONAL_NUMBER.exec(rest);
  const personalNumber = personal?.slice(1, 3).join("");
  if (personal && personalNumber && isValidNorwegianPersonalNumber(personalNumber)) {
    prefill.personalNumber = personalNumber;
    prefill.customerType = "private";
    take(personal);
  }

  const amount = AMOUNT.exec(rest);
  const [, before, whole = "", decimals = "", after] = amount ?? [];
  const digits = whole.replace(/[ .]/g, "");
  if (amount && (before || after || digits.length <= MAX_UNMARKED_AMOUNT_DIGITS)) {
    const rate = normaliseDecimal(`${digits}${decimals}`);
    if (rate !== undefined) prefill.lines = [{ rate }];
    take(amount);
  }

  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length > 0 && words.length <= 6 && words.every((word) => NAME_WORD.test(word))) {
    prefill.name = words.join(" ");
    if (COMPANY_SUFFIXES.has(words.at(-1)?.toUpperCase() ?? "")) prefill.customerType = "corporate";
  }
  return prefill;
}
