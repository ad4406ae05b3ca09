/** The three WebAuthn ceremonies a challenge is made for (decision 0111). */
export const PASSKEY_CEREMONIES = ['registration', 'second_factor', 'passkey_sign_in'] as const;
export type PasskeyCeremony = (typeof PASSKEY_CEREMONIES)[number];

/** A person has at most this many passkeys (a phone, a laptop, a security key or two, spares). */
export const MAX_PASSKEYS_PER_PERSON = 10;

/** How long a challenge waits for the authenticator's answer (the browser's own timeout is 60 s). */
export const CHALLENGE_SECONDS = 120;
