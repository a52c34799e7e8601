import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { testDatabaseName } from '@sop/testing';

/**
 * Issue 10 item 6: deploy/mysql/create-service-users.sh, run against the real test server, gives each service a user
 * with rights on its own schema only. Registration's user writes its schema and is denied on credit's; a second run
 * converges (new password, rights taken back). Everything it creates is dropped afterwards.
 */
const SCRIPT = join(resolve(__dirname, '../../../..'), 'deploy/mysql/create-service-users.sh');
const run = promisify(execFile);

const host = process.env['TEST_DB_HOST'] as string;
const port = Number(process.env['TEST_DB_PORT'] ?? 3306);
const admin = { user: process.env['TEST_DB_USER'] ?? 'root', password: process.env['TEST_DB_PASSWORD'] ?? '' };
const suffix = randomBytes(3).toString('hex');
const services = {
  REGISTRATION: { user: `sop_t_reg_${suffix}`, schema: testDatabaseName('users_registration'), password: `r'${randomBytes(9).toString('base64')}\\` },
  CREDIT: { user: `sop_t_credit_${suffix}`, schema: testDatabaseName('users_credit'), password: randomBytes(12).toString('base64') },
  EVALUATION: { user: `sop_t_eval_${suffix}`, schema: testDatabaseName('users_evaluation'), password: randomBytes(12).toString('base64') },
  PURCHASING: { user: `sop_t_purch_${suffix}`, schema: testDatabaseName('users_purchasing'), password: randomBytes(12).toString('base64') },
};
type Label = keyof typeof services;

function scriptEnv(passwords: Partial<Record<Label, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], DB_ADMIN_HOST: host, DB_ADMIN_PORT: String(port), DB_ADMIN_USER: admin.user, DB_ADMIN_PASSWORD: admin.password };
  for (const [label, s] of Object.entries(services)) {
    env[`${label}_DB_USER`] = s.user;
    env[`${label}_DB_NAME`] = s.schema;
    env[`${label}_DB_PASSWORD`] = passwords[label as Label] ?? s.password;
  }
  return env;
}

const connectAs = (label: Label, database?: string, password = services[label].password) =>
  mysql.createConnection({ host, port, user: services[label].user, password, ...(database ? { database } : {}) });

