// Public surface of the shipment core: the confirmation planning rules, package references and outcomes.
export {
  confirmationSteps, groupPackages, linesToLink, linkKey, orderItemOf, packagesOf, shipDateOf,
  type ConfirmationDraft, type ConfirmationStep, type DraftContext, type LinkLookup, type LinkedOrder, type PackageToConfirm, type ShipmentIssue,
} from './plan-packages';
export { confirmationKey, packageReferenceId } from './package-reference';
export { PackageOutcomeSchema, ShipmentOutcomeSchema, summarizePackages, type PackageOutcome, type ShipmentOutcome } from './shipment-outcome';
