import { toggled } from '../api/release-rules';
import { type MessageKey } from '../i18n/en';
import { useT } from '../i18n/i18n';

interface GroupProps<T extends string> {
  name: string;
  legend: MessageKey;
  options: readonly T[];
  /** The catalogue key of each option's plain meaning. */
  label: (option: T) => MessageKey;
  invalid?: boolean;
  problem?: MessageKey;
}

function Legend({ legend, name, problem }: { legend: MessageKey; name: string; problem?: MessageKey }) {
  const t = useT();
  return (
    <>
      <legend>{t(legend)}</legend>
      {problem && (
        <p className="problem" id={`${name}-problem`}>
          {t(problem)}
        </p>
      )}
    </>
  );
}

/** Checkboxes (a fieldset with a legend): several of a vocabulary, each shown by its plain meaning. */
export function CheckboxGroup<T extends string>({ name, legend, options, label, chosen, onChange, problem }: GroupProps<T> & { chosen: readonly T[]; onChange: (next: T[]) => void }) {
  const t = useT();
  return (
    <fieldset className="choices" aria-describedby={problem ? `${name}-problem` : undefined}>
      <Legend legend={legend} name={name} problem={problem} />
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="checkbox" name={name} value={option} checked={chosen.includes(option)} onChange={(event) => onChange(toggled(chosen, option, event.target.checked))} />
          {t(label(option))}
        </label>
      ))}
    </fieldset>
  );
}

/** Radio buttons: one of a vocabulary. */
export function RadioGroup<T extends string>({ name, legend, options, label, chosen, onChange, problem }: GroupProps<T> & { chosen: T | ''; onChange: (next: T) => void }) {
  const t = useT();
  return (
    <fieldset className="choices" aria-describedby={problem ? `${name}-problem` : undefined}>
      <Legend legend={legend} name={name} problem={problem} />
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="radio" name={name} value={option} checked={chosen === option} onChange={() => onChange(option)} />
          {t(label(option))}
        </label>
      ))}
    </fieldset>
  );
}
