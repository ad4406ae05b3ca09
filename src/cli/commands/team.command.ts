import { type Command, Option } from 'commander';
import type { RiskTeam } from '../../sdk';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf, lines, uuidArgument } from '../command-kit';
import { collectUuid, withApi } from './api-session';

export function registerTeamCommands(program: Command, contextOf: ContextOf): void {
  const team = program.command('team').description('Standing high-risk teams: member agencies and a chair agency');
  team
    .command('form')
    .description('Form a team: your agency chairs it and is a member (sign in as a person: --user)')
    .requiredOption('--name <name>', 'the name the CCR gives the team (never survivor data)')
    .requiredOption('--member <agencyId>', 'a member agency besides yours (repeatable)', collectUuid)
    .addOption(new Option('--consent <rule>', "whether the team hears a case only with the survivor's written consent").choices(['written', 'policy']).default('written'))
    .action(action(contextOf, form));
  team.command('list').description("The teams your agency is a member of").action(action(contextOf, list));
  team.command('show').description('One team (404 unless your agency is a member)').requiredOption('--team <id>', 'the team', uuidArgument).action(action(contextOf, show));
}

async function form(context: CliContext, options: { name: string; member: string[]; consent: 'written' | 'policy' }): Promise<CommandOutput> {
  const formed = await withApi(context, 'keystore-optional', (client) => client.teams.form({ name: options.name, memberAgencyIds: options.member, requiresWrittenConsent: options.consent === 'written' }));
  return { json: formed, text: `Formed team ${formed.id}.\n${teamText(formed)}` };
}

async function list(context: CliContext): Promise<CommandOutput> {
  const teams = await withApi(context, 'keystore-optional', (client) => client.teams.list());
  return { json: teams, text: teams.length === 0 ? 'Your agency is in no team.' : teams.map((each) => `${each.id}  ${each.name}  (${each.memberAgencyIds.length} agencies)`).join('\n') };
}

async function show(context: CliContext, options: { team: string }): Promise<CommandOutput> {
  const shown = await withApi(context, 'keystore-optional', (client) => client.teams.get(options.team));
  return { json: shown, text: teamText(shown) };
}

function teamText(team: RiskTeam): string {
  return lines([
    ['team', team.id],
    ['name', team.name],
    ['chair', team.chairAgencyId],
    ['members', team.memberAgencyIds.join(', ')],
    ['consent', team.requiresWrittenConsent ? "the survivor's written consent (or a recorded mandate)" : 'the policy of each disclosure'],
    ['formed', team.createdAt],
  ]);
}
