/**
 * The Kwaliteitskaart for results-oriented school leadership: 8 stepping stones with their checklists, the 20
 * candidate explanations (stone 4), the support options for teachers (stone 6) and the lesson-observation
 * points (stone 7). Wording from the seed, with the PDF's split words repaired.
 */

export interface SteppingStone {
  number: number;
  title: string;
  /** The seed's lead-in ("Zorg ervoor dat..."). */
  lead: string;
  points: readonly string[];
}

export const KWALITEITSKAART_INTRO =
  'Opbrengstgerichte schoolleiders kenmerken zich door een sterke gerichtheid op het verbeteren van de leerlingresultaten, van de instructie en van het leren van de leerlingen.';

/** Stone 4: the candidate explanations, the rows of the +/–/? factor grid. */
export const VERKLARINGEN: readonly string[] = [
  'De doelen zijn te laag',
  'De doelen zijn niet gehaald',
  'De methode is niet goed',
  'De methode heeft hiaten',
  'De leerstof uit de methode is niet tot het eind behandeld',
  'De handleiding is niet goed gevolgd',
  'Er is te weinig materiaal voor zorgleerlingen',
  'Er zijn te weinig effectieve weken',
  'Er is veel tijd verloren gegaan',
  'Er staat te weinig tijd op het rooster',
  'Leerlingen zijn te weinig taakgericht',
  'De groep heeft te veel zorgleerlingen',
  'Er is te weinig instructie gegeven',
  'Er is geen effectieve instructie gegeven',
  'Er is te weinig directe feedback',
  'Er is te weinig tijd voor directe inoefening',
  'Er is te weinig tijd voor automatiseren',
  'De principes van convergente differentiatie zijn niet toegepast',
  'Er heeft een wisseling van leraren plaatsgevonden',
  'Er is geen afstemming tussen duo-leraren',
];

/** Stone 6: support, coaching or professional development options for a teacher. */
export const ONDERSTEUNING: readonly string[] = [
  'Extra handen in de klas',
  'Coaching IB-er',
  'Intervisie collega’s',
  'Supervisie directeur',
  'Co-teaching',
  'Bij collega in een andere groep kijken',
  'Ondersteuning bij maken van groepsplan',
  'Scholing in vakgebied',
  'Scholing effectieve instructie',
  'Scholing differentiatie',
  'Hergroepering groep',
  'Inzet voor hulp voor individuele leerlingen',
  'Extra tijd buiten schooltijd',
];

/** Stone 7: points of attention for lesson observation and feedback. */
export const LESOBSERVATIE: readonly string[] = [
  'Begin de les met een terugblik',
  'Geef aan het begin van de les de doelen aan',
  'Werk in kleine stappen',
  'Oefen na iedere stap de stof in',
  'Leg duidelijk uit en doe voor',
  'Laat leerlingen actief oefenen',
  'Ga door vragen na of alle leerlingen het begrijpen',
  'Begeleid leerlingen bij het toepassen van het geleerde',
  'Geef systematisch feedback',
  'Differentieer convergent',
  'Gebruik veel tijd voor automatiseren',
  'Mors weinig tijd',
  'Controleer het werk van leerlingen',
];

