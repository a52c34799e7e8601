import { Injectable, type PipeTransform } from '@nestjs/common';
import { UsccErrors, validateUscc } from '@sop/util';

/**
 * Every endpoint that takes a USCC validates it with this pipe: a malformed code is a 400 naming the
 * failed check (length, alphabet, division code, GB 11714 check, GB 32100 check, department/type pair).
 */
@Injectable()
export class UsccPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'uscc') {}

  transform(value: string): string {
    const result = validateUscc(value);
    if (!result.valid && result.failedCheck) {
      const reason = result.failedCheck.slice('USCC.'.length) as Extract<keyof typeof UsccErrors, string>;
      throw new UsccErrors[reason](`${this.field} "${value}" is not a valid USCC: ${result.rule}`, { field: this.field, rule: result.failedCheck });
    }
    return value;
  }
}
