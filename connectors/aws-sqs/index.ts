/** The SQS connector: the port the poller uses and its AWS SDK implementation. */
export type { SqsMessage, SqsQueue, SqsReceiveOptions } from './sqs-queue';
export { AwsSqsQueue, regionOfQueueUrl, type AwsSqsQueueOptions } from './aws-sqs-queue';
export { sqsError } from './sqs-errors';
