/**
 * The work a listener or route goes on with after it has answered (sending an order, updating
 * Slack): tracked so a stop can wait for it instead of closing the store under it.
 */
export function createWorkTracker() {
  const pending = new Set<Promise<unknown>>();
  return {
    track<T>(work: Promise<T>): Promise<T> {
      pending.add(work);
      const forget = () => pending.delete(work);
      work.then(forget, forget);
      return work;
    },
    /** Resolves once no tracked work is left, including work started while waiting. */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

export type WorkTracker = ReturnType<typeof createWorkTracker>;
