/** What a card in a {@link CardList} can do; handed to the card snippet. */
export interface CardControls {
  index: number;
  count: number;
  editing: boolean;
  readonly: boolean;
  fresh: boolean;
  edit(): void;
  /** Leave edit mode; focus goes back to the card. */
  stop(): void;
  move(offset: -1 | 1): void;
  /** Ask first (naming the linked cards), then delete. */
  remove(): void;
  /** Open the link picker for this card (when the list has one). */
  link?: () => void;
}
