import { buildCloudEvent, chainHash, EventChain, type CloudEvent } from '../envelope/cloud-event';
import type { EventContract } from '../contract/event-contract';
import type { IncomingMessage } from '../transport/transport.port';
import { ChainPositions, provenanceRefusal } from './provenance';

const contract: EventContract = {
  type: 'credit.joint-measures.changed',
  topic: 'credit.joint-measures.v1',
  source: 'credit-supervision',
  version: 1,
  payload: class {},
  description: 'test',
};
const USCC = '51110108MJ0000001A';
const measuresLifted = (source = 'credit-supervision'): CloudEvent =>
  buildCloudEvent(source, 'urn:sop:event:credit.joint-measures.changed:v1', { type: contract.type, subject: USCC, data: { uscc: USCC, lists: [], measures: [] } }, new Date('2026-12-01T00:00:00Z'));
const on = (topic: string, partition = 0): IncomingMessage => ({ topic, partition, offset: '0', key: USCC, value: null, headers: {} });

describe('provenanceRefusal', () => {
  it('accepts an event of its contract’s topic and producer, chained by it', () => {
    expect(provenanceRefusal(new EventChain().next(measuresLifted()), contract, on(contract.topic))).toBeUndefined();
  });

  it('dead-letters the type from another topic or another producer as FORGED', () => {
    const event = new EventChain().next(measuresLifted());
    expect(provenanceRefusal(event, contract, on('registration.organization.v1'))).toEqual({
      action: 'dead-letter',
      reason: 'FORGED',
      detail: 'credit.joint-measures.changed is published on credit.joint-measures.v1 only, not on registration.organization.v1',
    });
    const fromPurchasing = new EventChain().next(measuresLifted('service-purchasing'));
    expect(provenanceRefusal(fromPurchasing, contract, on(contract.topic))).toMatchObject({ action: 'dead-letter', reason: 'FORGED' });
  });

  it('dead-letters an event without (valid) chain fields as UNCHAINED, naming them', () => {
    expect(provenanceRefusal(measuresLifted(), contract, on(contract.topic))).toEqual({
      action: 'dead-letter',
      reason: 'UNCHAINED',
      detail: "no valid chain fields: sequence (a positive integer as a string), prevhash (64 hex digits), hash (64 hex digits); events come from a producer's outbox relay",
    });
    const malformed = { ...new EventChain().next(measuresLifted()), sequence: '-3' };
    expect(provenanceRefusal(malformed, contract, on(contract.topic))).toMatchObject({ reason: 'UNCHAINED', detail: expect.stringContaining('sequence') });
  });

  it('holds an event altered after it was chained (BAD_HASH)', () => {
    const event = new EventChain().next(measuresLifted());
    (event.data as { measures: string[] }).measures = ['NO_PURCHASE_OF_SERVICES'];
    expect(provenanceRefusal(event, contract, on(contract.topic))).toMatchObject({ action: 'hold', reason: 'BAD_HASH' });
  });
});

describe('ChainPositions', () => {
  const chain = () => new EventChain();

  it('follows a source per topic and partition: jumps and lower sequences are normal, a broken link is an anomaly', () => {
    const c = chain();
    const [e1, e2, e3, e4] = [1, 2, 3, 4].map(() => c.next(measuresLifted()));
    const positions = new ChainPositions();
    expect(positions.advance(e1, on(contract.topic))).toBeUndefined();
    expect(positions.advance(e3, on(contract.topic))).toBeUndefined(); // e2 went to another topic or partition
    expect(positions.advance(e2, on(contract.topic, 1))).toBeUndefined(); // another partition has its own position
    expect(positions.advance(e1, on(contract.topic))).toBeUndefined(); // a re-send or a replay: the inbox drops it
    expect(positions.advance(e1, on(contract.topic))).toBeUndefined();
    const relinked = { ...e2, prevhash: e3.hash };
    relinked.hash = chainHash(relinked);
    expect(positions.advance(relinked, on(contract.topic))).toEqual({ reason: 'BROKEN_LINK', detail: expect.stringContaining(`does not link to ${e1.id}`) });
    expect(positions.advance(e2, on(contract.topic))).toMatchObject({ reason: 'FORKED' }); // the genuine one comes after it
    expect(positions.advance(e3, on(contract.topic))).toBeUndefined();
    expect(positions.advance(e4, on(contract.topic))).toBeUndefined();
  });

  it('reports a second event claiming the place of the last one (FORKED), but not a chain starting again from genesis', () => {
    const c = chain();
    const [e1, e2] = [1, 2].map(() => c.next(measuresLifted()));
    const positions = new ChainPositions();
    expect(positions.advance(e1, on(contract.topic))).toBeUndefined();
    expect(positions.advance(e2, on(contract.topic))).toBeUndefined();
    const rival = new EventChain({ sequence: '1', hash: 'c'.repeat(64) }).next(measuresLifted()); // also sequence 2
    expect(positions.advance(rival, on(contract.topic))).toMatchObject({ reason: 'FORKED' });
    const restarted = new EventChain().next(measuresLifted()); // a new database: sequence 1 from genesis
    expect(positions.advance(e1, on(contract.topic))).toBeUndefined();
    expect(positions.advance(restarted, on(contract.topic))).toBeUndefined();
  });
});
