import * as Y from 'yjs';
import { z } from 'zod';
import { recordMap } from './record-store';
import { RecordValidationError, type NestedMapSchema, type RecordDefinition } from './record-type';

/**
 * A multiple-choice field ("kies wat past": forms of team learning, support options, where an insight is
 * anchored) stored as a nested Y.Map choice → true, created together with the record. Each tick writes
 * only its own key, so two people ticking different options at once both keep theirs; an array in one key
 * would keep only the last writer's list.
 */

/** The stored shape: `{ choice: true }` for the ticked choices of `choices`. */
export function choiceSetSchema<const C extends readonly [string, ...string[]]>(choices: C, message: string) {
  return z.partialRecord(z.enum(choices, { error: message }), z.literal(true), { error: message }).optional();
}

/**
 * What the server's update guard allows in a choice set's nested map (a record definition's `nestedMaps`):
 * one of the choices → true. Without it the guard refuses every record that has a choice set.
 */
export function choiceSetNestedMap(choices: readonly [string, ...string[]]): NestedMapSchema {
  return { key: z.enum(choices), value: z.literal(true) };
}

/** The ticked choices in catalogue order. */
export function choicesOf<C extends string>(choices: readonly C[], stored: unknown): C[] {
  const set = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  return choices.filter((c) => set[c] === true);
}

/** Creates the record's empty choice maps: call from `createRecord`'s `init`. */
export function initChoiceSets(map: Y.Map<unknown>, fields: readonly string[]): void {
  for (const field of fields) map.set(field, new Y.Map<boolean>());
}

/**
 * Ticks (or unticks) one choice of a record's choice set. Returns false when the record is gone.
 *
 * @throws RecordValidationError (Dutch) when the choice is not one of the field's.
 */
export function setChoice(
  doc: Y.Doc,
  def: RecordDefinition,
  id: string,
  field: string,
  choices: readonly string[],
  choice: string,
  on: boolean,
): boolean {
  const map = recordMap(doc, id);
  if (!map || map.get('type') !== def.type) return false;
  if (!choices.includes(choice)) throw new RecordValidationError(`${def.label}: onbekende keuze.`, field);
  doc.transact(() => {
    let set = map.get(field);
    if (!(set instanceof Y.Map)) {
      // Only a record written without its map (not by its create accessor) gets here; creating it late may race.
      set = new Y.Map<boolean>();
      map.set(field, set);
    }
    const ticks = set as Y.Map<boolean>;
    if (on) ticks.set(choice, true);
    else if (ticks.has(choice)) ticks.delete(choice);
  });
  return true;
}
