import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A software WebAuthn authenticator for the e2e tests: a real P-256 credential, "none" attestation,
 * user presence and verification flags, a signature counter — what a browser hands the server,
 * made without a browser, so each check of the relying party (challenge, origin, RP ID, counter,
 * user verification) can be tested on its own. The browser test uses Chromium's virtual one.
 */
export interface AuthenticatorAnswerOptions {
  origin: string;
  /** Override the signature counter (a replayed or cloned authenticator). */
  counter?: number;
  userVerified?: boolean;
  rpId?: string;
  type?: string;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private counter = 0;
  private userHandle = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    this.publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  get id(): string {
    return this.credentialId.toString('base64url');
  }

  /** navigator.credentials.create() for these creation options, as RegistrationResponseJSON. */
  create(options: { challenge: string; rp: { id?: string }; user: { id: string } }, answer: AuthenticatorAnswerOptions) {
    this.userHandle = options.user.id;
    const clientData = this.clientData(answer.type ?? 'webauthn.create', options.challenge, answer.origin);
    const attested = Buffer.concat([Buffer.alloc(16), u16(this.credentialId.length), this.credentialId, this.coseKey()]);
    const authData = this.authData(answer.rpId ?? (options.rp.id as string), 0x40, answer, attested);
    const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: { clientDataJSON: clientData.toString('base64url'), attestationObject: attestationObject.toString('base64url'), transports: ['internal'] },
    };
  }

  /** navigator.credentials.get() for these request options, as AuthenticationResponseJSON. */
  get(options: { challenge: string; rpId?: string }, answer: AuthenticatorAnswerOptions) {
    const clientData = this.clientData(answer.type ?? 'webauthn.get', options.challenge, answer.origin);
    const authData = this.authData(answer.rpId ?? (options.rpId as string), 0, answer);
    const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(clientData).digest()]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
        userHandle: this.userHandle || undefined,
      },
    };
  }

  private authData(rpId: string, extraFlags: number, answer: AuthenticatorAnswerOptions, attested?: Buffer): Buffer {
    const counter = answer.counter ?? ++this.counter;
    const flags = 0x01 | (answer.userVerified === false ? 0 : 0x04) | extraFlags;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.of(flags), count, attested ?? Buffer.alloc(0)]);
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private coseKey(): Buffer {
    const x = Buffer.from(this.publicJwk.x, 'base64url');
    const y = Buffer.from(this.publicJwk.y, 'base64url');
    return cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, x], [-3, y]]));
  }
}

function u16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

/** Just enough CBOR (RFC 8949) for COSE keys and attestation objects: maps, small ints, byte and text strings. */
function cbor(value: unknown): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (value instanceof Map) return Buffer.concat([head(5, value.size), ...[...value].flatMap(([key, item]) => [cbor(key), cbor(item)])]);
  throw new Error('cbor: unsupported value');
}

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.of((major << 5) | length);
  if (length < 256) return Buffer.of((major << 5) | 24, length);
  return Buffer.concat([Buffer.of((major << 5) | 25), u16(length)]);
}
