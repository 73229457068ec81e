import { defineMessages } from "../define.js";

/** Words many views share. */
export const common = defineMessages({
  en: {
    cancel: "Cancel",
    close: "Close",
    save: "Save",
    language: "Language",
    languageName: "English",
    edit: "Edit",
    and: "and",
    customer: "Customer",
    email: "Email",
    countryCode: "Country code",
  },
  nb: {
    cancel: "Avbryt",
    close: "Lukk",
    save: "Lagre",
    language: "Språk",
    languageName: "Norsk bokmål",
    edit: "Endre",
    and: "og",
    customer: "Kunde",
    email: "E-post",
    countryCode: "Landskode",
  },
});
