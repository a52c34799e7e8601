import { Logger } from '@nestjs/common';
import type { IncomingMessage, MessageHandler } from './transport.port';
import { nextBackoff, sleep } from './transport.port';

export class SubscriptionStoppedError extends Error {
  constructor() {
    super('subscription stopped before the message was acknowledged');
  }
}

const logger = new Logger('Delivery');

/**
 * Delivers one message until its handler resolves (at-least-once, in place, so the partition keeps its
 * order). Between attempts it backs off and keeps the group membership alive. If the subscription stops
 * meanwhile, it gives up without acknowledging: the message will be delivered again after restart.
 */
export async function deliverUntilAcknowledged(
  handler: MessageHandler,
  message: IncomingMessage,
  options: {
    isStopped: () => boolean;
    heartbeat: () => Promise<void>;
    backoff?: { initial: number; max: number };
  },
): Promise<void> {
  const { initial, max } = options.backoff ?? { initial: 200, max: 5000 };
  let wait = initial;
  for (let attempt = 1; ; attempt++) {
    if (options.isStopped()) throw new SubscriptionStoppedError();
    try {
      await handler(message, { attempt, heartbeat: options.heartbeat });
      return;
    } catch (err) {
      if (attempt === 1 || attempt % 10 === 0) {
        logger.warn(`${message.topic}[${message.partition}]@${message.offset} attempt ${attempt} failed: ${err.message}`);
      }
      // Sleep in slices so heartbeats go out and a stop is noticed promptly.
      const until = Date.now() + wait;
      while (Date.now() < until && !options.isStopped()) {
        await sleep(Math.min(1000, until - Date.now()));
        await options.heartbeat().catch(() => undefined);
      }
      wait = nextBackoff(wait, max);
    }
  }
}
