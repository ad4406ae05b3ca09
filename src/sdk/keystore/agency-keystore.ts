import { INSPECT_CUSTOM } from '../inspect';
import {
  type AgencyKeyEpoch,
  createKeystore,
  generateAgencyKeyEpoch,
  getSodium,
  type KdfStrength,
  type KeystoreContents,
  KeystoreError,
  keyFingerprint,
  openKeystore,
  type RecipientIdentity,
  toBase64,
  utf8,
  wipeKeystoreContents,
  wipeSecrets,
} from '../../crypto';
import { Credentials, type PrivateKeyJwtCredentials } from '../auth/credentials';
import { publicClientJwk, type PublicClientJwk } from '../auth/client-assertion';
import type { AgencyPin, PinnedEpoch } from '../directory/pins';
import { CcrUsageError, KeystoreFileError } from '../errors';
import { isUuid } from '../ids';
import { kdfStrengthOf } from './kdf-strength';
import { type ClientKey, parseExtra, type SdkExtra, serializeExtra } from './keystore-extra';

const STRICT_PINS = 'strictPins';
import { mergeEpochs, mergePins } from './keystore-merge';
import type { KeystoreStorage } from './keystore-storage';
import type { Keyring } from '../keys/keyring';

export const MIN_PASSPHRASE_LENGTH = 12;

export interface CreateKeystoreOptions {
  /** A keystore file (Node entry only), or give `storage`. */
  path?: string;
  /** Where the encrypted keystore is kept (browsers: a MemoryKeystoreStorage), instead of `path`. */
  storage?: KeystoreStorage;
  agencyId: string;
  /** The service account's client id; a client key is generated for it (private_key_jwt). */
  clientId?: string;
  passphrase: string;
  /** Argon2id cost: 'moderate' (default), 'sensitive', or 'interactive' (tests only). */
  strength?: KdfStrength;
}

interface KeystoreState {
  epochs: AgencyKeyEpoch[];
  extra: SdkExtra;
}

/**
 * An agency's keystore: every key epoch (current = highest), the service account's client key,
 * and the keys this agency pinned for others. Encrypted with Argon2id + XChaCha20-Poly1305
 * (src/crypto keystore) and kept in a KeystoreStorage: saved whole, exclusively, merging what
 * other writers saved. This class runs in browsers; the Node entry's AgencyKeystore (a subclass,
 * file-keystore.ts) also opens and creates files by path.
 * Objects of this class hold secret keys: they never print them (toJSON, util.inspect).
 */
export class AgencyKeystore implements Keyring {
  /** The storage's location: the file path in Node. */
  readonly path: string;
  readonly agencyId: string;
  /** Set when the file could be read by group or others (it should be 0600). */
  readonly readableByOthers: boolean;
  readonly #storage: KeystoreStorage;
  #state: KeystoreState;
  #passphrase: Uint8Array;
  readonly #strength: KdfStrength;
  #savedText: string | undefined;
  #unsaved = false;
  #removedPins = new Set<string>();
  #closed = false;

  protected constructor(init: { storage: KeystoreStorage; agencyId: string; state: KeystoreState; passphrase: Uint8Array; strength: KdfStrength; savedText?: string; readableByOthers?: boolean }) {
    this.#storage = init.storage;
    this.path = init.storage.location;
    this.agencyId = init.agencyId;
    this.#state = init.state;
    this.#passphrase = init.passphrase;
    this.#strength = init.strength;
    this.#savedText = init.savedText;
    this.readableByOthers = init.readableByOthers ?? false;
  }

  /** Creates the keystore with epoch 1 (and a client key when clientId is given). Never overwrites. */
  static async create(options: CreateKeystoreOptions): Promise<AgencyKeystore> {
    checkNewPassphrase(options.passphrase);
    if (!isUuid(options.agencyId)) throw new CcrUsageError('the agency id must be a lowercase UUID');
    const storage = this.storageOf(options);
    const epoch = await generateAgencyKeyEpoch(options.agencyId, 1);
    const client = options.clientId === undefined ? undefined : await newClientKey(options.clientId);
    const keystore = new AgencyKeystore({
      storage,
      agencyId: options.agencyId,
      state: { epochs: [epoch], extra: { client, pins: new Map(), pendingRotation: undefined, other: {} } },
      passphrase: passphraseBytes(options.passphrase),
      strength: options.strength ?? 'moderate',
    });
    if ((await storage.read()) !== undefined) {
      throw new KeystoreFileError('exists', storage.location, `a keystore already exists at ${storage.location}; it was not overwritten`);
    }
    await keystore.save({ mustNotExist: true });
    return keystore;
  }

