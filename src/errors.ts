import { quote } from './trust/log-text.js';

/**
 * A problem with the user's configuration or app: the message is one line that says what is wrong
 * and how to fix it. Anything that is not a UserError is a bug and shows its stack in debug logs.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The one-line refusal of a value: `<label>: "<value>" is <accepted>` (the input, the value, the form). */
export function bad(label: string, value: string, accepted: string): UserError {
  return new UserError(`${label}: ${quote(value)} is ${accepted}`);
}
