import type { OrganisationLookup } from "@fakturabot/client";
import { organizationNumberProblem } from "@fakturabot/schema";
import type { BotDeps } from "../../deps.js";
import { BLOCK_IDS } from "../../invoice-form/ids.js";
import { fieldNames } from "../../invoice-form/labels.js";
import { decodeFormMetadata, fillCustomerFields, type RegisterNote } from "../../invoice-form/metadata.js";
import { normaliseOrganizationNumber } from "../../invoice-form/normalise.js";
import { schemaPredicate } from "../../invoice-form/phrases.js";
import { type InitialFormValues, readInvoiceForm } from "../../invoice-form/read.js";
import { personMessages } from "../../services/locales.js";
import { type ModalActionArgs, redrawInvoiceModal } from "./refresh-invoice-modal.js";

/** The customer fields a register answer fills: the registered name and business address. */
export function registerFill(lookup: OrganisationLookup): Partial<InitialFormValues> {
  if (lookup.kind !== "found") return {};
  const address = lookup.address;
  return {
    name: lookup.name,
    ...(address?.street ? { street: address.street } : {}),
    ...(address?.zip ? { zip: address.zip } : {}),
    ...(address?.city ? { city: address.city } : {}),
    ...(address?.countryCode ? { country: address.countryCode } : {}),
  };
}

/** What the form remembers of the answer; undefined for a number that failed its check digits. */
export function registerNote(lookup: OrganisationLookup, typed: string): RegisterNote | undefined {
  switch (lookup.kind) {
    case "found":
      return {
        organisationNumber: lookup.organisationNumber,
        kind: "found",
        name: lookup.name,
        warnings: lookup.warnings,
      };
    case "not_found":
      return { organisationNumber: lookup.organisationNumber, kind: "not_found", warnings: [] };
    case "unavailable":
      return { organisationNumber: typed.replace(/\D/g, ""), kind: "unavailable", warnings: [] };
    case "invalid":
      return undefined;
  }
}

/**
 * Enter in the organisation number: Brønnøysundregistrene fills in the company's name and business
 * address, with a warning for a bankrupt, dissolving or deleted company. When the register does
 * not answer in time, what was typed stays and a note says so; a number with wrong check digits
 * gets its message under the field and no request.
 */
export function organisationNumberEntered(deps: BotDeps) {
  return async (args: ModalActionArgs) => {
    await args.ack();
    const view = args.body.view;
    const action = args.action;
    const typed = action.type === "plain_text_input" ? (action.value ?? "") : "";
    if (!view || typed.trim() === "") return;
    // "NO 923 609 016 MVA" is the number as the form reads it, too.
    const number = normaliseOrganizationNumber(typed) ?? typed;
    const lookup = await deps.lookupOrganisation(number);
    deps.logger.info(
      { kind: lookup.kind, ...(lookup.kind === "unavailable" ? { reason: lookup.reason } : {}) },
      "organisation number looked up",
    );
    const metadata = decodeFormMetadata(view.private_metadata);
    const form = readInvoiceForm(view.state.values, metadata);
    const note = registerNote(lookup, typed);
    if (!note) {
      const t = await personMessages(deps.locales, {
        teamId: args.body.team?.id ?? view.team_id,
        userId: args.body.user.id,
      });
      // The register's client says why in English; the schema's own check says the same, in the person's words.
      const problem = organizationNumberProblem(number);
      const predicate = problem === null ? undefined : schemaPredicate(t, problem);
      const message =
        predicate === undefined
          ? lookup.kind === "invalid"
            ? lookup.message
            : ""
          : `${fieldNames(t).organizationId} ${predicate}`;
      await redrawInvoiceModal(deps, args, view, {
        metadata,
        initial: form,
        fieldErrors: { [BLOCK_IDS.organizationId]: message },
      });
      return;
    }
    await redrawInvoiceModal(deps, args, view, {
      // New action ids for the customer fields, so the register's values replace what was typed.
      metadata: fillCustomerFields(metadata, { register: note }),
      initial: { ...form, ...registerFill(lookup) },
    });
  };
}
