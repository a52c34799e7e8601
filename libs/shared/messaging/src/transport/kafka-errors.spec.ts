import { KafkaJSAggregateError, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isFatalProducerError, isMessageTooLarge } from './kafka-errors';

const broker = (type: string, code: number) => new KafkaJSProtocolError({ type, code, retriable: false, message: `broker said ${type}` } as unknown as Error);
const afterRetries = (e: Error) => new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 5, retryTime: 1000 });

describe('kafka producer errors', () => {
  it.each(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'INVALID_PRODUCER_ID_MAPPING', 'UNKNOWN_PRODUCER_ID'])(
    '%s, however wrapped, makes the producer unusable',
    (type) => {
      expect(isFatalProducerError(broker(type, 47))).toBe(true);
      expect(isFatalProducerError(afterRetries(broker(type, 47)))).toBe(true);
      expect(isFatalProducerError(new KafkaJSAggregateError('send failed', [new Error('other'), afterRetries(broker(type, 47))]))).toBe(true);
    },
  );

  it('a lost connection or a too large batch leaves the producer usable', () => {
    expect(isFatalProducerError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(false);
    expect(isFatalProducerError(broker('MESSAGE_TOO_LARGE', 10))).toBe(false);
  });

  it('recognises a refusal as too large, wrapped or not', () => {
    expect(isMessageTooLarge(afterRetries(broker('MESSAGE_TOO_LARGE', 10)))).toBe(true);
    expect(isMessageTooLarge(broker('RECORD_LIST_TOO_LARGE', 18))).toBe(true);
    expect(isMessageTooLarge(broker('NOT_LEADER_FOR_PARTITION', 6))).toBe(false);
  });
});
