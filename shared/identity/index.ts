export {
  validateResidentId,
  maskId,
  computeCheckCharacter,
  RESIDENT_ID_MESSAGES,
  type ResidentIdResult,
  type ResidentIdValid,
  type ResidentIdInvalid,
  type ResidentIdErrorCode,
  type ResidentIdKind,
  type ResidentIdOptions,
} from './resident-id.ts';
