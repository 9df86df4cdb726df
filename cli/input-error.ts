/** A user-facing CLI failure: printed as one `error:` line on stderr, exit code 2, no stack trace (docs/contracts.md, Commands). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
