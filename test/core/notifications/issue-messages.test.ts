import { z } from 'zod';
import { issueWithoutValue } from '../../../core/notifications/read-notification';

describe('notification error messages', () => {
  it('say what was expected without quoting the value a sender put there', () => {
    const enumIssue = z.enum(['MFN', 'AFN']).safeParse('Jane Doe, 1 Main Street');
    const literalIssue = z.literal('ORDER_CHANGE').safeParse('jane@example.com');
    expect(enumIssue.success || literalIssue.success).toBe(false);
    const messages = [enumIssue, literalIssue].flatMap((r) => (r.success ? [] : r.error.issues.map(issueWithoutValue)));
    expect(messages).toEqual(['expected one of MFN, AFN', 'expected "ORDER_CHANGE"']);
  });
});
