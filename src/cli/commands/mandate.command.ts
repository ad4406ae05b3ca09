import { type Command, Option } from 'commander';
import type { Mandate, MandateRegistration, MandateUpdate } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import type { NameOf } from './agency-names';
import { commaList, instantArgument, readJsonObject, withApiNamed } from './api-session';

const NOTIFICATIONS = ['notified', 'pending', 'delayed', 'withheld'];
const DELAY_REASONS = ['court_ordered_delay', 'risk_of_serious_harm', 'law_enforcement_request', 'survivor_unreachable'];

interface RegisterOptions {
  case: string;
  to: string;
  basis: 'court_order' | 'statute';
  categories: string[];
  from: string;
  until?: string;
  reviewedAt: string;
  reviewer?: string;
  notification: MandateRegistration['survivorNotification'];
  notifiedAt?: string;
  notificationReason?: MandateRegistration['notificationReason'];
  details?: string;
}

interface UpdateOptions {
  mandate: string;
  notification?: MandateUpdate['survivorNotification'];
  notifiedAt?: string;
  notificationReason?: MandateUpdate['notificationReason'];
  withdraw?: boolean;
}

export function registerMandateCommands(program: Command, contextOf: ContextOf): void {
  const mandate = program.command('mandate').description('Compelled disclosures (court orders, statutes): the only path around consent (people only)');
  mandate
    .command('register')
    .description('Register a court order or statutory duty to disclose (citation and docket sealed from --details)')
    .requiredOption('--case <id>', 'the case', uuidArgument)
    .requiredOption('--to <agencyId>', 'the agency the order compels disclosure to', uuidArgument)
    .addOption(new Option('--basis <basis>', 'only a court order reaches VAWA/FVPSA/VOCA or Part 2 data').choices(['court_order', 'statute']).makeOptionMandatory())
    .requiredOption('--categories <list>', 'record categories compelled, comma-separated', commaList)
    .requiredOption('--from <time>', 'valid from', instantArgument)
    .option('--until <time>', 'valid until (omit when the order sets no end)', instantArgument)
    .requiredOption('--reviewed-at <time>', 'when the legal review was completed', instantArgument)
    .option('--reviewer <principalId>', 'the reviewing person of your agency (default: you)', uuidArgument)
    .addOption(new Option('--notification <status>', 'whether the survivor was told').choices(NOTIFICATIONS).makeOptionMandatory())
    .option('--notified-at <time>', 'with --notification notified', instantArgument)
    .addOption(new Option('--notification-reason <reason>', 'with --notification delayed or withheld').choices(DELAY_REASONS))
    .option('--details <file>', 'citation, docket, court as a JSON object ("-" for stdin); sealed for your agency only')
    .action(action(contextOf, register));
  mandate.command('list').description('The mandates of a case').requiredOption('--case <id>', 'the case', uuidArgument).action(action(contextOf, list));
  mandate
    .command('update')
    .description('Record the survivor notification, or withdraw the mandate (final, immediate)')
    .requiredOption('--mandate <id>', 'the mandate', uuidArgument)
    .addOption(new Option('--notification <status>', 'the new notification state').choices(NOTIFICATIONS))
    .option('--notified-at <time>', 'with --notification notified', instantArgument)
    .addOption(new Option('--notification-reason <reason>', 'with --notification delayed or withheld').choices(DELAY_REASONS))
    .option('--withdraw', 'the order was vacated or the duty ended: withdraw it now (its key wraps are deleted)')
    .action(action(contextOf, update));
}

async function register(context: CliContext, options: RegisterOptions): Promise<CommandOutput> {
  const details = options.details === undefined ? undefined : await readJsonObject(context, options.details, 'the mandate details');
  const registration: MandateRegistration = {
    basis: options.basis,
    recipientAgencyId: options.to,
    categories: options.categories as MandateRegistration['categories'],
    validFrom: options.from,
    validUntil: options.until,
    reviewedAt: options.reviewedAt,
    reviewedByPrincipalId: options.reviewer,
    survivorNotification: options.notification,
    survivorNotifiedAt: options.notifiedAt,
    notificationReason: options.notificationReason,
    details,
  };
  const { result: registered, nameOf } = await withApiNamed(context, 'needs-keystore', (client) => client.mandates.register(options.case, registration));
  return { json: registered, text: `Registered mandate ${registered.id}.\n${mandateLines(registered, nameOf)}` };
}

async function list(context: CliContext, options: { case: string }): Promise<CommandOutput> {
  const { result: mandates, nameOf } = await withApiNamed(context, 'keystore-optional', (client) => client.mandates.list(options.case));
  const text = mandates.length === 0 ? 'No mandates on this case.' : mandates.map((m) => `${m.id}  ${m.basis.padEnd(11)}  ${m.status.padEnd(9)}  to ${nameOf(m.recipientAgencyId)}  ${m.categories.join(',')}  survivor ${m.survivorNotification}`).join('\n');
  return { json: mandates, text };
}

async function update(context: CliContext, options: UpdateOptions): Promise<CommandOutput> {
  const change: MandateUpdate = { survivorNotification: options.notification, survivorNotifiedAt: options.notifiedAt, notificationReason: options.notificationReason, ...(options.withdraw ? { withdrawn: true } : {}) };
  const { result: updated, nameOf } = await withApiNamed(context, 'keystore-optional', (client) => client.mandates.update(options.mandate, change));
  return { json: updated, text: `Updated mandate ${updated.id}.\n${mandateLines(updated, nameOf)}` };
}

function mandateLines(mandate: Mandate, nameOf: NameOf): string {
  return lines([
    ['mandate', mandate.id],
    ['case', mandate.caseId],
    ['basis', mandate.basis],
    ['recipient', nameOf(mandate.recipientAgencyId)],
    ['categories', mandate.categories.join(', ')],
    ['status', `${mandate.status}${mandate.releasesData ? '' : ' (releases nothing now)'}`],
    ['valid', `${mandate.validFrom} to ${mandate.validUntil ?? 'no end'}`],
    ['survivor', `${mandate.survivorNotification}${mandate.survivorNotifiedAt ? ` ${mandate.survivorNotifiedAt}` : ''}${mandate.notificationReason ? ` (${mandate.notificationReason})` : ''}`],
    ['details', mandate.detailsRecordId ? `sealed record ${mandate.detailsRecordId}` : '-'],
    ...mandate.warnings.map((warning): [string, string] => ['warning', warning.message]),
  ]);
}
