/** Escapes text for HTML element content and attribute values (quoted with `"` or `'`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
