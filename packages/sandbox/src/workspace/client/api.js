/** The page's server: JSON actions, one at a time in the order the person made them. */

let queue = Promise.resolve();

/**
 * POSTs an action after the ones before it have finished (a value typed, then a button clicked,
 * must reach the bot in that order). Resolves with the answer, or rejects with the server's message.
 */
export function act(path, body = {}) {
  const run = queue.then(async () => {
    const response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? `The action failed (HTTP ${response.status}).`);
    return answer;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Calls `onState` with the workspace now and after every change; `onConnection(open)` on (dis)connects. */
export function follow(onState, onConnection) {
  const events = new EventSource("/api/events");
  events.addEventListener("state", (event) => onState(JSON.parse(event.data)));
  events.addEventListener("open", () => onConnection(true));
  events.addEventListener("error", () => onConnection(false));
  return events;
}
