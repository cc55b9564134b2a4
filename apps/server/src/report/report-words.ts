/** Words every format prints alike. */
export const REPORT_FOOTER =
  'Samenvatting van de analyse (stap 11), gemaakt met Koers. Zonder leerlingnamen; een groep van minder dan vijf leerlingen staat als n < 5.';

export const TEAM_TEXT_HEADING = 'Samenvatting van het team';
export const FLAG_PREFIX = 'Let op: ';
export const REPORT_SUBTITLE = 'Samenvatting van de analyse (stap 11)';
