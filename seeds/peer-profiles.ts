import type { TPeerProfile } from '../contracts/efforts.ts';

/**
 * What the memo of 27 March 2023 says of each peer beyond its staff (leverance 2, the table of
 * Albertslund, Viborg and Høje-Taastrup): its functions by level, whom it draws in under and
 * over 18, what it counts, and the memo's remarks, in the memo's words. The table runs over
 * several pages; where a list's peer is read from its place on the page, the list is marked.
 */
const PLACED_BY_LAYOUT = (peer: string) =>
  `Notatets tabel er brudt over flere sider; at listen hører til ${peer}, er læst ud fra dens placering i tabellen.`;

export const PEER_PROFILES: Record<string, TPeerProfile> = {
  Albertslund: {
    functions: [
      {
        heading: 'Primær forebyggelse',
        items: [
          'Proaktiv koordinering og rådgivning: myndigheder, lokalmiljø og alment samfund',
          'Resiliens, kapacitetsopbygning, social kapital, byrum og viden',
          'Viden: ungeprofiler m.v.; teori, metode og praksis',
          'Kriminalpræventiv byplanlægning og byvandringer',
          'Netværk: lokalmøder og SSP-netværk, foreningsfora, sundhed og misbrug, SSP-samrådet, tværkommunale netværk',
          'Kapacitetsopbygning: læreplaner; undervisning, rådgivning og vejledning af lærere, klubmedarbejdere, politi m.v.; forældre og elever',
        ],
      },
      {
        heading: 'Sekundær forebyggelse',
        items: [
          'Operativ pædagogisk støtte til risikogrupper og individer: relationsarbejde, tillid og tryghed',
          'Identifikation af målgruppe; trygheds- og tillidsskabende aktivitet',
          'Kvalificere og sammenbinde eksisterende tilbud: klubber, skoler, boligsociale indsatser, foreninger, jobcenter, UU, ungdomsuddannelser, bibliotek, sundhed, beredskab',
        ],
      },
      {
        heading: 'Tertiær forebyggelse',
        items: [
          'Reaktiv koordinering og rådgivning om kriminalitets- og tilbagefaldstruede individer',
          'Enkeltsagsbehandling; attestation og udarbejdelse af sagsoplæg',
          'Undersøgelse og vurdering: forundersøgelse, klassificering, vurdering af det forebyggende perspektiv',
          'Inddragelse af familie og netværk: netværksmøde, netværkssamråd, kriminalpræventiv handleplan',
          'Anbefalinger: præventiv handleplan, risiko- og behovsanalyse',
          'Dokumentation: journaler, sager, opfølgninger',
        ],
      },
    ],
    partnersUnder18: ['Familieafsnit', 'Ungegruppen', 'Sagsbehandler', 'Politiet', 'Kriminalforsorgen'],
    partnersOver18: ['Voksenområdet', 'Jobcenter', 'Socialpsykiatri', 'Ungecenteret', 'Sagsbehandler', 'Politiet', 'Kriminalforsorgen'],
    data: [],
    remarks: ['Alle medarbejdere, hvis primære arbejdsopgave er kriminalitetsforebyggelse, er samlet i enheden.'],
    assumptions: { partners: PLACED_BY_LAYOUT('Albertslund') },
  },
  Viborg: {
    functions: [
      { heading: 'SSP', items: ['SSP-konsulenterne arbejder kriminalitetsforebyggende og trivselsskabende med fokus på sunde fællesskaber, inklusion og digital dannelse og mestring'] },
      { heading: 'Fritidsvejledning', items: ['Fritidsvejlederne arbejder for, at alle børn i kommunen har adgang til et aktivt fritidsliv'] },
      { heading: 'Integration og kultur', items: ['Støtter og rådgiver dagtilbud, skoler, familierådgivning og civilsamfund om børn, unge og familier med anden etnisk baggrund end dansk'] },
      { heading: 'Tidlig forebyggende indsats (0–6 år)', items: ['Sikrer, at forebyggelse og viden også tænkes ind i dagtilbud'] },
      { heading: 'Civilsamfund og frivillighed', items: ['Brobygning mellem civilsamfundets indsatser og Børn & Unge'] },
      { heading: 'Forebyggelsesnetværk', items: ['Centrale forebyggelsesnetværk etableres i skoleåret 23/24 for at styrke samarbejdet lokalt og støtte skolernes forebyggende arbejde'] },
      { heading: 'Retsplejelovens §115-møder', items: ['Tidlig identifikation af kriminalitetstruede børn og unge; vurdering af og handling på konkrete sager'] },
      { heading: 'Infohuset', items: ['Kriminalpræventivt samarbejdsforum med infohus-tovholdere fra politi og kommune om forebyggelse af kriminelle handlinger med ekstremistisk motiv'] },
      { heading: 'Tværgående projekter og tiltag', items: ['Forebyggelsesteamet indgår i og understøtter initiativer på tværs af kommunen'] },
    ],
    partnersUnder18: [],
    partnersOver18: [],
    data: [
      'Fritidsjobvejlederen er del af et treårigt forskningsprojekt og genererer data.',
      'Fritidsvejlederen fører statistik over, hvor mange der er aktive i foreningslivet, og hvor mange der modtager og tilbagebetaler fritidspas.',
    ],
    remarks: [
      'Politikerne i Viborg er ikke særligt "datadrevne". Der produceres ikke særligt meget data i SSP-regi; der er fx ingen ungeprofilundersøgelse.',
      'Generelt meget fokus på trivsel som kriminalitetsforebyggelse og tryghedsskabende indsatser.',
      'Alle SSP-relevante medarbejdere er samlet i ungdomsskolen.',
    ],
    assumptions: {},
  },
  'Høje-Taastrup': {
    functions: [
      {
        heading: 'Generel forebyggelse',
        items: [
          'Viden fra data, teori og samarbejdspartnere',
          'Netværk via boligsociale kontorer, foreninger, tværkommunale netværk og SSP-samrådet',
          'Kapacitetsopbygning: undervisning, rådgivning og vejledning af professionelle og forældre; læreplaner',
          'Tryghedsvandringer: borgermøder, virksomheder',
        ],
      },
      {
        heading: 'Målrettet forebyggelse',
        items: [
          'Opsøgende: møde de unge, forældre og samarbejdspartnere; hotspotindsatser m.m.',
          'Koordinerende: tovholder i fælles forebyggelse, distriktsmøder, pædagogisk rådgivning, kvalificere og sammenbinde de eksisterende tilbud til målgruppen',
          'Tilgængelig: tilstedeværelse i klubber, på skoler, i foreninger og til arrangementer',
        ],
      },
      {
        heading: 'Individorienteret forebyggelse',
        items: ['Forebyggelse ved foranstaltning', 'Sagskoordinering: SSP, §115-møder, antiekstremisme, bandeexit'],
      },
    ],
    partnersUnder18: ['BURC', 'PPR', 'Politiet', 'Kriminalforsorgen'],
    partnersOver18: ['BAC', 'SHC', 'Psykiatrien', 'Politiet', 'Kriminalforsorgen'],
    data: [],
    remarks: [
      'Alle medarbejdere, hvis primære arbejdsopgave er kriminalitetsforebyggelse, er samlet i teamet.',
      'Notatet kalder listerne over samarbejdspartnere "ekstern identifikation af målgruppe": hvem der peger de unge ud.',
    ],
    assumptions: { partners: PLACED_BY_LAYOUT('Høje-Taastrup') },
  },
};
