import { UserError } from '../errors.js';
import { quote } from './log-text.js';

/** The one-line refusal of a value: `<label>: "<value>" is <accepted>` (the input, the value, the form). */
export function bad(label: string, value: string, accepted: string): UserError {
  return new UserError(`${label}: ${quote(value)} is ${accepted}`);
}
