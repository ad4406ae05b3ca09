/**
 * The SDK's Node entry (package `@ccr-exchange/sdk`, in this repository `src/sdk`): the portable
 * entry (browser.ts) plus what needs Node — keystore files by path (AgencyKeystore.open(path, …)),
 * the passphrase from the environment, and the file storage. See docs/sdk.md.
 */
// Named before the star export, which then skips the portable AgencyKeystore (a local name wins).
export { AgencyKeystore } from './keystore/file-keystore';
export { FileKeystoreStorage } from './keystore/keystore-files';
export { passphraseFromEnvironment, PASSPHRASE_ENV, PASSPHRASE_FILE_ENV } from './keystore/passphrase-source';
export * from './browser';
