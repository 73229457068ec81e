import type { NumberProblem } from "@fakturabot/schema";
import type { Messages } from "../i18n/index.js";

/*
 * packages/schema writes its messages in English, to stand next to a field. These put them in the
 * reader's language through the catalogue (`t.schemaWords`): the number parser's by problem code,
 * with the figures it quoted; the schema's predicates by their text. Anything not recognised is
 * shown as the schema wrote it rather than lost.
 */

/** "1250 or 1 250,50" in the reader's words for "or". */
function alternatives(t: Messages, text: string): string {
  return text.split(" or ").join(` ${t.schemaWords.or} `);
}

/** The parser's message for `problem` in `t`'s language. Never throws. */
export function numberProblemText(t: Messages, problem: NumberProblem): string {
  const words = t.schemaWords;
  const after = (prefix: string) =>
    problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : undefined;
  switch (problem.code) {
    case "empty":
      return words.enterANumber;
    case "negative":
      return words.negative;
    case "over_100_percent":
      return words.over100Percent;
    case "not_a_number": {
      const example = after("Not a number: write it like ");
      return example === undefined
        ? problem.message
        : words.notANumber({ example: alternatives(t, example) });
    }
    case "misplaced_spaces": {
      const written = after("Spaces go only between groups of three digits: write ");
      return written === undefined ? problem.message : words.misplacedSpaces({ written });
    }
    case "thousands_mark": {
      const dots = after("Use spaces between thousands, not dots: write ");
      if (dots !== undefined) return words.thousandsDots({ written: dots });
      const commas = after("Use spaces between thousands, not commas: write ");
      return commas === undefined ? problem.message : words.thousandsCommas({ written: commas });
    }
    case "ambiguous": {
      const parts = /^(.+?) could mean (.+?)(?:: write (.+))?$/.exec(problem.message);
      if (!parts) return problem.message;
      const [, typed = "", meanings = "", advice = ""] = parts;
      return words.ambiguous({ typed, meanings: alternatives(t, meanings), advice: alternatives(t, advice) });
    }
    case "too_many_decimals": {
      if (problem.message === "Whole numbers only") return words.wholeNumbersOnly;
      const count = /^At most (\d+) decimals?$/.exec(problem.message)?.[1];
      return count === undefined ? problem.message : words.atMostDecimals({ count: Number(count) });
    }
    case "too_many_digits":
      return problem.message;
  }
}

/** The schema's predicates ("must be exactly 11 digits") by their English text. */
function knownPredicates(t: Messages): Readonly<Record<string, string>> {
  const words = t.schemaWords;
  return {
    "is required": t.formErrors.isRequired,
    "must be exactly 11 digits": words.elevenDigits,
    "must be exactly 9 digits": words.nineDigits,
    "does not start with a valid birth date": words.birthDate,
    "has wrong check digits; look for a typo": words.checkDigits,
    "has a wrong check digit; look for a typo": words.checkDigit,
    "must be an ISO 3166-1 alpha-2 country code, such as NO": words.countryCode,
    "must be a dialling code such as +47": words.diallingCode,
    "must be letters and digits only": words.lettersAndDigits,
    "must be a whole number of days": words.wholeDays,
    "must be 0, 1 or 2": t.formErrors.intervalValues,
    // Read better for a person in front of the field than the schema's own.
    "must be an email address": t.formErrors.emailAddress,
    "must be the mobile number in digits, without the country code": t.formErrors.mobileDigits,
    "must be at most 25 characters": t.formErrors.atMostCharacters({ max: 25 }),
  };
}

/** A schema predicate in `t`'s language, or undefined when it is none the form knows. */
export function schemaPredicate(t: Messages, message: string): string | undefined {
  const known = knownPredicates(t)[message];
  if (known !== undefined) return known;
  const rates = /^must be one of the VAT rates (.+)$/.exec(message)?.[1];
  return rates === undefined ? undefined : t.schemaWords.vatRates({ rates });
}
