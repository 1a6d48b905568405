export { licenceStatusAt, listLicences, serializeLicence, setPartnerLicences, type Licence } from "./service";
export {
  describeLicenceStatus,
  expiryEnd,
  lineOfInsuranceType,
  statusFromLicences,
  type LicenceReason,
  type LicenceStatus,
} from "./status";
export { manualLicenceVerifier, type LicenceVerification, type LicenceVerifier } from "./verifier";
export { licenceInputSchema, licenceJson, licencesInputSchema, type LicenceInput, type LicencesInput } from "./schemas";
