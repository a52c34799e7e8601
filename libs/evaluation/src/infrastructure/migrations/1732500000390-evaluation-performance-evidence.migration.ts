import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Performance evidence from service purchasing (issue 12 item 5; regulations §8 item 4, §7.2): one row per consumed
 * event (take-back of a transferred function, milestone acceptance, contract termination) keyed by the event id, so
 * a redelivery records once; the transfer agreements (their catalogue item) and catalogue items (title, area, kind
 * of act) the take-backs name. Events published before this migration are not replayed.
 */
export class EvaluationPerformanceEvidence1732500000390 implements MigrationInterface {
  name = 'EvaluationPerformanceEvidence1732500000390';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_performance_evidence',
        columns: [
          c.uuid('evidence_id', { isPrimary: true }),
          c.char('uscc', 18),
          c.varchar('kind', 30),
          c.datetime('occurred_at'),
          c.boolean('adverse'),
          c.uuid('subject_id'),
          c.text('details'),
          c.datetime('recorded_at'),
        ],
      }),
    );
    await q.createIndex('evaluation_performance_evidence', new TableIndex({ name: 'ix_evaluation_performance_evidence_uscc', columnNames: ['uscc', 'occurred_at'] }));
    await q.createTable(
      new Table({
        name: 'evaluation_transfer_agreement',
        columns: [
          c.uuid('agreement_id', { isPrimary: true }),
          c.uuid('item_id'),
          c.char('uscc', 18),
          c.varchar('department_unit_id', 100),
          c.varchar('mode', 20),
          c.char('area', 6),
          c.datetime('concluded_at'),
          c.uuid('event_id'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluation_function_item',
        columns: [
          c.uuid('item_id', { isPrimary: true }),
          c.varchar('title', 300),
          c.varchar('function_area', 60),
          c.varchar('kind_of_act', 30),
          c.char('jurisdiction', 6),
          c.varchar('stage', 20),
          c.datetime('moved_at'),
          c.uuid('event_id'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evaluation_function_item');
    await q.dropTable('evaluation_transfer_agreement');
    await q.dropTable('evaluation_performance_evidence');
  }
}
