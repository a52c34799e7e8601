import { KafkaSecurityConfigError, kafkaSecurityFromEnv } from '../transport/kafka-security';
import type { IncomingMessage } from '../transport/transport.port';
import { fromMessages, loadKeys, parseFromOffset, readJsonLines, writeJsonLines, type ReadResult } from './audit-input';
import type { PublishedKey } from './checkpoint-signing';
import { readTopicMessagesToEnd, type KafkaConnection, type ReadRange } from './read-topics';
import { verifyStream, type VerifyReport } from './stream-verify';

/**
 * The auditor's command (`npm run audit:verify -- ...`, tools/audit-verify.js; issue 13 item 6):
 *
 *   --service <name> | --topics <t1,t2> --source <name>   whose stream (a service's topics come from the contracts)
 *   --brokers <host:port,...> [--from-offset N | topic:partition=N,...]   read the broker (default KAFKA_BROKERS)
 *   --file <export.jsonl>                                 or read a JSON Lines export instead
 *   --keys <url|file>                                     the producer's published keys (GET /<svc>/audit/keys)
 *   --export <file.jsonl>  --json  --progress-every N
 *
 * Exit status: 0 nothing found, 1 findings, 2 bad usage or a read error (the message says which).
 */
export interface AuditVerifyDeps {
  /** The platform's contracts (type, topic, producer), for --service. */
  contracts: { topic: string; source?: string }[];
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
  read?(connection: KafkaConnection, topics: string[], range: ReadRange): Promise<IncomingMessage[]>;
  fetchJson?(url: string): Promise<unknown>;
}

export class AuditUsageError extends Error {}

const USAGE =
  'usage: npm run audit:verify -- (--service <name> | --topics <t,..> --source <name>) [--brokers h:p,..] [--from-offset N|topic:partition=N,..] | --file <export.jsonl> [--source <name>]; [--keys <url|file>] [--export <file>] [--json] [--progress-every N]\n   or: npm run audit:verify -- --rebuild <grades|credit-lists> --compare <service base URL> [--token <bearer>] [--subjects uscc,..] [--as-of YYYY-MM-DD]';
const VALUED = ['service', 'topics', 'source', 'brokers', 'from-offset', 'file', 'keys', 'export', 'progress-every', 'rebuild', 'compare', 'subjects', 'token', 'as-of'];

export function parseArgs(argv: string[]): Record<string, string | true> {
  const args: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new AuditUsageError(`unexpected argument "${argv[i]}"`);
    if (!VALUED.includes(m[1]) && !['json', 'help'].includes(m[1])) throw new AuditUsageError(`unknown option --${m[1]}`);
    if (VALUED.includes(m[1])) {
      const value = m[2] ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new AuditUsageError(`--${m[1]} needs a value`);
      args[m[1]] = value;
    } else args[m[1]] = true;
  }
  return args;
}