  /**
   * Opens an existing keystore: a file path (Node entry) or a storage. A wrong passphrase raises
   * KeystoreError('wrong_passphrase').
   */
  static async open(source: string | KeystoreStorage, passphrase: string): Promise<AgencyKeystore> {
    const storage = typeof source === 'string' ? this.storageAt(source) : source;
    const text = await storage.read();
    if (text === undefined) throw new KeystoreFileError('not_found', storage.location, `no keystore at ${storage.location}`);
    const bytes = passphraseBytes(passphrase);
    const { file, contents } = await decrypt(text, bytes);
    return new AgencyKeystore({
      storage,
      agencyId: contents.agencyId,
      state: { epochs: sortEpochs(contents.epochs), extra: await parseExtra(contents.extra) },
      passphrase: bytes,
      strength: await kdfStrengthOf(file),
      savedText: text,
      readableByOthers: (await storage.readableByOthers?.()) ?? false,
    });
  }

  /** The storage of a file path: only the Node entry's AgencyKeystore has files. */
  protected static storageAt(path: string): KeystoreStorage {
    throw new CcrUsageError(`keystore files need Node (the SDK's Node entry); here, pass a KeystoreStorage instead of the path ${path}`);
  }

  private static storageOf(options: CreateKeystoreOptions): KeystoreStorage {
    const { path, storage } = options;
    if (storage && path === undefined) return storage;
    if (path !== undefined && !storage) return this.storageAt(path);
    throw new CcrUsageError('give the keystore a path or a storage (one of them)');
  }

  /** Every epoch, ascending. Each holds secret keys: do not log them. */
  get epochs(): readonly AgencyKeyEpoch[] {
    return this.state.epochs;
  }

  get current(): AgencyKeyEpoch {
    const epochs = this.state.epochs;
    return epochs[epochs.length - 1];
  }

  epoch(epoch: number): AgencyKeyEpoch | undefined {
    return this.state.epochs.find((e) => e.epoch === epoch);
  }

  get clientId(): string | undefined {
    return this.state.extra.client?.clientId;
  }

  get hasUnsavedChanges(): boolean {
    return this.#unsaved;
  }

  /** Public keys and fingerprints of every epoch, ascending: safe to show and to read over the phone. */
  async publicEpochs(): Promise<PinnedEpoch[]> {
    return Promise.all(
      this.state.epochs.map(async (e) => ({
        epoch: e.epoch,
        createdAt: e.createdAt,
        signPublicKey: toBase64(e.sign.publicKey),
        boxPublicKey: toBase64(e.box.publicKey),
        fingerprint: await keyFingerprint({ agencyId: e.agencyId, epoch: e.epoch, signPublicKey: e.sign.publicKey, boxPublicKey: e.box.publicKey }),
      })),
    );
  }

  /** The public JWK to register as the service account's clientJwk. */
  async clientPublicJwk(): Promise<PublicClientJwk> {
    return publicClientJwk(this.requireClient().signPublicKey);
  }

  clientCredentials(): PrivateKeyJwtCredentials {
    const client = this.requireClient();
    return Credentials.privateKeyJwt(client.clientId, client.signSecretKey);
  }

  /** The opening identity for src/crypto openRecord: this agency's box key pair per epoch. */
  identity(): RecipientIdentity {
    return { agencyId: this.agencyId, boxKeyPair: (epoch) => this.epoch(epoch)?.box };
  }

  /** Appends the next epoch in memory; save() before registering it (crash safety). */
  addEpoch(next: AgencyKeyEpoch): void {
    if (next.agencyId !== this.agencyId || next.epoch !== this.current.epoch + 1) {
      throw new CcrUsageError(`the next epoch of agency ${this.agencyId} must be ${this.current.epoch + 1}`);
    }
    this.state.epochs.push(next);
    this.#unsaved = true;
  }

  /** The epoch a rotation saved but has not confirmed registered (see KeyManager.rotate). */
  get pendingRotation(): number | undefined {
    return this.state.extra.pendingRotation;
  }

  setPendingRotation(epoch: number | undefined): void {
    this.state.extra.pendingRotation = epoch;
    this.#unsaved = true;
  }

  /**
   * This agency's rule for partners' keys: when set, a key that is not pinned yet is never pinned on
   * first use, only after its fingerprint was compared (keys pin --fingerprint). Kept among the
   * keystore's other settings, so older SDKs carry it over untouched.
   */
  get strictPins(): boolean {
    return this.state.extra.other[STRICT_PINS] === true;
  }

  setStrictPins(strict: boolean): void {
    this.state.extra.other = { ...this.state.extra.other, [STRICT_PINS]: strict };
    this.#unsaved = true;
  }

  pin(agencyId: string): AgencyPin | undefined {
    return this.state.extra.pins.get(agencyId);
  }

  pins(): AgencyPin[] {
    return [...this.state.extra.pins.values()];
  }

  setPin(pin: AgencyPin): void {
    this.state.extra.pins.set(pin.agencyId, pin);
    this.#removedPins.delete(pin.agencyId);
    this.#unsaved = true;
  }

