import { ALL_EVENT_CONTRACTS, EVENT_TOPICS, allTopicSpecs } from './topology';

describe('contracts topology', () => {
  it('puts every event type on a provisioned topic named <service>.<aggregate>.v<major>', () => {
    const topics = new Set<string>(EVENT_TOPICS.map((t) => t.topic));
    for (const c of ALL_EVENT_CONTRACTS) {
      expect(topics.has(c.topic)).toBe(true);
      expect(c.topic).toMatch(new RegExp(`^${c.type.split('.')[0]}\\.[a-z-]+\\.v${c.version}$`));
    }
  });

  it('names the producer of every event type, the service its topic belongs to', () => {
    const services: Record<string, string> = { registration: 'registration', credit: 'credit-supervision', evaluation: 'evaluation', purchasing: 'service-purchasing' };
    for (const c of ALL_EVENT_CONTRACTS) expect([c.type, c.source]).toEqual([c.type, services[c.topic.split('.')[0]]]);
  });

  it('provisions a dead-letter topic per consumer group', () => {
    expect(allTopicSpecs().map((t) => t.topic)).toEqual(
      expect.arrayContaining(['credit-supervision.dlq', 'evaluation.dlq', 'service-purchasing.dlq']),
    );
  });
});
