import type {
  ViewsOpenArguments,
  ViewsOpenResponse,
  ViewsUpdateArguments,
  ViewsUpdateResponse,
  WebClient,
} from "@slack/web-api";

/**
 * `views.open` and `views.update` with the view sent as the JSON string Slack's API takes. Given
 * an object, web-api walks and serialises it once more for a debug line (its `redact`), even at
 * info level: for the invoice form (about 30 kB) that costs more than building it.
 */
export function openView(client: WebClient, args: ViewsOpenArguments): Promise<ViewsOpenResponse> {
  return client.apiCall("views.open", { ...args, view: JSON.stringify(args.view) });
}

export function updateView(client: WebClient, args: ViewsUpdateArguments): Promise<ViewsUpdateResponse> {
  return client.apiCall("views.update", { ...args, view: JSON.stringify(args.view) });
}
