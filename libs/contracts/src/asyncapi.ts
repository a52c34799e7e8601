// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a declaration for a module path the package ships untyped; the app builds compile from main.ts only
/// <reference path="./class-transformer-storage.d.ts" />
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { AUDIT_CONTRACTS } from './audit';
import { CREDIT_CONTRACTS } from './credit';
import { EVALUATION_CONTRACTS } from './evaluation';
import { PURCHASING_CONTRACTS } from './purchasing';
import { REGISTRATION_CONTRACTS } from './registration';
import type { EventContractDefinition } from './shared/contract-types';
import { CONSUMER_GROUPS, EVENT_TOPICS } from './topology';

type Json = Record<string, unknown>;

/** Which service publishes each contract list (the CloudEvents `source`). */
const PRODUCERS: [string, EventContractDefinition[]][] = [
  ['registration', REGISTRATION_CONTRACTS],
  ['credit-supervision', CREDIT_CONTRACTS],
  ['evaluation', EVALUATION_CONTRACTS],
  ['service-purchasing', PURCHASING_CONTRACTS],
  ...Object.entries(AUDIT_CONTRACTS),
];

const id = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_');

/** The payload schemas and the nested ones they refer to; nothing else class-validator knows (HTTP DTOs...). */
function reachable(all: Record<string, Json>, roots: string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift() as string;
    if (out[name] || !all[name]) continue;
    out[name] = all[name];
    for (const [, ref] of JSON.stringify(all[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) queue.push(ref);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The CloudEvents 1.0 structured-mode envelope every message is (ARCHITECTURE "Messaging"). */
const ENVELOPE: Json = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'datacontenttype', 'dataschema', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    source: { type: 'string', description: 'the producing service' },
    type: { type: 'string', description: '<service>.<aggregate>.<event>' },
    time: { type: 'string', format: 'date-time' },
    subject: { type: 'string', description: 'the aggregate id (the USCC for organizations); also the Kafka key' },
    datacontenttype: { const: 'application/json' },
    dataschema: { type: 'string', description: 'urn:sop:event:<type>:v<major>' },
    correlationid: { type: 'string', description: 'ties everything one business action caused, across services' },
    causationid: { type: 'string', description: 'the event (id) that caused this one' },
    policyversion: { type: 'string', description: 'the rule-set version the decision applied (ruleSet@version)' },
    sequence: { type: 'string', description: 'tamper evidence: the producer’s gap-free sequence number' },
    prevhash: { type: 'string', description: 'tamper evidence: hash of the previous event of this producer' },
    hash: { type: 'string', description: 'tamper evidence: SHA-256(prevhash || canonical event without hash)' },
    traceparent: { type: 'string', description: 'CloudEvents distributed tracing: W3C trace context' },
    tracestate: { type: 'string' },
  },
};

/**
 * The platform's event API as an AsyncAPI 3.0 document, generated from the contracts (topics, types, payload classes
 * and their class-validator rules), so it cannot drift from what producers and consumers validate. Served by the
 * embedded host at GET /asyncapi.json and kept in docs/asyncapi.json (a test fails when it is stale).
 */
export function asyncApiDocument(): Json {
  // class-transformer's @Type tells the item class of a nested array; without its storage every such array would
  // point at a schema named "Array" (a dangling $ref the AsyncAPI parser refuses).
  const all = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/', classTransformerMetadataStorage: defaultMetadataStorage }) as Record<string, Json>;
  const schemas = reachable(all, PRODUCERS.flatMap(([, contracts]) => contracts.map((c) => c.payload.name)));
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  for (const { topic, partitions } of EVENT_TOPICS) {
    channels[id(topic)] = { address: topic, description: `Kafka topic, ${partitions} partitions; key = the event's subject (per-aggregate order).`, messages: {} };
  }
  for (const [producer, contracts] of PRODUCERS) {
    for (const c of contracts) {
      const name = id(c.type);
      const payloadName = c.payload.name;
      messages[name] = {
        name: c.type,
        title: payloadName,
        summary: c.description,
        contentType: 'application/cloudevents+json',
        headers: {
          type: 'object',
          properties: { 'ce-id': { type: 'string' }, 'ce-type': { const: c.type }, 'ce-source': { const: producer } },
        },
        payload: {
          allOf: [
            { $ref: '#/components/schemas/CloudEventEnvelope' },
            { type: 'object', properties: { type: { const: c.type }, source: { const: producer }, dataschema: { const: `urn:sop:event:${c.type}:v${c.version}` }, data: schemas[payloadName] ? { $ref: `#/components/schemas/${payloadName}` } : { type: 'object' } } },
          ],
        },
        bindings: { kafka: { key: { type: 'string', description: 'the aggregate id (subject)' }, bindingVersion: '0.5.0' } },
      };
      ((channels[id(c.topic)] as Json)['messages'] as Json)[name] = { $ref: `#/components/messages/${name}` };
      operations[`${producer}.publishes.${name}`] = {
        action: 'send',
        title: `${producer} publishes ${c.type}`,
        channel: { $ref: `#/channels/${id(c.topic)}` },
        messages: [{ $ref: `#/channels/${id(c.topic)}/messages/${name}` }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Social organization platform: events',
      version: '1',
      description:
        'Every event of the four services, as CloudEvents 1.0 in structured mode on Kafka (or the embedded in-process bus). ' +
        'Producers write events through a transactional outbox and chain them (sequence, prevhash, hash); consumers apply each once (inbox). ' +
        `Dead letters go to <group>.dlq with headers dlq-reason, dlq-detail and the source topic, partition and offset; groups: ${Object.values(CONSUMER_GROUPS).join(', ')}.`,
    },
    defaultContentType: 'application/cloudevents+json',
    servers: { kafka: { host: 'kafka:9092', protocol: 'kafka', description: 'Apache Kafka 4.x (KRaft); topics are provisioned explicitly, auto-creation off.' } },
    channels,
    operations,
    components: { messages, schemas: { CloudEventEnvelope: ENVELOPE, ...schemas } },
  };
}
