import { type PrincipalKind, type Role } from '../principals/principal.vocabulary';

/** Who is calling, as established for this request from the token and the current database state. */
export interface AuthenticatedPrincipal {
  id: string;
  agencyId: string;
  kind: PrincipalKind;
  roles: readonly Role[];
  username: string;
  /** Access-token id, for correlation in the disclosure log. */
  tokenId: string;
}
