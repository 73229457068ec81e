import { defineMessages } from "../define.js";

/** Words many views share. */
export const common = defineMessages({
  en: {
    cancel: "Cancel",
    close: "Close",
    save: "Save",
    language: "Language",
    languageName: "English",
  },
  nb: {
    cancel: "Avbryt",
    close: "Lukk",
    save: "Lagre",
    language: "Språk",
    languageName: "Norsk bokmål",
  },
});
