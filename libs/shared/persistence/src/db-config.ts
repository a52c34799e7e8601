/**
 * Database configuration for one service. Each service owns exactly one database (schema):
 * MySQL 8 / MariaDB 10.11 in the distributed mode, an SQLite file in the embedded mode.
 */
export type DbConfig =
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string }
  | { type: 'sqlite'; path: string };

export function describeDb(config: DbConfig): string {
  return config.type === 'sqlite' ? `sqlite:${config.path}` : `mysql://${config.host}:${config.port}/${config.database}`;
}
