/**
 * The steps of the "Stappenplan opbrengst- en trendanalyse" (steps 1–11) and "Handelen op basis van de
 * analyse" (1–4), with the seed's Dutch titles and guiding questions. Static catalogue: it is not stored
 * in the board document, so a wording fix reaches every board at once.
 */

export type StepId =
  | 's1'
  | 's2'
  | 's3'
  | 's4'
  | 's5'
  | 's6'
  | 's7'
  | 's8'
  | 's9'
  | 's10a'
  | 's10b'
  | 's10c'
  | 's11'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4';

export type StepPhase = 'analyse' | 'handelen';

/** A guiding question; `sub` holds the seed's indented sub-points (o Op schoolniveau …). */
export interface GuidingQuestion {
  text: string;
  sub?: readonly string[];
}

export interface StepDefinition {
  id: StepId;
  phase: StepPhase;
  /** As the seed numbers it: "1" … "10a" … "11", and "1" … "4" within Handelen. */
  number: string;
  title: string;
  /** A short title for the step rail. */
  shortTitle: string;
  /** An explanatory line under the title, when the seed has one. */
  subtitle?: string;
  questions: readonly GuidingQuestion[];
  /** Emphasised remarks of the seed ("Feiten, geen interpretatie."). */
  notes?: readonly string[];
  /** Kwaliteitskaart stepping stones this step carries out. */
  kwaliteitskaart: readonly number[];
}

const q = (text: string, sub?: readonly string[]): GuidingQuestion => (sub ? { text, sub } : { text });

