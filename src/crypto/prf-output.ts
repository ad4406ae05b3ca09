/** A WebAuthn PRF output is 32 bytes (decision 0112). Apart from person-prf.ts so that code which only checks an answer's shape does not load libsodium. */
export const PRF_OUTPUT_BYTES = 32;