/** Reads what the arguments name (broker or file), printing progress; returns the records and the source. */
export async function readInput(args: Record<string, string | true>, deps: AuditVerifyDeps, topicsFor: (source: string) => string[]): Promise<{ input: ReadResult; messages?: IncomingMessage[]; isContext?: (m: IncomingMessage) => boolean; source: string; readMs: number }> {
  const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const source = str('service') ?? str('source');
  if (!source) throw new AuditUsageError('--service or --source names the producer');
  const every = Number(str('progress-every') ?? 10_000);
  if (!(every > 0)) throw new AuditUsageError('--progress-every must be a positive number');
  const started = Date.now();
  const progress = (n: number) => deps.err(`… ${n} records read (${Math.round(n / Math.max(0.001, (Date.now() - started) / 1000))}/s)`);
  if (str('file')) return { input: await readJsonLines(str('file')!, progress, every), source, readMs: Date.now() - started };
  const topics = str('topics') ? str('topics')!.split(',').map((t) => t.trim()).filter(Boolean) : topicsFor(source);
  if (topics.length === 0) throw new AuditUsageError(`no topics for ${source}: name them with --topics`);
  const env = deps.env ?? process.env;
  const brokers = (str('brokers') ?? env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new AuditUsageError('--brokers (or KAFKA_BROKERS) must list the brokers');
  let security;
  try {
    security = kafkaSecurityFromEnv(env);
  } catch (err) {
    throw err instanceof KafkaSecurityConfigError ? new AuditUsageError(err.message) : err;
  }
  let from;
  try {
    from = parseFromOffset(str('from-offset'));
  } catch (err) {
    throw new AuditUsageError(err.message);
  }
  let n = 0;
  const read = deps.read ?? ((c: KafkaConnection, t: string[], r: ReadRange) => readTopicMessagesToEnd(c, t, 600_000, r));
  // On a partition read from an offset, the record just before it (read too) tells which sequences lie before the
  // range there, so they are not reported missing; it is not verified itself.
  const before = new Map<string, bigint>();
  const range: ReadRange = { from, onMessage: () => ++n % every === 0 && progress(n), recordBefore: (t, p, offset) => before.set(`${t}:${p}`, offset) };
  const messages = await read({ brokers, ...security }, topics, range);
  const isContext = (m: IncomingMessage) => before.get(`${m.topic}:${m.partition}`) === BigInt(m.offset);
  return { input: fromMessages(messages, isContext), messages, isContext, source, readMs: Date.now() - started };
}

export async function runAuditVerify(argv: string[], deps: AuditVerifyDeps): Promise<number> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(argv);
    if (args['help']) {
      deps.out(USAGE);
      return 0;
    }
  } catch (err) {
    deps.err(`${err.message}\n${USAGE}`);
    return 2;
  }
  const topicsFor = (source: string) => [...new Set(deps.contracts.filter((c) => c.source === source).map((c) => c.topic))];
  let read: Awaited<ReturnType<typeof readInput>>;
  let keys: PublishedKey[] | undefined;
  try {
    read = await readInput(args, deps, topicsFor);
    if (typeof args['keys'] === 'string') keys = await loadKeys(args['keys'], deps.fetchJson);
    if (typeof args['export'] === 'string' && read.messages) await writeJsonLines(args['export'], read.messages, read.isContext);
  } catch (err) {
    deps.err(err instanceof AuditUsageError ? `${err.message}\n${USAGE}` : `audit:verify: ${err.message}`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const report = verifyStream(read.input.events, { source: read.source, keys, undecodable: read.input.undecodable });
  const verifyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const perSecond = Math.round(read.input.events.length / Math.max(verifyMs / 1000, 1e-6));
  const overall = Math.round(read.input.events.length / Math.max((read.readMs + verifyMs) / 1000, 1e-6));
  if (args['json']) deps.out(JSON.stringify({ ...report, read: read.input.events.length, readMs: read.readMs, verifyMs: Math.round(verifyMs), eventsPerSecond: perSecond, eventsPerSecondWithRead: overall }, null, 2));
  else for (const line of summary(report, read.input.events.length, read.readMs, verifyMs, perSecond, overall)) deps.out(line);
  return report.ok ? 0 : 1;
}

function summary(r: VerifyReport, read: number, readMs: number, verifyMs: number, perSecond: number, overall: number): string[] {
  const lines = [
    `${r.source}: ${r.events} events of ${read} records read, ${r.chains.length} chain(s) ${r.chains.slice(0, 5).map((c) => `${c.firstSequence}..${c.lastSequence}${c.fromGenesis ? ' (from genesis)' : ''}`).join(', ')}${r.chains.length > 5 ? ', …' : ''}; ${r.duplicatesOnWire} re-send(s)`,
    `checkpoints: ${r.checkpoints.verified} verified, ${r.checkpoints.failed} failed (keys ${r.checkpoints.keys === 'given' ? 'given by --keys' : 'taken from the stream itself: pass --keys to trust them'})${r.checkpoints.lastVerifiedSequence ? `; signed up to sequence ${r.checkpoints.lastVerifiedSequence}` : ''}`,
  ];
  for (const f of r.findings) lines.push(`  ${f.kind}${f.sequence ? ` at sequence ${f.sequence}` : ''}${f.where ? ` (${f.where})` : ''}: ${f.detail}`);
  lines.push(r.ok ? 'OK: no findings' : `FAILED: ${r.findings.length} finding(s), first failing sequence ${r.firstFailingSequence ?? '(none: see the findings)'}`);
  lines.push(`read in ${(readMs / 1000).toFixed(2)} s; verified in ${(verifyMs / 1000).toFixed(3)} s: ${perSecond} events/s (${overall} events/s with the read)`);
  return lines;
}

/** The command against the deployment (KAFKA_BROKERS, TLS/SASL from kafka-security.ts); tools/audit-verify.js calls it. */
export async function auditVerifyMain(argv: string[], contracts: AuditVerifyDeps['contracts']): Promise<number> {
  return runAuditVerify(argv, { contracts, out: (l) => console.log(l), err: (l) => console.error(l) });
}