export const STAPPENPLAN: readonly StepDefinition[] = [
  {
    id: 's1',
    phase: 'analyse',
    number: '1',
    title: 'Wat willen we weten en waarom?',
    shortTitle: 'Analysevraag',
    questions: [
      q('Wat is de analysevraag?'),
      q('Voor welke beslissing is deze analyse nodig?'),
      q('Wat willen we uiteindelijk begrijpen, verbeteren of borgen?'),
    ],
    kwaliteitskaart: [],
  },
  {
    id: 's2',
    phase: 'analyse',
    number: '2',
    title: 'Welke doelen en normen hebben we vooraf gesteld?',
    shortTitle: 'Doelen en normen',
    questions: [
      q('Welke doelen hebben we? Welke norm hanteren we?'),
      q('Zijn deze doelen en normen helder, gedeeld en ambitieus?'),
      q('Zijn minimum-, streef- en ambitienormen vastgesteld?'),
      q('Passen doelen en normen bij de populatie en de gewenste opbrengst?'),
    ],
    kwaliteitskaart: [1],
  },
  {
    id: 's3',
    phase: 'analyse',
    number: '3',
    title: 'Check de technische betrouwbaarheid van de toetsgegevens',
    shortTitle: 'Betrouwbaarheid',
    questions: [
      q('Zijn de toetsen valide voor populatie en context?'),
      q('Zijn de toetsen op de juiste wijze en volgens de instructies afgenomen?'),
      q('Zijn de gegevens op de juiste wijze ingevoerd? Is de invoer compleet?'),
      q('Waren er omstandigheden die de afname hebben beïnvloed en de resultaten kunnen vertekenen?'),
    ],
    kwaliteitskaart: [],
  },
  {
    id: 's4',
    phase: 'analyse',
    number: '4',
    title: 'Breng de resultaten in beeld en relateer ze aan de doelen en normen',
    shortTitle: 'Resultaten en normen',
    subtitle: 'Dit kan op school-, bouw-, groeps- en subgroepniveau.',
    questions: [
      q('Voldoen we aan de minimumnorm? Waar wel en waar niet?'),
      q('Voldoen we aan de streefnorm? Waar wel en waar niet?'),
      q('Voldoen we aan de ambitienorm? Waar wel en waar niet?'),
      q('Welke afwijkingen, verschuivingen of opvallende patronen zien we?'),
    ],
    notes: ['Feiten, geen interpretatie.'],
    kwaliteitskaart: [2, 3],
  },
  {
    id: 's5',
    phase: 'analyse',
    number: '5',
    title: 'Breng de trend in beeld',
    shortTitle: 'Trend',
    questions: [
      q('Als we de resultaten vergelijken met eerdere afnames, welk beeld ontstaat dan?', [
        'Op schoolniveau',
        'Op groepsniveau',
        'Op subgroepniveau',
      ]),
      q('Zien we een trend als we vergelijken met voorgaande cohorten?'),
      q('Welke trend zien we op de verschillende domeinen?'),
      q('Past de trend bij de gewenste ontwikkeling?'),
    ],
    kwaliteitskaart: [2, 3],
  },
  {
    id: 's6',
    phase: 'analyse',
    number: '6',
    title: 'Patronen in de toetsdata',
    shortTitle: 'Patronen',
    questions: [
      q('Zien we opvallendheden bij specifieke domeinen, doelen of opgavenclusters?'),
      q('Wat zien we bij specifieke subgroepen? (NT2, ondersteuningsgroep, plusgroep, specifieke profielen)'),
      q('Wat zien we als we vergelijken met parallelgroepen of eerdere groepen?'),
    ],
    kwaliteitskaart: [3],
  },
  {
    id: 's7',
    phase: 'analyse',
    number: '7',
    title: 'Trianguleren: welke andere bronnen hebben we? Wat weten we over het proces?',
    shortTitle: 'Trianguleren',
    questions: [
      q('Welk beeld zien we in andere (bijv. methodegebonden) toetsen?'),
      q(
        'Wat weten we vanuit observaties (instructiebehoefte, taakaanpak, betrokkenheid, strategieën, zelfsturing)?',
      ),
      q('Wat zien we in het leerlingwerk (denksporen, foutenpatronen)?'),
      q('Wat weten we over welbevinden, gedrag, aanwezigheid e.d.?'),
      q('Wat weten we over het aanbod en de instructie? (BOP, LEF, uitvoering etc.)'),
      q('Zien we hierin verschillen tussen subgroepen?'),
      q('Wat zeggen leerkrachten hierover?'),
      q('Wat zeggen leerlingen hierover?'),
      q('Hebben we nog andere relevante data of bronnen?'),
    ],
    notes: ['Kernvraag: Vertellen al deze bronnen hetzelfde verhaal?'],
    kwaliteitskaart: [3],
  },
  {
    id: 's8',
    phase: 'analyse',
    number: '8',
    title: 'Breng de procesinformatie overzichtelijk in kaart',
    shortTitle: 'Procesinformatie (+/–/?)',
    questions: [
      q(
        "Gebruik het document 'hulpvragen bij school- en groepsanalyse'. Zet een + achter de factoren die een positieve rol hebben gespeeld. Zet een – achter factoren die in negatieve zin hebben meegespeeld. Zet een ? als je het niet weet. (Neutrale factoren blijven blanco.)",
      ),
      q('Wat valt op?'),
      q('Wat vraagt nog nader onderzoek?'),
    ],
    kwaliteitskaart: [4],
  },
  {
    id: 's9',
    phase: 'analyse',
    number: '9',
    title: 'Onderzoek mogelijke oorzaken (positief én negatief)',
    shortTitle: 'Oorzaken',
    questions: [
      q('Wat heeft waarschijnlijk bijgedragen aan positieve resultaten?'),
      q('Wat heeft waarschijnlijk niet bijgedragen aan de resultaten of wat heeft mogelijk ontbroken?'),
      q('Welke alternatieve verklaringen bestaan er?'),
      q('Wat ondersteunt de kernverklaring?'),
      q('Wat ontkracht deze verklaring?'),
      q('Is er bewijs uit meerdere bronnen?'),
      q('Wordt deze verklaring door anderen herkend?'),
      q('Zijn er alternatieven? Is er een waarschijnlijker alternatief?'),
      q('Wat denken we dat de kernoorzaak is van positieve resultaten?'),
      q('Wat denken we dat de kernoorzaak is van tegenvallende resultaten?'),
      q('Is de verklaring concreet genoeg om naar te handelen?'),
    ],
    notes: [
      'Focus hierbij op oorzaken waarop je als school / als leerkracht invloed hebt. Benut bij het zoeken naar oorzaken ook relevante kennisbronnen.',
      "Voorkom tunnelvisie en aannames. Formuleer meerdere mogelijkheden. Vraag jezelf steeds af: 'Denken we dit of weten we dit?' en 'Wat maakt het waarschijnlijk?'",
      'De conclusie kan ook zijn dat we onvoldoende weten en dat aanvullend onderzoek nodig is.',
    ],
    kwaliteitskaart: [4],
  },
  {
    id: 's10a',
    phase: 'analyse',
    number: '10a',
    title: 'Trek conclusies over de resultaten',
    shortTitle: 'Conclusies: resultaten',
    questions: [
      q('Liggen de resultaten op het verwachte niveau?'),
      q('Wat gaat goed?'),
      q('Wat gaat niet goed? Zijn er zorgsignalen? Waar en welke?'),
    ],
    kwaliteitskaart: [3],
  },
  {
    id: 's10b',
    phase: 'analyse',
    number: '10b',
    title: 'Trek conclusies over wat goed gaat (waarderend concluderen)',
    shortTitle: 'Waarderend concluderen',
    questions: [
      q('Wat heeft gewerkt (in de school, de bouw, de groep, subgroepen)?'),
      q('Welke routines, structuren en werkwijzen waren daarbij behulpzaam?'),
      q('Welke teamsamenwerking, scholing, ondersteuning etc. heeft hierin bijgedragen?'),
      q('Wat leren we hiervan?'),
      q('Wat moeten we dus continueren, versterken/uitbreiden en/of borgen?'),
    ],
    kwaliteitskaart: [],
  },
  {
    id: 's10c',
    phase: 'analyse',
    number: '10c',
    title: 'Trek conclusies over wat nog beter kan (ontwikkelend concluderen)',
    shortTitle: 'Ontwikkelend concluderen',
    questions: [
      q('Wat heeft niet gewerkt (in de school, de bouw, de groep, subgroepen)?'),
      q('Wat leren we hiervan?'),
      q('Hoe is dit op te lossen?'),
      q('Welke routines, structuren en werkwijzen hebben we daarbij nodig?'),
      q('Welke teamsamenwerking, scholing, ondersteuning etc. hebben we daarbij nodig?'),
      q('Wat gaan we dan concreet inzetten? Wat doen we op de korte termijn en wat kan wachten?'),
    ],
    kwaliteitskaart: [5, 6],
  },
  {
    id: 's11',
    phase: 'analyse',
    number: '11',
    title: 'Zet de analyse overzichtelijk op papier',
    shortTitle: 'Samenvatting',
    subtitle: 'Samenvatting van de voorgaande stappen.',
    questions: [
      q('Welke data en bronnen hebben we gebruikt?'),
      q('Waar staan we nu t.o.v. doelen en normen?'),
      q('Welke trends zien we?'),
      q('Wat zijn de meest waarschijnlijke oorzaken voor positieve resultaten?'),
      q('Wat zijn de meest waarschijnlijke oorzaken voor tegenvallende resultaten?'),
      q('Wat weten we nog niet en vraagt om aanvullend onderzoek?'),
      q('Welke zorgsignalen zien we?'),
      q('Wat hebben we te doen:', [
        'Welke acties/interventies gaan we uitvoeren op de korte termijn (komende vier tot zes weken) en middellange termijn (komende halfjaar)?',
        'Welke acties/interventies nemen we mee naar volgend jaar?',
        'Welke acties/interventies nemen we mee richting een nieuw schoolplan?',
      ]),
      q('Welke nieuwe doelen stellen we?'),
    ],
    kwaliteitskaart: [],
  },
  {
    id: 'h1',
    phase: 'handelen',
    number: '1',
    title: 'Maak de acties concreet',
    shortTitle: 'Acties concreet',
    questions: [
      q('Verzamel de geformuleerde acties/interventies'),
      q(
        'Welk doel beogen we met deze actie/interventie? Wanneer zijn we tevreden? Hoe weten we dat? (Formuleer het SMARTI)',
      ),
      q('Wie heeft hierin wat te doen? Bij wie ligt het eigenaarschap?'),
      q('Welke acties zijn haalbaar binnen 4–6 weken?'),
      q('Welke acties zijn haalbaar binnen drie maanden?'),
      q('Wat vraagt dit van de samenwerking? Wat is er verder nodig?'),
      q('Hoe borgen we gemaakte afspraken? Hoe monitoren we de voortgang?'),
      q('Is dit haalbaar?'),
    ],
    kwaliteitskaart: [5, 6],
  },
  {
    id: 'h2',
    phase: 'handelen',
    number: '2',
    title: 'Koppel teamleren en professionalisering aan de benodigde acties en interventies',
    shortTitle: 'Teamleren',
    questions: [
      q('Welke kennis, vaardigheden of routines heeft het team nodig?'),
      q('Zijn dit individuele of teamontwikkelbehoeften?'),
      q('Hoe organiseren we teamleren (coaching, intervisie, lesbezoeken, PLG’s)?'),
      q('Welke cursussen, opleidingen, coaching is er op individueel niveau nodig?'),
      q('Waar moet het leiderschap ondersteuning bieden?'),
      q(
        'Welk doel hebben we met bovenstaande? Wanneer zijn we tevreden? Hoe weten we of we daar zijn? (Formuleer het SMARTI)',
      ),
    ],
    kwaliteitskaart: [6],
  },
  {
    id: 'h3',
    phase: 'handelen',
    number: '3',
    title: 'Maak een plan voor het proces en de monitoring',
    shortTitle: 'Proces en monitoring',
    questions: [
      q('Welke doelen hebben we?'),
      q('Welke acties/interventies zetten we in? Wat vraagt dit nog meer?'),
      q('Wanneer zijn we tevreden (succescriteria)? Hoe meten we dat? Hoe weten we dat?'),
      q(
        'Wat willen we bereiken op de korte termijn (4–6 weken)? En op de middellange termijn (5–6 maanden)? En over een jaar?',
      ),
      q('Wie doet wat? Waar ligt het eigenaarschap voor de uitvoering?'),
      q('Wie monitort wat, wanneer en hoe? Waar ligt het eigenaarschap voor de monitoring?'),
      q(
        'Waar, wanneer en met wie brengen we dit samen? Hoe koppelen we informatie en conclusies terug naar het team? Wat is belangrijk voor onze toezichthouders?',
      ),
      q('Wat doen we als acties geen effect hebben? Wanneer moeten we bijsturen of stoppen?'),
    ],
    kwaliteitskaart: [7, 8],
  },
  {
    id: 'h4',
    phase: 'handelen',
    number: '4',
    title: 'Het borgen van opgedane inzichten (de kwaliteitscyclus)',
    shortTitle: 'Borgen',
    questions: [
      q('Hoe verwerken we deze inzichten in beleid, leerlijnen, methodiek, afspraken en cultuur?'),
      q('Hoe zorgen we dat sterke punten behouden blijven?'),
      q('Wie doet wat?'),
      q('Hoe maken we dit structureel?'),
    ],
    kwaliteitskaart: [8],
  },
];

export const STEP_IDS: readonly StepId[] = STAPPENPLAN.map((step) => step.id);

/** The step definition for an id; throws on an unknown id (a programming error, not user input). */
export function stepDefinition(id: StepId): StepDefinition {
  const step = STAPPENPLAN.find((s) => s.id === id);
  if (!step) throw new Error(`Unknown step id: ${id}`);
  return step;
}

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}

/** "Stap 4", "Stap 10a", "Handelen 2": how the UI and reports name a step. */
export function stepLabel(step: StepDefinition): string {
  return step.phase === 'analyse' ? `Stap ${step.number}` : `Handelen ${step.number}`;
}
