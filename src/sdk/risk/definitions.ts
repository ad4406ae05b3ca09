import type { InstrumentDefinition, InstrumentId } from './instrument-types';

const question = (text: string, index: number) => Object.freeze({ number: index + 1, text });

/** Frozen, with its question list: a registered wording cannot be changed at run time either. */
function registered(definition: InstrumentDefinition): InstrumentDefinition {
  Object.freeze(definition.questions);
  return Object.freeze(definition);
}

/** The Maryland Model Lethality Screen for First Responders (Lethality Assessment Program). */
export const LAP_V1: InstrumentDefinition = registered({
  id: 'lap',
  version: 1,
  title: 'Lethality Screen for First Responders (Lethality Assessment Program, Maryland Model)',
  source:
    'Maryland Network Against Domestic Violence. Used by LAP sites under their agreement with MNADV. Wording as published on the first-responder form; a site whose current form differs registers it as a new version.',
  wording: 'verbatim',
  questions: [
    'Has he/she ever used a weapon against you or threatened you with a weapon?',
    'Has he/she threatened to kill you or your children?',
    'Do you think he/she might try to kill you?',
    'Does he/she have a gun or can he/she get one easily?',
    'Has he/she ever tried to choke you?',
    'Is he/she violently or constantly jealous or does he/she control most of your daily activities?',
    'Have you left him/her or separated after living together or being married?',
    'Is he/she unemployed?',
    'Has he/she ever tried to kill himself/herself?',
    'Do you have a child that he/she knows is not his/hers?',
    'Does he/she follow or spy on you or leave threatening messages?',
  ].map(question),
});

/** The SafeLives Dash risk checklist (Domestic Abuse, Stalking and Harassment and Honour-Based Violence), 24 questions. */
export const DASH_V1: InstrumentDefinition = registered({
  id: 'dash',
  version: 1,
  title: 'SafeLives Dash risk checklist (24 questions)',
  source:
    'SafeLives (Dash 2009). SafeLives asks that the model is not changed; "(…)" stands for the name of the person causing harm. Wording as published on the checklist; a site whose current form differs registers it as a new version.',
  wording: 'verbatim',
  questions: [
    'Has the current incident resulted in injury?',
    'Are you very frightened?',
    'What are you afraid of? Is it further injury or violence?',
    'Do you feel isolated from family/friends i.e. does (…) try to stop you from seeing friends/family/doctor or others?',
    'Are you feeling depressed or having suicidal thoughts?',
    'Have you separated or tried to separate from (…) within the past year?',
    'Is there conflict over child contact?',
    'Does (…) constantly text, call, contact, follow, stalk or harass you?',
    'Are you pregnant or have you recently had a baby (within the last 18 months)?',
    'Is the abuse happening more often?',
    'Is the abuse getting worse?',
    'Does (…) try to control everything you do and/or are they excessively jealous?',
    'Has (…) ever used weapons or objects to hurt you?',
    'Has (…) ever threatened to kill you or someone else and you believed them?',
    'Has (…) ever attempted to strangle/choke/suffocate/drown you?',
    'Does (…) do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?',
    'Is there any other person who has threatened you or who you are afraid of?',
    'Do you know if (…) has hurt anyone else?',
    'Has (…) ever mistreated an animal or the family pet?',
    'Are there any financial issues? For example, are you dependent on (…) for money/have they recently lost their job/other financial issues?',
    'Has (…) had problems in the past year with drugs (prescription or other), alcohol or mental health leading to problems in leading a normal life?',
    'Has (…) ever threatened or attempted suicide?',
    'Has (…) ever broken bail/an injunction and/or formal agreement for when they can see you and/or the children?',
    'Do you know if (…) has ever been in trouble with the police or has a criminal history?',
  ].map(question),
});

/**
 * Campbell's Danger Assessment, 20 items. The item wording belongs to its author and is given to
 * assessors with the form; only each item's topic is kept here (decision 0096). The answers and
 * the raw count are stored; a weighted level needs a configured table (certified assessors).
 */
export const DANGER_ASSESSMENT_V1: InstrumentDefinition = registered({
  id: 'danger_assessment',
  version: 1,
  title: 'Danger Assessment (J. Campbell), 20 items',
  source:
    'Jacquelyn C. Campbell, Johns Hopkins University School of Nursing (dangerassessment.org). Ask each item in the words of the licensed form; the weighted scoring and its levels are taught in the certification training and are supplied as a configured table.',
  wording: 'topics',
  questions: [
    'Physical violence increased in severity or frequency over the past year',
    'The person causing harm owns a gun',
    'You left after living together during the past year',
    'The person causing harm is unemployed',
    'A weapon was used against you or you were threatened with a lethal weapon',
    'Threats to kill you',
    'The person causing harm avoided being arrested for domestic violence',
    'You have a child that is not theirs',
    'Forced sex',
    'Choking or strangulation',
    'The person causing harm uses illegal drugs',
    'The person causing harm is an alcoholic or problem drinker',
    'Control of most or all of your daily activities',
    'Violent and constant jealousy',
    'Beaten while pregnant',
    'The person causing harm threatened or tried to commit suicide',
    'Threats to harm your children',
    'You believe they are capable of killing you',
    'Following or spying, threatening notes or messages, destroying property, calling when you do not want them to',
    'You threatened or tried to commit suicide',
  ].map(question),
});

/** Every registered version of every instrument. Append a new version; never edit a listed one. */
export const INSTRUMENTS: readonly InstrumentDefinition[] = Object.freeze([LAP_V1, DASH_V1, DANGER_ASSESSMENT_V1]);

/** The newest registered version of an instrument. */
export function currentInstrument(id: InstrumentId): InstrumentDefinition {
  const versions = INSTRUMENTS.filter((each) => each.id === id);
  const newest = versions.reduce<InstrumentDefinition | undefined>((best, each) => (best === undefined || each.version > best.version ? each : best), undefined);
  if (newest === undefined) throw new Error(`no registered instrument ${id}`);
  return newest;
}

/** A registered version, or undefined. */
export function findInstrument(id: InstrumentId, version: number): InstrumentDefinition | undefined {
  return INSTRUMENTS.find((each) => each.id === id && each.version === version);
}
