/**
 * A listener whose module is imported when its first request comes, not at start: most listeners
 * serve rare clicks, and importing them all (with the views and form code only they use) was about
 * a third of the modules the bot loaded before it could listen. The import is started once; every
 * request after waits for the same one.
 */
export function onFirstUse<Args, Result>(
  load: () => Promise<(args: Args) => Promise<Result>>,
): (args: Args) => Promise<Result> {
  let listener: Promise<(args: Args) => Promise<Result>> | undefined;
  return async (args) => {
    listener ??= load();
    return await (await listener)(args);
  };
}
