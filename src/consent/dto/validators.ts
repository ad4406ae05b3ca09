import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoUtcMillis } from '../../crypto/identifiers';

export { LOWERCASE_UUID } from '../../crypto/identifiers';

/** A detached Ed25519 signature: 64 bytes, standard padded base64. */
export const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/** A BCP 47 language tag (C-8), e.g. `en`, `es-MX`, `so`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

export const MAX_KEY_EPOCH = 2_147_483_647;

/**
 * ISO-8601 UTC with milliseconds and a real calendar instant: the form the terms are signed in,
 * so that the stored timestamp renders back to exactly the signed string.
 */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (value: unknown) => isIsoUtcMillis(value),
        defaultMessage: () => '$property must be an ISO-8601 UTC time with milliseconds, e.g. 2026-01-31T00:00:00.000Z',
      },
    },
    options,
  );
}
