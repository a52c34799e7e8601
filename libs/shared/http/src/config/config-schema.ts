import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs, type ConfigFactory, type ConfigFactoryKeyHost } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

/**
 * Configuration from the environment, with one validated schema per concern (host, auth, broker, database) and per
 * service: a class whose properties are the variables, with class-validator rules and defaults. A host validates
 * every schema it needs before it creates anything, and a bad or missing variable stops the start with a message
 * that lists every problem at once. Modules read their values through @nestjs/config (`@Inject(schema.KEY)`).
 */
export interface ConfigSchema<T extends object> {
  /** The @nestjs/config namespace, e.g. `credit`. */
  readonly namespace: string;
  readonly schema: new () => T;
  /** Injection token of the validated values: `@Inject(creditConfig.KEY) config: CreditConfig`. */
  readonly KEY: string;
  /** For ConfigModule.forRoot({ load }) / ConfigModule.forFeature. */
  readonly factory: ConfigFactory<T> & ConfigFactoryKeyHost<T>;
  /** Validates `env` and returns the typed values, or throws listing every problem. */
  load(env?: NodeJS.ProcessEnv): T;
  /** The problems of `env` against this schema (empty when valid). */
  problems(env?: NodeJS.ProcessEnv): string[];
}

/** Any schema, in lists (a host's whole configuration). */
export interface AnyConfigSchema {
  readonly namespace: string;
  readonly KEY: string;
  readonly factory: ConfigFactory;
  problems(env?: NodeJS.ProcessEnv): string[];
}

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigurationError';
  }
}

function variablesOf(schema: new () => object): string[] {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', true, false)
    .map((m) => m.propertyName);
  return [...new Set(names)];
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => {
    const given = e.value === undefined ? 'not set' : `got "${String(e.value).slice(0, 60)}"`;
    return Object.values(e.constraints ?? {}).map((rule) => `${e.property}: ${rule} (${given})`);
  });
}

function parse<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): { values: T; problems: string[] } {
  const names = variablesOf(schema);
  // Empty strings count as "not set" (compose files often write VAR= for optional ones).
  const raw = Object.fromEntries(names.filter((n) => env[n] !== undefined && env[n] !== '').map((n) => [n, env[n]]));
  const instance = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const problems = describe(validateSync(instance as object, { forbidUnknownValues: false }));
  const values = Object.fromEntries(names.map((n) => [n, (instance as Record<string, unknown>)[n]])) as T;
  return { values, problems };
}

export function defineConfig<T extends object>(namespace: string, schema: new () => T): ConfigSchema<T> {
  const load = (env: NodeJS.ProcessEnv = process.env): T => {
    const { values, problems } = parse(schema, env);
    if (problems.length) throw new InvalidConfigurationError(problems);
    return values;
  };
  const factory = registerAs(namespace, () => load(process.env));
  return {
    namespace,
    schema,
    KEY: factory.KEY as string,
    factory,
    load,
    problems: (env = process.env) => parse(schema, env).problems,
  };
}

/**
 * A schema with a rule across variables that class-validator cannot express, because it reads the whole environment
 * (e.g. "a key is required in production mode", which depends on KAFKA_BROKERS and NODE_ENV): its problems are
 * reported with the schema's own, before anything starts.
 */
export function withRule<T extends object>(schema: ConfigSchema<T>, rule: (env: NodeJS.ProcessEnv) => string[]): ConfigSchema<T> {
  const problems = (env: NodeJS.ProcessEnv = process.env) => [...schema.problems(env), ...rule(env)];
  const load = (env: NodeJS.ProcessEnv = process.env): T => {
    const found = rule(env);
    if (found.length) throw new InvalidConfigurationError([...schema.problems(env), ...found]);
    return schema.load(env);
  };
  return { ...schema, problems, load };
}

/** Every problem of `env` against all of `schemas` (a host's whole configuration). */
export function configurationProblems(schemas: readonly AnyConfigSchema[], env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set(schemas.flatMap((s) => s.problems(env)))];
}

export function assertConfiguration(schemas: readonly AnyConfigSchema[], env: NodeJS.ProcessEnv = process.env): void {
  const problems = configurationProblems(schemas, env);
  if (problems.length) throw new InvalidConfigurationError(problems);
}

/** The host's @nestjs/config module: every schema validated together, the values injectable everywhere. */
export function configModule(schemas: readonly AnyConfigSchema[]): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    load: schemas.map((s) => s.factory),
    validate: (env) => {
      assertConfiguration(schemas, env as NodeJS.ProcessEnv);
      return env;
    },
  });
}
