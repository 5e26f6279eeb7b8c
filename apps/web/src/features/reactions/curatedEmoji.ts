/**
 * The reactions the picker offers: common ones, each a fully qualified emoji so that the server
 * accepts it (a test checks). A few dozen cover nearly every reaction in team chat, and keep the
 * picker's chunk a few hundred bytes instead of a full emoji data set.
 */
// prettier-ignore
export const CURATED_EMOJI = [
  '👍', '👎', '❤️', '😂', '🎉', '😮', '😢', '🙏',
  '👀', '🔥', '✅', '❌', '🚀', '💯', '👏', '🙌',
  '🤔', '😄', '😍', '😅', '😊', '😉', '😎', '🤣',
  '😭', '😡', '🥳', '🤯', '😴', '🤝', '💪', '👋',
  '✨', '⭐', '💡', '📌', '⚠️', '❓', '➕', '🐛',
  '☕', '🍕', '🎂', '🌟', '💬', '🙈', '🥲', '👌',
] as const;

/** Emoji per row of the picker's grid; arrow keys move by this much up and down. */
export const PICKER_COLUMNS = 8;
