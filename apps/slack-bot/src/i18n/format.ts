import { formatNok } from "@fakturabot/schema";
import type { Locale } from "./locale.js";

/** Money, numbers and dates as a reader of the language writes them. Pure; never throws. */
export interface Formats {
  /** "1 250,50 kr" / "NOK 1,250.50" (no-break spaces); empty when `ore` is not whole øre. */
  money(ore: number): string;
  /** "1,5" / "1.5"; at most `maxDecimals` decimals. */
  number(value: number, maxDecimals?: number): string;
  /** "15. des." / "15 Dec", in Norwegian time. Empty for a time that cannot be shown. */
  dayAndMonth(unixSeconds: number): string;
  /** A calendar day `YYYY-MM-DD`: "15. des. 2026" / "15 Dec 2026"; anything else as it is. */
  day(isoDay: string): string;
  /** A calendar day `YYYY-MM-DD` in full: "Tuesday, 15 December 2026" / "tirsdag 15. desember 2026". */
  longDay(isoDay: string): string;
}

const TAGS: Record<Locale, string> = { nb: "nb-NO", en: "en-GB" };

/** Built on a language's first use, not at import: each Intl format costs start-up memory and time. */
function build(locale: Locale): Formats {
  const tag = TAGS[locale];
  const englishMoney = new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "NOK",
    currencyDisplay: "code",
    minimumFractionDigits: 2,
  });
  const dayAndMonth = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "short",
    timeZone: "Europe/Oslo",
  });
  const day = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const longDay = new Intl.DateTimeFormat(tag, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  return {
    money(ore) {
      if (!Number.isSafeInteger(ore)) return "";
      // Norwegian is the schema's own formatting, so invoices and Slack agree to the character.
      return locale === "nb" ? formatNok(ore) : englishMoney.format(ore / 100);
    },
    number(value, maxDecimals = 2) {
      if (!Number.isFinite(value)) return "";
      let format = numbers.get(maxDecimals);
      if (!format) {
        format = new Intl.NumberFormat(tag, { maximumFractionDigits: maxDecimals });
        numbers.set(maxDecimals, format);
      }
      return format.format(value);
    },
    dayAndMonth(unixSeconds) {
      const date = new Date(unixSeconds * 1000);
      return Number.isNaN(date.getTime()) ? "" : dayAndMonth.format(date);
    },
    day(isoDay) {
      const date = new Date(`${isoDay}T00:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(isoDay) && !Number.isNaN(date.getTime()) ? day.format(date) : isoDay;
    },
    longDay(isoDay) {
      const date = new Date(`${isoDay}T00:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(isoDay) && !Number.isNaN(date.getTime())
        ? longDay.format(date)
        : isoDay;
    },
  };
}

const FORMATS = new Map<Locale, Formats>();

export function formatsFor(locale: Locale): Formats {
  let formats = FORMATS.get(locale);
  if (!formats) {
    formats = build(locale);
    FORMATS.set(locale, formats);
  }
  return formats;
}
