/**
 * Whole seconds since the Unix epoch, rounded down: the unit of Front Payment's `orderDate` and
 * callback `timestamp`, Slack's request timestamps and the bot's stored times. Takes a `Date` or
 * milliseconds (what injected clocks return).
 */
export function unixSeconds(time: Date | number): number {
  return Math.floor((typeof time === "number" ? time : time.getTime()) / 1000);
}
