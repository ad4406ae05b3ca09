import { type Command, InvalidArgumentError } from 'commander';
import type { Agreement, AgreementTermsInput } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, uuidArgument } from '../command-kit';
import { readJsonObject, withApi } from './api-session';

export function registerAgreementCommands(program: Command, contextOf: ContextOf): void {
  const agreement = program.command('agreement').description('Working agreements between agencies: handoff deadlines and escalation, signed by every party');
  agreement
    .command('propose')
    .description('Propose an agreement (version 1) from a terms file, signed with your agency key; or, with --agreement, its next version')
    .requiredOption('--terms <file>', 'the terms as JSON (see docs/agreements.md); - reads standard input')
    .option('--agreement <id>', 'propose the next version of this agreement', uuidArgument)
    .action(action(contextOf, propose));
  agreement
    .command('sign')
    .description('Sign a proposed version with your agency key, after checking the signatures it carries')
    .requiredOption('--agreement <id>', 'the agreement', uuidArgument)
    .requiredOption('--version <n>', 'the version to sign', versionArgument)
    .action(action(contextOf, sign));
  agreement.command('list').description('The agreements your agency is a party to').action(action(contextOf, list));
  agreement
    .command('show')
    .description("One agreement, every party's signature checked against the key directory")
    .requiredOption('--agreement <id>', 'the agreement', uuidArgument)
    .action(action(contextOf, show));
}

function versionArgument(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError('expected a version number (1, 2, …).');
  return Number(value);
}

async function propose(context: CliContext, options: { terms: string; agreement?: string }): Promise<CommandOutput> {
  const terms = (await readJsonObject(context, options.terms, 'the terms')) as unknown as AgreementTermsInput;
  const proposed = await withApi(context, 'needs-keystore', (client) => (options.agreement ? client.agreements.proposeVersion(options.agreement, terms) : client.agreements.propose(terms)));
  return { json: proposed, text: `Proposed agreement ${proposed.id} version ${proposed.latestVersion}.\n${agreementText(proposed)}` };
}

async function sign(context: CliContext, options: { agreement: string; version: number }): Promise<CommandOutput> {
  const signed = await withApi(context, 'needs-keystore', (client) => client.agreements.sign(options.agreement, options.version));
  return { json: signed, text: `Signed version ${options.version} of agreement ${signed.id}.\n${agreementText(signed)}` };
}

async function list(context: CliContext): Promise<CommandOutput> {
  const agreements = await withApi(context, 'keystore-optional', (client) => client.agreements.list());
  return { json: agreements, text: agreements.length === 0 ? 'Your agency is party to no agreement.' : agreements.map(agreementLine).join('\n') };
}

async function show(context: CliContext, options: { agreement: string }): Promise<CommandOutput> {
  const shown = await withApi(context, 'needs-keystore', async (client) => client.agreements.verify(await client.agreements.get(options.agreement)));
  return { json: shown, text: `${agreementText(shown)}\nEvery signature checks out against the key directory.` };
}

function agreementLine(agreement: Agreement): string {
  const latest = agreement.versions.find((each) => each.version === agreement.latestVersion);
  const state = agreement.inForceVersion === null ? 'not in force' : `version ${agreement.inForceVersion} in force`;
  return `${agreement.id}  ${state}  latest ${agreement.latestVersion} (${latest?.status ?? '?'})  parties ${latest?.terms.parties.join(', ') ?? ''}`;
}

function agreementText(agreement: Agreement): string {
  return agreement.versions
    .map((version) => {
      const handoffs = version.terms.handoffs.map((handoff) => `    ${handoff.purpose}/${handoff.priority}: ${handoff.steps.map((step) => `${step.step} within ${step.withinMinutes} min`).join(', ')}`);
      const awaiting = version.awaiting.length > 0 ? `, awaiting ${version.awaiting.join(', ')}` : '';
      return [`  version ${version.version}: ${version.status}, signed by ${version.signatures.map((each) => each.agencyId).join(', ')}${awaiting}`, ...handoffs].join('\n');
    })
    .join('\n');
}