  removePin(agencyId: string): boolean {
    const removed = this.state.extra.pins.delete(agencyId);
    if (removed) {
      this.#removedPins.add(agencyId);
      this.#unsaved = true;
    }
    return removed;
  }

  /**
   * Writes the keystore whole (a file: atomically, under a lock). If another process saved since
   * this one read it, its epochs and pins are merged in first (a conflicting epoch refuses: nothing is lost).
   */
  async save(options: { mustNotExist?: boolean } = {}): Promise<void> {
    const state = this.state;
    await this.#storage.exclusive(async () => {
      const onDisk = await this.#storage.read();
      if (onDisk !== undefined && options.mustNotExist) {
        throw new KeystoreFileError('exists', this.path, `a keystore already exists at ${this.path}; it was not overwritten`);
      }
      if (onDisk !== undefined && onDisk !== this.#savedText) await this.mergeFrom(onDisk);
      const contents: KeystoreContents = { agencyId: this.agencyId, epochs: state.epochs, extra: await serializeExtra(state.extra) };
      const text = `${JSON.stringify(await createKeystore(contents, this.#passphrase, { strength: this.#strength }), null, 2)}\n`;
      await this.#storage.write(text);
      this.#savedText = text;
      this.#unsaved = false;
      this.#removedPins.clear();
    });
  }

  /** Wipes the secret keys and passphrase held in memory (best effort). The object is unusable after. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await wipeKeystoreContents({ agencyId: this.agencyId, epochs: this.#state.epochs, extra: {} });
    await wipeSecrets(this.#passphrase, this.#state.extra.client?.signSecretKey);
  }

  toJSON(): Record<string, unknown> {
    return { path: this.path, agencyId: this.agencyId, epochs: this.#state.epochs.map((e) => e.epoch), clientId: this.#state.extra.client?.clientId ?? null };
  }

  [INSPECT_CUSTOM](): string {
    return `AgencyKeystore ${JSON.stringify(this.toJSON())}`;
  }

  private get state(): KeystoreState {
    if (this.#closed) throw new CcrUsageError('the keystore was closed');
    return this.#state;
  }

  private requireClient(): ClientKey {
    const client = this.state.extra.client;
    if (!client) throw new CcrUsageError('this keystore holds no client key: create it with a client id (ccrx keys init --client-id)');
    return client;
  }

  private async mergeFrom(text: string): Promise<void> {
    let theirs: { contents: KeystoreContents };
    try {
      theirs = await decrypt(text, this.#passphrase);
    } catch {
      throw new KeystoreFileError('conflict', this.path, `the keystore ${this.path} changed on disk and cannot be opened with this passphrase; nothing was saved`);
    }
    if (theirs.contents.agencyId !== this.agencyId) {
      throw new KeystoreFileError('conflict', this.path, `the keystore ${this.path} now belongs to another agency; nothing was saved`);
    }
    const other = await parseExtra(theirs.contents.extra);
    const state = this.state;
    state.epochs = mergeEpochs(this.path, state.epochs, theirs.contents.epochs);
    state.extra.pins = mergePins(this.path, state.extra.pins, other.pins, this.#removedPins);
    state.extra.client ??= other.client;
    state.extra.pendingRotation ??= other.pendingRotation;
    state.extra.other = { ...other.other, ...state.extra.other };
  }
}

async function decrypt(text: string, passphrase: Uint8Array): Promise<{ file: unknown; contents: KeystoreContents }> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new KeystoreError('malformed', 'the keystore file is not JSON');
  }
  return { file, contents: await openKeystore(file, passphrase) };
}

async function newClientKey(clientId: string): Promise<ClientKey> {
  if (!/^[a-z0-9][a-z0-9._@-]{2,99}$/.test(clientId)) {
    throw new CcrUsageError('a client id is 3-100 characters: lowercase letters, digits, . _ @ -');
  }
  const sodium = await getSodium();
  const pair = sodium.crypto_sign_keypair();
  return { clientId, createdAt: new Date().toISOString(), signPublicKey: pair.publicKey, signSecretKey: pair.privateKey };
}

// NFC, as src/crypto does for strings, so the bytes kept for re-saving derive the same key.
function passphraseBytes(passphrase: string): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new CcrUsageError('a passphrase is required');
  return utf8(passphrase.normalize('NFC'));
}

function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new CcrUsageError(`a new keystore passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
}

function sortEpochs(epochs: AgencyKeyEpoch[]): AgencyKeyEpoch[] {
  const sorted = [...epochs].sort((a, b) => a.epoch - b.epoch);
  if (sorted.length === 0 || sorted.some((e, i) => e.epoch !== i + 1)) {
    throw new KeystoreError('contents_invalid', 'the keystore epochs must run 1, 2, 3... without gaps');
  }
  return sorted;
}
