/** The shortcodes the bot writes, and a few common ones, as the emoji Slack shows for them. */
const EMOJI = {
  bell: "🔔",
  bust_in_silhouette: "👤",
  grey_question: "❔",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  leftwards_arrow_with_hook: "↩️",
  no_entry_sign: "🚫",
  page_facing_up: "📄",
  warning: "⚠️",
  white_check_mark: "✅",
  x: "❌",
  zap: "⚡",
  heavy_plus_sign: "➕",
  heavy_check_mark: "✔️",
  tada: "🎉",
  wave: "👋",
  eyes: "👀",
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  moneybag: "💰",
  money_with_wings: "💸",
  email: "📧",
  link: "🔗",
  lock: "🔒",
  information_source: "ℹ️",
  receipt: "🧾",
  rotating_light: "🚨",
  red_circle: "🔴",
  large_green_circle: "🟢",
  large_yellow_circle: "🟡",
};

/** `:white_check_mark: Paid` → `✅ Paid`; unknown shortcodes stay as typed, as in Slack. */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (shortcode, name) => EMOJI[name] ?? shortcode);
}
