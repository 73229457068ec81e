/** A service whose every method is asynchronous, as a lazily built one must be. */
type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A service built, and its module imported, when one of its methods is first called, not at start:
 * for services most runs call late or never (the approval messages, the outcome modal), whose
 * views and form code were a fifth of the modules the bot loaded before it could listen.
 * `methods` names every method (the compiler checks the list against the service's type), so the
 * stand-in has them all before the service exists.
 */
export function onFirstCall<T extends AsyncMethods<T>>(
  methods: { readonly [K in keyof T]-?: true },
  build: () => Promise<T>,
): T {
  let service: Promise<T> | undefined;
  return Object.fromEntries(
    Object.keys(methods).map((name) => [
      name,
      async (...args: unknown[]) => {
        service ??= build();
        const built = (await service) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
        return built[name]?.(...args);
      },
    ]),
  ) as unknown as T;
}
