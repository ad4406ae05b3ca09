import { type Command, InvalidArgumentError } from 'commander';
import { isUuid } from '../../crypto/identifiers';
import type { CliContext, CommandOutput } from '../cli-context';
import { action, type ContextOf } from '../command-kit';

interface Member {
  personId: string;
  fingerprint: string;
}

/**
 * Agency-wide key custody. move-to-members ends the shared keystore file's role for people (issue 19):
 * the file's keys (every epoch) are wrapped to each listed member after the fingerprint check, so
 * each person opens them with their own secret and second factor from then on.
 */
export function registerAgencyCommands(program: Command, contextOf: ContextOf): void {
  const agency = program.command('agency').description("This agency's key custody");
  agency
    .command('move-to-members')
    .description("Wrap the keystore file's agency keys to each listed person (after comparing their fingerprint): people then need no file")
    .requiredOption('--member <id=fingerprint>', 'a person and the fingerprint their device showed (repeat for each)', collectMember)
    .action(action(contextOf, moveToMembers));
}

async function moveToMembers(context: CliContext, options: { member: Member[] }): Promise<CommandOutput> {
  return context.withKeystore(async (keystore) => {
    const client = await context.connect(keystore);
    try {
      const added = [];
      // One by one, stopping at the first refusal: a wrong fingerprint leaves that person (and the rest) unwrapped.
      for (const member of options.member) added.push({ personId: member.personId, ...(await client.members.add(member.personId, { fingerprint: member.fingerprint })) });
      const text = [
        ...added.map((each) => `Wrapped epochs ${each.epochs.join(', ')} to ${each.personId} (fingerprint ${each.fingerprint}).`),
        `The ${added.length} people open the agency's keys with their own secret and second factor now; they need no keystore file.`,
        `The file still holds the keys: keep it only for the agency's system account (private_key_jwt), on its own machine, or destroy every copy.`,
        `After removing someone, rotate from a member's client (ccrx person remove rotates): the file will not hold the new epoch.`,
      ].join('\n');
      return { json: { agencyId: keystore.agencyId, members: added }, text };
    } finally {
      client.close();
    }
  });
}

function collectMember(value: string, previous: Member[] = []): Member[] {
  const [personId, fingerprint] = value.split('=', 2);
  if (!isUuid(personId) || !fingerprint) throw new InvalidArgumentError('expected <person id>=<fingerprint>, e.g. 0b7e…=3f2a-91c0-…');
  return [...previous, { personId, fingerprint }];
}
