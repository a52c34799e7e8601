import { CnyAmount, type OcdsRelease } from '../../domain/ocds';

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * The exact amount of a stored `amount` (yuan as ocdsJson wrote it: at most two decimals) as a CnyAmount, by integer
 * arithmetic: parsing it as a double would drift for large amounts.
 */
export function cnyOfDecimal(text: string): CnyAmount {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not an amount of yuan with at most two decimals: ${text}`);
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return CnyAmount.ofFen(m[1] ? -fen : fen);
}

/**
 * Quotes each number that is the value of an `amount` member, so JSON.parse hands its exact text to the reviver.
 * A scan that knows where strings are: text inside a string (even `"amount":1` in a description) is never touched.
 */
function quoteAmounts(json: string): string {
  let out = '';
  let key: string | null = null; // the member name before the last ':'; null once anything else came
  let lastString = '';
  for (let i = 0; i < json.length; ) {
    const ch = json[i];
    if (ch === '"') {
      let j = i + 1;
      while (json[j] !== '"') {
        if (j >= json.length) throw new SyntaxError('unterminated string in stored release');
        j += json[j] === '\\' ? 2 : 1;
      }
      lastString = json.slice(i, j + 1);
      out += lastString;
      key = null;
      i = j + 1;
    } else if (ch === ':') {
      key = lastString;
      out += ch;
      i++;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(json);
      if (!m) throw new SyntaxError(`bad number at ${i} in stored release`);
      out += key === '"amount"' ? `"${m[0]}"` : m[0];
      key = null;
      i += m[0].length;
    } else {
      if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') key = null;
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * A stored release back as an OcdsRelease with exact amounts (CnyAmount), so compiling records and writing
 * packages with ocdsJson gives back every amount digit for digit. In our releases `amount` is only ever
 * Value.amount, a number: a string there can only come from quoteAmounts.
 */
export function parseStoredRelease(json: string): OcdsRelease {
  return JSON.parse(quoteAmounts(json), (key, value: unknown) => (key === 'amount' && typeof value === 'string' ? cnyOfDecimal(value) : value)) as OcdsRelease;
}
