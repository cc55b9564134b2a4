/**
 * The i18n layer: every UI string comes from here. Messages live in `messages/nl.json` (default) and
 * `messages/en.json` and are compiled by Paraglide into typed functions (`m.board_list_title()`), so a
 * missing or misspelt key is a type error. Step titles and guiding questions are data from @koers/board.
 */
export { m } from './paraglide/messages';
export { getLocale, setLocale, locales, type Locale } from './paraglide/runtime';
