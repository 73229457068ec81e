/**
 * One area's messages in both languages. The English text fixes the keys and each message's
 * parameters; the Norwegian must have exactly those (checked by the compiler, and by
 * test/i18n.catalogue.test.ts at run time). A message with parameters is a function of them.
 */
export interface AreaMessages<T> {
  nb: T;
  en: T;
}

export function defineMessages<T extends Record<string, unknown>>(messages: {
  en: T;
  nb: NoInfer<T>;
}): AreaMessages<T> {
  return messages;
}
