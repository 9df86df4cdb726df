/** A transaction refusal (NOK) as M3 reports it: message, code and the input field at fault. */
export class MiNok extends Error {
  readonly code: string;
  readonly field: string;
  constructor(message: string, opts: { code: string; field?: string }) {
    super(message);
    this.code = opts.code;
    this.field = opts.field ?? '';
  }
}
