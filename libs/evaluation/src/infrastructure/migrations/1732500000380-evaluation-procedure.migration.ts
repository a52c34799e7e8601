import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/**
 * Frozen copy of the seeds (a migration never changes with later code): the national default indicator frameworks
 * per organization form (regulations §6 Content; the indicator splits are UNCONFIRMED illustrative data).
 */
const SEEDS = [
  { form: 'SOCIAL_GROUP', sections: '[{"section":"BASIC_CONDITIONS","name":"基础条件","indicators":[{"code":"BC.1","name":"法人资格","max":40},{"code":"BC.2","name":"章程","max":30},{"code":"BC.3","name":"登记备案","max":30},{"code":"BC.4","name":"年度检查","max":50}]},{"section":"INTERNAL_GOVERNANCE","name":"内部治理","indicators":[{"code":"IG.1","name":"发展规划","max":40},{"code":"IG.2","name":"组织机构","max":80},{"code":"IG.3","name":"人力资源","max":70},{"code":"IG.4","name":"领导班子建设","max":60},{"code":"IG.5","name":"财务资产管理","max":90}]},{"section":"WORK_PERFORMANCE","name":"工作绩效","indicators":[{"code":"WP.1","name":"提供服务","max":120},{"code":"WP.2","name":"反映诉求","max":80},{"code":"WP.3","name":"规范行为","max":80},{"code":"WP.4","name":"信息公开与宣传","max":80}]},{"section":"SOCIAL_EVALUATION","name":"社会评价","indicators":[{"code":"SE.1","name":"内部评价","max":60},{"code":"SE.2","name":"外部评价","max":60},{"code":"SE.3","name":"管理部门评价","max":30}]}]' },
  { form: 'FOUNDATION', sections: '[{"section":"BASIC_CONDITIONS","name":"基础条件","indicators":[{"code":"BC.1","name":"法人资格","max":40},{"code":"BC.2","name":"章程","max":30},{"code":"BC.3","name":"登记备案","max":30},{"code":"BC.4","name":"年度检查","max":50}]},{"section":"INTERNAL_GOVERNANCE","name":"内部治理","indicators":[{"code":"IG.1","name":"发展规划","max":40},{"code":"IG.2","name":"组织机构","max":80},{"code":"IG.3","name":"人力资源","max":70},{"code":"IG.4","name":"领导班子建设","max":60},{"code":"IG.5","name":"财务资产管理","max":90}]},{"section":"WORK_PERFORMANCE","name":"工作绩效","indicators":[{"code":"WP.1","name":"公益活动","max":140},{"code":"WP.2","name":"募捐与资助","max":100},{"code":"WP.3","name":"项目管理","max":60},{"code":"WP.4","name":"信息公开","max":60}]},{"section":"SOCIAL_EVALUATION","name":"社会评价","indicators":[{"code":"SE.1","name":"内部评价","max":60},{"code":"SE.2","name":"外部评价","max":60},{"code":"SE.3","name":"管理部门评价","max":30}]}]' },
  { form: 'SOCIAL_SERVICE_ORGANIZATION', sections: '[{"section":"BASIC_CONDITIONS","name":"基础条件","indicators":[{"code":"BC.1","name":"法人资格","max":40},{"code":"BC.2","name":"章程","max":30},{"code":"BC.3","name":"登记备案","max":30},{"code":"BC.4","name":"年度检查","max":50}]},{"section":"INTERNAL_GOVERNANCE","name":"内部治理","indicators":[{"code":"IG.1","name":"发展规划","max":40},{"code":"IG.2","name":"组织机构","max":80},{"code":"IG.3","name":"人力资源","max":70},{"code":"IG.4","name":"领导班子建设","max":60},{"code":"IG.5","name":"财务资产管理","max":90}]},{"section":"BUSINESS_ACTIVITIES_AND_INTEGRITY","name":"业务活动和诚信建设","indicators":[{"code":"BA.1","name":"业务活动","max":160},{"code":"BA.2","name":"诚信建设","max":100},{"code":"BA.3","name":"信息公开","max":60},{"code":"BA.4","name":"社会影响","max":40}]},{"section":"SOCIAL_EVALUATION","name":"社会评价","indicators":[{"code":"SE.1","name":"内部评价","max":60},{"code":"SE.2","name":"外部评价","max":60},{"code":"SE.3","name":"管理部门评价","max":30}]}]' },
];
const UNCONFIRMED = 'UNCONFIRMED illustrative data: regulations.md §6 gives the four sections and the 1,000-point scale, not the indicator splits';

