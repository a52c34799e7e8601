/**
 * Money in OCDS releases. The service counts integer fen (分); OCDS publishes `Value.amount` as a JSON number in the
 * currency's major unit (yuan). Dividing by 100 in floating point drifts (0.1 + 0.2), and above 2^53 / 100 yuan a
 * double cannot even hold the exact two-decimal amount: 9 007 199 254 740 991 fen is 90071992547409.91 yuan, which
 * as a double prints 90071992547409.9. So the conversion is integer arithmetic on BigInt, the amount is kept as its
 * exact decimal text, and `ocdsJson` writes that text as a bare JSON number. JSON numbers have no precision limit;
 * a reader that needs exactness can parse the text with a decimal library.
 */

/** An exact amount of yuan, from integer fen. Serialize releases with `ocdsJson`, not JSON.stringify. */
export class CnyAmount {
  /** The amount as JSON number text: `-` for negatives, yuan, then `.` and two digits unless whole. */
  readonly decimal: string;

  private constructor(readonly fen: bigint) {
    const negative = fen < 0n;
    const abs = negative ? -fen : fen;
    const yuan = abs / 100n;
    const cents = abs % 100n;
    const fraction = cents === 0n ? '' : cents % 10n === 0n ? `.${cents / 10n}` : `.${cents.toString().padStart(2, '0')}`;
    this.decimal = `${negative ? '-' : ''}${yuan}${fraction}`;
  }

  /** A whole number of fen: a safe integer (what the service stores) or a bigint. Anything else is refused. */
  static ofFen(fen: number | bigint): CnyAmount {
    if (typeof fen === 'bigint') return new CnyAmount(fen);
    if (!Number.isSafeInteger(fen)) throw new RangeError(`an amount in fen must be a safe integer, got ${fen}`);
    return new CnyAmount(BigInt(fen));
  }

  /**
   * JSON.stringify cannot write a bare number it does not hold as a double, so it gets the exact text as a JSON
   * string: never a drifted number. OCDS wants a number there, so the schema refuses such output; releases are
   * written with `ocdsJson`.
   */
  toJSON(): string {
    return this.decimal;
  }

  toString(): string {
    return this.decimal;
  }
}

/** The OCDS Value of an amount of fen: `{ amount, currency: 'CNY' }`. */
export function cny(fen: number | bigint): { amount: CnyAmount; currency: 'CNY' } {
  return { amount: CnyAmount.ofFen(fen), currency: 'CNY' };
}

/**
 * JSON text of OCDS data: like JSON.stringify (undefined members dropped, `indent` as its third argument), with
 * each CnyAmount written as its exact decimal.
 */
export function ocdsJson(value: unknown, indent?: number): string {
  const pad = (depth: number) => (indent ? `\n${' '.repeat(indent * depth)}` : '');
  const colon = indent ? ': ' : ':';
  const write = (v: unknown, depth: number): string | undefined => {
    if (v instanceof CnyAmount) return v.decimal;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new RangeError(`not a JSON number: ${v}`);
      return JSON.stringify(v);
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const items = v.map((item) => write(item, depth + 1) ?? 'null');
      return `[${items.map((item) => pad(depth + 1) + item).join(',')}${pad(depth)}]`;
    }
    if (typeof v === 'object') {
      const members = Object.entries(v as Record<string, unknown>)
        .map(([key, member]) => [key, write(member, depth + 1)] as const)
        .filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
      if (members.length === 0) return '{}';
      return `{${members.map(([key, text]) => `${pad(depth + 1)}${JSON.stringify(key)}${colon}${text}`).join(',')}${pad(depth)}}`;
    }
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
    throw new TypeError(`cannot write ${typeof v} as JSON`);
  };
  return write(value, 0) ?? 'null';
}
