import { textField } from './record-type';

/**
 * "Formuleer het SMARTI" (Handelen 1 and 2): the six questions an aim is checked against. Each answer is its
 * own field of the record, so two people filling in different letters at once both keep theirs.
 */
export const SMARTI_KEYS = [
  'specifiek',
  'meetbaar',
  'acceptabel',
  'realistisch',
  'tijdgebonden',
  'inspirerend',
] as const;

export type SmartiKey = (typeof SMARTI_KEYS)[number];

export const SMARTI_LABEL: Readonly<Record<SmartiKey, string>> = {
  specifiek: 'Specifiek',
  meetbaar: 'Meetbaar',
  acceptabel: 'Acceptabel',
  realistisch: 'Realistisch',
  tijdgebonden: 'Tijdgebonden',
  inspirerend: 'Inspirerend',
};

/** The six answer fields, for a record type's zod object. */
export const smartiFields = {
  specifiek: textField(1000),
  meetbaar: textField(1000),
  acceptabel: textField(1000),
  realistisch: textField(1000),
  tijdgebonden: textField(1000),
  inspirerend: textField(1000),
};

export type SmartiAnswers = Record<SmartiKey, string>;

export const EMPTY_SMARTI: SmartiAnswers = {
  specifiek: '',
  meetbaar: '',
  acceptabel: '',
  realistisch: '',
  tijdgebonden: '',
  inspirerend: '',
};
