/**
 * What a kafkajs error means for the producer. kafkajs wraps broker errors (KafkaJSProtocolError, with the broker's
 * error `type`) in retry and aggregate errors (`cause`, `originalError`, `errors`), so the whole tree is searched.
 */
const FATAL_FOR_PRODUCER = new Set([
  'INVALID_PRODUCER_EPOCH',
  'PRODUCER_FENCED',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_ID_MAPPING',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_TXN_STATE',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
]);
const FATAL_MESSAGE = /fenced|producer epoch|out of order sequence|producer id mapping|unknown producer id/i;
const TOO_LARGE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE']);

interface ErrorNode {
  type?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

function nodes(err: unknown, seen = new Set<unknown>()): ErrorNode[] {
  if (!err || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as ErrorNode;
  const children = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [e, ...children.flatMap((c) => nodes(c, seen))];
}

/** After these the idempotent producer's id/epoch/sequence state is unusable: only a new producer can go on. */
export function isFatalProducerError(err: unknown): boolean {
  return nodes(err).some((n) => FATAL_FOR_PRODUCER.has(String(n.type)) || FATAL_MESSAGE.test(String(n.message ?? '')) || n.name === 'KafkaJSProducerFenced');
}

export function isMessageTooLarge(err: unknown): boolean {
  return nodes(err).some((n) => TOO_LARGE.has(String(n.type)));
}
