import type { CloudEvent } from '../envelope/cloud-event';
import { civilDateOf } from '@sop/util';
import type { IncomingMessage } from '../transport/transport.port';
import { fromMessages } from './audit-input';
import { readTopicMessagesToEnd, type KafkaConnection } from './read-topics';
import { AuditUsageError, parseArgs } from './verify-command';

/** A rebuild as libs/contracts declares it (AUDIT_REBUILDERS): structurally, so messaging stays free of contracts. */
export interface Rebuilder {
  source: string;
  topics: string[];
  rebuild(events: { type: string; source: string; subject: string; data: unknown }[]): Map<string, unknown>;
  answerPaths(subject: string): string[];
  differences(rebuilt: unknown, answers: unknown[], asOf: string): string[];
}

export interface RebuildReport {
  rebuild: string;
  events: number;
  subjects: number;
  compared: number;
  equal: number;
  differences: { subject: string; differences: string[] }[];
}

export interface AuditRebuildDeps {
  rebuilders: Record<string, Rebuilder>;
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
  read?(connection: KafkaConnection, topics: string[]): Promise<IncomingMessage[]>;
  /** GET a JSON answer: null on 404. */
  getJson?(url: string, token?: string): Promise<unknown>;
  now?(): Date;
}

const USAGE =
  'usage: npm run audit:verify -- --rebuild <grades|credit-lists> --compare <service base URL> [--token <bearer>] [--subjects uscc,..] [--brokers h:p,..] [--as-of YYYY-MM-DD] [--json]';

async function defaultGetJson(url: string, token?: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.json();
}

/**
 * The auditor's rebuild (issue 13 item 7): reads the producer's topics from their beginning, folds them into the state
 * per subject the rebuilder defines (grades per organization, the credit lists), asks the service for its answer on
 * each subject and reports every difference. Events of other producers on the topics are ignored; run audit:verify
 * first to know the stream is whole. Exit status: 0 all equal, 1 differences, 2 bad usage or an I/O error.
 */
export async function runAuditRebuild(argv: string[], deps: AuditRebuildDeps): Promise<number> {
  let args: Record<string, string | true>;
  let rebuilder: Rebuilder;
  try {
    args = parseArgs(argv);
    const name = String(args['rebuild'] ?? '');
    rebuilder = deps.rebuilders[name];
    if (!rebuilder) throw new AuditUsageError(`--rebuild must be one of ${Object.keys(deps.rebuilders).join(', ')}`);
    if (typeof args['compare'] !== 'string') throw new AuditUsageError('--compare names the service base URL the answers come from');
  } catch (err) {
    deps.err(`${err.message}\n${USAGE}`);
    return 2;
  }
  const env = deps.env ?? process.env;
  const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const brokers = (str('brokers') ?? env['KAFKA_BROKERS'] ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) {
    deps.err(`--brokers (or KAFKA_BROKERS) must list the brokers\n${USAGE}`);
    return 2;
  }
  const asOf = str('as-of') ?? civilDateOf(deps.now?.() ?? new Date());
  const base = str('compare')!.replace(/\/$/, '');
  const getJson = deps.getJson ?? defaultGetJson;
  const report: RebuildReport = { rebuild: String(args['rebuild']), events: 0, subjects: 0, compared: 0, equal: 0, differences: [] };
  try {
    const messages = await (deps.read ?? ((c, t) => readTopicMessagesToEnd(c, t, 600_000)))({ brokers }, rebuilder.topics);
    const events = fromMessages(messages).events.map((r) => r.event).filter((e: CloudEvent) => e.source === rebuilder.source);
    report.events = events.length;
    const state = rebuilder.rebuild(events);
    report.subjects = state.size;
    const wanted = str('subjects') ? str('subjects')!.split(',').map((s) => s.trim()) : [...state.keys()];
    for (const subject of wanted) {
      const answers = await Promise.all(rebuilder.answerPaths(subject).map((p) => getJson(`${base}${p}`, str('token'))));
      const rebuilt = state.get(subject);
      const differences = rebuilt === undefined ? ['no events for this subject'] : rebuilder.differences(rebuilt, answers, asOf);
      report.compared++;
      if (differences.length === 0) report.equal++;
      else report.differences.push({ subject, differences });
    }
  } catch (err) {
    deps.err(`audit rebuild: ${err.message}`);
    return 2;
  }
  if (args['json']) deps.out(JSON.stringify(report, null, 2));
  else {
    deps.out(`${report.rebuild}: ${report.events} events of ${rebuilder.source}, ${report.subjects} subject(s) rebuilt; ${report.compared} compared with ${base} on ${asOf}: ${report.equal} equal`);
    for (const d of report.differences) for (const line of d.differences) deps.out(`  ${d.subject}: ${line}`);
    deps.out(report.differences.length ? `DIFFERENT: ${report.differences.length} subject(s)` : 'OK: the rebuild equals the service');
  }
  return report.differences.length ? 1 : 0;
}

/** The command against the deployment; tools/audit-verify.js calls it with libs/contracts' AUDIT_REBUILDERS. */
export function auditRebuildMain(argv: string[], rebuilders: Record<string, Rebuilder>): Promise<number> {
  return runAuditRebuild(argv, { rebuilders, out: (l) => console.log(l), err: (l) => console.error(l) });
}
