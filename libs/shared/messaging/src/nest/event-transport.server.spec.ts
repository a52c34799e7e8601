import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { EventCatalog } from '../contract/event-contract';
import { InProcessTransport } from '../transport/in-process.transport';
import { UnitOfWork } from '../unit-of-work';
import { ConformanceHandler, describeConsumerConformance, REGISTERED, TEST_EVENTS } from './consumer-conformance';
import { eventTransportId, EventTransportServer } from './event-transport.server';

describeConsumerConformance('in-process bus + SQLite', async () => ({
  transport: new InProcessTransport(':memory:'),
  db: { type: 'sqlite', path: ':memory:' },
  cleanup: async () => undefined,
}));

describe('EventTransportServer registration', () => {
  const unusedUnitOfWork = {} as UnitOfWork;
  const serverFor = (serviceName: string, transport: InProcessTransport) =>
    new EventTransportServer({
      serviceName,
      groupId: serviceName,
      transport,
      unitOfWork: unusedUnitOfWork,
      catalog: new EventCatalog([{ type: REGISTERED, topic: 't', version: 1, payload: class {}, description: '' }]),
      now: () => new Date(),
    });

  it('registers only the handlers of its own service (transport id)', async () => {
    const transport = new InProcessTransport(':memory:');
    await transport.ensureTopics([{ topic: 't', partitions: 1 }]);
    @Controller()
    class OtherServiceHandler {
      @EventPattern(REGISTERED, eventTransportId('another-service'))
      handle() {
        return undefined;
      }
    }
    @Module({ controllers: [ConformanceHandler, OtherServiceHandler] })
    class TwoServices {}

    const server = serverFor('conformance', transport);
    expect(eventTransportId('conformance')).toBe(TEST_EVENTS);
    const ms = await NestFactory.createMicroservice(TwoServices, { strategy: server, logger: false });
    await ms.listen();
    expect(server.handledTypes()).toEqual([REGISTERED]);
    await ms.close();
    await transport.close();
  });

  it('refuses to start with two handlers for one event type in one service', async () => {
    const transport = new InProcessTransport(':memory:');
    @Controller()
    class SecondHandler {
      @EventPattern(REGISTERED, TEST_EVENTS)
      handle() {
        return undefined;
      }
    }
    @Module({ controllers: [ConformanceHandler, SecondHandler] })
    class Doubled {}

    const ms = await NestFactory.createMicroservice(Doubled, { strategy: serverFor('conformance', transport), logger: false });
    await expect(ms.listen()).rejects.toThrow(`more than one @EventPattern handler for ${REGISTERED}`);
    await ms.close();
    await transport.close();
  });
});
