import type { CloudEvent } from './cloud-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Structural check of a decoded envelope; returns the problems found (empty when valid). */
export function envelopeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['envelope is not a JSON object'];
  const e = value as Partial<CloudEvent>;
  const problems: string[] = [];
  if (e.specversion !== '1.0') problems.push('specversion must be "1.0"');
  if (typeof e.id !== 'string' || !UUID.test(e.id)) problems.push('id must be a UUID');
  if (typeof e.source !== 'string' || e.source.length === 0) problems.push('source is required');
  if (typeof e.type !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(e.type)) problems.push('type must look like service.aggregate.event');
  if (typeof e.subject !== 'string' || e.subject.length === 0) problems.push('subject (aggregate id) is required');
  if (typeof e.time !== 'string' || Number.isNaN(Date.parse(e.time))) problems.push('time must be an RFC 3339 timestamp');
  if (typeof e.dataschema !== 'string') problems.push('dataschema is required');
  if (typeof e.data !== 'object' || e.data === null) problems.push('data must be an object');
  return problems;
}
