import {
  CONCLUSION_CATEGORIES,
  type Conclusion,
  type ConclusionCategory,
  type ConclusionKind,
} from '@koers/board';

/** One group of a step-10 list: a category of the step's kind (null: not categorised yet) and its cards. */
export interface ConclusionGroup {
  category: ConclusionCategory | null;
  items: Conclusion[];
}

/** The categories of a kind, in the seed's order. */
export function categoriesOf(kind: ConclusionKind): ConclusionCategory[] {
  return Object.keys(CONCLUSION_CATEGORIES[kind]) as ConclusionCategory[];
}

/**
 * The conclusions of one kind grouped by category, in the seed's order (every category, also an empty one,
 * so a card can be added to it); the uncategorised ones last, only when there are any. The lists keep the
 * records' order.
 */
export function conclusionGroups(
  conclusions: readonly Conclusion[],
  kind: ConclusionKind,
): ConclusionGroup[] {
  const own = conclusions.filter((c) => c.kind === kind);
  const groups: ConclusionGroup[] = categoriesOf(kind).map((category) => ({
    category,
    items: own.filter((c) => c.category === category),
  }));
  const loose = own.filter((c) => c.category === null || !categoriesOf(kind).includes(c.category));
  if (loose.length > 0) groups.push({ category: null, items: loose });
  return groups;
}
