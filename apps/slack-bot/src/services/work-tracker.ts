/**
 * The work a listener or route goes on with after it has answered (sending an order, updating
 * Slack): tracked so a stop can wait for it instead of closing the store under it.
 *
 * Counted rather than kept in a Set: the tracker lives as long as the bot, so a Set's table sits in
 * the old generation, and V8 allocates each rehash's new table there too (every callback added and
 * deleted one entry), leaving the old tables as garbage that young collections never reclaim
 * (issue 14's memory goal).
 */
export function createWorkTracker() {
  let pending = 0;
  let whenIdle: (() => void)[] = [];
  const settled = () => {
    pending -= 1;
    if (pending > 0) return;
    const waiting = whenIdle;
    whenIdle = [];
    for (const resolve of waiting) resolve();
  };
  return {
    track<T>(work: Promise<T>): Promise<T> {
      pending += 1;
      work.then(settled, settled);
      return work;
    },
    /**
     * Resolves once no tracked work is left, including work started while waiting: counted again
     * on waking, as work that finished may have started more just after the count fell to zero.
     */
    async idle(): Promise<void> {
      while (pending > 0) await new Promise<void>((resolve) => whenIdle.push(resolve));
    },
  };
}

export type WorkTracker = ReturnType<typeof createWorkTracker>;
