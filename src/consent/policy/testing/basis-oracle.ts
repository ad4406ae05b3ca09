import type { ConsentView, Decision, MandateView } from '../policy.types';
import type { World } from './policy-arbitraries';

/**
 * An independent, deliberately literal restatement of what a permit's basis must satisfy,
 * written from the rules and not from the implementation. It returns the broken conditions,
 * so a failing property says which one.
 */
const SHARE_BACK = new Set(['share_status_back', 'share_content_back']);
const NEVER_LEAVES = new Set(['privileged_counseling', 'profile', 'consent_terms']);
const WRITTEN_ONLY = new Set(['vawa_fvpsa_voca', 'part2', 'ferpa']);
const COURT_ORDER_ONLY = new Set(['vawa_fvpsa_voca', 'part2']);
const WRITTEN_MODES = new Set(['written_signature', 'electronic_written']);

export function isActiveConsent(consent: ConsentView, now: Date): boolean {
  return consent.revokedAt === null && consent.validFrom <= now && now < consent.validUntil;
}

export function isActiveMandate(mandate: MandateView, now: Date): boolean {
  return mandate.withdrawnAt === null && mandate.validFrom <= now && (mandate.validUntil === null || now < mandate.validUntil);
}

function partiesBroken(world: World): string[] {
  const { discloserAgencyId, recipientAgencyId } = world.request;
  const broken: string[] = [];
  if (world.agencies.get(discloserAgencyId)?.status !== 'active') broken.push('discloser not an active member');
  if (world.agencies.get(recipientAgencyId)?.status !== 'active') broken.push('recipient not an active member');
  return broken;
}

function disclosureBroken(world: World): string[] {
  const { request, consents } = world;
  const broken: string[] = [];
  if (NEVER_LEAVES.has(request.category)) broken.push('custodian-only category left the custodian');
  const excluded = consents.some((c) => c.caseId === request.caseId && c.denyAgencyIds.includes(request.recipientAgencyId));
  if (excluded) broken.push('recipient is in a deny provision of the case');
  return broken;
}

function consentBroken(world: World, consent: ConsentView | undefined): string[] {
  const { request, now } = world;
  if (!consent) return ['basis consent not found'];
  const back = SHARE_BACK.has(request.action);
  const custodian = back ? request.recipientAgencyId : request.discloserAgencyId;
  const recipient = back ? request.discloserAgencyId : request.recipientAgencyId;
  const regime = world.agencies.get(request.discloserAgencyId)?.regime ?? 'unknown';
  const checks: Array<[boolean, string]> = [
    [consent.caseId === request.caseId, 'case'],
    [consent.custodianAgencyId === custodian && consent.recipientAgencyId === recipient, 'parties/direction'],
    [isActiveConsent(consent, now), 'active at now'],
    [consent.actions.includes(request.action), 'action'],
    [request.action !== 'receive_notes' || (consent.categories as readonly string[]).includes(request.category), 'category'],
    [request.purpose === undefined || request.purpose === consent.purpose, 'purpose'],
    [WRITTEN_MODES.has(consent.captureMode) || !WRITTEN_ONLY.has(regime), 'written consent for this regime'],
  ];
  return checks.filter(([holds]) => !holds).map(([, name]) => `consent ${name}`);
}

function mandateBroken(world: World, mandate: MandateView | undefined): string[] {
  const { request, now } = world;
  if (!mandate) return ['basis mandate not found'];
  const regime = world.agencies.get(request.discloserAgencyId)?.regime;
  const checks: Array<[boolean, string]> = [
    [!SHARE_BACK.has(request.action), 'forward action'],
    [mandate.caseId === request.caseId, 'case'],
    [mandate.custodianAgencyId === request.discloserAgencyId, 'custodian'],
    [mandate.recipientAgencyId === request.recipientAgencyId, 'recipient'],
    [mandate.categories.includes(request.category), 'category'],
    [isActiveMandate(mandate, now), 'active at now'],
    [mandate.basis === 'court_order' || !COURT_ORDER_ONLY.has(regime ?? 'unknown'), 'court order for this regime'],
  ];
  return checks.filter(([holds]) => !holds).map(([, name]) => `mandate ${name}`);
}

/** The conditions a permit breaks (empty when the permit is justified, or for a deny). */
export function brokenPermitConditions(world: World, decision: Decision): string[] {
  if (decision.decision === 'deny') return [];
  const { basis } = decision;
  const parties = partiesBroken(world);
  if (basis.kind === 'custodian') {
    const internal = world.request.discloserAgencyId === world.request.recipientAgencyId;
    return internal ? parties : [...parties, 'custodian basis for a disclosure to another agency'];
  }
  const common = [...parties, ...disclosureBroken(world)];
  if (basis.kind === 'consent') {
    const matches = world.consents.filter((c) => c.id === basis.consentId && c.version === basis.consentVersion);
    return [...common, ...(matches.length === 1 ? consentBroken(world, matches[0]) : ['basis consent not unique'])];
  }
  return [...common, ...mandateBroken(world, world.mandates.find((m) => m.id === basis.mandateId))];
}
