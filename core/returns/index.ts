export * from './returns-mapping';
export * from './refund-transaction';
export * from './returns-report';
export * from './credit-plan';
export * from './return-plan';
export * from './fba-returns-report';
export * from './credit-once';
