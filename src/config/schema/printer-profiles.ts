// config.yaml `printerProfiles.*`: which printer profile (printerProfiles/<id>.profile) is the default.
import { field } from './fields.js';

export const printerProfilesSchema = {
  default: field.optionalString(null, 'Id of the default printer profile; null means _default.'),
} as const;
