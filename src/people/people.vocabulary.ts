/**
 * A person's session is first good only for the second factor, then for everything the person's
 * roles allow (decision 0081).
 */
export const SESSION_STAGES = ['second_factor', 'full'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/**
 * The client's key stretching (Argon2id inside OPAQUE) is fixed in client code and versioned; the
 * server only stores which version a record was made with (research §3.2). 1 = the library's
 * "memory-constrained" setting: Argon2id, 64 MiB, t=3, p=4.
 */
export const CURRENT_KSF_VERSION = 1;
export const KSF_VERSIONS = [1] as const;
