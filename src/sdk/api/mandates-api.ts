import type { MandateBasis, NotificationDelayReason, RecordCategory, SurvivorNotificationStatus } from '../../consent/consent.vocabulary';
import { apiPath } from '../http/api-path';
import type { AreaContext } from './area-context';
import { type JsonObject, jsonBytes } from './plaintext';
import { isoInstant, requireUuid } from './validate';

export interface MandateRegistration {
  basis: MandateBasis;
  recipientAgencyId: string;
  /** The scope: which kinds of record are compelled. */
  categories: RecordCategory[];
  validFrom: Date | string;
  /** Omit when the order sets no end. */
  validUntil?: Date | string;
  /** When the legal review was completed. */
  reviewedAt: Date | string;
  /** The reviewing person of this agency; default the caller. */
  reviewedByPrincipalId?: string;
  survivorNotification: SurvivorNotificationStatus;
  survivorNotifiedAt?: Date | string;
  notificationReason?: NotificationDelayReason;
  /** Citation, docket, court, scope in words: sealed as `mandate_details` for this agency only. */
  details?: JsonObject;
}

/** A notification update, a withdrawal (final, immediate), or both. */
export interface MandateUpdate {
  survivorNotification?: SurvivorNotificationStatus;
  survivorNotifiedAt?: Date | string;
  notificationReason?: NotificationDelayReason;
  withdrawn?: true;
}

export interface Mandate {
  id: string;
  caseId: string;
  custodianAgencyId: string;
  recipientAgencyId: string;
  basis: MandateBasis;
  categories: RecordCategory[];
  status: 'active' | 'pending' | 'expired' | 'withdrawn';
  releasesData: boolean;
  validFrom: string;
  validUntil: string | null;
  reviewedByPrincipalId: string;
  reviewedAt: string;
  survivorNotification: SurvivorNotificationStatus;
  survivorNotifiedAt: string | null;
  notificationReason: NotificationDelayReason | null;
  detailsRecordId: string | null;
  withdrawnAt: string | null;
  withdrawnByPrincipalId: string | null;
  recordedByPrincipalId: string;
  recordedAt: string;
  warnings: { code: string; message: string }[];
}

/**
 * The register of compelled disclosures (court orders, statutes) of this agency's cases. Only
 * people (advocates, agency workers) register and update; service accounts read. Registration is
 * not repeated after a network error (the id is the server's): list() tells whether it arrived.
 */
export class MandatesApi {
  constructor(private readonly context: AreaContext) {}

  async register(caseId: string, registration: MandateRegistration): Promise<Mandate> {
    requireUuid(caseId, 'caseId');
    const { details, ...fields } = registration;
    const sealed = details === undefined ? undefined : await this.context.records().seal({ caseId, category: 'mandate_details', body: jsonBytes(details, 'the mandate details') });
    const body = {
      ...fields,
      recipientAgencyId: requireUuid(fields.recipientAgencyId, 'recipientAgencyId'),
      validFrom: isoInstant(fields.validFrom, 'validFrom'),
      validUntil: optionalInstant(fields.validUntil, 'validUntil'),
      reviewedAt: isoInstant(fields.reviewedAt, 'reviewedAt'),
      survivorNotifiedAt: optionalInstant(fields.survivorNotifiedAt, 'survivorNotifiedAt'),
      details: sealed,
    };
    return (await this.context.http.request<Mandate>({ method: 'POST', path: apiPath`/cases/${caseId}/mandates`, json: body })).body;
  }

  async list(caseId: string): Promise<Mandate[]> {
    return (await this.context.http.request<Mandate[]>({ method: 'GET', path: apiPath`/cases/${requireUuid(caseId, 'caseId')}/mandates` })).body;
  }

  async get(mandateId: string): Promise<Mandate> {
    return (await this.context.http.request<Mandate>({ method: 'GET', path: apiPath`/mandates/${requireUuid(mandateId, 'mandateId')}` })).body;
  }

  async update(mandateId: string, update: MandateUpdate): Promise<Mandate> {
    const body = { ...update, survivorNotifiedAt: optionalInstant(update.survivorNotifiedAt, 'survivorNotifiedAt') };
    return (await this.context.http.request<Mandate>({ method: 'PATCH', path: apiPath`/mandates/${requireUuid(mandateId, 'mandateId')}`, json: body })).body;
  }
}

function optionalInstant(value: Date | string | undefined, name: string): string | undefined {
  return value === undefined ? undefined : isoInstant(value, name);
}