export const KWALITEITSKAART: readonly SteppingStone[] = [
  {
    number: 1,
    title: 'Heldere doelen stellen voor taal/lezen en rekenen/wiskunde',
    lead: 'Zorg ervoor dat...',
    points: [
      'per groep de leerdoelen vastliggen in termen van beheersing van de leerstof.',
      'per groep de normen vastliggen voor te bereiken leerlingresultaten in termen van uitslagen op toetsen.',
      'voor zorgleerlingen de leerdoelen vastliggen in termen van beheersing van de leerstof.',
      'voor zorgleerlingen de normen vastliggen voor te bereiken leerlingresultaten in termen van uitslagen op toetsen.',
      'de doelen en normen ambitieus zijn.',
    ],
  },
  {
    number: 2,
    title: 'Resultaten in beeld',
    lead: 'Zorg ervoor dat...',
    points: [
      'van de resultaten van alle jaargroepen en alle toetsen een overzicht wordt gemaakt, waarbij de verschillen met de eigen normen in kaart worden gebracht.',
      'van alle toetsen op jaargroep trendanalyses worden gemaakt. Hiermee wordt de huidige groep vergeleken met groepen van hetzelfde leerjaar in voorafgaande jaren. Breng de verschillen met de normen in beeld.',
      'van alle toetsen op leerlingengroep trendanalyses worden gemaakt. Hiermee worden de resultaten van de leerlingengroep vergeleken met de resultaten van de groep in voorafgaande jaren en komt de leerwinst van de groep in beeld. Breng de verschillen met de normen in beeld.',
      'de leerwinst van zorgleerlingen in beeld komt in relatie tot de gestelde normen.',
    ],
  },
  {
    number: 3,
    title: 'Analyse van de resultaten',
    lead: 'Zorg ervoor dat...',
    points: [
      'aan de hand van het overzicht van resultaten wordt nagegaan in hoeverre de doelen zijn bereikt en de normen zijn gehaald.',
      'aan de hand van het overzicht van resultaten wordt nagegaan welke groepen goede resultaten hebben geboekt en van welke groepen de resultaten tegenvallen.',
      'aan de hand van het overzicht van resultaten wordt nagegaan of positieve of tegenvallende resultaten zich beperken tot één toets of dat deze breder liggen.',
      'aan de hand van de trendanalyses op jaargroep wordt nagegaan of de resultaten een positieve of een negatieve trend laten zien.',
      'aan de hand van de trendanalyses op leerlingengroep wordt nagegaan of sprake is van een incidentele vooruitgang of stagnatie of dat deze structureel is op basis van de ontwikkeling in voorafgaande jaren.',
      'aan de hand van de resultaten van zorgleerlingen wordt nagegaan wat het effect van interventies is in de diverse leerjaren.',
    ],
  },
  {
    number: 4,
    title: 'Zoeken van verklaringen',
    lead: 'Zorg ervoor dat aan de hand van de analyses wordt nagegaan waar mogelijke verklaringen zijn te vinden voor de leerlingresultaten.',
    points: VERKLARINGEN,
  },
  {
    number: 5,
    title: 'Plan maken voor de groep',
    lead: 'Zorg ervoor dat...',
    points: [
      'per groep de leerlingen met vergelijkbare instructiebehoeften worden geclusterd.',
      'per groep de doelen voor de komende periode concreet zijn geformuleerd.',
      'het groepsplan op- of bijgesteld wordt, rekening houdend met de uitkomsten van de bespreking over de leerlingresultaten.',
      'voor individuele leerlingen het handelingsplan op- of bijgesteld wordt.',
    ],
  },
  {
    number: 6,
    title: 'Plan maken voor de leraar/leraren',
    lead: 'Maak (zo nodig) met de leraar afspraken over ondersteuning, coaching of professionalisering.',
    points: ONDERSTEUNING,
  },
  {
    number: 7,
    title: 'Monitoren van verbeteringen',
    lead: 'Maak de leraar succesvol, volg het proces geregeld en geef de leraar gerichte feedback aan de hand van de volgende aandachtspunten.',
    points: LESOBSERVATIE,
  },
  {
    number: 8,
    title: 'Vaststellen effecten',
    lead: 'Volg het verbeterproces.',
    points: [
      'Stel tussentijds de effecten vast in groepen waarvoor dat nodig is op grond van de resultaten (met bijvoorbeeld de methodegebonden toetsen).',
      'Bespreek tussentijds in de teamvergadering de afgesproken interventies voor verbetering van de resultaten.',
      'Bespreek (zo nodig) met individuele leraren de verbeterstappen op groepsniveau.',
      'Stel aan het einde van de periode de effecten van de interventies vast aan de hand van toetsen.',
    ],
  },
];
