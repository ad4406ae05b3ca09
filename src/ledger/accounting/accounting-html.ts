import { type AccountingDto, type AccountingEntryDto, type AgencyRefDto, type ConsentHistoryDto, type DenyInstructionDto, type AccountingMandateDto } from './dto/accounting.dto';

/**
 * The printable accounting: one self-contained page, plain language, no scripts, no external
 * resources (served with a CSP that forbids them). Every value is escaped.
 */
export function renderAccountingHtml(accounting: AccountingDto): string {
  const custodian = agencyName(accounting.custodian);
  const disclosures = accounting.entries.filter((entry) => entry.kind === 'disclosure');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accounting of disclosures</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Accounting of disclosures</h1>
<p class="meta">Case ${code(accounting.caseId)} &middot; held by ${esc(custodian)} &middot; prepared ${esc(when(accounting.generatedAt))}</p>
${summary(accounting, custodian)}
${denySection(accounting.denyInstructions)}
${section('Who received information', disclosures.length === 0 ? '<p>No information about this case has left the agency that holds it.</p>' : disclosureTable(disclosures))}
${accounting.mandates.length === 0 ? '' : section('Court orders and legal duties', mandateTable(accounting.mandates))}
${section('Releases (consents)', accounting.consents.length === 0 ? '<p>No release has been recorded for this case.</p>' : consentTable(accounting.consents))}
${section('Everything recorded about this case', timeline(accounting.entries))}
${linkedCases(accounting)}
${receipt(accounting)}
${section('Please note', `<ul>${accounting.notices.map((notice) => `<li>${esc(notice)}</li>`).join('')}</ul>`)}
</body>
</html>
`;
}

function summary(accounting: AccountingDto, custodian: string): string {
  const { disclosures, compelled, refused, internalAccess, pending } = accounting.summary;
  const items = [
    `Information left ${esc(custodian)} ${count(disclosures, 'time')}${compelled > 0 ? `, ${count(compelled, 'time')} because a court order or a law required it` : ''}.`,
    `${count(refused, 'request')} to see information ${refused === 1 ? 'was' : 'were'} refused.`,
    `Staff of ${esc(custodian)} opened the records ${count(internalAccess, 'time')}.`,
    ...(pending > 0 ? [`${count(pending, 'entry', 'entries')} happened after the receipt below was signed; the next accounting will prove ${pending === 1 ? 'it' : 'them'}.`] : []),
  ];
  return section('In short', `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`);
}

function disclosureTable(entries: AccountingEntryDto[]): string {
  const rows = entries.map(
    (entry) => `<tr${entry.basis?.compelled ? ' class="compelled"' : ''}>
<td>${esc(when(entry.time))}</td>
<td>${esc(agencyName(entry.recipient))}</td>
<td>${esc(entry.categories.map((category) => category.label).join(', ') || 'information')}</td>
<td>${esc(entry.purpose?.label ?? 'not stated')}</td>
<td>${esc(basisText(entry))}${entry.basis?.notification ? `<br><strong>${esc(entry.basis.notification.text)}</strong>` : ''}</td>
</tr>`,
  );
  return table(['Date', 'Received by', 'What', 'Why', 'Allowed by'], rows);
}

function mandateTable(mandates: AccountingMandateDto[]): string {
  const rows = mandates.map(
    (mandate) => `<tr class="compelled">
<td>${esc(mandate.basis === 'court_order' ? 'Court order' : 'A law (statutory duty)')}</td>
<td>${esc(agencyName(mandate.recipient))}</td>
<td>${esc(mandate.categories.map((category) => category.label).join(', '))}</td>
<td>${esc(day(mandate.validFrom))}${mandate.withdrawnAt ? ` (withdrawn ${esc(day(mandate.withdrawnAt))})` : ''}</td>
<td><strong>${esc(mandate.notification.text)}</strong></td>
</tr>`,
  );
  return table(['Basis', 'Shared with', 'What', 'From', 'Was the survivor told?'], rows);
}

function consentTable(consents: ConsentHistoryDto[]): string {
  const rows = consents.flatMap((consent) =>
    consent.versions.map(
      (version) => `<tr>
<td>${esc(agencyName(consent.recipient))}</td>
<td>${version.version}</td>
<td>${esc(version.categories.map((category) => category.label).join(', '))}</td>
<td>${esc(version.purpose.label)}</td>
<td>${esc(day(version.validFrom))} to ${esc(day(version.validUntil))}</td>
<td>${version.denyAgencies.length === 0 ? 'none' : esc(version.denyAgencies.map(agencyName).join(', '))}</td>
<td>${esc(version.fate.text)}</td>
</tr>`,
    ),
  );
  return table(['Shared with', 'Version', 'What', 'Why', 'Valid', 'Never to', 'What became of it'], rows);
}

function denySection(instructions: DenyInstructionDto[]): string {
  if (instructions.length === 0) return '';
  const items = instructions.map((instruction) => `<li${instruction.inForce ? ' class="deny"' : ''}>${esc(instruction.text)}</li>`);
  return section('Your instructions: never share with', `<ul>${items.join('')}</ul>`);
}

function timeline(entries: AccountingEntryDto[]): string {
  if (entries.length === 0) return '<p>Nothing has been recorded about this case yet.</p>';
  const items = entries.map(
    (entry) => `<li value="${entry.caseSeq}"><span class="when">${esc(when(entry.time))}</span> ${esc(entry.description)}${
      entry.reasonText ? `<br><span class="why">${esc(entry.reasonText)}</span>` : ''
    }<br><span class="proof">Log entry ${entry.index}${entry.inclusionProof === null ? ' (proof in the next accounting)' : ', proved by the receipt'}</span></li>`,
  );
  return `<ol class="timeline">${items.join('\n')}</ol>`;
}

function linkedCases(accounting: AccountingDto): string {
  const items = [
    ...(accounting.linkedFrom ? [`This case was opened from a referral by ${esc(agencyName(accounting.linkedFrom.agency))} on ${esc(day(accounting.linkedFrom.openedAt))}.`] : []),
    ...accounting.linkedTo.map((linked) => `${esc(agencyName(linked.agency))} opened its own case from a referral on ${esc(day(linked.openedAt))} (case ${code(linked.caseId)}). Ask them for their accounting.`),
  ];
  return items.length === 0 ? '' : section('Other agencies holding their own case', `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`);
}

function receipt(accounting: AccountingDto): string {
  if (!accounting.receipt) return section('Your receipt', '<p>The log has not signed a checkpoint yet; the next accounting will include a receipt.</p>');
  const { treeSize, cosignatures } = accounting.receipt;
  const witnesses =
    cosignatures.length > 0
      ? `Countersigned by ${count(cosignatures.length, 'independent witness', 'independent witnesses')}.`
      : accounting.witnessed
        ? `It was signed for this accounting, and it extends the log as ${count(accounting.witnessed.checkpoint.cosignatures.length, 'independent witness', 'independent witnesses')} last countersigned it (${accounting.witnessed.checkpoint.treeSize} entries).`
        : 'No witness had countersigned the log yet.';
  return section(
    'Your receipt',
    `<p>Every entry above is proved against this receipt. It fixes the log as it was when this accounting was prepared (${treeSize} entries). ${esc(witnesses)}</p>
<p>Keep it: save the text in the box below, exactly as it is, in a file (for example <code>receipt.txt</code>), or keep the file your advocate saved with <code>--save-receipt</code>. Next time, your advocate gives that file to the command that produces the accounting: <code>ccrx ledger accounting --case ${esc(accounting.caseId)} --trust trust.json --previous receipt.txt</code>. The new accounting is then checked against it, which proves that nothing listed here was removed or changed.</p>
<pre>${esc(accounting.receipt.note)}</pre>`,
  );
}

function basisText(entry: AccountingEntryDto): string {
  const basis = entry.basis;
  if (!basis) return 'not recorded';
  if (basis.kind === 'consent') return `the survivor's release (version ${basis.consentVersion ?? '?'})`;
  if (basis.kind === 'mandate') return 'a court order or a law';
  return 'the agency that holds the record';
}

function section(title: string, body: string): string {
  return `<section>\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

function table(headings: string[], rows: string[]): string {
  return `<table>\n<thead><tr>${headings.map((heading) => `<th scope="col">${esc(heading)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function agencyName(agency: AgencyRefDto | null): string {
  return agency?.name ?? (agency ? 'an agency no longer in the directory' : 'not recorded');
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

const STYLE = `
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #888; margin-top: 2rem; }
.meta { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border: 1px solid #999; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
tr.compelled td { background: #fff3cd; }
li.deny { font-weight: bold; }
.timeline li { margin-bottom: 0.6rem; }
.when { font-weight: bold; }
.why, .proof { color: #444; font-size: 0.9rem; }
pre { white-space: pre-wrap; word-break: break-all; border: 1px solid #999; padding: 0.5rem; font-size: 0.8rem; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } tr.compelled td { background: none; font-weight: bold; } }
`;
