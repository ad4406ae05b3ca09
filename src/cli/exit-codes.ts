/** ccrx exit codes (docs/cli.md). Scripts branch on these; keep them stable. */
export const EXIT = {
  ok: 0,
  /** Anything else: a server error, an unexpected answer, a local I/O error. */
  failure: 1,
  /** Bad or missing options or arguments, no passphrase source, an invalid id. */
  usage: 2,
  /** The server refused the credentials, or the keystore passphrase is wrong. */
  authentication: 3,
  /** The API answered 404, a named file or keystore does not exist, or keys are not pinned. */
  notFound: 4,
  /** Refused: forbidden, conflict, validation, rate limit, an existing keystore, a keystore out of date. */
  refused: 5,
  /** Cryptographic verification failed: key pin violation, a record or registration that does not verify, a damaged keystore. */
  verification: 6,
  /** The API could not be reached, did not answer in time, or answered 503 (retrying later may help). */
  unreachable: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
