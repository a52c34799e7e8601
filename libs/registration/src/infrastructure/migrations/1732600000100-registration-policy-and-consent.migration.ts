import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { Columns } from '@sop/persistence';

/** Frozen copy of the seed (a migration never changes with later code): national default v1, regulations §2. */
const DIRECT_SOURCE =
  'State Council Institutional Reform and Function Transformation Plan (2013); 2016 Opinions on reforming social-organization management (regulations §2)';
const DUAL_SOURCE = '社团条例 Art. 3, 9, 11(2); 民非条例 Art. 3, 8(1), 9(2); 基金会条例 Art. 9(5) (regulations §2)';
const SEED = {
  ruleSetId: 'registration-regime/national-default',
  version: 1,
  jurisdiction: '100000',
  effectiveFrom: '2013-03-14 00:00:00.000',
  publishedBy: 'seed',
  note: 'national default seeded from regulations §2',
  rules: [
    ...['INDUSTRY_ASSOCIATION_CHAMBER', 'SCIENCE_TECHNOLOGY', 'PUBLIC_INTEREST_CHARITY', 'URBAN_RURAL_COMMUNITY_SERVICE'].map((category) => ({
      form: null,
      category,
      regime: 'DIRECT',
      source: DIRECT_SOURCE,
    })),
    { form: null, category: null, regime: 'DUAL_MANAGEMENT', source: DUAL_SOURCE },
  ],
};

/**
 * Issue #3: registration policy as versioned data (seeded with the national default, regulations §2),
 * supervising-unit consent and decisions with reasons on applications, the organization's unit link,
 * the restricted personal-data table and the once-only record of applied regime changes.
 */
export class RegistrationPolicyAndConsent1732600000100 implements MigrationInterface {
  name = 'RegistrationPolicyAndConsent1732600000100';

  async up(q: QueryRunner): Promise<void> {
    const c = new Columns(q);
    await q.createTable(
      new Table({
        name: 'registration_policy_version',
        columns: [
          c.varchar('rule_set_id', 120, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.char('jurisdiction', 6),
          c.datetime('effective_from'),
          c.varchar('published_by', 120),
          c.datetime('published_at'),
          c.varchar('note', 500, { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'registration_regime_rule',
        columns: [
          c.serial('id'),
          c.varchar('rule_set_id', 120),
          c.int('version'),
          c.int('position'),
          c.varchar('form', 40, { isNullable: true }),
          c.varchar('category', 40, { isNullable: true }),
          c.varchar('regime', 20),
          c.varchar('source', 1000),
        ],
      }),
    );
    await q.createIndex('registration_regime_rule', new TableIndex({ name: 'ix_regime_rule_version', columnNames: ['rule_set_id', 'version'] }));
    await q.createTable(
      new Table({
        name: 'registration_policy_activation',
        columns: [
          c.varchar('rule_set_id', 120, { isPrimary: true }),
          c.int('version', { isPrimary: true }),
          c.datetime('activated_at'),
          c.int('organizations_converted'),
          c.int('applications_rerouted'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'registration_personal_data',
        columns: [
          c.serial('id'),
          c.uuid('application_id'),
          c.varchar('person_role', 30),
          c.int('position'),
          c.varchar('name', 100),
          c.varchar('title', 100, { isNullable: true }),
          c.varchar('id_number_cipher', 255),
          c.varchar('id_number_index', 64),
        ],
      }),
    );
    await q.createIndex('registration_personal_data', new TableIndex({ name: 'ix_personal_data_application', columnNames: ['application_id'] }));
    await q.createIndex('registration_personal_data', new TableIndex({ name: 'ix_personal_data_id_index', columnNames: ['id_number_index'] }));

    await q.addColumns('registration_application', [
      new TableColumn(c.int('individual_members', { isNullable: true })),
      new TableColumn(c.int('unit_members', { isNullable: true })),
      new TableColumn(c.varchar('foundation_type', 20, { isNullable: true })),
      new TableColumn(c.varchar('unit_id', 120, { isNullable: true })),
      new TableColumn(c.varchar('unit_name', 200, { isNullable: true })),
      new TableColumn(c.varchar('unit_role', 40, { isNullable: true })),
      new TableColumn(c.text('regime_source', { isNullable: true })),
      new TableColumn(c.varchar('checks_version', 120, { isNullable: true })),
      new TableColumn(c.varchar('consent_status', 20, { default: "'NOT_REQUIRED'" })),
      new TableColumn(c.varchar('consent_decided_by', 120, { isNullable: true })),
      new TableColumn(c.datetime('consent_decided_at', { isNullable: true })),
      new TableColumn(c.text('consent_reasons', { isNullable: true })),
      new TableColumn(c.text('decision_reasons', { isNullable: true })),
      new TableColumn(c.varchar('decision_legal_basis', 500, { isNullable: true })),
      new TableColumn(c.varchar('rerouted_from_policy_version', 120, { isNullable: true })),
    ]);
    await q.createIndex('registration_application', new TableIndex({ name: 'ix_application_unit', columnNames: ['unit_id', 'status'] }));
    await q.addColumns('organization', [
      new TableColumn(c.varchar('unit_id', 120, { isNullable: true })),
      new TableColumn(c.varchar('unit_name', 200, { isNullable: true })),
      new TableColumn(c.varchar('unit_role', 40, { isNullable: true })),
    ]);

    // Seed: the national default rule set, version 1 (regulations §2).
    const seed = SEED;
    await q.query(
      'INSERT INTO registration_policy_version (rule_set_id, version, jurisdiction, effective_from, published_by, published_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [seed.ruleSetId, seed.version, seed.jurisdiction, seed.effectiveFrom, seed.publishedBy, seed.effectiveFrom, seed.note],
    );
    let position = 0;
    for (const r of seed.rules) {
      await q.query(
        'INSERT INTO registration_regime_rule (rule_set_id, version, position, form, category, regime, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [seed.ruleSetId, seed.version, position++, r.form, r.category, r.regime, r.source],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('organization', ['unit_id', 'unit_name', 'unit_role']);
    await q.dropIndex('registration_application', 'ix_application_unit');
    await q.dropColumns('registration_application', [
      'individual_members', 'unit_members', 'foundation_type', 'unit_id', 'unit_name', 'unit_role', 'regime_source', 'checks_version',
      'consent_status', 'consent_decided_by', 'consent_decided_at', 'consent_reasons', 'decision_reasons', 'decision_legal_basis',
      'rerouted_from_policy_version',
    ]);
    await q.dropTable('registration_personal_data');
    await q.dropTable('registration_policy_activation');
    await q.dropTable('registration_regime_rule');
    await q.dropTable('registration_policy_version');
  }
}
