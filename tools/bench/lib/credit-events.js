// Event streams for the credit-supervision benchmarks (consumer, replay, national): the events registration,
// evaluation and service purchasing publish, as their outbox relays publish them — CloudEvents envelopes built by
// the compiled @sop/messaging (dist/), payloads valid under libs/contracts, each producer's events chained in one
// chain over all its topics (EventChain), keyed by the USCC and partitioned by the relay's partitioner (murmur2).
// Organizations are registered before any other fact about them is published, as in production.
'use strict';
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { Partitioners } = require('kafkajs');
const { ROOT } = require('./infra');

let dist;
/** The compiled libraries of the credit-supervision build, with the workspace aliases resolved as tools/runtime/run.js does. */
function loadDist() {
  if (dist) return dist;
  const distRoot = path.join(ROOT, 'dist/apps/credit-supervision');
  const { compilerOptions } = require(path.join(ROOT, 'tsconfig.base.json'));
  const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, '.js'))]));
  require('tsconfig-paths').register({ baseUrl: distRoot, paths });
  require('reflect-metadata');
  dist = { messaging: require('@sop/messaging'), contracts: require('@sop/contracts'), util: require('@sop/util') };
  return dist;
}

/**
 * The national mix per 5,000,000 events (900,000 organizations). Annual reports dominate because every registered
 * organization reports every year (submitted, then reviewed for part of them; overdue for the few that miss the
 * deadline); changes, grades and government purchases are rarer facts; revocations and deregistrations rarest.
 * Weights are per million events, OrganizationRegistered excluded (its share is organizations / events).
 */
const NATIONAL_MIX = {
  AnnualReportSubmitted: 440_000,
  AnnualReportReviewed: 160_000,
  AnnualReportOverdue: 30_000,
  OrganizationChanged: 60_000,
  GradeAwarded: 50_000,
  ContractSigned: 70_000,
  OrganizationRevoked: 4_000,
  OrganizationDeregistered: 6_000,
};

const DIVISIONS = ['110108', '310104', '440106', '510107', '330106', '420106', '610113', '210102'];
const FORMS = ['SOCIAL_GROUP', 'SOCIAL_SERVICE_ORGANIZATION', 'FOUNDATION'];
const CATEGORIES = ['INDUSTRY_ASSOCIATION_CHAMBER', 'SCIENCE_TECHNOLOGY', 'PUBLIC_INTEREST_CHARITY', 'URBAN_RURAL_COMMUNITY_SERVICE'];
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();
const date = (ms) => iso(ms).slice(0, 10);

/** Kafka's default (murmur2) partition of a key, as the relay's producer computes it. */
function partitionerFor(partitions) {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({ partitionId: i, leader: 0 }));
  return (topic, key) => partitioner({ topic, partitionMetadata, message: { key } });
}

/**
 * A deterministic-enough stream: `organizations` OrganizationRegistered among `events` events in total, the rest
 * drawn from `mix` about organizations already registered. `onlyPartition` (of registration.organization.v1) keeps
 * the organizations whose key lands there and the stream to that topic's types (the one-partition consumer figure).
 */
class CreditEventStream {
  constructor({ organizations, events, mix = NATIONAL_MIX, onlyPartition, seed = 1 }) {
    const { messaging, contracts, util } = loadDist();
    Object.assign(this, { organizations, events, messaging, contracts, util });
    this.onlyPartition = onlyPartition;
    this.mix = Object.entries(onlyPartition === undefined ? mix : { OrganizationChanged: 1 });
    this.mixTotal = this.mix.reduce((s, [, w]) => s + w, 0);
    this.chains = new Map(); // producer → EventChain
    this.registered = []; // USCCs, in registration order
    this.serialBase = Math.floor(Math.random() * 400_000_000);
    this.serial = 0;
    this.emitted = 0;
    this.rng = mulberry32(seed);
    this.clock = Date.parse('2024-01-02T01:00:00.000Z');
    this.partitionOf = partitionerFor(6);
    this.topicCounts = {};
  }

  /** The next up-to-`n` messages ({ topic, key, value, headers }) or an empty array at the end. */
  take(n) {
    const out = [];
    while (out.length < n && this.emitted < this.events) {
      const remainingOrgs = this.organizations - this.registered.length;
      const remaining = this.events - this.emitted;
      const register = this.registered.length === 0 || (remainingOrgs > 0 && this.rng() * remaining < remainingOrgs);
      out.push(register ? this.registration() : this.fact());
      this.emitted++;
      this.clock += 7; // a few days of activity per million events
    }
    return out;
  }

  newUscc() {
    for (;;) {
      const division = DIVISIONS[(this.serialBase + this.serial) % DIVISIONS.length];
      const uscc = this.util.buildCivilAffairsUscc(FORMS[this.serial % 3], division, this.serialBase + ++this.serial);
      if (this.onlyPartition === undefined || this.partitionOf('registration.organization.v1', uscc) === this.onlyPartition) return uscc;
    }
  }

