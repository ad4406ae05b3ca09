import { INSPECT_CUSTOM } from '../inspect';
// resolution-mode: jose is ESM only; CommonJS consumers of these declarations need it to read its types.
import type { CryptoKey } from 'jose' with { 'resolution-mode': 'import' };
import { CcrUsageError } from '../errors';
import { CLIENT_ASSERTION_TYPE, importEd25519SigningKey, signClientAssertion } from './client-assertion';

/** What a credential needs from the token manager: the server's issuer identifier (discovered). */
export interface TokenRequestContext {
  issuer(): Promise<string>;
}

/**
 * How a principal proves who it is at POST /oauth/token. Secrets live in private fields:
 * JSON.stringify, util.inspect, template strings and error messages show only the kind and name.
 */
export abstract class Credentials {
  abstract readonly kind: 'private_key_jwt' | 'client_secret' | 'password';
  /** The client id or username: public, safe to show. */
  abstract readonly name: string;

  /** The form fields of one token request (a private_key_jwt builds a fresh assertion per call). */
  abstract tokenForm(context: TokenRequestContext): Promise<Record<string, string>>;

  /** An agency system holding an Ed25519 key (libsodium 64-byte secret key) registered as its clientJwk. */
  static privateKeyJwt(clientId: string, signSecretKey: Uint8Array): PrivateKeyJwtCredentials {
    return new PrivateKeyJwtCredentials(clientId, signSecretKey);
  }

  static clientSecret(clientId: string, secret: string): ClientSecretCredentials {
    return new ClientSecretCredentials(clientId, secret);
  }

  /** A person on a self-hosted deployment (grant_type=password). */
  static password(username: string, password: string): PasswordCredentials {
    return new PasswordCredentials(username, password);
  }

  /** The service-account key kept in an agency keystore (see AgencyKeystore.clientCredentials). */
  static fromKeystore(keystore: { clientCredentials(): PrivateKeyJwtCredentials }): PrivateKeyJwtCredentials {
    return keystore.clientCredentials();
  }

  toJSON(): { kind: string; name: string } {
    return { kind: this.kind, name: this.name };
  }

  toString(): string {
    return `${this.constructor.name}(${this.name})`;
  }

  [INSPECT_CUSTOM](): string {
    return `${this.constructor.name} { kind: '${this.kind}', name: '${this.name}', secret: [redacted] }`;
  }
}

export class PrivateKeyJwtCredentials extends Credentials {
  readonly kind = 'private_key_jwt';
  readonly #signSecretKey: Uint8Array;
  #signingKey: Promise<CryptoKey> | undefined;

  constructor(
    readonly name: string,
    signSecretKey: Uint8Array,
  ) {
    super();
    requireName(name, 'client id');
    if (!(signSecretKey instanceof Uint8Array) || signSecretKey.length !== 64) {
      throw new CcrUsageError('an Ed25519 client key must be a 64-byte libsodium secret key');
    }
    this.#signSecretKey = Uint8Array.from(signSecretKey);
  }

  async tokenForm(context: TokenRequestContext): Promise<Record<string, string>> {
    this.#signingKey ??= importEd25519SigningKey(this.#signSecretKey);
    const assertion = await signClientAssertion(await this.#signingKey, this.name, await context.issuer());
    return { grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion };
  }
}

export class ClientSecretCredentials extends Credentials {
  readonly kind = 'client_secret';
  readonly #secret: string;

  constructor(
    readonly name: string,
    secret: string,
  ) {
    super();
    requireName(name, 'client id');
    requireSecret(secret, 'client secret');
    this.#secret = secret;
  }

  // client_secret_post: keeps the secret out of an Authorization header that proxies may log.
  tokenForm(_context?: TokenRequestContext): Promise<Record<string, string>> {
    return Promise.resolve({ grant_type: 'client_credentials', client_id: this.name, client_secret: this.#secret });
  }
}

export class PasswordCredentials extends Credentials {
  readonly kind = 'password';
  readonly #password: string;

  constructor(
    readonly name: string,
    password: string,
  ) {
    super();
    requireName(name, 'username');
    requireSecret(password, 'password');
    this.#password = password;
  }

  tokenForm(_context?: TokenRequestContext): Promise<Record<string, string>> {
    return Promise.resolve({ grant_type: 'password', username: this.name, password: this.#password });
  }
}

function requireName(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new CcrUsageError(`a ${what} is required`);
}

function requireSecret(value: string, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new CcrUsageError(`a non-empty ${what} is required`);
}