async function errorCodeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('deploy/mysql/create-service-users.sh on the test server', () => {
  let root: mysql.Connection;

  beforeAll(async () => {
    root = await mysql.createConnection({ host, port, ...admin });
    const { stdout } = await run('sh', [SCRIPT], { env: scriptEnv() });
    expect(stdout).toMatch(/users ready/);
  });

  afterAll(async () => {
    for (const s of Object.values(services)) {
      await root.query(`DROP USER IF EXISTS '${s.user}'@'%'`);
      await root.query(`DROP DATABASE IF EXISTS \`${s.schema}\``);
      await root.query(`DROP DATABASE IF EXISTS \`${s.schema}_audit\``);
    }
    await root.end();
  });

  it('registration\'s user writes its own schema', async () => {
    const reg = await connectAs('REGISTRATION', services.REGISTRATION.schema);
    try {
      await reg.query('CREATE TABLE probe (id INT PRIMARY KEY, note VARCHAR(20))');
      await reg.query("INSERT INTO probe VALUES (1, 'own schema')");
      await reg.query('ALTER TABLE probe ADD INDEX note_idx (note)');
      const [rows] = await reg.query('SELECT note FROM probe');
      expect(rows).toEqual([{ note: 'own schema' }]);
    } finally {
      await reg.end();
    }
  });

  it('registration\'s user is denied on credit\'s schema, and cannot create or reach other schemas', async () => {
    const credit = await connectAs('CREDIT', services.CREDIT.schema);
    await credit.query('CREATE TABLE profile (uscc CHAR(18) PRIMARY KEY)');
    await credit.end();

    expect(await errorCodeOf(connectAs('REGISTRATION', services.CREDIT.schema))).toBe('ER_DBACCESS_DENIED_ERROR');
    const reg = await connectAs('REGISTRATION', services.REGISTRATION.schema);
    try {
      expect(await errorCodeOf(reg.query(`SELECT * FROM \`${services.CREDIT.schema}\`.profile`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`INSERT INTO \`${services.CREDIT.schema}\`.profile VALUES ('91110000MA0000000X')`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`CREATE TABLE \`${services.CREDIT.schema}\`.intruder (id INT)`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`CREATE DATABASE \`${testDatabaseName('users_other')}\``))).toBe('ER_DBACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query('SELECT user FROM mysql.user'))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      const [grants] = await reg.query('SHOW GRANTS');
      const text = (grants as Record<string, string>[]).map((g) => Object.values(g)[0]).join('\n');
      expect(text).toMatch(/GRANT USAGE ON \*\.\*/);
      expect(text).toContain(`ON \`${services.REGISTRATION.schema}\`.*`);
      expect(text).toContain(`GRANT SELECT, INSERT ON \`${services.REGISTRATION.schema}_audit\`.*`);
      expect(text.split('\n')).toHaveLength(3);
    } finally {
      await reg.end();
    }
  });

  it('the command audit log: the service\'s user adds and reads entries, and cannot change, delete or drop them', async () => {
    const audit = `\`${services.REGISTRATION.schema}_audit\`.command_audit_log`;
    const reg = await connectAs('REGISTRATION', services.REGISTRATION.schema);
    try {
      await reg.query(
        `INSERT INTO ${audit} (at, subject, roles, method, route, target, status) VALUES (UTC_TIMESTAMP(6), 'registrar-1', 'registrar', 'POST', '/registration/applications', '{}', 201)`,
      );
      const [rows] = await reg.query(`SELECT subject, status FROM ${audit}`);
      expect(rows).toEqual([{ subject: 'registrar-1', status: 201 }]);
      expect(await errorCodeOf(reg.query(`UPDATE ${audit} SET status = 200`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`DELETE FROM ${audit}`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`TRUNCATE TABLE ${audit}`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`DROP TABLE ${audit}`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      expect(await errorCodeOf(reg.query(`ALTER TABLE ${audit} ADD COLUMN note INT`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
      const [after] = await reg.query(`SELECT subject, status FROM ${audit}`);
      expect(after).toEqual([{ subject: 'registrar-1', status: 201 }]);
    } finally {
      await reg.end();
    }
  });

  it('runs again without error: new passwords apply and extra rights are taken back', async () => {
    await root.query(`GRANT SELECT ON \`${services.CREDIT.schema}\`.* TO '${services.REGISTRATION.user}'@'%'`);
    const newPassword = `again-${randomBytes(6).toString('hex')}`;
    await run('sh', [SCRIPT], { env: scriptEnv({ REGISTRATION: newPassword }) });
    expect(await errorCodeOf(connectAs('REGISTRATION', services.REGISTRATION.schema))).toBe('ER_ACCESS_DENIED_ERROR');
    const reg = await connectAs('REGISTRATION', services.REGISTRATION.schema, newPassword);
    try {
      const [rows] = await reg.query('SELECT COUNT(*) AS n FROM probe');
      expect(rows).toEqual([{ n: 1 }]); // the data stayed
      expect(await errorCodeOf(reg.query(`SELECT * FROM \`${services.CREDIT.schema}\`.profile`))).toBe('ER_TABLEACCESS_DENIED_ERROR');
    } finally {
      await reg.end();
    }
    services.REGISTRATION.password = newPassword;
  });

  it('changes nothing when a password is missing', async () => {
    const env = scriptEnv();
    delete env['EVALUATION_DB_PASSWORD'];
    const failure = await run('sh', [SCRIPT], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/EVALUATION_DB_PASSWORD is required/);
    const reg = await connectAs('REGISTRATION', services.REGISTRATION.schema);
    await reg.end();
  });
});
