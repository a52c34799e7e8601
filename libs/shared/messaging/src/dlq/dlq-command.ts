import { readTopicMessagesToEnd } from '../audit/read-topics';
import { dlqTopicOf } from '../consumer/event-consumer';
import { KafkaTransport } from '../transport/kafka.transport';
import { KafkaSecurityConfigError, kafkaSecurityFromEnv, type KafkaSecurity } from '../transport/kafka-security';
import type { EventTransport, IncomingMessage } from '../transport/transport.port';
import { deadLetterOf, DeadLetterSelectionError, replayDeadLetters, selectDeadLetters, type DeadLetter, type DeadLetterFilter } from './dead-letters';

/**
 * The operator's DLQ command (`npm run dlq -- ...`, tools/dlq.js):
 *
 *   list   --group <consumer group> | --topic <dlq topic>  [--reason R[,R]] [--type T[,T]] [--event-id ID[,ID]] [--offset N[,N]] [--json]
 *   replay --group <consumer group> | --topic <dlq topic>  (--offset N[,N] | --event-id ID[,ID] | --reason R | --type T | --all) [--dry-run] [--json]
 *
 * `replay` re-injects the chosen dead letters into their source topics for their group (see dead-letters.ts);
 * replaying twice applies once. Exit status: 0 done, 1 failed, 2 bad usage (the message names the option).
 */
export interface DlqCommandDeps {
  /** Every message of the DLQ topic up to its current end. */
  read(topic: string): Promise<IncomingMessage[]>;
  /** The transport replays publish with; opened only for a replay that is not a dry run. */
  transport(): Promise<EventTransport>;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

export interface DlqArguments {
  command: 'list' | 'replay';
  dlqTopic: string;
  filter: DeadLetterFilter;
  dryRun: boolean;
  json: boolean;
}

export class DlqUsageError extends Error {}

const USAGE =
  'usage: npm run dlq -- list|replay (--group <consumer group> | --topic <dlq topic>) [--offset N,..] [--event-id ID,..] [--reason R,..] [--type T,..] [--all] [--dry-run] [--json]';
const LIST_OPTIONS = { offset: 'offsets', 'event-id': 'eventIds', reason: 'reasons', type: 'types' } as const;

export function parseDlqArguments(argv: string[]): DlqArguments {
  const [command, ...rest] = argv;
  if (command !== 'list' && command !== 'replay') throw new DlqUsageError(`the first argument must be list or replay, not ${command ?? '(nothing)'}\n${USAGE}`);
  const filter: DeadLetterFilter = {};
  let group: string | undefined;
  let topic: string | undefined;
  let dryRun = false;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i].replace(/^--/, '');
    if (name === 'all') filter.all = true;
    else if (name === 'dry-run') dryRun = true;
    else if (name === 'json') json = true;
    else {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--') || value.trim() === '') throw new DlqUsageError(`--${name} needs a value\n${USAGE}`);
      if (name === 'group') group = value;
      else if (name === 'topic') topic = value;
      else if (name in LIST_OPTIONS) {
        const values = value.split(',').map((v) => v.trim()).filter(Boolean);
        if (name === 'offset' && values.some((v) => !/^\d+$/.test(v))) throw new DlqUsageError(`--offset must be non-negative integers, got ${value}`);
        filter[LIST_OPTIONS[name as keyof typeof LIST_OPTIONS]] = values;
      } else throw new DlqUsageError(`unknown option --${name}\n${USAGE}`);
    }
  }
  if (group !== undefined && topic === undefined) return { command, dlqTopic: dlqTopicOf(group), filter, dryRun, json };
  if (topic !== undefined && group === undefined) return { command, dlqTopic: topic, filter, dryRun, json };
  throw new DlqUsageError(`give exactly one of --group and --topic\n${USAGE}`);
}

function describe(l: DeadLetter): string {
  const detail = l.detail.length > 160 ? `${l.detail.slice(0, 157)}...` : l.detail;
  return [l.offset, l.reason, l.eventType ?? '(undecodable)', l.eventId ?? '-', `${l.sourceTopic}[${l.sourcePartition}]@${l.sourceOffset}`, l.deadLetteredAt, detail].join('\t');
}

function summary(l: DeadLetter) {
  const { value: _value, originalHeaders: _headers, ...rest } = l;
  return rest;
}

export async function runDlqCommand(argv: string[], deps: DlqCommandDeps): Promise<number> {
  let args: DlqArguments;
  try {
    args = parseDlqArguments(argv);
  } catch (err) {
    if (!(err instanceof DlqUsageError)) throw err;
    deps.err(err.message);
    return 2;
  }
  const letters = (await deps.read(args.dlqTopic)).map(deadLetterOf);
  let chosen: DeadLetter[];
  try {
    chosen = args.command === 'list' ? selectDeadLetters(letters, { ...args.filter, all: true }) : selectDeadLetters(letters, args.filter);
  } catch (err) {
    if (!(err instanceof DeadLetterSelectionError)) throw err;
    deps.err(err.message);
    return 2;
  }
  const print = (l: DeadLetter) => deps.out(args.json ? JSON.stringify(summary(l)) : describe(l));
  if (args.command === 'list') {
    chosen.forEach(print);
    deps.err(`${chosen.length} of ${letters.length} dead letter(s) in ${args.dlqTopic}`);
    return 0;
  }
  if (chosen.length === 0) {
    deps.err(`no dead letter in ${args.dlqTopic} matches; nothing replayed`);
    return 1;
  }
  chosen.forEach(print);
  if (args.dryRun) {
    deps.err(`dry run: would replay ${chosen.length} dead letter(s) from ${args.dlqTopic}`);
    return 0;
  }
  const transport = await deps.transport();
  try {
    await replayDeadLetters(transport, chosen, deps.now());
  } finally {
    await transport.close();
  }
  deps.err(`replayed ${chosen.length} dead letter(s) from ${args.dlqTopic} into ${[...new Set(chosen.map((l) => l.sourceTopic))].join(', ')}`);
  return 0;
}

/** The command against the deployment's Kafka (KAFKA_BROKERS, and TLS/SASL as kafka-security.ts reads them), printing to stdout/stderr; tools/dlq.js calls it. */
export async function dlqMain(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const brokers = (env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) {
    console.error('KAFKA_BROKERS must list the brokers (host:port, comma-separated)');
    return 2;
  }
  let security: KafkaSecurity;
  try {
    security = kafkaSecurityFromEnv(env);
  } catch (err) {
    if (!(err instanceof KafkaSecurityConfigError)) throw err;
    console.error(err.message);
    return 2;
  }
  return runDlqCommand(argv, {
    read: (topic) => readTopicMessagesToEnd({ brokers, ...security }, [topic]),
    transport: async () => new KafkaTransport({ brokers, ...security, clientId: `sop-dlq-${process.pid}`, logLevel: env['KAFKA_LOG_LEVEL'] }),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => new Date(),
  });
}
