export {
  STAPPENPLAN,
  STEP_IDS,
  isStepId,
  stepDefinition,
  stepLabel,
  type GuidingQuestion,
  type StepDefinition,
  type StepId,
  type StepPhase,
} from './stappenplan';
export {
  KWALITEITSKAART,
  KWALITEITSKAART_INTRO,
  LESOBSERVATIE,
  ONDERSTEUNING,
  VERKLARINGEN,
  type SteppingStone,
} from './kwaliteitskaart';
export {
  TITLE_MAX_LENGTH,
  isKnownRootName,
  isStepDone,
  isValidMapEntry,
  metaMap,
  readMeta,
  readSchemaVersion,
  setStepDone,
  setTitle,
  stepDoneMap,
  rootKindOf,
  stepText,
  type BoardMeta,
  type RootKind,
} from './layout';
export {
  BOARD_SCHEMA_VERSION,
  MIGRATIONS,
  MIGRATION_ORIGIN,
  migrateBoard,
  type BoardMigration,
  type MigrationResult,
} from './migrations';
export { initBoard, type NewBoard } from './create-board';
export { appendBulletList, appendParagraphs, fragmentToPlainText } from './rich-text';
export { boardToJSON, type BoardJSON, type BoardStepJSON } from './to-json';
export { PRESENCE_COLORS, colorForName, type PresenceUser } from './presence';
