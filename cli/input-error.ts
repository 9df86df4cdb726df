/** A user-facing CLI failure: printed as one `error:` line on stderr, exit code 2, no stack trace (ARCHITECTURE §3.1). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
