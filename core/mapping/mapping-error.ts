/** An invalid mapping file: permanent (fix the file), with the JSON path of the bad value. */
import { PermanentError } from '../errors';

export class MappingError extends PermanentError {
  /** Every problem found, each `path: message` (the message names the first). */
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`${source}: ${problems[0] ?? 'invalid mappings'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, {
      code: 'MAPPINGS_INVALID',
      system: 'mappings',
      details: { source, problems: problems.length },
    });
    this.problems = problems;
  }
}
