/**
 * Database configuration for one service. Each service owns exactly one database (schema):
 * MySQL 8 / MariaDB 10.11 in the distributed mode, an SQLite file in the embedded mode.
 */
export type DbConfig =
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string }
  | { type: 'sqlite'; path: string };

/**
 * Reads DB_* variables for a service. DB_NAME defaults to the service's schema name
 * (registration, credit_supervision, evaluation, service_purchasing).
 */
export function dbConfigFromEnv(defaultDatabase: string, env: NodeJS.ProcessEnv = process.env): DbConfig {
  const type = (env['DB_TYPE'] ?? 'mysql').toLowerCase();
  if (type === 'sqlite') return { type: 'sqlite', path: env['DB_SQLITE_PATH'] ?? `./data/${defaultDatabase}.sqlite` };
  if (type !== 'mysql' && type !== 'mariadb') throw new Error(`DB_TYPE must be mysql, mariadb or sqlite, got ${type}`);
  const host = env['DB_HOST'];
  if (!host) throw new Error('DB_HOST is required in the distributed mode (or set DB_TYPE=sqlite)');
  return {
    type: 'mysql',
    host,
    port: Number(env['DB_PORT'] ?? 3306),
    username: env['DB_USER'] ?? 'root',
    password: env['DB_PASSWORD'] ?? '',
    database: env['DB_NAME'] ?? defaultDatabase,
  };
}

export function describeDb(config: DbConfig): string {
  return config.type === 'sqlite' ? `sqlite:${config.path}` : `mysql://${config.host}:${config.port}/${config.database}`;
}