  registration() {
    const uscc = this.newUscc();
    this.registered.push(uscc);
    const i = this.registered.length;
    return this.envelope('registration', this.contracts.OrganizationRegistered, uscc, {
      uscc,
      applicationId: randomUUID(),
      name: `基准社会组织第${i}号服务中心`,
      form: FORMS[i % 3],
      category: CATEGORIES[i % 4],
      registeringAuthority: uscc.slice(2, 8),
      domicile: '北京市海淀区中关村大街1号',
      purpose: '为社区居民提供养老、助残和家庭服务',
      legalRepresentativeName: '王五',
      registeredCapitalFen: 3_000_000 + (i % 97) * 10_000,
      regime: i % 5 === 0 ? 'DUAL_MANAGEMENT' : 'DIRECT',
      policyVersion: 'registration-regime/national-default@v1',
      registeredAt: iso(this.clock - 400 * DAY),
    });
  }

  fact() {
    let x = this.rng() * this.mixTotal;
    let kind = this.mix[this.mix.length - 1][0];
    for (const [k, w] of this.mix) if ((x -= w) < 0) { kind = k; break; }
    const uscc = this.registered[Math.floor(this.rng() * this.registered.length)];
    const authority = uscc.slice(2, 8);
    const c = this.contracts;
    const year = 2022 + Math.floor(this.rng() * 3);
    const due = `${year + 1}-06-30`;
    switch (kind) {
      case 'AnnualReportSubmitted':
        return this.envelope('registration', c.AnnualReportSubmitted, uscc, { uscc, registeringAuthority: authority, reportYear: year, dueDate: due, submittedAt: `${year + 1}-05-1${year % 10}T02:00:00.000Z`, late: false, ruleVersion: 'registration-annual-report/national@v1' });
      case 'AnnualReportReviewed':
        return this.envelope('registration', c.AnnualReportReviewed, uscc, { uscc, registeringAuthority: authority, reportYear: year, outcome: ['PASS', 'PASS', 'BASIC_PASS', 'FAIL'][Math.floor(this.rng() * 4)], reviewedAt: `${year + 1}-09-01T02:00:00.000Z`, ruleVersion: 'registration-annual-report/national@v1' });
      case 'AnnualReportOverdue':
        return this.envelope('registration', c.AnnualReportOverdue, uscc, { uscc, registeringAuthority: authority, reportYear: year, dueDate: due, detectedAt: `${year + 1}-07-01T01:00:00.000Z`, overdueOn: `${year + 1}-07-01`, ruleVersion: 'registration-annual-report/national@v1' });
      case 'OrganizationChanged':
        return this.envelope('registration', c.OrganizationChanged, uscc, { uscc, registeringAuthority: authority, changes: [{ field: 'domicile', from: '北京市海淀区中关村大街1号', to: `北京市海淀区学院路${this.emitted % 300}号` }], effectiveAt: iso(this.clock - DAY) });
      case 'GradeAwarded':
        return this.envelope('evaluation', c.GradeAwarded, uscc, { gradeId: randomUUID(), uscc, grade: ['3A', '4A', '5A', '2A'][this.emitted % 4], score: 600 + (this.emitted % 400), evaluatingAuthority: authority, announcedAt: iso(this.clock - 10 * DAY), validFrom: date(this.clock - 10 * DAY), validUntil: date(this.clock + 1815 * DAY), ruleVersion: 'evaluation/order-39@v1' });
      case 'ContractSigned':
        return this.envelope('service-purchasing', c.ContractSigned, uscc, { contractId: randomUUID(), supplierUscc: uscc, purchaser: '北京市海淀区民政局', purchaserJurisdiction: authority, title: '社区居家养老服务项目', method: 'OPEN_TENDERING', valueFen: 12_000_000 + (this.emitted % 1000) * 100, termStart: date(this.clock), termEnd: date(this.clock + 364 * DAY), signedAt: iso(this.clock - DAY), ruleVersion: 'purchasing/order-102@2020-03-01' });
      case 'OrganizationRevoked':
        return this.envelope('registration', c.OrganizationRevoked, uscc, { uscc, registeringAuthority: authority, reason: '连续两年未参加年度检查', legalBasis: '《社会团体登记管理条例》第三十条', revokedAt: iso(this.clock - DAY) });
      case 'OrganizationDeregistered':
        return this.envelope('registration', c.OrganizationDeregistered, uscc, { uscc, registeringAuthority: authority, reason: '完成清算，自行解散', liquidationCompletedOn: date(this.clock - 20 * DAY), filedLate: false, deregisteredAt: iso(this.clock - DAY) });
      default:
        throw new Error(`no generator for ${kind}`);
    }
  }

  /** The envelope as the producer's relay publishes it: built, chained, serialized, keyed by the subject. */
  envelope(source, contract, subject, data) {
    const { messaging } = this;
    let chain = this.chains.get(source);
    if (!chain) this.chains.set(source, (chain = messaging.EventChain.detached()));
    const event = chain.next(messaging.buildCloudEvent(source, messaging.dataschemaOf(contract), { type: contract.type, subject, data }, new Date(this.clock)));
    this.topicCounts[contract.topic] = (this.topicCounts[contract.topic] ?? 0) + 1;
    return { topic: contract.topic, key: subject, value: JSON.stringify(event), headers: { 'ce-id': event.id, 'ce-type': contract.type, 'ce-source': source } };
  }
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { loadDist, CreditEventStream, NATIONAL_MIX, partitionerFor };
