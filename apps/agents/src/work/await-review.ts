import { REVIEW_COMPLETED_TOPIC, type WorkContext } from './context.js';

/** A subscription to a reviewer's `review.completed` for one workspace. */
export interface ReviewWatch {
  /** Resolves `true` when a review of the workspace completed, `false` after `timeoutMs` or on cancel. */
  wait(timeoutMs: number): Promise<boolean>;
  /** Ends the subscription. */
  close(): Promise<void>;
}

/**
 * Subscribes to `review.completed` of `workspaceId` before the caller searches Cortex, so that a review that
 * completes between the search and the wait is not missed. Resolves `undefined` when there is no bus (or the
 * runtime refuses the subscription): the caller then does not wait.
 */
export async function watchReview(ctx: WorkContext, workspaceId: string): Promise<ReviewWatch | undefined> {
  if (!ctx.bus) return undefined;
  let completed = false;
  let wake: (() => void) | undefined;
  let unsubscribe: () => Promise<void>;
  try {
    unsubscribe = await ctx.bus.subscribe(REVIEW_COMPLETED_TOPIC, (message) => {
      if ((message.payload as { workspaceId?: unknown } | null)?.workspaceId !== workspaceId) return;
      completed = true;
      wake?.();
    });
  } catch (error) {
    ctx.log('warn', `no message bus: ${(error as Error).message}`);
    return undefined;
  }
  return {
    wait: (timeoutMs) =>
      completed
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const done = (value: boolean): void => {
              clearTimeout(timer);
              ctx.signal.removeEventListener('abort', onAbort);
              resolve(value);
            };
            const onAbort = (): void => done(false);
            const timer = setTimeout(() => done(false), timeoutMs);
            ctx.signal.addEventListener('abort', onAbort, { once: true });
            wake = () => done(true);
          }),
    close: () => unsubscribe().catch(() => undefined),
  };
}
