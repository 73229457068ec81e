/**
 * An `Intl.DateTimeFormat` made on first use rather than at import: a process's first one loads
 * ICU's calendar and time-zone data (about 9 MB resident and tens of ms), which a bot that is only
 * starting does not need.
 */
export function lazyDateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Pick<Intl.DateTimeFormat, "format"> {
  let made: Intl.DateTimeFormat | undefined;
  return {
    format(date) {
      made ??= new Intl.DateTimeFormat(locale, options);
      return made.format(date);
    },
  };
}
