import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/**
 * What a producer promises about one event type: its wire name, its topic, its major version and the
 * class-validator payload class. Contracts live in libs/contracts; this is the shape messaging needs.
 */
export interface EventContract<T extends object = object> {
  /** e.g. registration.organization.registered */
  type: string;
  /** <service>.<aggregate>.v<major> */
  topic: string;
  /**
   * The producing service (the CloudEvents `source` its outbox writes). Consumers refuse the type from any other
   * source (consumer/provenance.ts); the platform's catalogue sets it for every contract.
   */
  source?: string;
  /** major version; a breaking change is a new type and topic */
  version: number;
  payload: new () => T;
  description: string;
}

export function dataschemaOf(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `urn:sop:event:${contract.type}:v${contract.version}`;
}

export interface PayloadProblem {
  field: string;
  rules: string[];
}

/**
 * Validates event data against its contract. Writing is strict (unknown fields are an error: the producer
 * controls its own payload). Reading tolerates unknown fields, since additive changes keep the version.
 */
export async function payloadProblems(
  contract: EventContract,
  data: unknown,
  mode: 'write' | 'read',
): Promise<PayloadProblem[]> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ field: '(data)', rules: ['must be an object'] }];
  const instance = plainToInstance(contract.payload, data);
  const errors = await validate(instance as object, {
    whitelist: mode === 'write',
    forbidNonWhitelisted: mode === 'write',
    forbidUnknownValues: true,
  });
  return flatten(errors);
}

function flatten(errors: ValidationError[], prefix = ''): PayloadProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, rules: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export class EventCatalog {
  private readonly byType = new Map<string, EventContract>();
  constructor(contracts: EventContract[]) {
    for (const c of contracts) {
      if (this.byType.has(c.type)) throw new Error(`duplicate event type ${c.type}`);
      this.byType.set(c.type, c);
    }
  }
  get(type: string): EventContract | undefined {
    return this.byType.get(type);
  }
  require(type: string): EventContract {
    const c = this.byType.get(type);
    if (!c) throw new Error(`unknown event type ${type}: add it to the contracts catalogue`);
    return c;
  }
  all(): EventContract[] {
    return [...this.byType.values()];
  }
}
