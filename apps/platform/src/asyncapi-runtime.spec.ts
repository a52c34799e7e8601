import { getMetadataStorage } from 'class-validator';
import { asyncApiDocument } from '@sop/contracts';
import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { EVALUATION_SERVICE } from '@sop/evaluation';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { SERVICE_PURCHASING_SERVICE } from '@sop/service-purchasing';

/**
 * The hosts generate the AsyncAPI document at start (GET /asyncapi.json) with every service's request DTOs loaded:
 * class-validator-jsonschema then converts those too, and an IsIn list it cannot convert (a null among the values)
 * stopped the built platform from starting while the contracts' own test passed.
 */
describe('AsyncAPI document at runtime, with every service loaded', () => {
  it('generates, and every IsIn list of every loaded class holds only strings, numbers or booleans', () => {
    expect([REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE, EVALUATION_SERVICE, SERVICE_PURCHASING_SERVICE].map((s) => s.name)).toHaveLength(4);
    expect(() => asyncApiDocument()).not.toThrow();
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { name?: string; constraints?: unknown[]; propertyName: string; target: { name: string } }[]> };
    const odd: string[] = [];
    for (const list of storage.validationMetadatas.values())
      for (const m of list)
        if (m.name === 'isIn' && (m.constraints?.[0] as unknown[]).some((v) => !['string', 'number', 'boolean'].includes(typeof v))) odd.push(`${m.target.name}.${m.propertyName}`);
    expect(odd).toEqual([]);
  });
});
