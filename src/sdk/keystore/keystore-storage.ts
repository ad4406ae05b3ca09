/**
 * Where an AgencyKeystore keeps its encrypted text. The keystore encrypts before it writes and
 * decrypts after it reads, so a storage only ever holds ciphertext (Argon2id + XChaCha20-Poly1305).
 * Node: a file (FileKeystoreStorage, the Node entry). Browsers and tests: MemoryKeystoreStorage,
 * or any object with these methods (e.g. an encrypted file the person picks and downloads again).
 */
export interface KeystoreStorage {
  /** Where it is, for messages: a file path, or a name. Never secret. */
  readonly location: string;
  /** The stored text, or undefined when nothing is stored yet. */
  read(): Promise<string | undefined>;
  /** Replaces the whole text, or changes nothing (never half of it). */
  write(text: string): Promise<void>;
  /** Runs a read-merge-write alone: no other writer of the same storage interleaves. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** True when others than its owner could read it (a keystore file should be 0600). */
  readableByOthers?(): Promise<boolean>;
}

/**
 * The keystore's encrypted text held in memory (a browser tab, a test). `onWrite` sees each
 * saved text, to keep it where the application chooses; the keys themselves stay in the keystore
 * object until close().
 */
export class MemoryKeystoreStorage implements KeystoreStorage {
  #text: string | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    text?: string,
    private readonly options: { location?: string; onWrite?: (text: string) => void | Promise<void> } = {},
  ) {
    this.#text = text;
  }

  get location(): string {
    return this.options.location ?? 'memory';
  }

  /** The last saved text (ciphertext only). */
  get text(): string | undefined {
    return this.#text;
  }

  read(): Promise<string | undefined> {
    return Promise.resolve(this.#text);
  }

  async write(text: string): Promise<void> {
    await this.options.onWrite?.(text);
    this.#text = text;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
