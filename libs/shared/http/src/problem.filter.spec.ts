import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { defineErrors } from '@sop/util';
import { STATUS_OF_KIND, toProblem } from './problem.filter';

const SampleErrors = defineErrors('SAMPLE', {
  NAME_TAKEN: { kind: 'CONFLICT', meaning: 'taken' },
  TOO_EARLY: { kind: 'REFUSED', meaning: 'early' },
});

describe('problem+json at the edge', () => {
  it('decides the status from the error’s kind, in one table', () => {
    expect(toProblem(new SampleErrors.NAME_TAKEN('"x" is taken', { field: 'proposedName', rule: 'uniqueName' }))).toEqual({
      status: 409,
      code: 'SAMPLE.NAME_TAKEN',
      title: 'Conflict',
      detail: '"x" is taken',
      violations: [{ field: 'proposedName', rule: 'uniqueName', message: '"x" is taken' }],
      extensions: { rule: 'uniqueName' },
    });
    expect(toProblem(new SampleErrors.TOO_EARLY('not yet', { extensions: { ruleVersion: 'r@v1' } }))).toMatchObject({ status: 422, extensions: { ruleVersion: 'r@v1' } });
    expect(Object.values(STATUS_OF_KIND).map(([status]) => status)).toEqual([400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 503]);
  });

  it('gives the framework’s own errors catalogued codes, and hides unexpected ones', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'HTTP.NOT_FOUND' });
    expect(toProblem(new PayloadTooLargeException())).toMatchObject({ status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE' });
    expect(toProblem(new BadRequestException('Unexpected token'))).toMatchObject({ status: 400, code: 'HTTP.BAD_REQUEST' });
    const internal = toProblem(new Error('SELECT * FROM secret failed'));
    expect(internal).toMatchObject({ status: 500, code: 'HTTP.INTERNAL' });
    expect(internal.detail).not.toContain('secret');
  });
});
