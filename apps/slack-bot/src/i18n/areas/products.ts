import type { NumberProblemCode } from "@fakturabot/schema";
import { defineMessages } from "../define.js";

/** Saved products: the picker on each invoice line, and the price list in App Home. */
export const products = defineMessages({
  en: {
    pickerPlaceholder: "Pick a product: name or product id",
    pickerPriceList: "Price list",
    pickerEarlier: "From earlier invoices",
    optionDetails: (p: { productId: string | null; vat: string }) =>
      p.productId ? `${p.productId} · ${p.vat}` : p.vat,
    vat: (p: { rate: string }) => `VAT ${p.rate} %`,
    taxNotOffered: (p: { rate: string }) =>
      `The product's VAT rate ${p.rate} % is no longer offered here: choose a rate.`,

    homeTitle: "Products",
    homeAbout:
      "Your price list, offered in the product picker on every line of `/invoice`, with the lines of earlier invoices. Prices include VAT.",
    homeNone: "No saved products yet.",
    homeMore: (p: { shown: number }) =>
      `Showing the first ${p.shown} by name. Find the others with the product picker in \`/invoice\`.`,
    add: "Add product",
    edit: "Edit",
    delete: "Delete",
    deleteTitle: "Delete this product?",
    deleteText: (p: { name: string }) =>
      `${p.name} is removed from the price list. Invoices already sent are not changed.`,
    deleteKeep: "Keep",
    earlierTitle: "*From earlier invoices*",
    earlierAbout: "Lines of invoices created here. Save one to keep it in the price list.",
    saveAsProduct: "Save as product",

    newTitle: "New product",
    editTitle: "Edit product",
    nameLabel: "Name",
    nameHint: (p: { max: number }) => `As the invoice shows it, at most ${p.max} characters.`,
    productIdLabel: "Product id",
    productIdHint: (p: { max: number }) =>
      `Your product number, at most ${p.max} characters (Front Payment's limit).`,
    priceLabel: "Unit price (kr, VAT included)",
    priceHint: "Such as 1 250,50 or 1250.50.",
    taxLabel: "VAT rate",
    nameRequired: "Enter the product's name.",
    tooLong: (p: { max: number; length: number }) => `Is ${p.length} characters; at most ${p.max} fit.`,
    nameTaken: "Another product in the price list has this name.",
    productIdTaken: "Another product in the price list has this product id.",
    priceTooLarge: (p: { max: string }) => `Can be at most ${p.max}.`,
    taxRequired: "Choose a VAT rate.",
    numberProblem: (p: { code: NumberProblemCode }) => NUMBER_PROBLEMS.en[p.code],
  },
  nb: {
    pickerPlaceholder: "Velg produkt: navn eller produktnummer",
    pickerPriceList: "Prisliste",
    pickerEarlier: "Fra tidligere fakturaer",
    optionDetails: (p: { productId: string | null; vat: string }) =>
      p.productId ? `${p.productId} · ${p.vat}` : p.vat,
    vat: (p: { rate: string }) => `MVA ${p.rate} %`,
    taxNotOffered: (p: { rate: string }) =>
      `Produktets MVA-sats ${p.rate} % tilbys ikke lenger her: velg en sats.`,

    homeTitle: "Produkter",
    homeAbout:
      "Prislisten deres, som produktvelgeren tilbyr på hver linje i `/invoice`, sammen med linjer fra tidligere fakturaer. Prisene er inkludert MVA.",
    homeNone: "Ingen lagrede produkter ennå.",
    homeMore: (p: { shown: number }) =>
      `Viser de ${p.shown} første etter navn. Finn de andre med produktvelgeren i \`/invoice\`.`,
    add: "Legg til produkt",
    edit: "Endre",
    delete: "Slett",
    deleteTitle: "Slette produktet?",
    deleteText: (p: { name: string }) =>
      `${p.name} fjernes fra prislisten. Fakturaer som alt er sendt, endres ikke.`,
    deleteKeep: "Behold",
    earlierTitle: "*Fra tidligere fakturaer*",
    earlierAbout: "Linjer fra fakturaer laget her. Lagre en for å ha den i prislisten.",
    saveAsProduct: "Lagre som produkt",

    newTitle: "Nytt produkt",
    editTitle: "Endre produkt",
    nameLabel: "Navn",
    nameHint: (p: { max: number }) => `Slik fakturaen viser det, høyst ${p.max} tegn.`,
    productIdLabel: "Produktnummer",
    productIdHint: (p: { max: number }) =>
      `Deres eget produktnummer, høyst ${p.max} tegn (Front Payments grense).`,
    priceLabel: "Enhetspris (kr inkl. MVA)",
    priceHint: "For eksempel 1 250,50 eller 1250.50.",
    taxLabel: "MVA-sats",
    nameRequired: "Skriv inn produktets navn.",
    tooLong: (p: { max: number; length: number }) => `Er ${p.length} tegn; høyst ${p.max} får plass.`,
    nameTaken: "Et annet produkt i prislisten har dette navnet.",
    productIdTaken: "Et annet produkt i prislisten har dette produktnummeret.",
    priceTooLarge: (p: { max: string }) => `Kan være høyst ${p.max}.`,
    taxRequired: "Velg en MVA-sats.",
    numberProblem: (p: { code: NumberProblemCode }) => NUMBER_PROBLEMS.nb[p.code],
  },
});

/** Why a typed price is not one, by the parser's problem code, in each language. */
const NUMBER_PROBLEMS: Record<"en" | "nb", Record<NumberProblemCode, string>> = {
  en: {
    empty: "Enter the unit price.",
    not_a_number: "Enter a number, such as 1 250,50.",
    misplaced_spaces: "Put spaces only between groups of three digits, such as 1 250,50.",
    thousands_mark: "Write thousands with a space, not a dot or comma: 1 250,50.",
    ambiguous: "Could mean two amounts: write it without the dot, such as 1250,50 or 1,25.",
    negative: "Can't be negative.",
    too_many_digits: "Has too many digits.",
    too_many_decimals: "Has more than 2 decimals (øre).",
    over_100_percent: "Can't be more than 100 %.",
  },
  nb: {
    empty: "Skriv inn enhetsprisen.",
    not_a_number: "Skriv et tall, for eksempel 1 250,50.",
    misplaced_spaces: "Sett mellomrom bare mellom grupper på tre sifre, for eksempel 1 250,50.",
    thousands_mark: "Skriv tusener med mellomrom, ikke punktum eller komma: 1 250,50.",
    ambiguous: "Kan bety to beløp: skriv det uten punktum, for eksempel 1250,50 eller 1,25.",
    negative: "Kan ikke være negativ.",
    too_many_digits: "Har for mange sifre.",
    too_many_decimals: "Har mer enn 2 desimaler (øre).",
    over_100_percent: "Kan ikke være mer enn 100 %.",
  },
};
