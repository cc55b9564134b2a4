/**
 * The limits and choices the API enforces, defined once: the server validates with them and the web app
 * imports this module (`@koers/server/contract`) for its form fields. Constants only (and the board
 * layout's own title limit, which the sync server also enforces on `meta.title`), so the web bundle gets
 * these numbers and nothing else of the server.
 */

/** A board's title: 1 to 120 characters after trimming, in the REST routes and inside the document. */
export { TITLE_MAX_LENGTH as BOARD_TITLE_MAX_LENGTH } from '@koers/board';
/** A dataset's name (longer names are cut). */
export const DATASET_NAME_MAX_LENGTH = 200;
/** A person's display name when joining with an invite. */
export const PERSON_NAME_MAX_LENGTH = 100;
/** An e-mail address (RFC 5321). */
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const ROLES = ['leider', 'leerkracht'] as const;
export type Role = (typeof ROLES)[number];

export const PERSON_INVITE_DAYS = 7;
export const TEAM_LINK_DEFAULT_DAYS = 7;
export const TEAM_LINK_MAX_DAYS = 30;
export const TEAM_LINK_DEFAULT_USES = 40;
export const TEAM_LINK_MAX_USES = 200;

export const PROJECTOR_LINK_DEFAULT_HOURS = 12;
export const PROJECTOR_LINK_MAX_HOURS = 7 * 24;
