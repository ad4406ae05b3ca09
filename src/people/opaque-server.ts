import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import * as opaque from '@serenity-kit/opaque';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { KEY_FILES, readOrCreateKeyFile } from '../config/key-files';

/** Makes a new OPAQUE server setup (for `npm run admin -- server-keys` and the data folder). */
export async function newOpaqueServerSetup(): Promise<string> {
  await opaque.ready;
  return opaque.server.createSetup();
}

/**
 * The server side of OPAQUE (RFC 9807, @serenity-kit/opaque; decision 0080). The setup (OPRF seed
 * and static key pair) comes from OPAQUE_SERVER_SETUP, or outside production from the data folder;
 * changing it invalidates every login record, like losing the log key loses the log's identity.
 * Login identities are principal ids: they do not change when a display name does.
 */
@Injectable()
export class OpaqueServer implements OnModuleInit {
  private setup!: string;
  /** Published so clients can pin it (the console build does): a swapped setup is then visible. */
  publicKey!: string;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await opaque.ready;
    const { opaqueServerSetup, opaqueSetupFolder } = this.config.people;
    if (opaqueServerSetup) this.setup = opaqueServerSetup;
    else if (opaqueSetupFolder) this.setup = readOrCreateKeyFile(opaqueSetupFolder, KEY_FILES.opaqueSetup, () => `${opaque.server.createSetup()}\n`).trim();
    else this.setup = opaque.server.createSetup();
    this.publicKey = opaque.server.getPublicKey(this.setup);
  }

  registrationResponse(principalId: string, registrationRequest: string): string | undefined {
    return attempt(() => opaque.server.createRegistrationResponse({ serverSetup: this.setup, userIdentifier: principalId, registrationRequest }).registrationResponse);
  }

  /** For an unknown person (`record` null) the library answers with a dummy of the same shape. */
  startLogin(principalId: string, record: string | null, startLoginRequest: string): { serverState: string; loginResponse: string } | undefined {
    return attempt(() => {
      const started = opaque.server.startLogin({ serverSetup: this.setup, userIdentifier: principalId, registrationRecord: record, startLoginRequest });
      return { serverState: started.serverLoginState, loginResponse: started.loginResponse };
    });
  }

  /** True only if the client proved it knows the secret (its key confirmation verified). */
  finishLogin(serverState: string, finishLoginRequest: string): boolean {
    return attempt(() => opaque.server.finishLogin({ serverLoginState: serverState, finishLoginRequest }).sessionKey.length > 0) ?? false;
  }

  /** A registration record is well-formed if the server can start a login with it. */
  isWellFormedRecord(principalId: string, record: string): boolean {
    return attempt(() => opaque.server.startLogin({ serverSetup: this.setup, userIdentifier: principalId, registrationRecord: record, startLoginRequest: probeRequest() })) !== undefined;
  }
}

/** The library throws on malformed messages; those are the client's fault, answered as such by the caller. */
function attempt<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}

let probe: string | undefined;

/** A valid start-login message, made once, to check uploaded records against. */
function probeRequest(): string {
  probe ??= opaque.client.startLogin({ password: 'probe' }).startLoginRequest;
  return probe;
}
