import type * as Bolt from "@slack/bolt";
import { webApi } from "./bolt.js";

/**
 * @slack/web-api's values as Bolt has already loaded them. Importing the package itself from an ES
 * module has Node parse all its CommonJS sources again for their export names: about 8 MB resident
 * and a tenth of Bolt's own load time, at every start. Types still come from the package.
 */
export const { WebClient, ErrorCode } = webApi;
export type WebClient = Bolt.webApi.WebClient;
