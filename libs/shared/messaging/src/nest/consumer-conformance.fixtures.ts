/**
 * Test support (not a spec): the contract, table, handler and module the consumer conformance suite runs through
 * (consumer-conformance.ts). Not exported from index.ts.
 */
import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import { Column, Entity, PrimaryGeneratedColumn, Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';
import type { EventContract } from '../contract/event-contract';
import type { CloudEvent } from '../envelope/cloud-event';
import type { ConsumedEventContext, EventOf } from './consumed-event.context';
import { eventTransportId } from './event-transport.server';

/** A small contract in the style of libs/contracts (messaging may not depend on the contracts library). */
export class OrganizationRegisteredV1 {
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'uscc must be an 18-character USCC' })
  uscc: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsIn(['SOCIAL_GROUP', 'FOUNDATION']) form: string;
  @IsInt() @Min(0) registeredCapitalFen: number;
  @IsISO8601({ strict: true }) registeredAt: string;
}

export class OrganizationWelcomedV1 {
  @IsString() @IsNotEmpty() uscc: string;
}

export const REGISTERED = 'test.organization.registered';
export const WELCOMED = 'test.organization.welcomed';
export const SERVICE = 'conformance';
export const TEST_EVENTS = eventTransportId(SERVICE);

/** The handler's effect: one row per applied event, so a double application shows as two rows. */
@Entity({ name: 'test_registered_org' })
export class RegisteredOrgOrmEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 18 }) uscc: string;
  @Column({ type: 'varchar', length: 36 }) eventId: string;
}

export class TestTables1732500000001 implements MigrationInterface {
  name = 'TestTables1732500000001';
  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(new Table({ name: 'test_registered_org', columns: [c.serial('id'), c.varchar('uscc', 18), c.uuid('event_id')] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('test_registered_org');
  }
}

/** What the handler does in the current test; the controller below calls it. */
export const harness: {
  behaviour: (event: CloudEvent<OrganizationRegisteredV1>, call: number) => void;
  calls: number;
  welcome?: EventContract<OrganizationWelcomedV1>;
} = { behaviour: () => undefined, calls: 0 };

@Controller()
export class RegisteredOrganizationsHandler {
  @EventPattern(REGISTERED, TEST_EVENTS)
  async onRegistered(@Payload() event: EventOf<EventContract<OrganizationRegisteredV1>>, @Ctx() ctx: ConsumedEventContext): Promise<void> {
    harness.calls++;
    harness.behaviour(event, harness.calls);
    await ctx.tx.manager.insert(RegisteredOrgOrmEntity, { uscc: event.data.uscc, eventId: event.id });
    if (harness.welcome) await ctx.tx.publish(harness.welcome, { subject: event.data.uscc, data: { uscc: event.data.uscc } });
  }
}

@Module({ controllers: [RegisteredOrganizationsHandler] })
export class ConformanceModule {}