/**
 * The evaluation procedure (issue 13, regulations §6 Procedure): indicator frameworks as versioned data per form and
 * jurisdiction (keyed (rule_set_id, version) so concurrent publications collide); the procedure record (one row per
 * procedure, its steps as a JSON document beside the status); experts' declared links to organizations (recusal);
 * certificates and plaques with numbers unique per authority and year.
 */
export class EvaluationProcedure1732500000380 implements MigrationInterface {
  name = 'EvaluationProcedure1732500000380';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'evaluation_indicator_framework',
        columns: [
          c.varchar('rule_set_id', 80, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.char('jurisdiction', 6),
          c.varchar('org_form', 40),
          c.char('effective_from', 10),
          c.text('sections'),
          c.int('max_bonus'),
          c.varchar('source', 500),
          c.varchar('published_by', 200),
          c.datetime('published_at'),
          c.varchar('note', 1000, { isNullable: true }),
        ],
      }),
    );
    for (const s of SEEDS)
      await q.query(
        'INSERT INTO evaluation_indicator_framework (rule_set_id, version, jurisdiction, org_form, effective_from, sections, max_bonus, source, published_by, published_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [`evaluation-indicators/100000/${s.form}`, 1, '100000', s.form, '2011-03-01', s.sections, 0, 'regulations.md §6 Content and Scoring (MCA Order 39; 2026 measures) [S15]', 'seed', '2011-02-28 16:00:00.000', UNCONFIRMED],
      );
    await q.createTable(
      new Table({
        name: 'evaluation_procedure',
        columns: [
          c.varchar('procedure_id', 36, { isPrimary: true }),
          c.varchar('uscc', 18),
          c.varchar('kind', 20),
          c.varchar('status', 20),
          c.varchar('evaluating_authority', 6),
          c.text('document'),
          c.int('revision'),
          c.datetime('created_at'),
          c.datetime('updated_at'),
        ],
      }),
    );
    await q.createIndex('evaluation_procedure', new TableIndex({ name: 'ix_evaluation_procedure_uscc', columnNames: ['uscc', 'status'] }));
    await q.createTable(
      new Table({
        name: 'evaluation_expert_link',
        columns: [c.varchar('expert_id', 100, { isPrimary: true }), c.varchar('uscc', 18, { isPrimary: true }), c.varchar('basis', 500), c.varchar('declared_by', 200), c.datetime('declared_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'evaluation_certificate',
        columns: [
          c.varchar('certificate_id', 36, { isPrimary: true }),
          c.varchar('uscc', 18),
          c.varchar('grade_id', 36),
          c.varchar('procedure_id', 36, { isNullable: true }),
          c.varchar('grade', 2),
          c.varchar('evaluating_authority', 6),
          c.int('year'),
          c.int('sequence'),
          c.varchar('certificate_number', 40),
          c.varchar('plaque_number', 40),
          c.datetime('issued_at'),
          c.varchar('status', 12),
          c.datetime('returned_at', { isNullable: true }),
          c.datetime('voided_at', { isNullable: true }),
          c.varchar('void_announcement', 500, { isNullable: true }),
        ],
      }),
    );
    await q.createIndex('evaluation_certificate', new TableIndex({ name: 'ux_evaluation_certificate_number', columnNames: ['evaluating_authority', 'year', 'sequence'], isUnique: true }));
    await q.createIndex('evaluation_certificate', new TableIndex({ name: 'ix_evaluation_certificate_uscc', columnNames: ['uscc'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evaluation_certificate');
    await q.dropTable('evaluation_expert_link');
    await q.dropTable('evaluation_procedure');
    await q.dropTable('evaluation_indicator_framework');
  }
}
