import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../../../../core/errors';
import type { TemplateAction } from '../../extensions';

const MAX_WAIT_MS = 10 * 60 * 1000;

export function createDebugWaitAction(): TemplateAction<{ minutes?: number; seconds?: number; milliseconds?: number }> {
  return {
    id: 'debug:wait',
    description: 'Waits for a while (at most 10 minutes); a cancelled task stops waiting.',
    supportsDryRun: true,
    schema: {
      input: {
        type: 'object',
        properties: { minutes: { type: 'number', minimum: 0 }, seconds: { type: 'number', minimum: 0 }, milliseconds: { type: 'number', minimum: 0 } },
      },
    },
    examples: [{ description: 'Wait five seconds', example: 'action: debug:wait\ninput:\n  seconds: 5\n' }],
    async handler(ctx) {
      const { minutes = 0, seconds = 0, milliseconds = 0 } = ctx.input;
      const total = minutes * 60_000 + seconds * 1000 + milliseconds;
      if (total > MAX_WAIT_MS) throw new InputError(`debug:wait: ${total} ms is longer than the 10 minute limit`);
      ctx.logger.info(`Waiting ${total} ms`);
      await sleep(total, undefined, { signal: ctx.signal }).catch((error) => {
        if (!ctx.signal.aborted) throw error;
      });
    },
  };
}
