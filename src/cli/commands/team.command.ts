import { type Command, Option } from 'commander';
import type { RiskTeam, TeamReferral } from '../../sdk';
import { TEAM_CLOSE_REASONS, TEAM_MOTIONS, TEAM_REFERRAL_REASONS, type TeamCloseReason, type TeamMotion, type TeamReferralReason, type TeamVote } from '../../risk/team/team.vocabulary';
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
  team
    .command('refer')
    .description("Refer your agency's case to a team: each member receives it only if a release or mandate covers it (logged)")
    .requiredOption('--team <id>', 'the team', uuidArgument)
    .requiredOption('--case <id>', "your agency's case", uuidArgument)
    .addOption(new Option('--reason <code>', 'why the case is referred').choices(TEAM_REFERRAL_REASONS).makeOptionMandatory())
    .addOption(new Option('--survivor-informed <answer>', 'whether the survivor knows the case goes to the team').choices(['yes', 'no']).makeOptionMandatory())
    .action(action(contextOf, refer));
  team.command('referrals').description("The team's referrals your agency receives").requiredOption('--team <id>', 'the team', uuidArgument).action(action(contextOf, referrals));
  team.command('referral').description('One referral and the votes on it').requiredOption('--referral <id>', 'the referral', uuidArgument).action(action(contextOf, referral));
  team
    .command('vote')
    .description("The chair records the team's vote on a referral: carried by a majority of the member agencies present")
    .requiredOption('--referral <id>', 'the referral', uuidArgument)
    .addOption(new Option('--motion <motion>', 'accept the case, or close it').choices(TEAM_MOTIONS).makeOptionMandatory())
    .addOption(new Option('--close-reason <code>', 'why the case is closed (with --motion close)').choices(TEAM_CLOSE_REASONS))
    .requiredOption('--present <agencyId>', 'a member agency present (repeatable); the others are recorded absent', collectUuid)
    .option('--for <agencyId>', 'a present agency voting for (repeatable)', collectUuid, [])
    .option('--against <agencyId>', 'a present agency voting against (repeatable)', collectUuid, [])
    .option('--abstain <agencyId>', 'a present agency abstaining (repeatable; a present agency without a vote abstains too)', collectUuid, [])
    .action(action(contextOf, vote));
}

interface VoteOptions {
  referral: string;
  motion: TeamMotion;
  closeReason?: TeamCloseReason;
  present: string[];
  for: string[];
  against: string[];
  abstain: string[];
}

async function refer(context: CliContext, options: { team: string; case: string; reason: TeamReferralReason; survivorInformed: 'yes' | 'no' }): Promise<CommandOutput> {
  const referred = await withApi(context, 'keystore-optional', (client) => client.teams.refer(options.team, { caseId: options.case, reason: options.reason, survivorInformed: options.survivorInformed === 'yes' }));
  return { json: referred, text: `Referred case ${referred.caseId} as ${referred.id}.\n${referralText(referred)}` };
}

async function referrals(context: CliContext, options: { team: string }): Promise<CommandOutput> {
  const found = await withApi(context, 'keystore-optional', (client) => client.teams.referrals(options.team));
  return { json: found, text: found.length === 0 ? 'No referrals of this team reach your agency.' : found.map((each) => `${each.id}  ${each.status}  ${each.reason}${each.repeat ? ' (repeat)' : ''}  referred ${each.referredAt}`).join('\n') };
}

async function referral(context: CliContext, options: { referral: string }): Promise<CommandOutput> {
  const found = await withApi(context, 'keystore-optional', (client) => client.teams.referral(options.referral));
  return { json: found, text: referralText(found) };
}

async function vote(context: CliContext, options: VoteOptions): Promise<CommandOutput> {
  const votes = [...votesOf(options.for, 'for'), ...votesOf(options.against, 'against'), ...votesOf(options.abstain, 'abstain')];
  const decided = await withApi(context, 'keystore-optional', (client) => client.teams.decide(options.referral, { motion: options.motion, closeReason: options.closeReason, presentAgencyIds: options.present, votes }));
  const last = decided.decisions.at(-1);
  const outcome = last?.carried ? 'carried' : 'not carried';
  return { json: decided, text: `The ${options.motion} motion was ${outcome}.\n${referralText(decided)}` };
}

function votesOf(agencyIds: string[], choice: TeamVote): { agencyId: string; vote: TeamVote }[] {
  return agencyIds.map((agencyId) => ({ agencyId, vote: choice }));
}

function referralText(referral: TeamReferral): string {
  const decisions = referral.decisions.map((each) => `${each.motion} ${each.carried ? 'carried' : 'not carried'}: ${each.votes.map((v) => `${v.agencyId} ${v.vote}`).join(', ')}`);
  return lines([
    ['referral', referral.id],
    ['team', referral.teamId],
    ['case', referral.caseId],
    ['status', referral.closeReason ? `${referral.status} (${referral.closeReason})` : referral.status],
    ['reason', referral.repeat ? `${referral.reason} (repeat within 12 months)` : referral.reason],
    ['survivor', `${referral.survivorInformed ? 'informed' : 'not informed'}; consent: ${referral.consentState}${referral.withoutConsent ? ' (shared WITHOUT consent under a mandate)' : ''}`],
    ['shared', referral.sharedWith.join(', ')],
    ['decisions', decisions.length === 0 ? 'none yet' : decisions.join('; ')],
  ]);
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
