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
