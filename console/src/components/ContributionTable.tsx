import { type RiskContribution } from '../../../src/sdk/browser';
import { shortHandle } from '../api/case-timeline';
import { readersNow } from '../api/team-rules';
import { useContributionText } from '../api/use-team';
import { useLanguage } from '../i18n/i18n';
import { SealedTextCell } from './SealedTextCell';
import { ScrollTable } from './ScrollTable';
import { Time } from './Time';

/** One contribution: where and when, our case, who can read it now, and its words opened on request in the key worker. */
function ContributionLine({ contribution, agencyId, name, canOpen }: { contribution: RiskContribution; agencyId: string; name: (id: string) => string; canOpen: boolean }) {
  const { t, language } = useLanguage();
  const text = useContributionText(contribution);
  const readers = readersNow(contribution, agencyId);
  const list = (ids: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(ids.map(name));
  const kind = t(`contrib.kind.${contribution.kind}`);
  return (
    <tr>
      <td>{t('contrib.meetingCell', { team: contribution.teamName, time: new Date(contribution.meetingHeldAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) })}</td>
      <td>
        <code>{shortHandle(contribution.caseId)}</code>
      </td>
      <td>
        <Time iso={contribution.createdAt} />
      </td>
      <td>{kind}</td>
      <td>
        {readers.canRead.length > 0 ? list(readers.canRead) : t('contrib.onlyUs')}
        {readers.noLonger.length > 0 && <div>{t('contrib.noLonger', { agencies: list(readers.noLonger) })}</div>}
      </td>
      <SealedTextCell text={text} canOpen={canOpen} label={t('contrib.openLabel', { kind: kind.toLowerCase(), handle: shortHandle(contribution.caseId), time: new Date(contribution.createdAt).toLocaleString(language) })} />
    </tr>
  );
}

export function ContributionTable({ contributions, agencyId, name, canOpen }: { contributions: RiskContribution[]; agencyId: string; name: (id: string) => string; canOpen: boolean }) {
  const { t } = useLanguage();
  const caption = t('contrib.title');
  return (
    <ScrollTable caption={caption} columns={[t('contrib.meeting'), t('contrib.case'), t('contrib.written'), t('contrib.kind'), t('contrib.readers'), t('contrib.what')]}>
      {contributions.map((contribution) => (
        <ContributionLine key={contribution.noteId} contribution={contribution} agencyId={agencyId} name={name} canOpen={canOpen} />
      ))}
    </ScrollTable>
  );
}
